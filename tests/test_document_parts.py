"""The statement that writes a batch of records is written in parts (``graph/cypher/write/documents/``):
each part reads only row lists that ``batch_params`` builds, and every row list built is read by a part."""

from __future__ import annotations

import re

from policykg.graph.record_writer import DOCUMENTS_PARTS, batch_params, document_params, documents_statement
from policykg.graph.statements import assembled_cypher
from policykg.loaders.records import PolicyDoc


def test_every_row_list_built_is_written_and_every_one_written_is_built(seed_records: list[PolicyDoc]) -> None:
    built = set(batch_params([document_params(doc) for doc in seed_records])["batch"])
    read = set(re.findall(r"\$batch\.(\w+)", documents_statement()))
    assert read == built


def test_the_parts_join_in_order_into_one_statement() -> None:
    statement = assembled_cypher(DOCUMENTS_PARTS)
    assert statement.index("UNWIND $batch.documents") < statement.index("$batch.agencies") \
        < statement.index("DETACH DELETE") < statement.rindex("RETURN size($batch.documents)")
    assert statement.count("RETURN") == 1
