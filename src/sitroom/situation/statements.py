"""Control statements as the situation reads them from the store.

One ``Statement`` per stored control row, with the day it speaks of (its own date, else
the report's), the sides of its holder and speaker, and the sentence behind it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from sitroom.situation.sides import Sides
from sitroom.store.keys import place_key, place_key_sql

TAKES = frozenset({"captured", "regained"})
PRESENCE = frozenset({"entered", "besieged", "contested"})
HOLDS = frozenset({"retained"})
LOSSES = frozenset({"withdrawn"})
# Words in a part's name that do not tell two parts apart ("the strategic airport").
_PART_NOISE = frozenset({"the", "a", "an", "its", "strategic", "main", "key", "city's", "town's"})


def part_key(part: str | None) -> str:
    """The part a statement is about, as a comparable key; "" for the whole place."""
    if not part:
        return ""
    words = [w for w in part.casefold().replace("’", "'").split() if w not in _PART_NOISE]
    return " ".join(words)


def same_part(a: str, b: str) -> bool:
    """Both the whole place, or the same head word ("strategic airport" ~ "airport")."""
    if not a or not b:
        return a == b
    return a.split()[-1] == b.split()[-1]


@dataclass(slots=True)
class Statement:
    """One control statement with what the situation needs to weigh it."""

    doc_id: str
    idx: int
    place_key: str
    place: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    part: str | None
    part_key: str
    holder: str
    holder_side: str
    status: str
    day: str
    dated: bool  # the statement gives its own day (else the report's day stands in)
    stance: str
    speaker: str | None
    speaker_role: str | None
    speaker_affiliation: str | None
    speaker_side: str
    sentence: int
    text: str
    report_date: str | None

    @property
    def ref(self) -> tuple[str, int]:
        return (self.doc_id, self.idx)

    def values(self) -> list[object]:
        """The fields in order, for storing (``Statement(*values)`` reads them back)."""
        return [getattr(self, name) for name in self.__slots__]  # type: ignore[attr-defined]

    def as_json(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id,
            "idx": self.idx,
            "sentence": self.sentence,
            "text": self.text.strip(),
            "speaker": self.speaker,
            "role": self.speaker_role,
            "affiliation": self.speaker_affiliation,
            "side": self.speaker_side,
            "holder": self.holder,
            "status": self.status,
            "part": self.part,
            "day": self.day,
            "stance": self.stance,
        }


_SELECT = "SELECT c.*, r.date AS report_date FROM control c JOIN reports r ON r.doc_id = c.doc_id"


def load_statements(
    conn: sqlite3.Connection,
    sides: Sides,
    *,
    place_keys: Iterable[str] | None = None,
    until: str | None = None,
) -> list[Statement]:
    """Control statements from the store (in no particular order), all or those of some
    places; with ``until``, only those of reports published by that day and speaking of
    days up to it."""
    if place_keys is None:
        rows = conn.execute(_SELECT).fetchall()
    else:
        keys = sorted(set(place_keys))
        rows = []
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            where = f" WHERE {place_key_sql()} IN ({marks})"
            rows += conn.execute(_SELECT + where, chunk).fetchall()
    speakers = _speakers(conn, {row["doc_id"] for row in rows if row["claimed_by"]})
    statements = [_statement(row, speakers, sides) for row in rows if row["place_name"]]
    if until is not None:
        statements = [s for s in statements if s.day <= until and (s.report_date or s.day) <= until]
    return statements


@dataclass(frozen=True)
class _Voice:
    role: str | None
    affiliation: str | None
    stance: str


def _speakers(conn: sqlite3.Connection, doc_ids: set[str]) -> dict[tuple, _Voice]:
    """Who the speakers of these reports are, from the claims the same reports hold:
    by (doc_id, sentence, speaker) and by (doc_id, speaker)."""
    found: dict[tuple, _Voice] = {}
    ids = sorted(doc_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            "SELECT doc_id, sentence, speaker, role, affiliation, stance FROM claims"
            f" WHERE doc_id IN ({marks})",
            chunk,
        ):
            voice = _Voice(row["role"], row["affiliation"], row["stance"])
            found[(row["doc_id"], row["sentence"], row["speaker"])] = voice
            old = found.get((row["doc_id"], row["speaker"]))
            if old is None or not (old.role or old.affiliation):
                found[(row["doc_id"], row["speaker"])] = voice
    return found


def _statement(row: sqlite3.Row, speakers: dict[tuple, _Voice], sides: Sides) -> Statement:
    speaker = row["claimed_by"]
    voice = None
    if speaker:
        voice = speakers.get((row["doc_id"], row["sentence"], speaker)) or speakers.get(
            (row["doc_id"], speaker)
        )
    role = voice.role if voice else None
    affiliation = voice.affiliation if voice else None
    # A speaker who denies what the control statement asserts ("X denied that Y took Z").
    denied = voice is not None and voice.stance == "deny" and row["stance"] == "assert"
    day = row["date"] or row["report_date"] or ""
    return Statement(
        doc_id=row["doc_id"],
        idx=row["idx"],
        place_key=place_key(row["geonameid"], row["country"], row["place_name"]),
        place=row["place_name"],
        country=row["country"],
        admin1=row["admin1"],
        lat=row["lat"],
        lon=row["lon"],
        geonameid=row["geonameid"],
        part=row["part"],
        part_key=part_key(row["part"]),
        holder=row["holder"],
        holder_side=sides.of_actor(row["holder"]),
        status=row["status"],
        day=day,
        dated=row["date"] is not None,
        stance="deny" if denied else row["stance"],
        speaker=speaker,
        speaker_role=role,
        speaker_affiliation=affiliation,
        speaker_side=sides.of_speaker(speaker, affiliation, role, row["country"]),
        sentence=row["sentence"],
        text=row["evidence"],
        report_date=row["report_date"],
    )
