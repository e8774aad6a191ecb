"""Reading data/generic.yaml: descriptions of a kind of actor, made concrete by a country."""

from __future__ import annotations

from sitroom.actors._load import KINDS, bundled, section
from sitroom.errors import DataFileError


def load_generics() -> list:
    from sitroom.actors.dictionary import Generic

    path, text = bundled("generic.yaml")
    generics = []
    for item, line in section(path, text, "generic"):
        if not isinstance(item, dict) or item.get("kind") not in KINDS:
            raise DataFileError(path, line, f"expected kind (one of {sorted(KINDS)})")
        template, name, aliases = item.get("template"), item.get("name"), item.get("aliases")
        if not isinstance(template, str) or "{country}" not in template:
            raise DataFileError(path, line, "template must be a string with '{country}'")
        if not isinstance(name, str) or not isinstance(aliases, list):
            raise DataFileError(path, line, "expected name (string) and aliases (list)")
        after_state = item.get("after_state", [])
        if not isinstance(after_state, list):
            raise DataFileError(path, line, "after_state must be a list")
        generics.append(
            Generic(
                item["kind"], name, template, tuple(map(str, aliases)), tuple(map(str, after_state))
            )
        )
    return generics
