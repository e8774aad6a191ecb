"""Control over time: the segments of who held a place (or a part of it) from when to when.

Statements of one place are read day by day, each part on its own:

- a take (``captured``, ``regained``) by one side ends the other sides' segments, unless
  they too speak of that day (then both stand: the sources disagree); a later capture
  supersedes an earlier one and a ``regained`` reverses it;
- ``retained`` keeps a side's segment going (or opens one: a side still holding out);
- ``entered``, ``besieged``, ``contested`` put a side in the place without ending the
  holder's segment;
- ``withdrawn`` ends the side's segments;
- a take of the whole place ends older segments of other sides in its parts (the airport
  held last month is not held out of today's capture), not same-day ones;
- a denial is kept on the segment of the side it denies.

``until`` is the day the segment ended (the day of the statement that ended it), or None.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby

from sitroom.situation.statements import HOLDS, LOSSES, PRESENCE, TAKES, Statement


@dataclass(slots=True)
class Segment:
    place_key: str
    part_key: str
    holder: str
    side: str
    status: str
    since: str
    until: str | None = None
    support: list[Statement] = field(default_factory=list)
    denials: list[Statement] = field(default_factory=list)
    state: str = "claimed"  # confirmed | claimed | contested, over the whole segment
    backing: str = "claimed"  # confirmed | claimed: what its own sources make of it
    reasons: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.status in PRESENCE:
            return "presence"
        if self.status in LOSSES:
            return "loss"
        return "hold"

    @property
    def first(self) -> Statement:
        return self.support[0]

    @property
    def part(self) -> str | None:
        return self.first.part

    def covers(self, day: str) -> bool:
        return self.since <= day and (self.until is None or day < self.until)

    def overlaps(self, other: Segment) -> bool:
        return (other.until is None or self.since < other.until) and (
            self.until is None or other.since < self.until
        )

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(s.doc_id for s in self.support))

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(s.speaker for s in self.support if s.speaker))


def build_segments(statements: Iterable[Statement]) -> list[Segment]:
    """Every segment of one place's statements, parts included, in (part, since) order."""
    statements = sorted(statements, key=_order)
    by_part: dict[str, list[Statement]] = {}
    for statement in statements:
        by_part.setdefault(statement.part_key, []).append(statement)
    whole_takes = [s for s in by_part.get("", []) if s.status in TAKES and s.stance == "assert"]
    segments: list[Segment] = []
    for key in sorted(by_part):
        segments += _part_segments(by_part[key], whole_takes if key else [])
    return segments


def _part_segments(statements: list[Statement], whole_takes: list[Statement]) -> list[Segment]:
    done: list[Segment] = []
    live: dict[tuple[str, str], Segment] = {}  # (side, kind) -> its open segment
    stream = [(s, False) for s in statements]
    if whole_takes:
        stream += [(s, True) for s in whole_takes]
        stream.sort(key=lambda item: (item[0].day, item[0].doc_id, item[0].idx))
    for day, items in groupby(stream, key=lambda item: item[0].day):
        group = list(items)
        own = [s for s, virtual in group if not virtual]
        asserted = [s for s in own if s.stance == "assert"]
        if asserted:
            for key in [k for k in live if k[1] == "loss"]:
                _close(live, key, day, done)
        speaking = {s.holder_side for s in asserted if s.status not in LOSSES}
        for statement, virtual in group:
            if statement.stance == "assert" and statement.status in TAKES:
                _take(live, statement, day, speaking, virtual, done)
        for statement in asserted:
            if statement.status in LOSSES:
                for key in [k for k in live if k[0] == statement.holder_side]:
                    _close(live, key, day, done)
                live[(statement.holder_side, "loss")] = _open(statement)
        for statement in asserted:
            if statement.status in PRESENCE:
                _keep(live, (statement.holder_side, "presence"), statement)
        for statement in sorted(asserted, key=lambda s: s.status not in TAKES):
            if statement.status in TAKES or statement.status in HOLDS:
                _hold(live, statement, done)
        for statement in own:
            if statement.stance != "assert":
                _deny(live, done, statement)
    done += live.values()
    return sorted(done, key=lambda seg: (seg.since, seg.side, seg.status))


def _order(statement: Statement) -> tuple[str, str, int]:
    return (statement.day, statement.doc_id, statement.idx)


def overlapping(segments: list[Segment]) -> Iterator[tuple[Segment, Segment]]:
    """Every pair of segments whose days overlap, each pair once."""
    ordered = sorted(segments, key=lambda seg: seg.since)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if a.until is not None and b.since >= a.until:
                break
            if b.until is None or a.since < b.until:
                yield a, b


def _open(statement: Statement) -> Segment:
    return Segment(
        place_key=statement.place_key,
        part_key=statement.part_key,
        holder=statement.holder,
        side=statement.holder_side,
        status=statement.status,
        since=statement.day,
        support=[statement],
    )


def _close(live: dict, key: tuple[str, str], day: str, done: list[Segment]) -> None:
    segment = live.pop(key)
    segment.until = day
    done.append(segment)


def _take(
    live: dict, statement: Statement, day: str, speaking: set[str], virtual: bool, done: list
) -> None:
    for key, segment in list(live.items()):
        other = key[0] != statement.holder_side
        if other and key[0] not in speaking:
            _close(live, key, day, done)
        elif not other and not virtual and key[1] == "presence" and segment.since < day:
            _close(live, key, day, done)  # those who entered now hold it


def _keep(live: dict, key: tuple[str, str], statement: Statement) -> None:
    if key in live:
        live[key].support.append(statement)
    else:
        live[key] = _open(statement)


def _hold(live: dict, statement: Statement, done: list[Segment]) -> None:
    key = (statement.holder_side, "hold")
    segment = live.get(key)
    if segment is not None and statement.status in TAKES and segment.status not in TAKES:
        if segment.since < statement.day:  # held, then taken again: it was lost between
            _close(live, key, statement.day, done)
            segment = None
        else:
            segment.status = statement.status
    if segment is None:
        live[key] = _open(statement)
    else:
        segment.support.append(statement)


def _deny(live: dict, done: list[Segment], statement: Statement) -> None:
    for segment in [*live.values(), *reversed(done)]:
        if segment.side == statement.holder_side and segment.kind != "loss":
            if segment.covers(statement.day) or segment.until is None:
                segment.denials.append(statement)
                return
