"""The API behind a real HTTP server (issue 7): oversized parameters over the wire, on both engines.

``test_security.py`` checks oversized parameters through FastAPI's TestClient, which never
parses an HTTP request. Here ``policykg serve`` runs as a subprocess on 127.0.0.1 over the seed
graph; long requests are sent in TCP-segment-sized pieces, as they arrive over a network:

- a normal request answers with rows;
- an oversized parameter that still fits in a URL is refused with 422 naming the parameter;
- a URL over the API's 16 KiB limit (5 000 Chinese characters of search text, a 100 KB URL, a
  31 KB path) is refused with 414 and a JSON reason. Before, uvicorn's h11 parser answered
  any request head over 16 KiB that arrived in pieces with a plain-text
  "400 Invalid HTTP request received." and reset the connection;
- a request head too big even for the HTTP layer (over 1 MiB) is refused or cut off, never a 5xx;
- the server keeps answering afterwards, the store is unchanged, and SIGTERM stops it cleanly.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from commands import POLICYKG

from policykg.api.url_limit import MAX_URL_BYTES, SERVER_MAX_HEAD_BYTES
from policykg.graph.store import GraphStore

SERVE = [*POLICYKG, "serve"]
START_TIMEOUT_S = 120.0
SEGMENT_BYTES = 1460  # a TCP segment on an Ethernet path
SEGMENT_PAUSE_S = 0.0005
STOP_TIMEOUT_S = 30.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture()
def server(seed_store: GraphStore, engine_env: dict[str, str]) -> Iterator[str]:
    """``policykg serve`` over the seed graph of the test engine; its base URL. Stopped with SIGTERM."""
    port = _free_port()
    process = subprocess.Popen([*SERVE, "--host", "127.0.0.1", "--port", str(port)],
                               env={**os.environ, **engine_env}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(base, process)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
            pytest.fail(f"policykg serve did not stop within {STOP_TIMEOUT_S} s of SIGTERM:\n{output}")
    # uvicorn shuts down gracefully, then re-raises SIGTERM, which the CLI turns into exit status
    # 128 + SIGTERM after closing the store: a clean stop ends with that status (or 0).
    assert process.returncode in (0, 128 + signal.SIGTERM), (process.returncode, output)
    assert "Traceback" not in output, output


def _wait_for_health(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"policykg serve exited early: {process.stdout.read() if process.stdout else ''}")
        try:
            if httpx.get(f"{base}/ready", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"policykg serve did not answer /ready within {START_TIMEOUT_S} s")


def _green_agencies(http: httpx.Client) -> list[dict]:
    response = http.get(f"/topics/{quote('绿色')}/agencies")
    assert response.status_code == 200, response.text[:300]
    return response.json()["items"]


def _get_over_the_wire(base: str, target: str) -> tuple[int, str, str]:
    """GET ``target`` sent as a request crossing a network arrives: in TCP-segment-sized pieces.

    On loopback one ``sendall`` reaches the server in a single read, and h11 never sees a
    partial request head, so its head-size limit would never apply; a real client's URL
    arrives in segments. (httpx also refuses to send a URL over 64 KiB.) Status, content
    type, body; OSError when the server closes the connection first.
    """
    host, port = base.removeprefix("http://").split(":")
    request = f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("ascii")
    with socket.create_connection((host, int(port)), timeout=60) as connection:
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for start in range(0, len(request), SEGMENT_BYTES):
            connection.sendall(request[start:start + SEGMENT_BYTES])
            time.sleep(SEGMENT_PAUSE_S)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    content_type = next((value for name, value in headers.items() if name.lower() == "content-type"), "")
    return int(lines[0].split()[1]), content_type, body.decode("utf-8", "replace")


def _assert_refused(response: httpx.Response | tuple[int, str, str], status: int) -> dict:
    """A refusal with ``status`` and a JSON body whose ``detail`` says why."""
    if isinstance(response, httpx.Response):
        response = response.status_code, response.headers.get("content-type", ""), response.text
    code, content_type, text = response
    assert code == status, (code, text[:300])
    assert content_type.startswith("application/json"), content_type
    body = json.loads(text)
    assert body["detail"], body
    return body


def test_a_normal_request_answers_with_rows(server: str) -> None:
    with httpx.Client(base_url=server, timeout=60) as http:
        agencies = _green_agencies(http)
        assert agencies and all(row["agency"] for row in agencies), agencies[:3]
        hits = http.get("/search", params={"q": "纺织"})
        assert hits.status_code == 200 and hits.json()["items"], hits.text[:300]


def test_oversized_parameters_are_refused_with_a_clear_json_answer(server: str, seed_store: GraphStore) -> None:
    counts = seed_store.counts()
    with httpx.Client(base_url=server, timeout=60) as http:
        agencies = _green_agencies(http)

        # Fits in a URL (5 KB): the parameter's own limit answers, 422 naming the parameter.
        body = _assert_refused(http.get("/search", params={"q": "x" * 5_000}), 422)
        assert [error["loc"] for error in body["detail"]] == [["query", "q"]], body

        # 5 000 Chinese characters are 45 KB percent-encoded; 100 KB of URL; a 31 KB path segment.
        for target in ("/search?q=" + quote("长" * 5_000), "/search?q=" + "x" * 100_000,
                       "/agencies/" + quote("厅" * 3_500)):
            assert len(target) > MAX_URL_BYTES
            assert "URL too long" in _assert_refused(_get_over_the_wire(server, target), 414)["detail"]

        # Just under the limit the request is read and its parameter refused as usual.
        near = "/search?q=" + "x" * (MAX_URL_BYTES - 200)
        _assert_refused(_get_over_the_wire(server, near), 422)

        # The server keeps answering, with the same rows.
        assert http.get("/health").status_code == 200
        assert _green_agencies(http) == agencies
    assert seed_store.counts() == counts


def test_a_request_head_too_big_for_the_http_layer_is_cut_off_not_a_server_error(
        server: str, seed_store: GraphStore) -> None:
    counts = seed_store.counts()
    try:
        status, _, text = _get_over_the_wire(server, "/search?q=" + "x" * (2 * SERVER_MAX_HEAD_BYTES))
    except OSError:  # the server closed the connection while the client was still sending
        pass
    else:
        assert 400 <= status < 500, (status, text[:300])
    with httpx.Client(base_url=server, timeout=60) as http:
        assert _green_agencies(http)
    assert seed_store.counts() == counts
