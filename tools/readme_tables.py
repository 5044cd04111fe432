"""README's command, endpoint and variable tables, generated from the code that defines them.

    python tools/readme_tables.py          # rewrite the tables in README.md
    python tools/readme_tables.py --check  # exit 1 (and say which) when README.md differs

The commands come from the typer app (``policykg.cli``: each command's first help line and its
``Example:``), the endpoints from the HTTP API's OpenAPI schema (``policykg.api.app``: method, path,
first line of the description), the variables from the settings model (``policykg.settings.Settings``:
variable, default, description). Each table sits between ``<!-- begin NAME -->`` and
``<!-- end NAME -->`` in README.md; ``tests/test_readme_tables.py`` fails when one is out of date.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _first_sentence(text: str) -> str:
    paragraph = " ".join(text.strip().split("\n\n")[0].split())
    match = re.match(r"(.+?)\.(?:\s|$)", paragraph)
    return match.group(1) if match else paragraph


def _example(text: str) -> str:
    match = re.search(r"^\s*Examples?:\s*(.+?)(?:;\s*$|$)", text, re.MULTILINE)
    return match.group(1).strip() if match else ""


def commands() -> list[tuple[str, str, str]]:
    """(command, what it does, example) of every command and sub-command, in the order they are registered."""
    import click
    import typer

    from policykg.cli import app

    rows = []

    def walk(group: click.Group, prefix: str) -> None:
        for name, command in group.commands.items():
            if isinstance(command, click.Group) or hasattr(command, "commands"):
                walk(command, f"{prefix}{name} ")
            else:
                help_text = command.help or ""
                rows.append((f"{prefix}{name}", _first_sentence(help_text), _example(help_text)))

    walk(typer.main.get_command(app), "policykg ")
    return rows


def commands_table() -> str:
    lines = ["| command | what it does | example |", "|---|---|---|"]
    lines += [f"| `{name}` | {_cell(does)} | `{_cell(example)}` |" for name, does, example in commands()]
    return "\n".join(lines)


def endpoints_table() -> str:
    from policykg.api.app import create_app

    lines = ["| endpoint | what it answers |", "|---|---|"]
    for path, operations in create_app().openapi()["paths"].items():
        for method, operation in operations.items():
            text = operation.get("description") or operation.get("summary") or ""
            lines.append(f"| `{method.upper()} {path}` | {_cell(_first_sentence(text))} |")
    return "\n".join(lines)


def variables_table() -> str:
    from pydantic_core import PydanticUndefined

    from policykg.settings import Settings

    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for field in Settings.model_fields.values():
        if field.default is PydanticUndefined or field.default_factory is not None:
            default = "see meaning" if field.default_factory is not None and field.default is PydanticUndefined else ""
            default = "[]" if default and field.default_factory is list else default
        else:
            default = "unset" if field.default is None else str(field.default).lower() \
                if isinstance(field.default, bool) else str(field.default)
        lines.append(f"| `{field.validation_alias}` | {_cell(default)} | {_cell(field.description or '')} |")
    return "\n".join(lines)


TABLES = {"commands": commands_table, "endpoints": endpoints_table, "variables": variables_table}


def updated(readme: str) -> str:
    """``readme`` with every generated table replaced by what the code says now."""
    for name, table in TABLES.items():
        pattern = re.compile(rf"(<!-- begin {name} -->\n).*?(<!-- end {name} -->)", re.DOTALL)
        if not pattern.search(readme):
            raise SystemExit(f"README.md has no <!-- begin {name} --> … <!-- end {name} --> section")
        readme = pattern.sub(lambda m, t=table: m.group(1) + t() + "\n" + m.group(2), readme)
    return readme


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when README.md is out of date")
    args = parser.parse_args()
    current = README.read_text(encoding="utf-8")
    wanted = updated(current)
    if args.check:
        if wanted != current:
            print("README.md is out of date: run python tools/readme_tables.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
