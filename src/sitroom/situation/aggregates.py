"""Aggregate checks: does "took 4 of 18 state capitals in a month" fit the picture?

For an aggregate, the places the picture knows the actor took in the period (each a take
segment of the actor's side that began in it), restricted to the category's places when
the gazetteer knows them (admin1 capitals for "state capitals"), and a verdict:
``agrees``, ``falls short`` (the picture lacks reports) or ``exceeds``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import sqlite3
from collections import Counter
from typing import Any

from sitroom.places.normalize import name_key
from sitroom.situation.derived import Picture
from sitroom.situation.sides import Sides
from sitroom.situation.statements import TAKES
from sitroom.situation.timeline import Segment

NEAR_KM = 10.0
_IRREGULAR = {
    "take": ("took", "taken"),
    "retake": ("retook", "retaken"),
    "overrun": ("overran",),
    "fall": ("fell", "fallen"),
}


@functools.cache
def taking_verbs() -> frozenset[str]:
    """Forms of the control lexicon's verbs that change hands (captured, regained):
    only aggregates of these ("took 6 capitals") are checked against the picture."""
    from sitroom.extract.lexicon import load_lexicon

    forms = set()
    for lemma, verb in load_lexicon().control.items():
        if verb.status not in TAKES or " " in lemma:
            continue
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {lemma, lemma + "s", stem + "ed", stem + "ing", *_IRREGULAR.get(lemma, ())}
        if lemma.endswith("y"):
            forms.add(lemma[:-1] + "ied")
    return frozenset(forms)


def check_aggregates(
    conn: sqlite3.Connection, picture: Picture, sides: Sides, gazetteer: Any
) -> list[dict[str, Any]]:
    """One check for each stored aggregate of places taken, in report order."""
    rows = conn.execute(
        "SELECT a.*, r.date AS report_date FROM aggregates a JOIN reports r"
        " ON r.doc_id = a.doc_id ORDER BY r.date, a.doc_id, a.idx"
    ).fetchall()
    verbs = taking_verbs()
    return [
        check_one(conn, row, picture, sides, gazetteer)
        for row in rows
        if row["verb"].lower() in verbs
    ]


def check_one(
    conn: sqlite3.Connection, row: sqlite3.Row, picture: Picture, sides: Sides, gazetteer: Any
) -> dict[str, Any]:
    last = row["report_date"]
    first = None
    if last and row["period_days"] is not None:
        first = (dt.date.fromisoformat(last) - dt.timedelta(days=row["period_days"])).isoformat()
    country = _country(conn, row, sides)
    capitals = _capitals(gazetteer, country) if "capital" in row["category"].lower() else None
    side = sides.of_actor(row["actor"]) if row["actor"] else None
    known = []
    for segments in picture.values():
        taken = [s for s in segments if _fits(s, side, first, last)]
        if not taken:
            continue
        capital = _capital_of(taken[0], capitals) if capitals is not None else None
        if capitals is not None and capital is None:
            continue
        known.append(_known(taken[0], capital))
    known.sort(key=lambda k: (k["since"], k["place"]))
    found = len(known)
    count = row["count"]
    verdict = "agrees" if found == count else ("falls short" if found < count else "exceeds")
    check = {
        "doc_id": row["doc_id"],
        "sentence": row["sentence"],
        "text": row["evidence"].strip(),
        "actor": row["actor"],
        "verb": row["verb"],
        "count": count,
        "of": row["of"],
        "category": row["category"],
        "period_days": row["period_days"],
        "from": first,
        "to": last,
        "country": country,
        "known": known,
        "found": found,
        "verdict": verdict,
        "summary": f"the picture holds {found} of the {count}",
    }
    if capitals is not None:
        check["gazetteer_count"] = len(capitals)
    return check


def _fits(segment: Segment, side: str | None, first: str | None, last: str | None) -> bool:
    if segment.part_key or segment.status not in TAKES:
        return False
    if side is not None and segment.side != side:
        return False
    if last is not None and segment.since > last:
        return False
    return first is None or segment.since >= first


def _known(segment: Segment, capital: str | None) -> dict[str, Any]:
    return {
        "place": segment.first.place,
        "capital_of": capital,
        "holder": segment.holder,
        "status": segment.status,
        "since": segment.since,
        "state": segment.state,
        "sources": segment.sources,
        "speakers": segment.speakers,
    }


def _country(conn: sqlite3.Connection, row: sqlite3.Row, sides: Sides) -> str | None:
    """The actor's country, else the country the report's places are mostly in."""
    actor = sides.actors.get(row["actor"]) if row["actor"] else None
    if actor is not None and actor.country:
        return str(actor.country)
    counts = Counter(
        r[0]
        for r in conn.execute(
            "SELECT country FROM toponyms WHERE doc_id = ? AND country IS NOT NULL"
            " AND source IS NOT 'demonym'",  # places, not "Afghan forces"
            (row["doc_id"],),
        )
    )
    return counts.most_common(1)[0][0] if counts else None


def _capitals(gazetteer: Any, country: str | None) -> dict[str, Any]:
    return dict(gazetteer.capitals(country)) if country else {}


def _capital_of(segment: Segment, capitals: dict[str, Any]) -> str | None:
    """The admin1 whose capital the segment's place is: same GeoNames id, same name in
    the same country, or within ``NEAR_KM``."""
    place = segment.first
    for admin1, town in capitals.items():
        if place.geonameid is not None and place.geonameid == town.geonameid:
            return str(admin1)
        if place.country == town.country and name_key(place.place) == name_key(town.name):
            return str(admin1)
        if None not in (place.lat, place.lon, town.lat, town.lon):
            if _km(place.lat, place.lon, town.lat, town.lon) <= NEAR_KM:
                return str(admin1)
    return None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
