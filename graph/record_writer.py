"""policydoc/1 records -> row lists -> one parameterised write statement per batch of records.

``document_params(doc)`` turns a record into its rows (plain lists of row maps, no
Cypher built here) and ``batch_params`` concatenates the rows of several records into
the one parameter of the documents statement, ``$batch``: ONE statement written in parts,
``graph/cypher/write/documents/NN_*.cypher``, each naming the row lists it reads and the function here
that builds them (:func:`documents_statement` joins them).
``write_documents(store, items)`` runs that one statement, so a batch of records is
written whole or not at all and each record replaces its previous version;
``write_document(store, doc)`` writes one. ``load_reference_data`` MERGEs the
AgencyType and Topic nodes in batches (``UNWIND $rows … MERGE``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from policykg.data import read_tsv
from policykg.graph.statements import assembled_cypher, cypher_text
from policykg.graph.store import GraphStore
from policykg.loaders.identity import is_content_id, legacy_id
from policykg.loaders.places import province_of
from policykg.loaders.records import Measure, PolicyDoc, Target
from policykg.loaders.topics import TOPICS

_SENTENCE_ENDS = "。！？!?\n"
_MAX_EVIDENCE = 400
_ROLE_PARAMS = {"lead": "leads", "co": "supports", "responsible": "responsible"}
EDGE_PARAMS = (
    "leads", "supports", "responsible", "topics", "document_cities", "measure_cities",
    "cluster_links", "measure_clusters", "agency_types", "agency_provinces", "city_provinces",
)  # fmt: skip


# batch_params concatenates every row list of document_params as it is, except these: their rows
# get the doc_id of their record (_OWN_ROW_PARAMS), or batch_params builds them itself.
_OWN_ROW_PARAMS = frozenset({"measures", "document_targets", "document_cities"})
_BATCH_BUILT = frozenset({"provinces", "issuers", "agency_types"})


DOCUMENTS_PARTS = "write/documents"


def documents_statement() -> str:
    """The statement that writes a batch of records: the parts of ``graph/cypher/write/documents/``, in order."""
    return assembled_cypher(DOCUMENTS_PARTS)


@dataclass(frozen=True)
class WriteStats:
    """What one document write put in the store."""

    doc_id: str
    measures: int
    agencies: frozenset[str]
    edges: int
    replaced: tuple[str, ...] = ()  # documents it replaced under another doc_id (earlier versions of its file)


def write_document(store: GraphStore, doc: PolicyDoc, text: str | None = None) -> WriteStats:
    """Write (or replace) one document atomically; raises ``StoreError`` on engine failure."""
    return write_documents(store, [(doc, text)])[0]


def write_documents(store: GraphStore, items: Sequence[tuple[PolicyDoc, str | None]]) -> list[WriteStats]:
    """Write (or replace) several documents in ONE atomic statement, as if one after another.

    No ``doc_id`` may occur twice in ``items`` (``ValueError``); raises ``StoreError`` on engine
    failure, and then none of them is written. A record read from a file also replaces the
    documents :func:`earlier_versions` finds for it (the same file under another ``doc_id``).
    """
    params = [document_params(doc, text) for doc, text in items]
    replaced = earlier_versions(store, [doc for doc, _ in items])
    store.run(documents_statement(),
              batch_params(params, [old for olds in replaced.values() for old in olds]))
    return [
        WriteStats(
            doc_id=one["doc_id"],
            measures=len(one["measures"]),
            agencies=frozenset(row["name"] for row in one["agencies"]),
            edges=edge_count(one),
            replaced=tuple(replaced.get(one["doc_id"], ())),
        )
        for one in params
    ]


def earlier_versions(store: GraphStore, docs: Sequence[PolicyDoc]) -> dict[str, list[str]]:
    """``doc_id -> [doc_id, ...]``: the stored documents that each record replaces under another id.

    A record read from a file carries the file's ``source_key``, and its id is the file's stem and a
    content hash (loaders/identity.py). A stored document with the same key, the same file name and
    another id of that form is an earlier version of that file (it was revised since); a stored
    document without a key whose ``doc_id`` is the file's stem and whose ``source`` is the file's
    name was written by a version before content-hash ids (migrated by re-ingesting). Records whose
    ids were made otherwise (by hand, copied and renamed) replace nothing but their own id, and
    documents of ``docs`` themselves are never replaced.
    """
    sources = [{"doc_id": doc.doc_id, "source_key": doc.source_key, "source": doc.source,
                "legacy_id": legacy_id(doc.source)}
               for doc in docs if doc.source_key and is_content_id(doc.doc_id, doc.source)]
    if not sources:
        return {}
    written = {doc.doc_id for doc in docs}
    out: dict[str, list[str]] = {}
    source_of = {source["doc_id"]: source["source"] for source in sources}
    for row in store.run_read(cypher_text("store/earlier_versions.cypher"), {"sources": sources}):
        doc_id, old, source = row["doc_id"], row["replaced"], source_of[row["doc_id"]]
        if old not in written and old not in out.get(doc_id, []) \
                and (old == legacy_id(source) or is_content_id(old, source)):
            out.setdefault(doc_id, []).append(old)
    return out


def load_reference_data(store: GraphStore) -> None:
    """MERGE the AgencyType and Topic nodes from the data tables (idempotent)."""
    agency_types = [{"code": code, "label": label} for code, label in agency_type_labels().items()]
    if agency_types:
        store.run(cypher_text("write/agency_types.cypher"), {"rows": agency_types})
    topics = [{"code": code, "label": label} for code, label in topic_labels().items()]
    store.run(cypher_text("write/topics.cypher"), {"rows": topics})


def edge_count(params: dict[str, Any]) -> int:
    """Relationships the document statement writes (a MERGEd shared edge counts once per row)."""
    own = len(params["provinces"]) + len(params["issuers"]) + len(params["measures"])
    targets = len(params["measure_targets"]) + len(params["document_targets"])
    return own + targets + sum(len(params[name]) for name in EDGE_PARAMS)


def batch_params(documents: Sequence[dict[str, Any]], replaced: Sequence[str] = ()) -> dict[str, Any]:
    """The parameter of :func:`documents_statement`, ``batch``, from the ``document_params`` of several records.

    ``batch.documents`` holds each record's ``doc_id`` and properties; every other row list is
    the records' rows concatenated in order, with the ``doc_id`` added to the rows a record owns
    (``document_provinces``, ``issuers``, ``measures``, ``document_targets``, ``document_cities``).
    A shared node SET by several records gets one row, what its rows one after another would
    leave (FalkorDB does not apply one FOREACH's updates of one node in list order):
    ``agencies`` (aliases in order of first mention, the latest non-null level, type,
    province, known), ``cities`` (the latest non-null province), ``clusters`` (the latest row)
    and ``agency_types`` (the latest type). ``mark`` is a fresh token for the
    ``SummaryPending`` marks (graph/summaries.py). ``replaced`` lists the documents deleted whole
    because records of the batch replace them under another id (:func:`earlier_versions`).
    """
    doc_ids = [params["doc_id"] for params in documents]
    if len(set(doc_ids)) < len(doc_ids):
        raise ValueError("a batch holds one version of a document: doc_id repeated in " + ", ".join(doc_ids))
    batch: dict[str, Any] = {"documents": [], "provinces": [], "document_provinces": [], "issuers": []}
    latest_types: dict[str, dict[str, Any]] = {}
    for params in documents:
        doc_id = params["doc_id"]
        batch["documents"].append({"doc_id": doc_id, "document": params["document"]})
        batch["provinces"] += [name for name in params["provinces"] if name not in batch["provinces"]]
        batch["document_provinces"] += [{"doc_id": doc_id, "name": name} for name in params["provinces"]]
        batch["issuers"] += [{"doc_id": doc_id, "name": name} for name in params["issuers"]]
        for name, rows in params.items():
            if not isinstance(rows, list) or name in _BATCH_BUILT:
                continue
            batch.setdefault(name, []).extend(
                [{**row, "doc_id": doc_id} for row in rows] if name in _OWN_ROW_PARAMS else rows)
        latest_types.update((row["agency"], row) for row in params["agency_types"])
    batch["agencies"] = _one_row_each(batch["agencies"], "name", _merged_agency)
    batch["cities"] = _one_row_each(batch["cities"], "name", _merged_city)
    batch["clusters"] = _one_row_each(batch["clusters"], "key", lambda earlier, later: later)
    batch["agency_types"] = list(latest_types.values())
    batch["typed_agencies"] = list(latest_types)
    batch["mark"] = uuid.uuid4().hex
    batch["replaced"] = [doc_id for doc_id in dict.fromkeys(replaced) if doc_id not in doc_ids]
    return {"batch": batch}


def _one_row_each(rows: list[dict[str, Any]], key: str,
                  merged: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per ``row[key]``, at its first position: the rows folded with ``merged(earlier, later)``."""
    out: dict[Any, dict[str, Any]] = {}
    for row in rows:
        earlier = out.get(row[key])
        out[row[key]] = row if earlier is None else merged(earlier, row)
    return list(out.values())


def _merged_agency(earlier: dict[str, Any], later: dict[str, Any]) -> dict[str, Any]:
    aliases = earlier["aliases"] + [w for w in later["aliases"] if w not in earlier["aliases"]]
    return {"name": earlier["name"], "aliases": aliases,
            **_latest_known(earlier, later, ("level", "type", "province", "known"))}


def _merged_city(earlier: dict[str, Any], later: dict[str, Any]) -> dict[str, Any]:
    return {"name": earlier["name"], **_latest_known(earlier, later, ("province",))}


def _latest_known(earlier: dict[str, Any], later: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """Each property as the statement's ``coalesce(row.x, n.x)`` leaves it after ``earlier`` then ``later``."""
    return {name: later[name] if later[name] is not None else earlier[name] for name in names}


def document_params(doc: PolicyDoc, text: str | None = None) -> dict[str, Any]:
    """The rows of one record: ``doc_id``, ``document`` (its properties) and one list per row kind."""
    text = text if text is not None else doc.text
    measures, measure_ids = _measure_rows(doc, text)
    params: dict[str, Any] = {
        "doc_id": doc.doc_id,
        "document": _document_props(doc, len(measures)),
        "provinces": [doc.province] if doc.province else [],
        "issuers": list(dict.fromkeys(doc.issuers)),
        "measures": measures,
        "measure_targets": [],
        "document_targets": _target_rows(doc, doc.targets, "doc", None),
        "topics": [],
        "measure_cities": [],
        "measure_clusters": [],
        **{name: [] for name in _ROLE_PARAMS.values()},
    }
    clusters = _cluster_rows(doc, text)
    for measure, measure_id in zip(doc.measures, measure_ids, strict=True):
        for role, param in _ROLE_PARAMS.items():
            params[param] += _role_rows(doc, measure, measure_id, role, text)
        params["measure_targets"] += _target_rows(doc, measure.targets, measure.label, measure_id)
        params["topics"] += _topic_rows(measure, measure_id, text)
        params["measure_cities"] += _measure_city_rows(measure, measure_id, text)
        params["measure_clusters"] += _measure_cluster_rows(doc, measure, measure_id, clusters, text)
    agencies = _agency_rows(doc, params)
    params["agencies"] = agencies
    labels = agency_type_labels()
    params["agency_types"] = [
        {"agency": row["name"], "code": row["type"], "label": labels.get(row["type"])}
        for row in agencies if row["type"]
    ]
    params["agency_provinces"] = [
        {"agency": row["name"], "province": row["province"]} for row in agencies if row["province"]
    ]
    params["clusters"] = clusters["nodes"]
    params["cluster_links"] = clusters["links"]
    params["document_cities"] = _document_city_rows(doc, text)
    params["cities"], params["city_provinces"] = _city_rows(params)
    return params


# --- documents and measures -------------------------------------------------------------


def _document_props(doc: PolicyDoc, measure_count: int) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "doc_number": doc.doc_number,
        "issued": str(doc.issued) if doc.issued is not None else None,
        "kind": doc.kind,
        "province": doc.province,
        "level": doc.level,                # central / province / city / county (the overview counts by it)
        "jurisdiction": doc.jurisdiction,
        "source": doc.source,
        "source_key": doc.source_key,
        "source_format": doc.source_format,
        "content_hash": doc.content_hash,
        "measure_count": measure_count,
    }


def _measure_rows(doc: PolicyDoc, text: str | None) -> tuple[list[dict[str, Any]], list[str]]:
    rows, ids, seen = [], [], set()
    for measure in doc.measures:
        own = measure.id and measure.id.startswith(f"{doc.doc_id}#")  # never another document's id
        base = measure.id if own else f"{doc.doc_id}#{measure.label}"
        measure_id, n = base, 1
        while measure_id in seen:  # a label repeated in one document keeps both measures
            n += 1
            measure_id = f"{base}~{n}"
        seen.add(measure_id)
        ids.append(measure_id)
        has_span = measure.end > measure.start
        rows.append({"id": measure_id, "props": {
            "doc_id": doc.doc_id,
            "label": measure.label,
            "title": measure.title,
            "section": measure.section,
            "text": measure.text or (text[measure.start:measure.end] if text and has_span else None),
            "start": measure.start if has_span else None,
            "end": measure.end if has_span else None,
            "province": doc.province,
        }})
    return rows, ids


def _target_rows(doc: PolicyDoc, targets: list[Target], owner: str, measure_id: str | None) -> list[dict]:
    rows = []
    for n, target in enumerate(targets, start=1):
        props = {
            "doc_id": doc.doc_id,
            "metric": target.metric,
            "value": target.value,
            "value_max": target.value_max,
            "unit": target.unit,
            "multiplier": target.multiplier,
            "normalised_value": target.normalised_value,
            "normalised_unit": target.normalised_unit,
            "year": target.year,
            "qualifier": target.qualifier,
            "text": target.text,
            "start": target.start,
            "end": target.end,
        }
        rows.append({"id": f"{measure_id or doc.doc_id + '#' + owner}#{n}", "measure_id": measure_id, "props": props})
    return rows


# --- roles, topics, places ----------------------------------------------------------------


def _role_rows(doc: PolicyDoc, measure: Measure, measure_id: str, role: str, text: str | None) -> list[dict]:
    evidence = {}
    for item in measure.role_evidence:
        if item.role == role:
            evidence.setdefault(item.agency, item)
    rows = []
    for agency in dict.fromkeys(getattr(measure, role)):
        item = evidence.get(agency)
        props: dict[str, Any] = {"doc_id": doc.doc_id, "written": None, "start": None, "end": None,
                                 "evidence": None}
        if item is not None:
            props.update(written=item.written, start=item.start, end=item.end,
                         evidence=_evidence(text, measure, item.start, item.end))
        rows.append({"agency": agency, "measure_id": measure_id, "props": props})
    return rows


def _topic_rows(measure: Measure, measure_id: str, text: str | None) -> list[dict]:
    labels = topic_labels()
    evidence = {}
    for item in measure.topic_evidence:
        evidence.setdefault(item.topic, item)
    rows = []
    for code in dict.fromkeys(measure.topics):
        item = evidence.get(code)
        props: dict[str, Any] = {"keyword": None, "start": None, "end": None, "evidence": None}
        if item is not None:
            props.update(keyword=item.keyword, start=item.start, end=item.end,
                         evidence=_span_text(text, measure, item.start, item.end))
        rows.append({"code": code, "label": labels.get(code), "measure_id": measure_id, "props": props})
    return rows


def _measure_city_rows(measure: Measure, measure_id: str, text: str | None) -> list[dict]:
    rows, seen = [], set()
    for place in measure.places:
        if place.city in seen:
            continue
        seen.add(place.city)
        props = {"written": place.written, "start": place.start, "end": place.end,
                 "evidence": _evidence(text, measure, place.start, place.end)}
        rows.append({"city": place.city, "measure_id": measure_id, "props": props})
    return rows


def _document_city_rows(doc: PolicyDoc, text: str | None) -> list[dict]:
    first = {}
    for place in [*doc.place_mentions, *(p for m in doc.measures for p in m.places)]:
        first.setdefault(place.city, place)
    rows = []
    for city in dict.fromkeys(doc.places):
        place = first.get(city)
        props: dict[str, Any] = {"written": None, "start": None, "end": None, "evidence": None}
        if place is not None:
            props.update(written=place.written, start=place.start, end=place.end,
                         evidence=_evidence(text, None, place.start, place.end))
        rows.append({"city": city, "props": props})
    return rows


def _cluster_rows(doc: PolicyDoc, text: str | None) -> dict[str, list[dict]]:
    nodes: dict[str, dict] = {}
    links: dict[tuple[str, str], dict] = {}
    for link in doc.cluster_links:
        key = f"{doc.province}/{link.cluster}" if doc.province else link.cluster
        nodes.setdefault(key, {"key": key, "name": link.cluster, "province": doc.province})
        props = {"doc_id": doc.doc_id, "start": link.start, "end": link.end,
                 "evidence": _evidence(text, None, link.start, link.end)}
        links.setdefault((key, link.city), {"cluster_key": key, "city": link.city, "props": props,
                                            "start": link.start})
    return {"nodes": list(nodes.values()), "links": list(links.values())}


def _measure_cluster_rows(doc: PolicyDoc, measure: Measure, measure_id: str,
                          clusters: dict[str, list[dict]], text: str | None) -> list[dict]:
    """A measure mentions a cluster when the link's span lies in it or its text names the cluster."""
    rows = []
    for node in clusters["nodes"]:
        start = _cluster_start(measure, node, clusters["links"])
        if start is None:
            continue
        end = start + len(node["name"])
        props = {"written": node["name"], "start": start, "end": end,
                 "evidence": _evidence(text, measure, start, end)}
        rows.append({"cluster_key": node["key"], "measure_id": measure_id, "props": props})
    return rows


def _cluster_start(measure: Measure, node: dict, links: list[dict]) -> int | None:
    if measure.end <= measure.start:
        return None
    for link in links:
        if link["cluster_key"] == node["key"] and link["start"] is not None \
                and measure.start <= link["start"] < measure.end:
            return link["start"]
    offset = measure.text.find(node["name"]) if measure.text else -1
    return measure.start + offset if offset >= 0 else None


def _city_rows(params: dict[str, Any]) -> tuple[list[dict], list[dict]]:
    names = [row["city"] for name in ("document_cities", "measure_cities", "cluster_links")
             for row in params[name]]
    cities, city_provinces = [], []
    for name in dict.fromkeys(names):
        province = _province_of(name)
        cities.append({"name": name, "province": province})
        if province:
            city_provinces.append({"city": name, "province": province})
    return cities, city_provinces


# --- agencies -------------------------------------------------------------------------------


def _agency_rows(doc: PolicyDoc, params: dict[str, Any]) -> list[dict]:
    """AgencyInfo of the record, plus every issuer or role holder it lacks (type unknown)."""
    written: dict[str, list[str]] = {}
    for measure in doc.measures:
        for item in measure.role_evidence:
            written.setdefault(item.agency, []).append(item.written)
    rows: dict[str, dict] = {}
    for info in doc.agencies:
        rows[info.name] = {
            "name": info.name,
            "aliases": list(dict.fromkeys([*info.written, *written.get(info.name, [])])),
            "level": info.level,
            "type": info.type,
            "province": info.province,
            "known": info.known,
        }
    named = [*params["issuers"], *(row["agency"] for p in _ROLE_PARAMS.values() for row in params[p])]
    for name in dict.fromkeys(named):
        if name not in rows:
            in_province = bool(doc.province) and name.startswith(doc.province)
            rows[name] = {
                "name": name,
                "aliases": list(dict.fromkeys(written.get(name, []))),
                "level": None,
                "type": None,
                "province": doc.province if in_province else None,
                "known": None,
            }
    return list(rows.values())


# --- evidence -------------------------------------------------------------------------------


def _evidence(text: str | None, measure: Measure | None, start: int | None, end: int | None) -> str | None:
    """The sentence around ``[start, end)`` of the document text (or of the measure's own text)."""
    if start is None or end is None:
        return None
    if text is not None:
        return sentence_at(text, start, end)
    if measure is not None and measure.text and measure.start <= start <= end <= measure.end:
        return sentence_at(measure.text, start - measure.start, end - measure.start)
    return None


def _span_text(text: str | None, measure: Measure, start: int | None, end: int | None) -> str | None:
    """The text of ``[start, end)`` itself (already a sentence), from the document or the measure."""
    if start is None or end is None:
        return None
    if text is not None and 0 <= start <= end <= len(text):
        return text[start:end].strip() or None
    if measure.text and measure.start <= start <= end <= measure.end:
        return measure.text[start - measure.start:end - measure.start].strip() or None
    return None


def sentence_at(text: str, start: int, end: int) -> str | None:
    """The sentence(s) of ``text`` holding ``[start, end)``: from the previous sentence end to the next."""
    if not 0 <= start <= end <= len(text):
        return None
    left = max(text.rfind(mark, 0, start) for mark in _SENTENCE_ENDS) + 1
    ends = [i for mark in _SENTENCE_ENDS if (i := text.find(mark, max(start, end - 1))) != -1]
    right = min(ends) + 1 if ends else len(text)
    sentence = text[left:right].strip()
    if len(sentence) > _MAX_EVIDENCE:
        margin = (_MAX_EVIDENCE - (end - start)) // 2
        sentence = text[max(left, start - max(margin, 0)):min(right, end + max(margin, 0))].strip()
    return sentence or None


# --- reference tables -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def agency_type_labels() -> dict[str, str]:
    """``code -> label`` from data/agency_types.tsv."""
    return {row["code"]: row["label"] for row in read_tsv("agency_types.tsv") if row["code"]}


def topic_labels() -> dict[str, str]:
    """``code -> Chinese label`` of the topics (loaders/topics.py, from data/topics.tsv)."""
    return TOPICS


@lru_cache(maxsize=4096)
def _province_of(city: str) -> str | None:
    """The province of a prefecture-level city, from the loaders' gazetteer."""
    return province_of(city)
