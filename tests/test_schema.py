"""One table of node keys and indexes (``graph/schema.py SCHEMA``) gives both engines their schema.

The statements generated for each engine cover the same properties (text indexes are Neo4j's
only), and the store each engine holds after ``ensure_schema`` has exactly the indexes of the
table, so the engines cannot drift apart by an index added to one of them.
"""

from __future__ import annotations

import re

from policykg.graph.schema import NODE_KEYS, SCHEMA, falkordb_index_statements, neo4j_schema_statements
from policykg.graph.statements import cypher_text
from policykg.graph.store import GraphStore

_NEO4J = re.compile(r"^CREATE (CONSTRAINT|TEXT INDEX|INDEX) (\w+) IF NOT EXISTS FOR "
                    r"(?:\(n:(\w+)\)|\(\)-\[r:(\w+)\]-\(\)) (?:REQUIRE|ON) \(?[nr]\.(\w+)\)?(?: IS UNIQUE)?$")
_FALKORDB = re.compile(r"^CREATE INDEX FOR (?:\(n:(\w+)\)|\(\)-\[r:(\w+)\]-\(\)) ON \([nr]\.(\w+)\)$")


def neo4j_statements() -> dict[str, set[tuple[str, str]]]:
    """What the Neo4j statements create, by kind: constraints, range and text indexes."""
    made: dict[str, set[tuple[str, str]]] = {"CONSTRAINT": set(), "INDEX": set(), "TEXT INDEX": set()}
    statements = neo4j_schema_statements()
    assert statements[-1].startswith("CALL db.awaitIndexes")
    for statement in statements[:-1]:
        match = _NEO4J.match(statement)
        assert match, statement
        made[match.group(1)].add((match.group(3) or match.group(4), match.group(5)))
    return made


def test_both_engines_statements_index_the_same_properties() -> None:
    neo4j = neo4j_statements()
    falkordb = set()
    for label, prop, statement in falkordb_index_statements():
        match = _FALKORDB.match(statement)
        assert match and (match.group(1) or match.group(2), match.group(3)) == (label, prop), statement
        falkordb.add((label, prop))
    assert neo4j["CONSTRAINT"] == set(NODE_KEYS.items())
    assert neo4j["CONSTRAINT"] | neo4j["INDEX"] == falkordb
    assert neo4j["TEXT INDEX"] == {("Measure", "title"), ("Measure", "text")}
    assert len({index.name for index in SCHEMA}) == len(SCHEMA)  # Neo4j names each one


def test_the_store_holds_the_indexes_of_the_table(store: GraphStore) -> None:
    """Read back from the engine after ``ensure_schema``: every property of the table is indexed, nothing else."""
    expected = {(i.label, i.prop) for i in SCHEMA if store.engine == "neo4j" or i.kind != "text"}
    if store.engine == "neo4j":
        rows = store.run_read(cypher_text("store/neo4j_indexes.cypher"))
        found = {(name, prop) for row in rows for name in row["labelsOrTypes"] or () for prop in row["properties"] or ()}
    else:
        rows = store.run_read(cypher_text("store/falkordb_indexes.cypher"))
        found = {(row["label"], prop) for row in rows for prop in row["properties"]}
        constraints = store.run_read(cypher_text("store/falkordb_constraints.cypher"))
        unique = {(row["label"], tuple(row["properties"])) for row in constraints if row["type"] == "UNIQUE"}
        assert unique == {(label, (prop,)) for label, prop in NODE_KEYS.items()}
    assert found == expected
