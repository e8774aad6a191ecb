"""Which package may import which: an AST walk over ``src/sitroom`` (issue 19).

Extraction reads text and knows nothing of the store or what is built on it; the store
knows nothing of the command line or the web; the situation picture is built from
stored records, never from the parser. The command line lives in ``cli/``.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "sitroom"

EXTRACTION = ("sitroom.extract", "sitroom.nlp", "sitroom.places", "sitroom.actors",
              "sitroom.timex", "sitroom.models", "sitroom.read")  # fmt: skip
AFTER_EXTRACTION = ("sitroom.store", "sitroom.situation", "sitroom.web", "sitroom.export",
                    "sitroom.cli")  # fmt: skip

# Modules that still speak SQL outside the store (issue 19, item 1: to move into store/
# one by one). The list may only shrink: the test fails for a module missing from it and
# for a module on it that no longer imports sqlite3. The gazetteer is a database of its
# own, not the store, and keeps its SQL.
SQL_NOT_YET_IN_STORE = {
    "sitroom.export._window", "sitroom.export.acled_csv", "sitroom.export.compare",
    "sitroom.export.geojson", "sitroom.export.jsonl", "sitroom.export.parquet",
    "sitroom.export.plover_json", "sitroom.situation.aggregates", "sitroom.situation.derived",
    "sitroom.situation.merge", "sitroom.situation.picture", "sitroom.situation.statements",
    "sitroom.web.queries", "sitroom.web.reference",
}  # fmt: skip
GAZETTEER = {"sitroom.places.build", "sitroom.places.gazetteer"}
# situation.aggregates re-inflects the verb of a stored aggregate with the extraction
# lexicon until aggregates store a normalised status (issue 19, item 3).
KNOWN_DEBT = {("sitroom.situation.aggregates", "sitroom.extract.lexicon")}


def _imports() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        name = ".".join(("sitroom", *path.relative_to(SRC).with_suffix("").parts))
        name = name.removesuffix(".__init__")
        names = found.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    return found


def _within(name: str, packages: tuple[str, ...] | str) -> bool:
    packages = (packages,) if isinstance(packages, str) else packages
    return any(name == p or name.startswith(p + ".") for p in packages)


def violations(imports: dict[str, set[str]]) -> set[tuple[str, str]]:
    """(module, what it must not import) pairs."""
    found = set()
    for module, names in imports.items():
        for name in names:
            if _within(module, EXTRACTION) and _within(name, AFTER_EXTRACTION):
                found.add((module, name))
            if _within(module, "sitroom.store") and (
                name.split(".")[0] in {"click", "rich"} or _within(name, "sitroom.web")
            ):
                found.add((module, name))
            forbidden = ("sitroom.nlp", "sitroom.places.resolve", "sitroom.extract", "spacy")
            if _within(module, "sitroom.situation") and _within(name, forbidden):
                found.add((module, name))
            if _within(name, "click") and not _within(module, "sitroom.cli"):
                found.add((module, name))
    return found - KNOWN_DEBT


def test_no_stage_imports_one_it_must_not():
    assert violations(_imports()) == set()


def test_the_contract_catches_a_forbidden_import():
    imports = _imports()
    imports["sitroom.extract.events"].add("sitroom.store")
    imports["sitroom.store.maintenance"].add("rich.table")
    imports["sitroom.situation.picture"].add("spacy.tokens")
    assert violations(imports) == {
        ("sitroom.extract.events", "sitroom.store"),
        ("sitroom.store.maintenance", "rich.table"),
        ("sitroom.situation.picture", "spacy.tokens"),
    }


def test_only_the_store_and_the_gazetteer_speak_sql_and_the_list_of_the_rest_only_shrinks():
    speaking = {m for m, names in _imports().items() if "sqlite3" in names}
    outside = speaking - GAZETTEER - {m for m in speaking if _within(m, "sitroom.store")}
    assert outside == SQL_NOT_YET_IN_STORE


@pytest.mark.parametrize(
    "module", ["sitroom.situation", "sitroom.web.app", "sitroom.export", "sitroom.cli"]
)
def test_what_comes_after_extraction_loads_without_spacy(module):
    code = f"import sys, {module}; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_no_two_command_modules_share_a_name():
    names = [p.name for p in SRC.rglob("commands.py")]
    assert names == [], "command groups live in sitroom/cli/<group>.py"
