"""The API's name cache: repeated names resolve from memory, with the answers the graph gives."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import pytest
from fastapi.testclient import TestClient

from policykg.api.app import create_app
from policykg.errors import NotFoundError
from policykg.graph.record_writer import load_reference_data, write_document
from policykg.graph.store import GraphStore
from policykg.graph.summaries import refresh_summaries
from policykg.loaders.records import PolicyDoc
from policykg.queries.catalogue import run_query
from policykg.queries.name_cache import NameCache

PROFILE = {"agency": "省工信厅", "province": "广东"}


class CountingStore:
    """A real store; the statements it is sent are counted."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.statements: list[str] = []

    def run_read(self, query: str, params: Mapping[str, Any] | None = None, timeout_ms: int | None = None,
                 row_cap: int | None = None) -> list[dict[str, Any]]:
        self.statements.append(query)
        return self.store.run_read(query, params, timeout_ms=timeout_ms, row_cap=row_cap)


def test_a_repeated_abbreviation_costs_one_statement_and_answers_the_same(seed_store: GraphStore) -> None:
    counting = CountingStore(seed_store)
    reader = NameCache(counting, ttl_s=60)
    first = run_query(reader, "agency_profile", PROFILE)
    asked_first = len(counting.statements)
    second = run_query(reader, "agency_profile", PROFILE)
    assert asked_first >= 3  # the province, the agency, then the profile itself
    assert len(counting.statements) == asked_first + 1
    assert second == first == run_query(seed_store, "agency_profile", PROFILE)
    assert first[0]["agency"] == "广东省工业和信息化厅"


def test_remembered_names_are_asked_again_once_they_expire(seed_store: GraphStore) -> None:
    counting = CountingStore(seed_store)
    reader = NameCache(counting, ttl_s=0.05)
    run_query(reader, "agencies_leading_topic", {"topic": "绿色", "province": "广东"})
    asked = len(counting.statements)
    time.sleep(0.1)
    run_query(reader, "agencies_leading_topic", {"topic": "绿色", "province": "广东"})
    assert len(counting.statements) == 2 * asked


def test_a_missing_name_is_found_as_soon_as_its_document_is_ingested(
        store: GraphStore, seed_records: list[PolicyDoc]) -> None:
    reader = NameCache(store, ttl_s=60)
    load_reference_data(store)
    guangdong = [doc for doc in seed_records if doc.province == "广东省"]
    others = [doc for doc in seed_records if doc.province not in (None, "广东省")]
    for doc in others:
        write_document(store, doc)
    refresh_summaries(store)
    with pytest.raises(NotFoundError):
        run_query(reader, "agency_profile", PROFILE)
    for doc in guangdong:
        write_document(store, doc)
    refresh_summaries(store)
    assert run_query(reader, "agency_profile", PROFILE)[0]["agency"] == "广东省工业和信息化厅"


def test_the_api_answers_alike_with_and_without_the_cache(seed_store: GraphStore, engine_settings) -> None:  # noqa: ANN001
    answers = []
    for seconds in (30.0, 0.0):
        settings = engine_settings.model_copy(update={"name_cache_s": seconds})
        with TestClient(create_app(seed_store, settings)) as client:
            for _ in range(2):
                response = client.get("/agencies/省工信厅", params={"province": "广东"})
                assert response.status_code == 200, response.text
                answers.append(response.json())
    assert all(answer == answers[0] for answer in answers)
