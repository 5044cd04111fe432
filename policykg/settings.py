"""Settings from the environment (pydantic-settings); one ``Settings`` object per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where data lives and which engine to talk to.

    ``POLICYKG_HOME`` holds the embedded store and extracted records;
    ``POLICYKG_ENGINE`` picks ``falkordb`` (embedded, the default when no
    ``NEO4J_URI`` is set) or ``neo4j``.
    """

    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    home: Path = Field(default_factory=lambda: Path(user_data_dir("policykg")), validation_alias="POLICYKG_HOME",
                       description="where the embedded store and extracted records live (default: the user data dir)")
    engine: Literal["falkordb", "neo4j"] | None = Field(default=None, validation_alias="POLICYKG_ENGINE",
                                                        description="`falkordb` (default without `NEO4J_URI`) or `neo4j`")
    neo4j_uri: str | None = Field(default=None, validation_alias="NEO4J_URI",
                                  description="a Neo4j server (e.g. `docker compose up`, `policykg neo4j start`, or Aura)")
    neo4j_user: str = Field(default="neo4j", validation_alias="NEO4J_USER", description="its user")
    neo4j_password: str = Field(default="policykg", validation_alias="NEO4J_PASSWORD", description="its password")
    neo4j_database: str | None = Field(default=None, validation_alias="NEO4J_DATABASE",
                                       description="its database (default: the server's default database)")
    graph_name: str = Field(default="policykg", validation_alias="POLICYKG_GRAPH",
                            description="the name of the graph in the embedded FalkorDB store")
    cypher_endpoint: bool = Field(default=False, validation_alias="POLICYKG_CYPHER_ENDPOINT",
                                  description="`true` enables read-only ad-hoc `POST /cypher`")
    cypher_timeout_ms: int = Field(default=5000, ge=1, validation_alias="POLICYKG_CYPHER_TIMEOUT_MS",
                                   description="milliseconds a `POST /cypher` statement may run")
    cypher_row_cap: int = Field(default=1000, ge=1, le=100_000, validation_alias="POLICYKG_CYPHER_ROW_CAP",
                                description="rows `POST /cypher` sends at most (`truncated` says when there were more)")
    # Ad-hoc statements running at once; one more is answered 429 at once rather than queued.
    cypher_concurrency: int = Field(default=2, ge=1, validation_alias="POLICYKG_CYPHER_CONCURRENCY",
                                    description="`POST /cypher` statements running at once; one more gets 429")
    # How long GET /status serves the node and relationship counts it computed (counting is a scan).
    status_cache_s: float = Field(default=30.0, ge=0, validation_alias="POLICYKG_STATUS_CACHE_S",
                                  description="seconds `GET /status` serves the counts it computed")
    cors_origins: list[str] = Field(default_factory=list, validation_alias="POLICYKG_CORS_ORIGINS",
                                    description="origins CORS allows, as a JSON list (default: none, CORS off)")
    # How long the API remembers a resolved name (广东 -> 广东省); 0 asks the graph every time.
    name_cache_s: float = Field(default=30.0, ge=0, validation_alias="POLICYKG_NAME_CACHE_S", description=(
        "seconds the API remembers a resolved name (`广东` -> `广东省`); `0` resolves every time. A name not "
        "found is always asked again; a name removed by `policykg reset` elsewhere may resolve for up to this long"))
    # Read by ``policykg neo4j start`` and the tests' Neo4j (graph/neo4j_server.py find_launcher).
    neo4j_launcher: Path | None = Field(default=None, validation_alias="POLICYKG_NEO4J_LAUNCHER", description=(
        "the Neo4j launcher jar `policykg neo4j start` runs (default: `tools/neo4j/target/` of a source checkout, "
        "built by `tools/neo4j/build.sh`)"))

    @property
    def resolved_engine(self) -> Literal["falkordb", "neo4j"]:
        if self.engine:
            return self.engine
        return "neo4j" if self.neo4j_uri else "falkordb"

    @property
    def records_dir(self) -> Path:
        return self.home / "records"

    @property
    def falkordb_dir(self) -> Path:
        return self.home / "falkordb"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
