"""The public Python API: ``policykg.__all__`` is the library's surface, and each command has its twin."""

from __future__ import annotations

import inspect
import subprocess
import sys

import policykg
from policykg.cli import app

PUBLIC = [
    "AgencyNetworks", "ExtractionError", "NotFoundError", "PolicyKGError", "QueryError", "RefreshResult",
    "StoreError", "StoreRefused", "StoreStatus", "StoreUnavailable", "__version__", "agency_networks",
    "compare_provinces", "extract", "extract_file", "extract_text", "find_overlaps", "ingest", "list_queries",
    "neo4j_status", "open_store", "refresh", "render", "reset", "run_query", "serve", "start_neo4j", "status",
    "stop_neo4j", "write_networks",
]

# Each command and the function of ``policykg`` it calls.
TWINS = {
    "extract": "extract", "ingest": "ingest", "status": "status", "refresh": "refresh", "reset": "reset",
    "queries": "list_queries", "query": "run_query", "serve": "serve", "up": "serve", "render": "render",
    "overlaps": "find_overlaps", "compare": "compare_provinces", "networks": "agency_networks",
    "neo4j start": "start_neo4j", "neo4j stop": "stop_neo4j", "neo4j status": "neo4j_status",
}


def test_all_is_pinned_and_every_name_is_there_documented() -> None:
    """Adding or removing a public name is a decision: this list changes with it."""
    assert sorted(policykg.__all__) == sorted(PUBLIC)
    for name in policykg.__all__:
        value = getattr(policykg, name)
        if callable(value):
            assert inspect.getdoc(value), f"policykg.{name} has no docstring"


def test_every_command_calls_its_python_twin() -> None:
    commands = {command.name or command.callback.__name__: command.callback for command in app.registered_commands}
    for group in app.registered_groups:
        commands |= {f"{group.name} {command.name}": command.callback
                     for command in group.typer_instance.registered_commands}
    assert set(commands) == set(TWINS)
    for name, function in TWINS.items():
        assert f"policykg.{function}(" in inspect.getsource(commands[name]), f"policykg {name} does not call policykg.{function}"


def test_extract_text_gives_the_record_extract_file_gives(tmp_path) -> None:  # noqa: ANN001
    text = ("广东省工业和信息化厅关于推动纺织服装产业高质量发展的实施意见\n"
            "一、加快数字化转型。支持企业建设智能工厂，到2025年建成10个示范项目。（省工业和信息化厅牵头）\n")
    path = tmp_path / "notice.txt"
    path.write_text(text, encoding="utf-8")
    from_file = policykg.extract_file(path)
    from_text = policykg.extract_text(text, doc_id=from_file.doc_id)
    assert from_text.measures and from_text.measures[0].lead == ["广东省工业和信息化厅"]
    assert from_text.model_dump(exclude={"source", "source_key", "source_format"}) == \
        from_file.model_dump(exclude={"source", "source_key", "source_format"})


def test_importing_the_package_loads_no_layer() -> None:
    """``import policykg`` (which every ``policykg.*`` import runs first) stays cheap: no driver, no table."""
    loaded = subprocess.run([sys.executable, "-c", "import sys, policykg; print(sorted(m for m in sys.modules "
                             "if m.startswith(('policykg.', 'neo4j', 'falkordb', 'fastapi', 'jionlp'))))"],
                            capture_output=True, text=True, check=True).stdout
    assert eval(loaded) == ["policykg.errors", "policykg.library"]
