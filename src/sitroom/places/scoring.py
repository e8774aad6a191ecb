"""Ranking a mention's gazetteer candidates: priors, focus country, co-mentions.

A score is a sum of log-population and bonuses; weights live in ``Weights`` so a
benchmark can vary them. Distances are great-circle kilometres.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sitroom.places.gazetteer import Candidate
from sitroom.places.normalize import name_key


@dataclass(frozen=True)
class Weights:
    region: float = 7.0  # kind bonuses over a town's (a region has no population)
    country: float = 3.0
    admin1: float = 1.5
    admin2: float = 0.3
    main_name: float = 3.0  # matched the place's own name, not an alternate one
    admin_twin: float = 2.0  # a town named like its own admin1 ("Kunduz", Kunduz)
    national_capital: float = 3.0
    prominence: float = 0.0  # times log10(1 + number of alternate names)
    country_shadow: float = -2.0  # a place named like a country ("Italy", Texas); -0.25 pt on
    # LGL (local US news: Palestine TX, Lebanon OH), kept for conflict reporting
    shadowed: float = -1.5  # a town named like another admin1 ("California", Maryland)
    hint: float = 6.0  # "X province" -> admin1, "X County" -> admin2
    hint_miss: float = -1.0
    container: float = 8.0  # "Bangor, Maine": a Bangor inside Maine
    focus: float = 4.0  # times the focus country's share of the report
    same_admin2: float = 8.0  # a town and the county it lies in
    same_admin1: float = 4.0  # another mention resolved to (a place in) this admin1
    near: tuple[tuple[float, float], ...] = ((50.0, 2.0), (150.0, 1.2), (400.0, 0.5))
    near_cap: float = 4.0
    country_mentioned: float = 1.5  # the report names this candidate's country
    neighbour: float = 1.0  # times the nearness bonus to another named country's point
    bonus_cap: float = 8.0
    refocus: bool = True  # recompute the focus country from all names' readings
    stray_population: float = 20_000  # smaller towns abroad in a one-country report...
    stray_focus: float = 0.5  # ...(one country holding this share) are left unresolved
    prob_power: float = 0.5  # readings weigh by probability to this power
    min_probability: float = 0.05  # readings less likely than this give no context


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def prior(
    c: Candidate,
    hint: str | None,
    w: Weights,
    key: str = "",
    admin1s: frozenset[tuple[str | None, str | None]] = frozenset(),
) -> float:
    """``key``: the looked-up name, so that a town called by its admin1's name under an
    alternate spelling ("Gedaref" for Al Qadarif, in Gedaref state) counts as a twin;
    ``admin1s``: the (country, admin1 code) of the admin1s the same name finds, so that a
    town the name shares with its own admin1 ("Hassakeh") is a twin too."""
    score = math.log10(c.population + 10) + getattr(w, c.kind, 0.0)
    if c.main:
        score += w.main_name
    score += w.prominence * math.log10(1 + c.names)
    named = c.admin1 is not None and name_key(c.admin1) in (name_key(c.name), key)
    if c.kind == "town" and (named or (c.country, c.admin1_code) in admin1s):
        score += w.admin_twin
    if c.is_capital:
        score += w.national_capital
    if hint is not None:
        score += w.hint if c.kind == hint else w.hint_miss
    return score


def contains(outer: Candidate, inner: Candidate) -> bool:
    """Is ``inner`` inside ``outer`` (a country, an admin1 or an admin2)?"""
    if outer.kind == "country":
        return inner.country == outer.country and inner.kind != "country"
    if outer.kind == "admin2":
        return (
            inner.kind == "town"
            and inner.country == outer.country
            and inner.admin1_code == outer.admin1_code
            and inner.admin2 == outer.name
        )
    if outer.kind == "admin1":
        return (
            inner.kind in ("admin2", "town")
            and inner.country == outer.country
            and inner.admin1_code == outer.admin1_code
        )
    return False


def focus_shares(weights: Counter[str]) -> dict[str, float]:
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items()} if total else {}


def coherence(c: Candidate, o: Candidate, w: Weights) -> tuple[float, float]:
    """How well two readings fit one report: (containment bonus, nearness bonus)."""
    if "region" in (c.kind, o.kind):  # a region contains no listed place and is near none
        return 0.0, 0.0
    if o.kind == "country":
        if c.kind == "country" or o.country == c.country:
            return (w.country_mentioned if c.kind != "country" else 0.0), 0.0
        return 0.0, w.neighbour * _near(c, o, w)  # Gaza beside Israel: a small neighbour
    if c.kind == "country":
        return (w.country_mentioned if o.country == c.country else 0.0), 0.0
    if contains(o, c) or contains(c, o):
        town_in_county = {c.kind, o.kind} == {"admin2", "town"}
        return (w.same_admin2 if town_in_county else w.same_admin1), 0.0
    if c.kind == "admin1" or o.kind == "admin1":
        return 0.0, 0.0
    same = w.same_admin1 / 2 if (o.country, o.admin1_code) == (c.country, c.admin1_code) else 0.0
    return same, _near(c, o, w)


KM_PER_DEGREE_LATITUDE = 111.19


def _near(c: Candidate, o: Candidate, w: Weights) -> float:
    if c.lat is None or o.lat is None or c.lon is None or o.lon is None:
        return 0.0
    if abs(c.lat - o.lat) * KM_PER_DEGREE_LATITUDE > w.near[-1][0]:
        return 0.0  # farther apart north-south than the widest nearness: no need for trig
    d = distance_km((c.lat, c.lon), (o.lat, o.lon))
    return next((b for limit, b in w.near if d <= limit), 0.0)


Fit = Callable[[Candidate, Candidate], tuple[float, float]]


def weighted(readings: list[tuple[Candidate, float]], w: Weights) -> list[tuple[Candidate, float]]:
    """A name's readings with their probabilities turned into context weights."""
    return [(c, p**w.prob_power) for c, p in readings]


def context_bonus(
    c: Candidate,
    others: list[list[tuple[Candidate, float]]],
    w: Weights,
    fit: Fit | None = None,
) -> float:
    """Bonus from the other names of the report, each a list of (reading, weight), the
    weight a reading's probability to the power ``w.prob_power`` (see ``weighted``): per
    name, the best weighted fit with any of its readings. ``fit`` is ``coherence`` by
    default; a caller scoring many readings passes a memoised one."""
    fit = fit or (lambda a, b: coherence(a, b, w))
    bonus, near = 0.0, 0.0
    for readings in others:
        best_b, best_n = 0.0, 0.0
        for o, p in readings:
            b, n = fit(c, o)
            if p * b > best_b:
                best_b = p * b
            if p * n > best_n:
                best_n = p * n
        bonus += best_b
        near += best_n
    return min(bonus, w.bonus_cap) + min(near, w.near_cap)
