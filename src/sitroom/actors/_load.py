"""Reading actor data files: YAML with line numbers, validated entry by entry."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sitroom.errors import DataFileError

KINDS = frozenset(
    {
        "government", "military", "police", "paramilitary", "rebel", "militia", "party",
        "igo", "ngo", "protesters", "rioters", "civilians", "media", "state", "unidentified",
        "company", "group",
    }
)  # fmt: skip
_ACTOR_KEYS = {"name", "kind", "country", "aliases", "ambiguous"}


@dataclass(frozen=True)
class Entry:
    """One actor entry as a file states it, with where it stands."""

    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    ambiguous: tuple[str, ...]
    path: str
    line: int


def bundled(name: str) -> tuple[str, str]:
    """(path for messages, text) of a data file shipped in the package."""
    resource = resources.files("sitroom.actors") / "data" / name
    return f"sitroom/actors/data/{name}", resource.read_text(encoding="utf-8")


def read_path(path: str | Path) -> tuple[str, str]:
    try:
        return str(path), Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read actor file: {exc.strerror}") from exc


def compose(path: str, text: str) -> tuple[Any, yaml.Node | None]:
    """The parsed document and its node tree (for line numbers)."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(path, line, f"not valid YAML: {problem}") from exc
    finally:
        loader.dispose()
    return data, node


def section(path: str, text: str, name: str) -> list[tuple[Any, int]]:
    """The items of the top-level list ``name``, each with its 1-based line."""
    data, node = compose(path, text)
    if data is None:
        return []
    if not isinstance(data, dict) or name not in data:
        raise DataFileError(path, 1, f"expected a mapping with a top-level {name!r} list")
    items = data[name]
    value_node = next(v for k, v in node.value if k.value == name)  # type: ignore[union-attr]
    if not isinstance(items, list):
        raise DataFileError(path, value_node.start_mark.line + 1, f"{name!r} must be a list")
    return [(item, n.start_mark.line + 1) for item, n in zip(items, value_node.value, strict=True)]


def actor_entries(path: str, text: str, countries: frozenset[str]) -> list[Entry]:
    entries = []
    seen: dict[str, str] = {}
    for item, line in section(path, text, "actors"):
        entry = _entry(item, path, line, countries)
        for alias in (entry.name, *entry.aliases, *entry.ambiguous):
            folded = " ".join(alias.casefold().split())
            other = seen.setdefault(folded, entry.name)
            if other != entry.name:
                raise DataFileError(
                    path, line, f"alias {alias!r} of {entry.name!r} already names {other!r}"
                )
        entries.append(entry)
    return entries


def _entry(item: Any, path: str, line: int, countries: frozenset[str]) -> Entry:
    def fail(problem: str) -> DataFileError:
        return DataFileError(path, line, problem)

    if not isinstance(item, dict):
        raise fail("an actor must be a mapping with name, kind, country, aliases")
    unknown = set(item) - _ACTOR_KEYS
    if unknown:
        raise fail(f"unknown field(s) {sorted(unknown)}; allowed: {sorted(_ACTOR_KEYS)}")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("an actor needs a non-empty string 'name'")
    kind = item.get("kind")
    if kind not in KINDS:
        raise fail(f"actor {name!r}: kind {kind!r} is not one of {sorted(KINDS)}")
    country = item.get("country")
    if country is not None and country not in countries:
        raise fail(f"actor {name!r}: country {country!r} is not an ISO 3166 alpha-2 code")
    aliases = _strings(item.get("aliases", []), f"actor {name!r}: aliases", fail)
    ambiguous = _strings(item.get("ambiguous", []), f"actor {name!r}: ambiguous", fail)
    return Entry(name.strip(), kind, country, aliases, ambiguous, path, line)


def _strings(value: Any, what: str, fail: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"{what} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)
