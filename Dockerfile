# The policykg API (FastAPI) for docker-compose.yml; Neo4j runs in its own container.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY . /app
RUN pip install -c constraints.txt . && useradd --system --create-home policykg \
    && mkdir -p /var/lib/policykg && chown policykg /var/lib/policykg
USER policykg

EXPOSE 8000
CMD ["policykg", "serve", "--host", "0.0.0.0", "--port", "8000"]
