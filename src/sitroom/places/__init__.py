"""Places: the offline gazetteer and toponym resolution.

gazetteer = load_gazetteer()          # builds ~/.cache/sitroom/gazetteer-vN.sqlite once
toponyms = find_toponyms(doc, gazetteer)
parts = find_parts(doc, toponyms)

The names below are imported from their modules on first use, so that importing one
light module of the package (``sitroom.places.normalize``, which the situation picture
uses for place names) does not load the resolver and spaCy with it.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "Candidate": "sitroom.places.gazetteer",
    "Gazetteer": "sitroom.places.gazetteer",
    "load_gazetteer": "sitroom.places.gazetteer",
    "demonym_country": "sitroom.places.lexicon",
    "PartMention": "sitroom.places.parts",
    "find_parts": "sitroom.places.parts",
    "find_toponyms": "sitroom.places.resolve",
    "place_for": "sitroom.places.resolve",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'sitroom.places' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value
