"""The situation picture as the pages and the API show it: each place with its key (for
links), its state on a day, the claims behind it, and its contradictions."""

from __future__ import annotations

from typing import Any

from sitroom.situation import contested
from sitroom.situation.picture import place_on, timeline_entry


def places_on(picture: dict[str, Any], day: str, country: str | None = None) -> list[dict]:
    """Every place's state on ``day`` with its ``place_key``, by place name."""
    found = []
    for key, segments in picture.items():
        if country and (segments[0].first.country or "").upper() != country.upper():
            continue
        view = place_on(segments, day)
        if view is not None:
            view["place_key"] = key
            view["claims"] = _unique(view["claims"])
            found.append(view)
    return sorted(found, key=lambda p: (p["place"], p["country"] or ""))


def on_day(state: Any, store: Any, day: str, country: str | None = None) -> list[dict]:
    """``places_on`` through the app's cache (read-only: callers copy before changing)."""
    return state.memo(store, ("on", day, country), lambda p: places_on(p, day, country))


def known_then(state: Any, store: Any, day: str, country: str | None = None) -> list[dict]:
    """Each place's state on ``day`` as the reports published by that day told it (no
    hindsight): the picture recomputed from those statements only, through the cache."""
    from sitroom.situation import compute

    def then(_: Any) -> list[dict]:
        return places_on(compute(store.conn, state.sides(), until=day), day, country)

    return state.memo(store, ("then", day, country), then)


def all_pairs(state: Any, store: Any, kind: str | None = None) -> list:
    """``pairs`` of every place through the app's cache."""
    return state.memo(store, ("pairs", kind), lambda p: pairs(p, kind=kind))


def worst_first(places: list[dict], limit: int) -> list[dict]:
    """Contested places first, then claimed, then confirmed; at most ``limit``."""
    rank = {"contested": 0, "claimed": 1, "confirmed": 2}
    return sorted(places, key=lambda p: (rank.get(p["state"], 3), p["place"]))[:limit]


def history(picture: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """A place's control segments, whole place first, then parts, each oldest first."""
    entries = [timeline_entry(s) for s in picture.get(key, [])]
    return sorted(entries, key=lambda e: (e["part"] or "", e["since"]))


def pairs(picture: dict[str, Any], *, kind: str | None = None, key: str | None = None) -> list:
    """Contradictions and qualifications (as JSON), of every place or of one."""
    scope = {key: picture[key]} if key is not None and key in picture else picture
    if key is not None and key not in picture:
        return []
    found = []
    for pair in contested(scope, kind=kind):
        data = pair.as_json()
        data["place_key"] = pair.place_key
        found.append(data)
    return found


def default_day(picture: dict[str, Any], last: str | None) -> str | None:
    """The day a page shows when none is asked for: the latest day anything is known of
    (``last``, from the store), else the latest day a segment of the picture starts."""
    if last:
        return last
    days = [s.since for segments in picture.values() for s in segments]
    return max(days) if days else None


def _unique(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One claim per speaker and sentence (a sentence may back several statements)."""
    seen, kept = set(), []
    for claim in claims:
        key = (claim["doc_id"], claim["sentence"], claim["speaker"])
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept
