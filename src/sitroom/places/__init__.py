"""Places: the offline gazetteer and toponym resolution.

gazetteer = load_gazetteer()          # builds ~/.cache/sitroom/gazetteer-vN.sqlite once
toponyms = find_toponyms(doc, gazetteer)
parts = find_parts(doc, toponyms)
"""

from sitroom.places.gazetteer import Candidate, Gazetteer, load_gazetteer
from sitroom.places.lexicon import demonym_country
from sitroom.places.parts import PartMention, find_parts
from sitroom.places.resolve import find_toponyms, place_for

__all__ = [
    "Candidate",
    "Gazetteer",
    "PartMention",
    "demonym_country",
    "find_parts",
    "find_toponyms",
    "load_gazetteer",
    "place_for",
]
