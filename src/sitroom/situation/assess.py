"""Weighing segments: confirmed, claimed or contested; contradictions and qualifications.

- *confirmed*: the reporter or an independent voice states it, or speakers of two or more
  sides agree;
- *claimed*: only a party's voice says so (one side, or a speaker nobody places);
- *contested*: someone entered, besieges or fights over the place; another side holds the
  same place or part at the same time; a party denies it; or, for the whole place, a part
  of it still holds out for another side.

A *contradiction* is a pair of positions that cannot both be true: the same place and
part (same head word), overlapping days, different sides holding, or a denial of a holding.
A *qualification* only narrows: the whole place held by one side while a part of it holds
out for another. Each names its statements: speakers, reports and sentences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sitroom.situation.sides import INDEPENDENT, REPORTER
from sitroom.situation.statements import Statement, same_part
from sitroom.situation.timeline import Segment, overlapping


def backing(statements: Iterable[Statement]) -> str:
    sides = {s.speaker_side for s in statements}
    if sides & {REPORTER, INDEPENDENT} or len(sides) >= 2:
        return "confirmed"
    return "claimed"


def _rivals(segment: Segment, other: Segment) -> bool:
    """Two segments of one place at odds in the same part: different sides holding."""
    return (
        other is not segment
        and other.side != segment.side
        and segment.kind != "loss"
        and other.kind != "loss"
        and (segment.kind == "hold" or other.kind == "hold")
        and same_part(segment.part_key, other.part_key)
    )


def _holds_out(whole: Segment, part: Segment) -> bool:
    return (
        not whole.part_key
        and bool(part.part_key)
        and whole.kind == "hold"
        and part.kind == "hold"
        and part.side != whole.side
    )


def assess(segments: list[Segment]) -> None:
    """Set ``state``, ``backing`` and ``reasons`` of one place's segments, in place."""
    reasons: dict[int, list[str]] = {id(s): [] for s in segments}
    for segment in segments:
        segment.backing = backing(segment.support)
        if segment.kind == "presence":
            reasons[id(segment)].append(f"{segment.holder} {segment.status}")
        if segment.denials:
            who = ", ".join(_who(s) for s in segment.denials)
            reasons[id(segment)].append(f"denied by {who}")
    for a, b in overlapping(segments):
        for one, other in ((a, b), (b, a)):
            if _rivals(one, other):
                reasons[id(one)].append(f"{other.holder} {other.status} ({other.backing})")
            elif _holds_out(one, other):
                reasons[id(one)].append(f"{other.part} held out by {other.holder}")
    for segment in segments:
        segment.reasons = list(dict.fromkeys(reasons[id(segment)]))
        segment.state = "contested" if segment.reasons else segment.backing


def state_on(segment: Segment, segments: list[Segment], day: str) -> tuple[str, list[str]]:
    """A segment's state and reasons on one day (the stored state spans the segment)."""
    reasons = []
    if segment.kind == "presence":
        reasons.append(f"{segment.holder} {segment.status}")
    if any(d.day <= day for d in segment.denials):
        reasons.append("denied by " + ", ".join(_who(s) for s in segment.denials))
    for other in segments:
        if not other.covers(day):
            continue
        if _rivals(segment, other):
            reasons.append(f"{other.holder} {other.status}")
        elif _holds_out(segment, other):
            reasons.append(f"{other.part} held out by {other.holder}")
    reasons = list(dict.fromkeys(reasons))
    return ("contested" if reasons else segment.backing), reasons


def _who(statement: Statement) -> str:
    return statement.speaker or "the reporter"


@dataclass(frozen=True)
class Pair:
    """Two positions about one place: a contradiction or a qualification."""

    kind: str  # "contradiction" | "qualification"
    place: str
    place_key: str
    since: str
    a: Segment
    b: Segment
    denial: bool = False

    @property
    def counter_claim(self) -> bool:
        """Both positions only claimed, by speakers of different sides."""
        return (
            self.a.backing == "claimed"
            and self.b.backing == "claimed"
            and {s.speaker_side for s in self.a.support} != {s.speaker_side for s in self.b.support}
        )

    def as_json(self) -> dict[str, object]:
        def side(segment: Segment, statements: list[Statement]) -> dict[str, object]:
            return {
                "part": segment.part,
                "holder": segment.holder,
                "status": segment.status,
                "since": segment.since,
                "until": segment.until,
                "backing": segment.backing,
                "statements": [s.as_json() for s in statements],
            }

        b_statements = self.b.denials if self.denial else self.b.support
        return {
            "kind": self.kind,
            "place": self.place,
            "since": self.since,
            "counter_claim": self.counter_claim,
            "denial": self.denial,
            "a": side(self.a, self.a.support),
            "b": side(self.b, b_statements),
        }


def pairs(segments: list[Segment]) -> list[Pair]:
    """The contradictions and qualifications among one place's segments."""
    found = [
        Pair("contradiction", a.first.place, a.place_key, a.since, a, a, True)
        for a in segments
        if a.denials
    ]
    for a, b in overlapping(segments):
        since = max(a.since, b.since)
        if _rivals(a, b) and "hold" == a.kind == b.kind:
            found.append(Pair("contradiction", a.first.place, a.place_key, since, a, b))
        elif _holds_out(a, b) or _holds_out(b, a):
            whole, part = (a, b) if not a.part_key else (b, a)
            found.append(Pair("qualification", a.first.place, a.place_key, since, whole, part))
    return found
