"""The HTTP API and the query CLI (issue 4), through FastAPI's TestClient on the seed graph of both engines."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from commands import POLICYKG
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from policykg.api.app import create_app
from policykg.cli import app as cli_app
from policykg.graph.store import GraphStore
from policykg.library import ingest_bundled_corpus_if_empty
from policykg.settings import Settings, get_settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GREEN_WORDS = ("绿色", "印染")


@pytest.fixture()
def client(seed_store: GraphStore, engine_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(store=seed_store, settings=engine_settings)) as test_client:
        yield test_client


def _all_items(client: TestClient, url: str, page_size: int = 7) -> list[dict]:
    """Every item of a paginated endpoint, fetched page by page."""
    items: list[dict] = []
    offset = 0
    while True:
        sep = "&" if "?" in url else "?"
        response = client.get(f"{url}{sep}limit={page_size}&offset={offset}")
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["count"] == len(body["items"]) <= page_size
        items += body["items"]
        if not body["has_more"]:
            return items
        offset += page_size


def _gold_green_leads() -> dict[str, dict[str, int]]:
    """Per province, how many green_dyeing measures the hand-checked records name each agency the lead of."""
    gold = SHARED / "eval" / "gold"
    if not gold.is_dir():
        pytest.fail(f"shared material not found at {SHARED} (CI lays ../shared beside the clone)")
    leads: dict[str, dict[str, int]] = {}
    for path in sorted(gold.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        for measure in record["measures"]:
            if "green_dyeing" in measure["topics"]:
                for agency in measure["lead"]:
                    by_agency = leads.setdefault(record["province"], {})
                    by_agency[agency] = by_agency.get(agency, 0) + 1
    return leads


# --- acceptance ---------------------------------------------------------------------------------


def test_green_dyeing_leads_of_guangdong_and_hunan_quote_their_sentences(client: TestClient) -> None:
    rows = {row["agency"]: row for row in _all_items(client, "/topics/green_dyeing/agencies")}
    gold = _gold_green_leads()
    for province in ("广东省", "湖南省"):
        main_lead = max(gold[province], key=lambda agency: (gold[province][agency], agency))
        assert main_lead in rows, f"{main_lead} leads {gold[province][main_lead]} green measures in the seed"
        named_in_gold = [rows[agency] for agency in gold[province] if agency in rows]
        for row in named_in_gold:
            assert row["province"] == province
            sentences = [ex["topic_evidence"] or "" for ex in row["examples"]]
            assert any(word in sentence for sentence in sentences for word in GREEN_WORDS), \
                f"{row['agency']}: no example sentence mentions 绿色 or 印染: {sentences}"
    by_label = {row["agency"] for row in _all_items(client, "/topics/" + quote("印染") + "/agencies")}
    assert by_label == set(rows)


def test_example_sentences_come_from_the_measure(client: TestClient) -> None:
    row = client.get("/topics/" + quote("绿色") + "/agencies", params={"limit": 1}).json()["items"][0]
    example = row["examples"][0]
    measure = client.get("/measures/" + quote(example["id"], safe="")).json()
    assert measure["id"] == example["id"]
    assert any(role["agency"] == row["agency"] and role["role"] == "lead" and role["evidence"] == example["role_evidence"]
               for role in measure["roles"])
    assert example["topic_evidence"] in {topic["evidence"] for topic in measure["topics"]}


def test_agency_abbreviation_resolves_within_the_given_province(client: TestClient) -> None:
    abbreviation = "/agencies/" + quote("省工信厅")
    guangdong = client.get(abbreviation, params={"province": "广东省"})
    hunan = client.get(abbreviation, params={"province": "湖南"})
    assert guangdong.status_code == hunan.status_code == 200
    assert guangdong.json()["agency"] == "广东省工业和信息化厅"
    assert hunan.json()["agency"] == "湖南省工业和信息化厅"
    profile = guangdong.json()
    assert profile["lead_count"] > 0 and profile["topics"] and profile["partners"]
    ambiguous = client.get(abbreviation)
    assert ambiguous.status_code == 422 and "province" in ambiguous.json()["detail"]


def test_cluster_cities_of_guangdong_include_dalang_knitwear_in_dongguan(client: TestClient) -> None:
    links = _all_items(client, "/clusters?province=" + quote("广东省"))
    assert ("大朗毛织", "东莞市") in {(link["cluster"], link["city"]) for link in links}
    one_page = client.get("/clusters", params={"province": "广东省", "limit": 500}).json()["items"]
    assert one_page == links


def test_cypher_endpoint_refuses_writes_and_leaves_the_store_unchanged(seed_store: GraphStore,
                                                                       engine_settings: Settings) -> None:
    settings = engine_settings.model_copy(update={"cypher_endpoint": True, "cypher_row_cap": 3})
    before = seed_store.counts()
    with TestClient(create_app(store=seed_store, settings=settings)) as client:
        for statement in ("CREATE (:Agency {name: '伪造厅'})",
                          "MATCH (m:Measure) DETACH DELETE m",
                          "MATCH (a:Agency) SET a.name = 'x' RETURN a.name"):
            response = client.post("/cypher", json={"query": statement})
            assert response.status_code == 400, response.text
            assert "refused" in response.json()["detail"]
        bad = client.post("/cypher", json={"query": "MATCH (m:Measure RETURN m"})
        assert bad.status_code == 400 and bad.json()["detail"].startswith("the engine refused the statement: ")
        assert "policykg_row_cap" not in bad.text and "errCtx" not in bad.text, bad.text  # no wrapper quoted
        read = client.post("/cypher", json={"query": "MATCH (m:Measure) RETURN m.id AS id ORDER BY id"})
        assert read.status_code == 200
        assert read.json()["row_count"] == 3 and read.json()["truncated"] is True
        assert read.json()["columns"] == ["id"]
    assert seed_store.counts() == before


def test_cypher_endpoint_is_off_by_default(client: TestClient) -> None:
    response = client.post("/cypher", json={"query": "MATCH (n) RETURN count(n)"})
    assert response.status_code == 403 and "POLICYKG_CYPHER_ENDPOINT" in response.json()["detail"]


# --- errors, pagination, health, docs -----------------------------------------------------------


def test_unknown_names_give_404_with_the_name(client: TestClient) -> None:
    for url, name in (("/agencies/" + quote("省航天局") + "?province=" + quote("广东省"), "省航天局"),
                      ("/cities/" + quote("拉萨"), "拉萨"),
                      ("/measures/" + quote("000_nope#1", safe=""), "000_nope#1"),
                      ("/topics/" + quote("航天发射") + "/agencies", "航天发射"),
                      ("/provinces/compare?a=" + quote("广东") + "&b=" + quote("西藏"), "西藏"),
                      ("/queries/no_such_query", "no_such_query")):
        response = client.get(url)
        assert response.status_code == 404, url
        assert name in response.json()["detail"]


def test_bad_parameters_give_422(client: TestClient) -> None:
    for url in ("/topics/green_dyeing/agencies?limit=0", "/topics/green_dyeing/agencies?limit=501",
                "/topics/green_dyeing/agencies?role=boss", "/targets?year=abc", "/clusters?offset=-1",
                "/search", "/queries/agencies?bogus=1",
                "/search?q=" + quote("印\x00染")):
        assert client.get(url).status_code == 422, url


def test_pages_do_not_overlap_and_say_when_more_follow(client: TestClient) -> None:
    first = client.get("/targets", params={"limit": 4}).json()
    second = client.get("/targets", params={"limit": 4, "offset": 4}).json()
    assert first["has_more"] is True and first["count"] == 4
    assert not {t["id"] for t in first["items"]} & {t["id"] for t in second["items"]}
    everything = client.get("/targets", params={"limit": 500}).json()
    assert everything["has_more"] is False
    assert [t["id"] for t in everything["items"][:8]] == [t["id"] for t in first["items"] + second["items"]]


def test_each_catalogue_answer_has_its_endpoint(client: TestClient) -> None:
    city = client.get("/cities/" + quote("东莞")).json()
    assert city["city"] == "东莞市" and "大朗毛织" in city["clusters"]
    matrix = client.get("/matrix/province-topic").json()
    assert {"广东省", "湖南省", "山东省"} == {cell["province"] for cell in matrix}
    network = client.get("/network", params={"province": "湖南省", "topic": "绿色"}).json()["items"]
    assert network and all(edge["weight"] >= 1 for edge in network)
    types = client.get("/topics/green_dyeing/agency-types").json()
    assert {"广东省", "湖南省"} <= {row["province"] for row in types}
    compared = client.get("/provinces/compare", params={"a": "湖南", "b": "广东"}).json()
    assert (compared["a"]["province"], compared["b"]["province"]) == ("湖南省", "广东省")
    hits = client.get("/search", params={"q": "东莞"}).json()["items"]
    assert {"city", "cluster"} <= {hit["kind"] for hit in hits}
    named = client.get("/queries/cluster_cities", params={"province": "广东", "limit": 500}).json()
    assert ["大朗毛织", "东莞市"] in [[row["cluster"], row["city"]] for row in named["rows"]]
    assert {q["name"] for q in client.get("/queries").json()} >= {"agencies_leading_topic", "compare_provinces"}


def test_health_is_liveness_and_status_counts_are_computed_once_per_cache_period(
        store: GraphStore, engine_settings: Settings) -> None:
    store.run("CREATE (:Province {name: '甲省'})")
    cached = engine_settings.model_copy(update={"status_cache_s": 3600.0})
    with TestClient(create_app(store=store, settings=cached)) as client:
        assert client.get("/health").json() == {"status": "ok", "engine": store.engine}  # no counts
        assert client.get("/ready").json() == {"status": "ready", "engine": store.engine}
        first = client.get("/status").json()
        assert first["status"] == "ok" and first["counts"]["nodes"] == {"Province": 1}
        store.run("CREATE (:Province {name: '乙省'})")
        again = client.get("/status").json()
        assert again["counts"] == first["counts"] and again["counted_s_ago"] >= first["counted_s_ago"]
    uncached = engine_settings.model_copy(update={"status_cache_s": 0.0})
    with TestClient(create_app(store=store, settings=uncached)) as client:
        assert client.get("/status").json()["counts"]["nodes"] == {"Province": 2}


def test_an_unreachable_engine_leaves_health_alive_and_says_why_without_paths(tmp_path: Path) -> None:
    too_long = tmp_path / ("很长的目录" * 12)  # the FalkorDB socket path would not fit a unix socket
    for settings in (Settings(POLICYKG_HOME=str(tmp_path), POLICYKG_ENGINE="neo4j", NEO4J_URI="bolt://127.0.0.1:9"),
                     Settings(POLICYKG_HOME=str(too_long), POLICYKG_ENGINE="falkordb")):
        with TestClient(create_app(settings=settings)) as client:
            assert client.get("/health").json() == {"status": "ok", "engine": settings.resolved_engine}
            for url in ("/ready", "/status"):
                response = client.get(url)
                assert response.status_code == 503, (url, response.text)
                body = response.json()
                assert body["status"] == "unavailable" and body["engine"] == settings.resolved_engine
                assert body["reason"] and str(tmp_path) not in response.text and "127.0.0.1" not in response.text
            topics = client.get("/topics")
            assert topics.status_code == 503 and str(tmp_path) not in topics.text, topics.text


def test_docs_home_page_and_cors_default(client: TestClient, seed_store: GraphStore,
                                         engine_settings: Settings) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/topics/{topic}/agencies", "/agencies/{agency}", "/cypher", "/health"} <= set(paths)
    home = client.get("/")
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
    explorer = resources.files("policykg.visual").joinpath("explorer.html")
    if explorer.is_file():  # the explorer page, once packaged, replaces the list of endpoints
        assert home.text == explorer.read_text(encoding="utf-8")
    else:
        assert "/docs" in home.text and "/topics/{topic}/agencies" in home.text
    origin = {"Origin": "https://example.org"}
    assert "access-control-allow-origin" not in client.get("/topics", headers=origin).headers
    allowed = engine_settings.model_copy(update={"cors_origins": ["https://example.org"]})
    with TestClient(create_app(store=seed_store, settings=allowed)) as cors_client:
        assert cors_client.get("/topics", headers=origin).headers["access-control-allow-origin"] == origin["Origin"]


# --- the CLI ------------------------------------------------------------------------------------


@pytest.fixture()
def cli_env(cli_env: None, seed_store: GraphStore) -> None:
    """conftest's ``cli_env`` over the seed graph."""


def test_cli_query_prints_table_json_and_csv(cli_env: None) -> None:
    runner = CliRunner()
    args = ["query", "cluster_cities", "--param", "province=广东省", "--param", "limit=500"]
    as_csv = runner.invoke(cli_app, [*args, "--format", "csv"])
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert {"cluster": "大朗毛织", "city": "东莞市"}.items() <= next(r for r in rows if r["cluster"] == "大朗毛织").items()
    as_json = runner.invoke(cli_app, [*args, "--format", "json"])
    assert json.loads(as_json.stdout) == [{k: v for k, v in row.items()} for row in json.loads(as_json.stdout)]
    assert len(json.loads(as_json.stdout)) == len(rows)
    table = runner.invoke(cli_app, ["query", "agency_profile", "-p", "agency=省工信厅", "-p", "province=湖南省"])
    assert table.exit_code == 0 and "湖南省工业和信息化厅" in table.stdout
    bad = runner.invoke(cli_app, ["query", "agency_profile", "-p", "agencyy=省工信厅"])
    assert bad.exit_code == 1 and "unknown parameter" in bad.output


def test_cli_lists_the_queries() -> None:
    result = CliRunner().invoke(cli_app, ["queries"])
    assert result.exit_code == 0
    assert "agencies_leading_topic" in result.stdout and "compare_provinces" in result.stdout


def test_up_ingests_the_bundled_corpus_only_into_an_empty_store(store: GraphStore, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYKG_HOME", str(tmp_path))
    get_settings.cache_clear()
    try:
        bundled = len(list((Path(__file__).parents[1] / "data" / "corpus").glob("*.txt")))
        assert ingest_bundled_corpus_if_empty(store) == bundled
        assert store.counts()["nodes"]["Document"] == bundled
        assert len(list((tmp_path / "records").glob("*.json"))) == bundled
        assert ingest_bundled_corpus_if_empty(store) == 0
    finally:
        get_settings.cache_clear()


def test_up_on_a_fresh_install_loads_the_corpus_and_serves(tmp_path: Path) -> None:
    """``policykg up`` as a user runs it: an empty embedded store, then the API on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {key: value for key, value in os.environ.items() if not key.startswith(("POLICYKG_", "NEO4J_"))}
    env["POLICYKG_HOME"] = str(tmp_path / "home")
    process = subprocess.Popen([*POLICYKG, "up", "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        health = _wait_for_health(f"http://127.0.0.1:{port}", process)
        assert health["engine"] == "falkordb"
        assert health["counts"]["nodes"]["Document"] == len(list((Path(__file__).parents[1] / "data" / "corpus")
                                                                  .glob("*.txt")))
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
            assert "/docs" in http.get("/").text
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=60)
    assert f"http://127.0.0.1:{port}/" in output and "loaded" in output


def _wait_for_health(base: str, process: subprocess.Popen) -> dict:
    for _ in range(600):
        if process.poll() is not None:
            pytest.fail(f"policykg up exited early: {process.stdout.read() if process.stdout else ''}")
        try:
            response = httpx.get(f"{base}/status", timeout=10)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail("policykg up did not answer /status")
