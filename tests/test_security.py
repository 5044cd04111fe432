"""API security (issue 7), on the seed graph of both engines, through the ASGI app.

- oversized parameters of every endpoint and every named query are rejected (422/414), never a 5xx;
- Cypher injection attempts through every string parameter of every named query and every
  typed endpoint leave the store as it was (same counts, labels, types, property keys, indexes);
- ``/cypher`` (switched on for the test) refuses writes, schema changes, writing procedures and
  LOAD CSV, with the store unchanged and still answering.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from policykg.api.app import create_app
from policykg.graph.store import GraphStore
from policykg.queries.catalogue import list_queries
from policykg.settings import Settings

INJECTIONS = [
    "' }) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n RETURN 1 //',
    "`) MATCH (n) DETACH DELETE n //",
    "` }) CREATE (:Injected) //",
    "$limit }) MATCH (n) DETACH DELETE n //",
    "广东省'}) WITH 1 AS x MATCH (n) DETACH DELETE n RETURN x //",
    "绿色\nMATCH (n) DETACH DELETE n",
    "x' OR 1=1 WITH * MATCH (n) SET n.name = 'pwned' //",
    "\\' }) MERGE (:Injected {x: 1}) //",
    "*/ MATCH (n) DETACH DELETE n /*",
]
STRINGY_KINDS = {"str", "list", "enum", "topic", "agency", "city", "province"}
TOO_LONG = "长" * 7_000  # ~63 KB in the URL: near what an HTTP client sends at most


@pytest.fixture()
def client(seed_store: GraphStore, engine_settings: Settings) -> Iterator[TestClient]:
    enabled = engine_settings.model_copy(update={"cypher_endpoint": True, "cypher_timeout_ms": 5000})
    with TestClient(create_app(store=seed_store, settings=enabled)) as test_client:
        yield test_client


def fingerprint(store: GraphStore) -> dict[str, Any]:
    """What a write of any kind would change: counts, label / type / property-key tokens, indexes."""
    if store.engine == "neo4j":
        indexes = store.run_read("SHOW INDEXES YIELD name, labelsOrTypes, properties RETURN *")
    else:
        indexes = store.run_read("CALL db.indexes() YIELD label, properties, types RETURN *")
    keys = sorted(row["propertyKey"] for row in store.run_read("CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey"))
    return {
        "counts": store.counts(),
        "labels": sorted(row["label"] for row in store.run_read("CALL db.labels() YIELD label RETURN label")),
        "types": sorted(row["relationshipType"] for row in
                        store.run_read("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType")),
        # FalkorDB registers the property names of a statement it then refuses as read-only (an
        # engine quirk: no value is written), so property keys are compared on Neo4j only.
        "keys": keys if store.engine == "neo4j" else None,
        "indexes": sorted(map(repr, indexes)),
        "names": store.run_read("MATCH (a:Agency) RETURN a.name AS name ORDER BY name"),
    }


def valid_values(store: GraphStore) -> dict[str, str]:
    """A real value for each kind of parameter, taken from the seed graph."""
    measure = store.run_read("MATCH (d:Document)-[h:HAS_MEASURE]->(m:Measure) RETURN m.id AS id ORDER BY id LIMIT 1")
    agency = store.run_read("MATCH (a:Agency)-[r:LEADS]->(m:Measure) RETURN a.name AS name ORDER BY name LIMIT 1")
    city = store.run_read("MATCH (m:Measure)-[r:MENTIONS]->(c:City) RETURN c.name AS name ORDER BY name LIMIT 1")
    return {"measure": measure[0]["id"], "agency": agency[0]["name"], "city": city[0]["name"],
            "province": "广东省", "other_province": "湖南省", "topic": "green_dyeing", "text": "纺织",
            "number": "0.5"}


def _named_value(query: str, param: Any, values: dict[str, str]) -> str:
    if param.kind in ("topic", "agency", "city"):
        return values[param.kind]
    if param.kind == "province":
        return values["other_province"] if param.name == "b" else values["province"]
    if param.kind == "enum":
        return param.choices[0]
    if param.kind == "int":
        return "2025"
    if param.name in ("id", "ids", "measure", "other"):
        return values["measure"]
    return values["number"] if param.name == "min_score" else values["text"]


def named_query_cases(values: dict[str, str], payloads: list[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """For every string parameter of every named query: the payloads in it, valid values in the others."""
    for query in list_queries():
        required = {p.name: _named_value(query.name, p, values) for p in query.params if p.required}
        for param in query.params:
            if param.kind in STRINGY_KINDS:
                for payload in payloads:
                    yield f"/queries/{query.name}", {**required, param.name: payload}


def _openapi_value(path: str, name: str, values: dict[str, str]) -> str:
    if name in ("topic",):
        return values["topic"]
    if name == "agency":
        return values["agency"]
    if name == "city":
        return values["city"]
    if name.startswith("province") or (path == "/provinces/compare" and name == "a"):
        return values["province"]
    if path == "/provinces/compare" and name == "b":
        return values["other_province"]
    if name in ("measure_id", "a", "b"):
        return values["measure"]
    if name == "name":
        return "topics"
    if name == "kind":
        return "agency"
    return values["text"]


def endpoint_cases(client: TestClient, values: dict[str, str],
                   payloads: list[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """For every string parameter (path or query) of every GET endpoint: the payloads in it."""
    for path, operations in client.app.openapi()["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        params = operation.get("parameters", [])
        for target in params:
            schema = target["schema"]
            types = {schema.get("type")} | {item.get("type") for item in schema.get("anyOf", [])}
            if not types & {"string", "array"} or "enum" in schema:
                continue
            for payload in payloads:
                url, query = path, {}
                for param in params:
                    if param is not target and not param.get("required"):
                        continue
                    value = payload if param is target else _openapi_value(path, param["name"], values)
                    if param["in"] == "path":
                        url = url.replace("{" + param["name"] + "}", quote(value, safe=""))
                    else:
                        query[param["name"]] = value
                yield url, query


# --- oversized parameters ------------------------------------------------------------------------


def test_oversized_parameters_are_rejected_never_a_server_error(client: TestClient, seed_store: GraphStore) -> None:
    values = valid_values(seed_store)
    before = fingerprint(seed_store)
    cases = [*named_query_cases(values, ["长" * 201, TOO_LONG]), *endpoint_cases(client, values, ["长" * 301, TOO_LONG])]
    assert len(cases) > 50
    for url, params in cases:
        response = client.get(url, params=params)
        assert response.status_code in (414, 422), (url, {k: v[:40] for k, v in params.items()}, response.text[:300])
    for url in ("/agencies?limit=" + "9" * 40, "/agencies?offset=" + "9" * 40, "/targets?year=" + "9" * 40,
                "/search?q=x&limit=0", "/search?q=x&offset=-1", "/queries/search?q=x&limit=" + "9" * 40,
                "/queries/" + "x" * 10_000, "/overlaps?min_score=1e999"):
        response = client.get(url)
        assert response.status_code in (414, 422), (url[:80], response.text[:300])
    exclude = client.get("/networks/agencies", params={"exclude": ["某厅"] * 51})
    assert exclude.status_code in (414, 422), exclude.text[:300]
    big_query = client.post("/cypher", json={"query": "RETURN 1 AS one " + " " * 20_000})
    assert big_query.status_code == 422
    assert fingerprint(seed_store) == before


# --- injection -------------------------------------------------------------------------------------


def test_cypher_injection_through_every_string_parameter_leaves_the_store_unchanged(
        client: TestClient, seed_store: GraphStore) -> None:
    values = valid_values(seed_store)
    before = fingerprint(seed_store)
    cases = [*named_query_cases(values, INJECTIONS), *endpoint_cases(client, values, INJECTIONS)]
    assert len(cases) > 200
    statuses: dict[int, int] = {}
    for url, params in cases:
        response = client.get(url, params=params)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        assert response.status_code in (200, 404, 422), (url, params, response.text[:300])
    assert 404 in statuses and 422 in statuses, statuses  # payloads were looked up as names, or refused
    assert fingerprint(seed_store) == before
    assert client.get(f"/agencies/{quote(values['agency'], safe='')}").status_code == 200


# --- /cypher refuses writes ------------------------------------------------------------------------

WRITES = [
    "CREATE (:Injected {x: 1})",
    "MERGE (p:Province {name: '测试省'}) RETURN p",
    "MATCH (d:Document) SET d.title = 'pwned' RETURN count(d)",
    "MATCH (a:Agency) SET a:Injected RETURN count(a)",
    "MATCH (d:Document) REMOVE d.title RETURN count(d)",
    "MATCH (n) DETACH DELETE n",
    "MATCH ()-[r:HAS_MEASURE]->() DELETE r",
    "FOREACH (x IN [1] | CREATE (:Injected))",
    "CALL { CREATE (:Injected) RETURN 1 AS one } RETURN one",
    "MATCH (m:Measure) WITH m LIMIT 1 CREATE (m)-[:INJECTED]->(m)",
    "CREATE INDEX FOR (n:Document) ON (n.title)",
    "LOAD CSV FROM 'file:///etc/hostname' AS row CREATE (:Injected {v: row[0]})",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "load /* a comment */ csv from 'file:///etc/passwd' as row return row",
    "LOAD CSV WITH HEADERS FROM 'https://example.com/x.csv' AS row RETURN row",
]
NEO4J_WRITES = [
    "CALL db.createLabel('Injected')",
    "CALL db.createProperty('injected')",
    "CALL db.createRelationshipType('INJECTED')",
    "CREATE CONSTRAINT injected IF NOT EXISTS FOR (n:Injected) REQUIRE n.x IS UNIQUE",
    "DROP INDEX measure_doc_id IF EXISTS",
    "DROP CONSTRAINT document_doc_id IF EXISTS",
    "STOP DATABASE neo4j",
    "CREATE USER injected SET PASSWORD 'injected-password'",
    "ALTER CURRENT USER SET PASSWORD FROM 'policykg-test' TO 'injected-password'",
    "UNWIND range(1, 3) AS x CALL { WITH x CREATE (:Injected {x: x}) } IN TRANSACTIONS",
]
FALKORDB_WRITES = [
    "CALL db.idx.fulltext.createNodeIndex('Measure', 'text')",
    "CALL db.idx.fulltext.drop('Measure')",
    "DROP INDEX ON :Measure(doc_id)",
    "CREATE INDEX ON :Injected(x)",
]


def test_cypher_endpoint_refuses_every_kind_of_write(client: TestClient, seed_store: GraphStore) -> None:
    before = fingerprint(seed_store)
    statements = WRITES + (NEO4J_WRITES if seed_store.engine == "neo4j" else FALKORDB_WRITES)
    for statement in statements:
        response = client.post("/cypher", json={"query": statement})
        assert response.status_code == 400, (statement, response.text[:300])
        assert response.json()["detail"], statement
    assert fingerprint(seed_store) == before
    read = client.post("/cypher", json={"query": "MATCH (d:Document) RETURN count(d) AS n"})
    assert read.status_code == 200 and read.json()["rows"] == [{"n": before["counts"]["nodes"]["Document"]}]


# --- bad input is bad input, never an outage ---------------------------------------------------

CONTROL_PAYLOADS = ["x\x00y", "广东\x00省", "绿色\x1b[0m", "\x7f"]
# What a client must never see: Cypher, engine error text, driver or engine names of internals.
INTERNALS = ("MATCH", "RETURN", "CYPHER", "errMsg", "errCtx", "Neo.", "redis", "falkordb.sock", "Traceback")


def test_control_characters_in_any_parameter_are_bad_input_and_reveal_no_internals(
        client: TestClient, seed_store: GraphStore) -> None:
    values = valid_values(seed_store)
    cases = [*endpoint_cases(client, values, CONTROL_PAYLOADS), *named_query_cases(values, CONTROL_PAYLOADS),
             ("/networks/agencies", {"province": "x\x00y"})]
    assert len(cases) > 50
    for url, params in cases:
        response = client.get(url, params=params)
        assert response.status_code == 422, (url, params, response.status_code, response.text[:300])
        assert not [marker for marker in INTERNALS if marker in response.text], (url, response.text[:300])
    assert client.get("/networks/agencies", params={"province": "广东"}).status_code == 200
