"""Toponym resolution: from a parsed report to resolved ``Toponym`` records."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from sitroom.places.detect import DIRECTIONS, DetectOptions, Mention, detect
from sitroom.places.gazetteer import Candidate, Gazetteer
from sitroom.places.lexicon import cues, demonym_country, state_abbrevs
from sitroom.places.normalize import name_key
from sitroom.places.scoring import (
    Fit,
    Weights,
    coherence,
    contains,
    context_bonus,
    focus_shares,
    prior,
    weighted,
)
from sitroom.record import Place, Toponym

_US = "US"
_KIND_THEN_MARK = re.compile(r"(\w+)\s*([,(])")


@dataclass
class _Slot:
    mention: Mention
    candidates: list[Candidate]
    inside: int | None = None  # index of the slot naming its container ("X, Maine")
    seats: frozenset[str] = frozenset()  # countries with an unplaced area of this name
    scores: list[float] = field(default_factory=list)
    choice: Candidate | None = None


def find_toponyms(
    doc: Doc,
    gazetteer: Gazetteer,
    *,
    focus_country: str | None = None,
    weights: Weights | None = None,
    options: DetectOptions | None = None,
) -> list[Toponym]:
    """Every place name in ``doc``, resolved where the gazetteer allows; never raises
    for an unknown name (it comes back with ``resolved=False`` and no coordinates).

    ``focus_country`` (ISO alpha-2) tilts ambiguous names towards the country the
    report is about; ``weights`` and ``options`` exist for benchmarks (bench/places.py).
    """
    w = weights or Weights()
    mentions = detect(doc, gazetteer, options)
    # Demonyms name their country and nothing else; they stay out of the other names'
    # resolution (its focus already counts them), so that finding them changes no other name.
    adjectival = [_slot(gazetteer, m) for m in mentions if m.source == "demonym"]
    for slot in adjectival:
        slot.choice = _best(slot, [0.0] * len(slot.candidates))
    slots = [
        _slot(gazetteer, _narrowed(doc, gazetteer, m)) for m in mentions if m.source != "demonym"
    ]
    _link_containers(doc, slots)
    focus = _focus(doc, slots, focus_country)
    _variants(gazetteer, slots, focus)
    for slot in slots:  # pass 1: priors, explicit containers, a first focus country
        slot.scores = [_first_score(slot, c, slots, w) for c in slot.candidates]
        _shadow(slot, w)
    current = [_with_focus(slot, focus, w) for slot in slots]
    fit = _memoised_coherence(w)
    for _ in range(2):  # pass 2: how well each reading fits the other names' readings
        readings = _readings(slots, current, w)
        if w.refocus:
            focus = _refocus(readings, focus_country)
        current = []
        bonuses: dict[tuple[str, int], float] = {}  # a name said twice is scored once
        contexts = {k: weighted(r, w) for k, r in readings.items()}
        for slot in slots:
            key = name_key(slot.mention.text)
            others = [r for k, r in contexts.items() if k != key]
            bases = _with_focus(slot, focus, w)
            # a reading further behind than the largest bonus cannot win: not scored
            hopeless = max(bases, default=0.0) - (w.bonus_cap + w.near_cap)
            final = []
            for base, c in zip(bases, slot.candidates, strict=True):
                bonus = bonuses.get((key, c.id)) if base >= hopeless else 0.0
                if bonus is None:
                    bonus = bonuses[key, c.id] = context_bonus(c, others, w, fit)
                final.append(base + bonus)
            slot.choice = _best(slot, final)
            current.append(final)
    for slot in slots:
        if _outside_its_container(slot, slots):
            slot.choice = None
    for slot in slots:  # judged by the other names only: a stray votes for itself
        key = name_key(slot.mention.text)
        rest = _refocus({k: r for k, r in readings.items() if k != key}, focus_country)
        if slot.choice is not None and _stray(slot.choice, rest, w):
            slot.choice = None
        elif slot.choice is not None and slot.mention.weak and _abroad(slot.choice, rest):
            slot.choice = None
    found = [_toponym(slot) for slot in slots] + [_toponym(slot) for slot in adjectival]
    return sorted(found, key=lambda t: t.start) if adjectival else found


# A report at least this much about one country looks there for spelling variants.
VARIANT_FOCUS = 0.5


def _variants(gazetteer: Gazetteer, slots: list[_Slot], focus: dict[str, float]) -> None:
    """A name the gazetteer does not know, which the text marks as a place ("X province",
    "X (Y locality, Z state)", "X, Z"), in a report mostly about one country: the towns and
    districts there under a spelling variant of it."""
    if not focus:
        return
    country = max(focus, key=focus.__getitem__)
    if focus[country] < VARIANT_FOCUS:
        return
    kinds = cues().suffix_kinds
    for slot in slots:
        m = slot.mention
        if slot.candidates or m.state or m.country:
            continue
        if m.kind_hint is None and slot.inside is None:
            continue
        words = (m.lookup or m.text).split()
        if len(words) > 1 and words[-1].lower() in kinds:
            words = words[:-1]  # "Tawila locality": the name without its kind word
        slot.candidates = gazetteer.similar(" ".join(words), country)


def _memoised_coherence(w: Weights) -> Fit:
    """``coherence`` remembered per pair of readings, for the passes of one report."""
    known: dict[tuple[int, int], tuple[float, float]] = {}

    def fit(c: Candidate, o: Candidate) -> tuple[float, float]:
        pair = (c.id, o.id)
        found = known.get(pair)
        if found is None:
            found = known[pair] = coherence(c, o, w)
        return found

    return fit


def place_for(toponym: Toponym) -> Place:
    """The ``Place`` a toponym stands for (name falls back to the surface text)."""
    return Place(
        name=toponym.name or toponym.text,
        lat=toponym.lat,
        lon=toponym.lon,
        country=toponym.country,
        admin1=toponym.admin1,
        precision=toponym.precision or "town",
        geonameid=toponym.geonameid,
    )


# Words before a name that are no part of it ("Historic Dublin", "W. Philadelphia").
_LEAD_WORDS = frozenset("historic n s e w".split())


def _narrowed(doc: Doc, gazetteer: Gazetteer, m: Mention) -> Mention:
    """A mention the gazetteer does not know whose span runs over organisation or street
    words ("Pointe Coupee Sheriff's Office", "Otter Tail County Road") or starts with a
    direction abbreviation ("W. Columbia"): the known name inside it. Costs a few memoised
    lookups, and only for unknown names."""
    if m.state or m.country or m.lookup or m.tok_end - m.tok_start < 2 or gazetteer.lookup(m.text):
        return m
    c = cues()
    droppable = c.org_heads | c.streets

    def drop(tok) -> bool:
        return (
            tok.lower_.rstrip(".") in droppable
            or tok.like_num
            or tok.is_punct
            or tok.lower_ in ("'s", "’s")
        )

    starts = [m.tok_start]
    if doc[m.tok_start].lower_.rstrip(".") in _LEAD_WORDS:
        starts.append(m.tok_start + 1)
        if m.tok_start + 1 < m.tok_end and doc[m.tok_start + 1].is_punct:
            starts.append(m.tok_start + 2)
    for start in starts:
        end = m.tok_end
        while end > start:
            span = doc[start:end]
            if (start, end) != (m.tok_start, m.tok_end) and span[0].text[:1].isupper():
                words = len(span)
                if words > 1 or (len(span.text) > 2 and span[0].lower_ not in c.generic):
                    if any(x.main or words > 1 for x in gazetteer.lookup(span.text)):
                        return replace(
                            m,
                            start=span.start_char,
                            end=span.end_char,
                            tok_start=start,
                            tok_end=end,
                            text=span.text,
                        )
            if not drop(doc[end - 1]):
                break
            end -= 1
    return m


def _slot(gazetteer: Gazetteer, m: Mention) -> _Slot:
    candidates, seats = _candidates(gazetteer, m)
    return _Slot(m, candidates, seats=seats)


def _candidates(gazetteer: Gazetteer, m: Mention) -> tuple[list[Candidate], frozenset[str]]:
    """The placed candidates, and the countries where an area of the name has no point
    of its own (Gaza governorate): there a town of the name is the area's seat."""
    state = m.state or state_abbrevs().get(m.text, (None, False))[0]  # "Mass." via NER
    if state or m.country:
        fixed = gazetteer.admin1(_US, state) if state else gazetteer.country(m.country or "")
        return ([fixed] if fixed else []), frozenset()
    found = list(gazetteer.lookup(m.lookup or m.text))
    words = m.text.split()
    if len(words) > 1 and words[-1].lower() in cues().suffix_kinds:
        seen = {c.id for c in found}
        found += [c for c in gazetteer.lookup(" ".join(words[:-1])) if c.id not in seen]
    letters = m.text.replace(".", "")
    if letters.isupper() and len(letters) <= 3:  # "EU", "UK": a country or nothing
        found = [c for c in found if c.kind == "country" or (c.main and "." in m.text)]
    if not found and len(words) > 1 and words[0].lower() in DIRECTIONS:
        found = list(gazetteer.lookup(" ".join(words[1:])))  # "Northeast Georgia"
    seats = frozenset(c.country for c in found if c.lat is None and c.main and c.country)
    return [c for c in found if c.lat is not None], seats


def _link_containers(doc: Doc, slots: list[_Slot]) -> None:
    """ "X, Y", "X (Y" and "X district, Y" where Y can be a country or an admin1: Y
    contains X."""
    text = doc.text
    kinds = cues().suffix_kinds
    for i, slot in enumerate(slots[:-1]):
        nxt = slots[i + 1]
        between = text[slot.mention.end : nxt.mention.start].strip()
        kind = _KIND_THEN_MARK.fullmatch(between)
        if kind and kind.group(1).lower() in kinds:
            between = kind.group(2)  # "Ghaziabad district, Kunar province"
        if between not in (",", "(", ", the"):
            continue
        if any(c.kind in ("country", "admin1") for c in nxt.candidates):
            slot.inside = i + 1


def _focus(doc: Doc, slots: list[_Slot], focus_country: str | None) -> dict[str, float]:
    weights: Counter[str] = Counter()
    if focus_country:
        weights[focus_country.upper()] += 5.0
    for slot in slots:
        countries = {c.country for c in slot.candidates if c.main or c.kind == "country"}
        countries.discard(None)  # regions
        if not slot.candidates:
            continue
        top = slot.candidates[0]
        if top.kind == "country" and top.main:
            weights[top.country] += 3.0 if slot.mention.source == "dateline" else 1.0
        elif len(countries) == 1:
            weights[countries.pop()] += 0.5 if top.kind == "town" else 1.0
    for ent in doc.ents:
        if ent.label_ == "NORP":
            code = demonym_country(ent.text)
            if code:
                weights[code] += 0.5
    return focus_shares(weights)


def _outside_its_container(slot: _Slot, slots: list[_Slot]) -> bool:
    """A place the text puts inside another ("Ghaziabad district, Kunar province") read
    as one outside it (the Indian city): the gazetteer does not know the right one."""
    if slot.inside is None or slot.choice is None or slot.choice.kind not in ("town", "admin2"):
        return False  # "Kuwait, Egypt": a list, not a container
    outer = slots[slot.inside].choice
    if outer is None or outer.kind not in ("admin1", "country") or outer.id == slot.choice.id:
        return False
    return not contains(outer, slot.choice)


def _stray(c: Candidate, focus: dict[str, float], w: Weights) -> bool:
    """A small town abroad, in a report clearly about another country, with nothing but
    its spelling for it ("Tawila" in Darfur read as a Yemeni village): better unresolved."""
    top = max(focus.values(), default=0.0)
    return (
        c.kind == "town"
        and c.population < w.stray_population
        and top >= w.stray_focus
        and focus.get(c.country or "", 0.0) < 0.05
    )


# A name found only by the noun after it must lie in a country the rest of the report is
# this much about (``Mention.weak``), unless it is a city this big.
WEAK_FOCUS = 0.25
WEAK_CITY = 100_000


def _abroad(c: Candidate, focus: dict[str, float]) -> bool:
    """A small reading outside the countries the other names of the report are about:
    for a name with nothing but a noun after it ("Assads forces", "Arab countries" in a
    report on Syria, "Grad missiles"), a modifier, not a place; a big city keeps its name
    ("Vancouver officials")."""
    return (
        bool(focus)
        and focus.get(c.country or "", 0.0) < WEAK_FOCUS
        and c.population < WEAK_CITY
        and c.kind != "region"
    )


def _with_focus(slot: _Slot, focus: dict[str, float], w: Weights) -> list[float]:
    return [
        base + w.focus * focus.get(c.country or "", 0.0)
        for base, c in zip(slot.scores, slot.candidates, strict=True)
    ]


def _refocus(
    readings: dict[str, list[tuple[Candidate, float]]], focus_country: str | None
) -> dict[str, float]:
    """Country shares from every name's likely readings (each name one vote)."""
    weights: Counter[str] = Counter()
    if focus_country:
        weights[focus_country.upper()] += 2.0
    for options in readings.values():
        for c, p in options:
            if c.country:
                weights[c.country] += p
    return focus_shares(weights)


def _first_score(slot: _Slot, c: Candidate, slots: list[_Slot], w: Weights) -> float:
    admin1s = frozenset((o.country, o.admin1_code) for o in slot.candidates if o.kind == "admin1")
    key = name_key(slot.mention.lookup or slot.mention.text)
    score = prior(c, slot.mention.kind_hint, w, key, admin1s)
    if c.kind == "town" and c.main and c.country in slot.seats:
        score += w.admin_twin
    if slot.inside is not None:
        if any(contains(o, c) for o in slots[slot.inside].candidates):
            score += w.container
    elif any(s.inside is not None and slots[s.inside] is slot for s in slots):
        inner = [s for s in slots if s.inside is not None and slots[s.inside] is slot]
        if c.kind in ("country", "admin1") and any(
            contains(c, x) for s in inner for x in s.candidates
        ):
            score += w.container / 2
    return score


def _shadow(slot: _Slot, w: Weights) -> None:
    """A country's or a region's name means it; an admin1's own name means the admin1,
    not a town elsewhere; a name shared by a town and the district around it means the
    town."""
    country = any(c.main and c.kind in ("country", "region") for c in slot.candidates)
    areas = [c for c in slot.candidates if c.main and c.kind == "admin1"]
    towns = [c for c in slot.candidates if c.kind == "town"]
    for i, c in enumerate(slot.candidates):
        if country and c.kind not in ("country", "region"):
            slot.scores[i] += w.country_shadow
        elif c.kind == "town" and areas and not c.is_capital:
            if not any(contains(a, c) for a in areas):
                slot.scores[i] += w.shadowed
        elif c.kind == "admin2" and any(contains(c, t) for t in towns):
            slot.scores[i] += w.shadowed


def _readings(
    slots: list[_Slot], scores: list[list[float]], w: Weights
) -> dict[str, list[tuple[Candidate, float]]]:
    """Per distinct name, its likely readings with softmax probabilities."""
    out: dict[str, list[tuple[Candidate, float]]] = {}
    for slot, values in zip(slots, scores, strict=True):
        key = name_key(slot.mention.text)
        if not values or key in out:
            continue
        top = max(values)
        weights = [math.exp(v - top) for v in values]
        total = sum(weights)
        out[key] = [
            (c, x / total)
            for c, x in zip(slot.candidates, weights, strict=True)
            if x / total >= w.min_probability
        ]
    return out


def _best(slot: _Slot, scores: list[float] | None = None) -> Candidate | None:
    scores = scores if scores is not None else slot.scores
    if not slot.candidates:
        return None
    best = max(range(len(scores)), key=scores.__getitem__)
    return slot.candidates[best]


# Coordinates go out with 5 decimals (about a metre): more digits are float noise of
# the gazetteer's arithmetic (36.870369999999994), not precision.
COORDINATE_DECIMALS = 5


def _coordinate(value: float | None) -> float | None:
    return None if value is None else round(value, COORDINATE_DECIMALS)


def _toponym(slot: _Slot) -> Toponym:
    m, c = slot.mention, slot.choice
    if c is None:
        return Toponym(m.start, m.end, m.text, None, None, resolved=False, source=_src(m))
    return Toponym(
        start=m.start,
        end=m.end,
        text=m.text,
        lat=_coordinate(c.lat),
        lon=_coordinate(c.lon),
        name=c.name,
        country=c.country,
        admin1=c.admin1 if c.kind != "country" else None,
        precision=c.precision,
        geonameid=c.geonameid,
        source=_src(m),
    )


def _src(m: Mention) -> str:
    return m.source if m.source in ("ner", "demonym") else "gazetteer"
