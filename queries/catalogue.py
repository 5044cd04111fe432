"""The named-query catalogue: ``queries/<name>.cypher`` files with typed, validated parameters.

Each public query is one ``.cypher`` file at the top of ``queries/`` whose header
comment names it, says what it answers and declares its parameters::

    // name: agency_profile
    // answers: What does one agency do? ...
    // param agency: agency — canonical name or an abbreviation as written (省工信厅)
    // param province: province? — the province an abbreviation belongs to

A parameter type is ``str``, ``int``, ``list``, ``limit``, ``offset``, an enum
``a|b|c``, or one of the graph-resolved kinds ``topic`` (a code, label or keyword,
resolved to the codes in ``$topics``), ``agency``, ``city`` and ``province``
(a name as written, resolved to the canonical node name). A trailing ``?`` makes
the parameter optional (``null`` when not given); ``= value`` gives a default.
Files whose name starts with ``_`` are internal (the resolvers) and not listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Protocol

from policykg.errors import NotFoundError, QueryError
from policykg.graph.statements import cypher_text, packaged_cypher
from policykg.loaders.agencies import normalise_agency
from policykg.loaders.topics import TOPICS, keyword_hits, topics_with_keyword
from policykg.process import freeze_heap

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
MAX_OFFSET = 100_000
MAX_TEXT = 200

RESOLVED_KINDS = ("topic", "agency", "city", "province")
SCALAR_KINDS = ("str", "int", "list", "limit", "offset")

_PARAM_LINE = re.compile(
    r"^param\s+(?P<name>[a-z_][a-z0-9_]*)\s*:\s*(?P<type>[a-z_|]+)(?P<optional>\?)?"
    r"(?:\s*=\s*(?P<default>\S+))?\s*(?:—\s*(?P<help>.*))?$"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class ReadStore(Protocol):
    """What the catalogue needs of a graph store."""

    def run_read(
        self, query: str, params: dict[str, Any] | None = None, timeout_ms: int | None = None,
        row_cap: int | None = None,
    ) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    kind: str                       # str | int | list | limit | offset | enum | topic | agency | city | province
    required: bool
    default: Any = None
    choices: tuple[str, ...] = ()
    help: str = ""

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.kind, "required": self.required, "default": self.default,
                "choices": list(self.choices), "help": self.help}


@dataclass(frozen=True)
class NamedQuery:
    """A ``.cypher`` file with its parsed header."""

    name: str
    answers: str
    params: tuple[Param, ...]
    cypher: str = field(repr=False)

    @property
    def paginated(self) -> bool:
        return any(p.kind == "limit" for p in self.params)

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "answers": self.answers, "paginated": self.paginated,
                "params": [p.describe() for p in self.params]}


def parse_header(name: str, text: str) -> NamedQuery:
    """Read the ``//`` header of one query file into a :class:`NamedQuery`."""
    answers = ""
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        body = stripped[2:].strip()
        if body.startswith("answers:"):
            answers = body.removeprefix("answers:").strip()
        elif body.startswith("param "):
            params.append(_parse_param(name, body))
    return NamedQuery(name=name, answers=answers, params=tuple(params), cypher=text)


def _parse_param(query: str, body: str) -> Param:
    match = _PARAM_LINE.match(body)
    if not match:
        raise QueryError(f"{query}.cypher: cannot read parameter line {body!r}")
    kind = match["type"]
    choices: tuple[str, ...] = ()
    if "|" in kind:
        choices, kind = tuple(kind.split("|")), "enum"
    elif kind not in SCALAR_KINDS + RESOLVED_KINDS:
        raise QueryError(f"{query}.cypher: unknown parameter type {kind!r}")
    default: Any = match["default"]
    if kind == "limit":
        default = DEFAULT_LIMIT
    elif kind == "offset":
        default = 0
    elif default == "null":
        default = None
    elif default is not None and kind == "int":
        default = int(default)
    required = default is None and not match["optional"] and kind not in ("limit", "offset")
    return Param(name=match["name"], kind=kind, required=required, default=default, choices=choices,
                 help=(match["help"] or "").strip())


@lru_cache(maxsize=1)
def catalogue() -> dict[str, NamedQuery]:
    """Every named query packaged under ``policykg.queries``, internal ones included, by name."""
    found: dict[str, NamedQuery] = {}
    for entry in resources.files("policykg.queries").iterdir():
        if entry.is_file() and entry.name.endswith(".cypher"):
            name = entry.name.removesuffix(".cypher")
            found[name] = parse_header(name, packaged_cypher("policykg.queries", entry.name))
    return dict(sorted(found.items()))


def list_queries() -> list[NamedQuery]:
    """The public named queries, sorted by name."""
    return [q for name, q in catalogue().items() if not name.startswith("_")]


def get_query(name: str) -> NamedQuery:
    """The named query ``name``; :class:`NotFoundError` (a QueryError) listing the known names if there is none."""
    query = catalogue().get(name)
    if query is None or name.startswith("_"):
        known = ", ".join(q.name for q in list_queries())
        raise NotFoundError(f"unknown query {name!r}; known queries: {known}")
    return query


def describe(name: str) -> dict[str, Any]:
    return get_query(name).describe()


def validate_params(query: NamedQuery, given: dict[str, Any]) -> dict[str, Any]:
    """Typed parameter values for ``query``: unknown or missing names and bad values raise QueryError.

    Empty strings and ``None`` count as "not given". Graph-resolved kinds are
    checked here only as strings; :func:`run_query` resolves them.
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise QueryError(f"{query.name}: unknown parameter(s) {', '.join(unknown)}; "
                         f"accepted: {', '.join(declared) or 'none'}")
    values: dict[str, Any] = {}
    for param in query.params:
        raw = given.get(param.name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if param.required:
                raise QueryError(f"{query.name}: missing parameter {param.name!r} ({param.help})")
            values[param.name] = param.default
            continue
        values[param.name] = _coerce(query.name, param, raw)
    return values


def _coerce(query: str, param: Param, raw: Any) -> Any:
    where = f"{query}: parameter {param.name!r}"
    if param.kind in ("int", "limit", "offset"):
        value = _as_int(where, raw)
        low, high = {"limit": (1, MAX_LIMIT), "offset": (0, MAX_OFFSET)}.get(param.kind, (-(2**53), 2**53))
        if not low <= value <= high:
            raise QueryError(f"{where} must be between {low} and {high}, got {value}")
        return value
    if param.kind == "list":
        items = raw if isinstance(raw, list | tuple) else str(raw).split(",")
        return [_as_text(where, item) for item in items]
    text = _as_text(where, raw)
    if param.kind == "enum" and text not in param.choices:
        raise QueryError(f"{where} must be one of {', '.join(param.choices)}, got {text!r}")
    return text


def _as_int(where: str, raw: Any) -> int:
    if isinstance(raw, bool):
        raise QueryError(f"{where} must be an integer, got {raw!r}")
    if isinstance(raw, int):
        return raw
    try:
        return int(str(raw).strip())
    except ValueError:
        raise QueryError(f"{where} must be an integer, got {raw!r}") from None


def _as_text(where: str, raw: Any) -> str:
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        raise QueryError(f"{where} must be a string, got {type(raw).__name__}")
    text = str(raw).strip()
    if len(text) > MAX_TEXT:
        raise QueryError(f"{where} is longer than {MAX_TEXT} characters")
    if _CONTROL.search(text):
        raise QueryError(f"{where} contains control characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError(f"{where} is not valid text") from None
    return text


def run_query(store: ReadStore, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Validate ``params``, resolve names against the graph, run ``name`` read-only; the rows as dicts.

    Raises QueryError for unknown queries or bad parameters and NotFoundError
    when an agency, city, province or topic named in them is not in the graph.
    """
    query = get_query(name)
    values = validate_params(query, params or {})
    values = resolve_params(store, query, values)
    return store.run_read(query.cypher, values)


def resolve_params(store: ReadStore, query: NamedQuery, values: dict[str, Any]) -> dict[str, Any]:
    """Replace graph-resolved parameters by canonical names (``topic`` also sets ``$topics``)."""
    resolved = dict(values)
    province_params = [p for p in query.params if p.kind == "province"]
    for param in province_params:
        if resolved[param.name] is not None:
            resolved[param.name] = resolve_province(store, resolved[param.name])
    for param in query.params:
        value = resolved[param.name]
        if param.kind == "topic":
            resolved["topics"] = None if value is None else resolve_topic(store, value)
        elif param.kind == "city" and value is not None:
            resolved[param.name] = resolve_city(store, value)
        elif param.kind == "agency" and value is not None:
            province = resolved.get(province_params[0].name) if province_params else None
            resolved[param.name] = resolve_agency(store, value, province)
    return resolved


def _internal(store: ReadStore, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    return store.run_read(catalogue()[name].cypher, params)


def resolve_topic(store: ReadStore, term: str) -> list[str]:
    """Topic codes for a code, a Chinese label or a keyword of one (绿色 -> [green_dyeing]).

    The Topic nodes (code, label) and the topic lexicon (whose keywords are the ones
    ABOUT edges record) answer without touching the edges; the ABOUT-edge keyword
    scan (hundreds of ms at 10k documents) runs only when neither knows the term.
    """
    codes = [row["code"] for row in _internal(store, "_resolve_topic", {"term": term})]
    codes += [code for code in _codes_with_keyword(term) if code not in codes]
    codes += [code for code in _codes_from_topic_table(term) if code not in codes]
    if not codes:
        codes = [row["code"] for row in _internal(store, "_resolve_topic_keyword", {"term": term})]
    if not codes:
        raise NotFoundError(f"no topic matches {term!r}: give a topic code (green_dyeing) "
                            f"or a word of a topic label (绿色, 印染)")
    return sorted(codes)


def _codes_with_keyword(term: str) -> list[str]:
    """Codes of the topics that have ``term`` itself as a lexicon keyword (what ABOUT.keyword holds)."""
    return topics_with_keyword(term)


def _codes_from_topic_table(term: str) -> list[str]:
    """Codes from the topic lexicon: labels containing ``term``, else topics whose keywords ``term`` holds."""
    by_label = [code for code, label in TOPICS.items() if term == code or term in label]
    return by_label or sorted(keyword_hits(term))


def load_vocabularies() -> None:
    """Load the loaders' agency and topic tables that name resolution reads (on first use otherwise)."""
    _normalised("省工业和信息化厅", "广东省")
    _codes_with_keyword("绿色")
    _codes_from_topic_table("绿色")


@cache
def prepare_queries() -> None:
    """Load the vocabularies name resolution reads (:func:`load_vocabularies`), then :func:`freeze_heap`."""
    load_vocabularies()
    freeze_heap()


def resolve_province(store: ReadStore, written: str) -> str:
    """The canonical province for a name as written (广东 -> 广东省)."""
    return _single(_internal(store, "_resolve_province", {"written": written}), "province", written)


def resolve_city(store: ReadStore, written: str) -> str:
    """The canonical city for a name as written (东莞 -> 东莞市)."""
    return _single(_internal(store, "_resolve_city", {"written": written}), "city", written)


def resolve_agency(store: ReadStore, written: str, province: str | None = None) -> str:
    """The canonical agency for a name as written, within ``province`` when given (省工信厅 -> 广东省工业和信息化厅).

    Tries the loaders' normaliser first, then the province prefix, then the
    agencies' recorded aliases and a name-contains match.
    """
    names = _candidate_names(store, written, province)
    rows = _internal(store, "_resolve_agency", {"names": names, "written": written, "province": province})
    exact = list(dict.fromkeys(row["name"] for row in rows if row["exact"]))
    if written in exact or len(exact) == 1:
        return written if written in exact else exact[0]
    if exact:
        raise QueryError(f"agency {written!r} is ambiguous: {', '.join(exact[:10])}; "
                         f"give the province to resolve an abbreviation")
    aliased = [row for row in rows if row["alias"]]
    if len({row["name"] for row in aliased}) == 1:
        return aliased[0]["name"]
    return _single(aliased or rows, "agency", written,
                   hint="" if province else "; give the province to resolve an abbreviation")


def _candidate_names(store: ReadStore, written: str, province: str | None) -> list[str]:
    names = [written]
    provinces = [province] if province else [row["name"] for row in store.run_read(cypher_text("store/provinces.cypher"))]
    for name in provinces:
        names.extend(_normalised(written, name))
        if province and written.startswith("省"):
            names.append(province + written[1:])
    return list(dict.fromkeys(names))


def _normalised(written: str, province: str) -> list[str]:
    """The loaders' canonical name for ``written`` (empty when it finds none)."""
    name = normalise_agency(written, province).name
    return [name] if name else []


def _single(rows: list[dict[str, Any]], kind: str, written: str, hint: str = "") -> str:
    exact = [row["name"] for row in rows if row.get("exact")]
    if exact:
        return exact[0]
    names = list(dict.fromkeys(row["name"] for row in rows))
    if not names:
        raise NotFoundError(f"no {kind} named {written!r} in the graph")
    if len(names) > 1:
        raise QueryError(f"{kind} {written!r} is ambiguous: {', '.join(names[:10])}{hint}")
    return names[0]
