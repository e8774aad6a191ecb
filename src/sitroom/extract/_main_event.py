"""The event a report is mainly about, as news tells it (the inverted pyramid): chosen
among the events told as done, completed from the mentions of the same incident in the
headline and the lead, and placed by the lead."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from sitroom.extract._kinds import PERPETRATORS, VIOLENCE
from sitroom.extract.context import TOWN_LIKE, ReportContext, place_of
from sitroom.extract.lexicon import Lexicon
from sitroom.record import Event, Place

# A remote weapon is more than a bare "attack" says (ACLED's Explosions/Remote violence).
WEAPON_TYPES = {
    "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
    "Suicide bomb", "Grenade", "Chemical weapon",
}  # fmt: skip


def told_in_the_lead(
    main: Event,
    events: list[Event],
    kind_of: Callable[[str | None], str | None],
    published: str | None,
    lexicon: Lexicon,
    headline: str,
) -> Event:
    """News tells its main event in the headline and again, in more detail, in the lead
    (the inverted pyramid): "Air strikes kill 18 in Aleppo" and "Regime warplanes struck
    Aleppo's market, killing 18" are one event. A violent event told within
    ``RETOLD_WITHIN`` sentences of it, at a place that fits and with a toll that fits
    (``_same_incident``), gives the main event the perpetrator it lacks, the weapon a bare
    "attack" does not say, and the exact toll for a headline's vague one ("Dozens
    killed", then "killed 16"); a headline that names a chemical weapon makes the attack
    a chemical one."""
    if main.acled not in VIOLENCE:
        return main
    vague = vague_toll(main, lexicon)
    retold = [
        e
        for e in events
        if e is not main
        and e.modality == "asserted"
        and e.acled in VIOLENCE
        and abs(e.evidence.sentence - main.evidence.sentence) <= RETOLD_WITHIN
        and _same_incident(main, e, published, vague)
    ]
    actor1 = main.actor1
    if kind_of(actor1) is None:  # no one, or no one the dictionary knows; not "gunmen"
        actor1 = next(
            (
                e.actor1
                for e in retold
                if kind_of(e.actor1) in PERPETRATORS and e.actor1 != main.actor2
            ),
            actor1,
        )
    acled = main.acled
    if acled == "Attack":
        acled = next((e.acled for e in retold if e.acled in WEAPON_TYPES), acled)
    if acled in {"Attack", "Air/drone strike"} and CHEMICAL_ATTACK.search(headline):
        acled = "Chemical weapon"  # "Suspected gas attack kills 58", then "the attack"
    killed = main.fatalities
    if vague:
        exact = (e.fatalities for e in retold if e.fatalities and not vague_toll(e, lexicon))
        killed = next(exact, killed)
    return replace(main, actor1=actor1, acled=acled, fatalities=killed)


VAGUE_DEAD = re.compile(
    r"\b([a-z]+)\W+(?:(?:of|more|people|civilians|were|are|have|been|at|least)\W+){0,4}"
    r"(killed|dead|died|die|perished|martyred)\b"
)


# The active voice: "strikes have killed hundreds of civilians", where a vague word of at
# least ESTIMATE_MIN ("dozens") is an estimate.
ESTIMATE_MIN = 20
VAGUE_KILLED = re.compile(
    r"\b(?:kill|kills|killed|killing)\W+(?:(?:at|least|more|than|some|nearly|over)\W+){0,3}"
    r"([a-z]+)\b"
)


# A headline that tells a chemical attack, not one that names an agent in passing ("UN
# report on sarin use"): the agent within a few words of an attack or of its being used.
_AGENT = r"(chemical|gas|sarin|chlorine|toxic|poison|nerve)"


_ATTACK = r"(attacks?|strikes?|bombs?|bombing|massacre|shelling|used|using)"


CHEMICAL_ATTACK = re.compile(
    rf"\b({_AGENT}\W+(\w+\W+){{0,2}}?{_ATTACK}|{_ATTACK}\W+(\w+\W+){{0,4}}?{_AGENT})\b",
    re.IGNORECASE,
)


def vague_toll(event: Event, lexicon: Lexicon) -> bool:
    """Whether an event's dead were counted by a vague word of its sentence ("dozens",
    "scores": a fixed figure as ACLED codes them, which an exact one told of the same
    incident replaces)."""
    if not event.fatalities:
        return False
    # the vague word counts the dead: "Dozens killed", "scores of civilians were killed"
    # (not "three were killed and several others wounded")
    text = event.evidence.text.lower()
    for found in VAGUE_DEAD.finditer(text):
        if lexicon.vague_counts.get(found.group(1)) == event.fatalities:
            return True
    # "strikes have killed hundreds": an estimate, as "dozens" and "scores" are; "killed
    # several insurgents" counts the few an operation killed (ISAF), no estimate
    return any(
        lexicon.vague_counts.get(found.group(1)) == event.fatalities >= ESTIMATE_MIN
        for found in VAGUE_KILLED.finditer(text)
    )


def _same_incident(a: Event, b: Event, published: str | None, vague: bool = False) -> bool:
    """Two mentions that may tell one incident: the same toll (or one untold, or the
    first ``vague``), the same day (or one untold, or only the publication day: a
    headline's "kill 9" says no day), and places that agree: the same, in the same
    province, or one no closer than the country of the other."""
    if a.fatalities and b.fatalities and a.fatalities != b.fatalities and not vague:
        return False
    if a.date and b.date and a.date != b.date and published not in (a.date, b.date):
        return False
    if a.place is None or b.place is None:
        return True
    if a.place.country != b.place.country:
        return False
    return (
        a.place.name == b.place.name
        or "country" in (a.place.precision, b.place.precision)
        or (a.place.admin1 is not None and a.place.admin1 == b.place.admin1)
    )


def lead_place(ctx: ReportContext, event: Event) -> Place | None:
    """A headline places its event in a country ("Russian strikes kill 53 in Syria"), the
    lead in a town or province of it: the first the next sentences name, for the main
    event placed no closer than its country. So does a main event placed abroad in a
    report about another country, when the lead names a town or province of that
    country: a foreign name beside the report's own is more often a side than the scene
    ("US strikes kill 23 in Deir ez-Zor", "Moscow says", a "Britain-based monitor")."""
    focus = ctx.focus_country
    abroad = event.place is not None and focus is not None and event.place.country != focus
    if event.place is not None and event.place.precision != "country" and not abroad:
        return event.place
    country = focus if abroad or event.place is None else event.place.country
    first = event.evidence.sentence
    window = ctx.sentences[first : first + RETOLD_WITHIN + 1]
    if not window:
        return event.place
    named = [
        t
        for t in ctx.toponyms_between(window[0].start, window[-1].end)
        if t.resolved and t.precision in (*TOWN_LIKE, "admin1") and t.country == country
        and not ctx.in_dateline(t.start)
    ]  # fmt: skip
    return place_of(named[0]) if named else event.place


# News tells its main event first (headline, lead): the sentences that count as the lead.
LEAD_SENTENCES = 3


# The sentences around the main event's mention that may tell it again: the headline, the
# headline repeated or a date line at the top of the body, and the lead's three sentences.
RETOLD_WITHIN = LEAD_SENTENCES + 2


def main_event(events: list[Event]) -> int | None:
    """The event a report is mainly about, as news writes it (the inverted pyramid): of
    the violence told as done, the one with the most dead among those the headline and
    lead tell, else among all; without a toll, the first violence told as done; else the
    first event told as done."""
    done = [i for i, e in enumerate(events) if e.modality == "asserted" and e.acled]
    if not done:
        return next((i for i, e in enumerate(events) if e.modality == "asserted"), None)
    tolls = [i for i in done if events[i].fatalities]
    lead = [i for i in tolls if events[i].evidence.sentence < LEAD_SENTENCES]
    pool = lead or tolls
    if pool:
        return min(pool, key=lambda i: events[i].evidence.start)
    return min(done, key=lambda i: events[i].evidence.start)
