"""A report's text cut into pieces for the report page: sentences that carry extracted
items (each with an anchor ``s<N>``), and inside them marks over the words that carry
each item (places, event triggers, speakers, holders). Pieces are plain strings; the
template escapes them, so the report's own markup is shown, never run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Mark:
    start: int
    end: int
    kind: str  # "place" | "event" | "control" | "claim" | "aggregate"
    label: str
    href: str | None = None


@dataclass
class Piece:
    text: str
    mark: Mark | None = None


@dataclass
class Sentence:
    index: int | None  # None: text between sentences that carry nothing
    start: int
    pieces: list[Piece] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)


def _find(text: str, needle: str | None, start: int, end: int) -> tuple[int, int] | None:
    if not needle or len(needle) < 2:
        return None
    at = text.find(needle, start, end)
    if at < 0:
        at = text.lower().find(needle.lower(), start, end)
    return (at, at + len(needle)) if at >= 0 else None


def marks(text: str, items: dict[str, list[dict[str, Any]]]) -> list[Mark]:
    """Where in the text each item shows: toponyms by their own span, the rest by the
    words they name inside their sentence (trigger, speaker, content, holder)."""
    found = []
    for t in items.get("toponyms", []):
        key = t.get("place_key")
        found.append(Mark(t["start"], t["end"], "place", t.get("name") or t["text"],
                          f"/place/{key}" if key and t.get("resolved") else None))  # fmt: skip
    for e in items.get("events", []):
        span = _find(text, e.get("trigger"), e["start"], e["end"])
        label = " / ".join(x for x in (e.get("plover"), e.get("acled"), e.get("mode")) if x)
        if span:
            found.append(Mark(*span, "event", label or "event"))
    for k in items.get("claims", []):
        for needle, kind in ((k.get("speaker"), "claim"), (k.get("content"), "claim")):
            span = _find(text, needle, k["start"], k["end"])
            if span:
                found.append(Mark(*span, kind, f"{k['speaker']} ({k['channel']}, {k['stance']})"))
    for c in items.get("control", []):
        for needle in (c.get("part"), c.get("holder")):
            span = _find(text, needle, c["start"], c["end"])
            if span:
                label = f"{c['holder']} {c['status']} {c.get('part') or c.get('place_name')}"
                found.append(Mark(*span, "control", label))
    return found


def _sentence_spans(items: dict[str, list[dict[str, Any]]]) -> dict[int, tuple[int, int]]:
    spans: dict[int, tuple[int, int]] = {}
    for table in ("events", "control", "claims", "aggregates"):
        for row in items.get(table, []):
            spans.setdefault(row["sentence"], (row["start"], row["end"]))
    return spans


def _kinds(items: dict[str, list[dict[str, Any]]]) -> dict[int, list[str]]:
    kinds: dict[int, list[str]] = {}
    for table in ("events", "control", "claims", "aggregates"):
        for row in items.get(table, []):
            bucket = kinds.setdefault(row["sentence"], [])
            if table not in bucket:
                bucket.append(table)
    return kinds


def sentences(text: str, items: dict[str, list[dict[str, Any]]]) -> list[Sentence]:
    """The text in order: anchored sentences and the plain stretches between them."""
    spans = sorted(_sentence_spans(items).items(), key=lambda kv: kv[1])
    kinds = _kinds(items)
    chosen: list[Sentence] = []
    at = 0
    for index, (start, end) in spans:
        start, end = max(start, at), min(end, len(text))
        if end <= start:
            continue
        if start > at:
            chosen.append(Sentence(None, at, [], []))
            chosen[-1].pieces = [Piece(text[at:start])]
        chosen.append(Sentence(index, start, [], kinds.get(index, [])))
        at = end
        chosen[-1].pieces = [Piece(text[start:end])]
    if at < len(text):
        chosen.append(Sentence(None, at, [Piece(text[at:])], []))
    _cut(text, chosen, marks(text, items))
    return chosen


def _cut(text: str, chosen: list[Sentence], found: list[Mark]) -> None:
    """Split each stretch at its marks (longest first where two overlap; none nest)."""
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    for sentence in chosen:
        begin = sentence.start
        end = begin + sum(len(p.text) for p in sentence.pieces)
        pieces, at = [], begin
        for mark in found:
            if mark.start < at or mark.end > end or mark.start < begin:
                continue
            if mark.start > at:
                pieces.append(Piece(text[at : mark.start]))
            pieces.append(Piece(text[mark.start : mark.end], mark))
            at = mark.end
        if at < end:
            pieces.append(Piece(text[at:end]))
        sentence.pieces = pieces
