"""Facilities inside a town ("the airport", "the governor's compound").

A facility phrase from ``data/facilities.csv`` is a named part of the nearest
town mentioned before it. Towns named inside a relative clause or an apposition
("an MP, who lives in Herat, said") describe a person, not the scene, and are
skipped. The part gets the town's point with precision ``site``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from sitroom.places.lexicon import facilities
from sitroom.places.resolve import place_for
from sitroom.record import Place, Toponym

_PERSON_CLAUSES = ("relcl", "appos", "acl")


@dataclass(frozen=True)
class PartMention:
    start: int
    end: int
    text: str  # the noun phrase: "the strategic airport"
    head: str  # the facility's head name: "airport"
    town: Toponym  # the town it belongs to

    @property
    def place(self) -> Place:
        base = place_for(self.town)
        return Place(
            base.name, base.lat, base.lon, base.country, base.admin1, "site", base.geonameid
        )

    @property
    def toponym(self) -> Toponym:
        t = self.town
        return Toponym(
            self.start,
            self.end,
            self.text,
            t.lat,
            t.lon,
            name=t.name,
            country=t.country,
            admin1=t.admin1,
            precision="site",
            geonameid=t.geonameid,
            resolved=t.resolved,
            source="part",
            part_of=t.name,
        )


@cache
def _pattern() -> re.Pattern[str]:
    phrases = sorted(facilities(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def find_parts(doc: Doc, toponyms: list[Toponym]) -> list[PartMention]:
    towns = [t for t in toponyms if t.precision == "town" and t.resolved]
    towns = [t for t in towns if not _describes_person(doc, t)]
    out = []
    for match in _pattern().finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or _is_proper(span):
            continue
        before = [t for t in towns if t.end <= match.start()]
        if not before:
            continue
        phrase = _noun_phrase(span)
        head = facilities()[match.group(1).lower()]
        out.append(PartMention(phrase.start_char, phrase.end_char, phrase.text, head, before[-1]))
    return out


def _is_proper(span: Span) -> bool:
    """ "Kandahar Airport" or "Bagram Air Base" is a named place, not a part."""
    return span[0].text[:1].isupper() and not span[0].is_sent_start


def _noun_phrase(span: Span) -> Span:
    head = span[-1]
    start = min(head.left_edge.i, span.start)
    return span.doc[start : span.end]


def _describes_person(doc: Doc, toponym: Toponym) -> bool:
    span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(6):
        if tok.dep_ in _PERSON_CLAUSES:
            return True
        if tok.head is tok:
            return False
        tok = tok.head
    return False
