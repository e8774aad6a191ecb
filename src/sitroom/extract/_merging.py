"""Merging the mentions of one event within a report, as ACLED codes a report: one event
per type, place and day, with the tolls, arrests, looting and interventions told around
it counted in it."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace

from sitroom.extract._kinds import FORCES, INTERVENTIONS, PROTESTS, RIOTS, VIOLENCE
from sitroom.extract.context import ReportContext
from sitroom.extract.counts import Counted
from sitroom.record import Event


def dedupe(
    events: list[tuple[Event, Counted]],
    named: Callable[[str], bool],
    vague: Callable[[Event], bool],
) -> list[Event]:
    """ACLED's rule within a report: one event per type, place and day. Mentions of the
    same event merge: missing day, actors and counts are filled in; a count of new people
    adds up ("captured a leader ... also detained two suspects"), a count told again
    keeps the highest figure, except that an exact toll beats one a vague word gave
    (``vague``: "Scores of civilians killed", then "at least 25 civilians"). An actor the
    dictionary does not know ("one additional suspect") does not keep two mentions apart."""
    kept: list[tuple[Event, Counted, set[int]]] = []  # with whom it counts, in which sentences
    for event, whom in events:
        index = next(
            (i for i, (old, _, _) in enumerate(kept) if _same_event(old, event, named)), None
        )
        sentence = event.evidence.sentence
        if index is None:
            kept.append((event, whom, {sentence}))
            continue
        old, before, sentences = kept[index]
        if sentence in sentences:  # one sentence's counts are counted once
            adds: Callable[[str], bool] = lambda key: False  # noqa: E731
        else:
            adds = functools.partial(whom.adds_to, before)
        if whom.parts > 1:
            # a sentence counting several groups ("eleven ... were killed in one district
            # and seven others in another", after "killed 18") that add up to the figure
            # told: the same people told in detail, not more
            adds = functools.partial(_unless_retold, adds, old, event)
        merged = _merged(old, event, adds, named, vague)
        kept[index] = (merged, before | whom, sentences | {sentence})
    return [event for event, _, _ in kept]


def _same_event(a: Event, b: Event, named: Callable[[str], bool]) -> bool:
    return (
        (a.acled or a.plover) == (b.acled or b.plover)
        and (a.place.name if a.place else None) == (b.place.name if b.place else None)
        and (a.date == b.date or a.date is None or b.date is None)
        and (a.modality == b.modality or _told_in_passing(a, b) or _told_in_passing(b, a))
        and all(
            x == y or x is None or y is None or not (named(x) and named(y))
            for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2))
        )
    )


def _told_in_passing(event: Event, other: Event) -> bool:
    """A generic mention beside the event itself, in its sentence: "demonstrators responded
    to the call for nationwide demonstrations" is one protest."""
    return (
        event.modality == "generic"
        and other.modality == "asserted"
        and event.evidence.sentence == other.evidence.sentence
    )


def _merged(
    a: Event,
    b: Event,
    adds: Callable[[str], bool],
    named: Callable[[str], bool],
    vague: Callable[[Event], bool],
) -> Event:
    def count(key: str, x: int | None, y: int | None) -> int | None:
        if x is None or y is None:
            return x if y is None else y
        if adds(key):
            return x + y
        if key == "killed" and vague(a) != vague(b):
            return y if vague(a) else x  # the exact figure of the two
        return max(x, y)

    return replace(
        a,
        modality=b.modality if _told_in_passing(a, b) else a.modality,
        date=a.date or b.date,
        date_precision=a.date_precision if a.date else b.date_precision,
        actor1=_better_actor(a.actor1, b.actor1, named),
        actor2=_better_actor(a.actor2, b.actor2, named),
        fatalities=count("killed", a.fatalities, b.fatalities),
        captured=count("captured", a.captured, b.captured),
        wounded=count("wounded", a.wounded, b.wounded),
    )


COUNT_FIELDS = {"killed": "fatalities", "captured": "captured", "wounded": "wounded"}


def _unless_retold(adds: Callable[[str], bool], old: Event, new: Event, key: str) -> bool:
    """``adds``, except for a figure equal to the one told before (``dedupe``)."""
    field = COUNT_FIELDS[key]
    return adds(key) and getattr(old, field) != getattr(new, field)


def _better_actor(x: str | None, y: str | None, named: Callable[[str], bool]) -> str | None:
    """The first mention's actor, unless only the second names one the dictionary knows."""
    if x is None or (y is not None and named(y) and not named(x)):
        return y
    return x


def casualties_told_after(
    events: list[Event], named: Callable[[str], bool], vague: Callable[[Event], bool]
) -> list[Event]:
    """The dead and wounded a later sentence tells without saying who did it ("Two people
    were killed and one other was injured") are the toll of the violence told before it at
    the same place and day (a clash, a strike), not an attack of their own. A doer no
    dictionary knows is no one said ("three were killed and others injured"). As in
    ``dedupe``, the higher toll is kept, except that an exact toll beats one a vague word
    gave ("Scores of civilians killed in airstrikes", then "at least 25 civilians")."""
    out: list[Event] = []
    for event in events:
        earlier = _violence_before(out, event) if _a_toll(event, named) else None
        if earlier is None:
            out.append(event)
            continue
        old = out[earlier]
        killed = _higher(old.fatalities, event.fatalities)
        if old.fatalities and event.fatalities and vague(old) != vague(event):
            killed = event.fatalities if vague(old) else old.fatalities
        out[earlier] = replace(old, fatalities=killed, wounded=_higher(old.wounded, event.wounded))
    return out


def looting_in_violence(events: list[Event]) -> list[Event]:
    """ACLED: looting or destruction in the course of an attack or a clash at the same place
    and day is that attack ("attacked the village, killing one and looting shops"); it is
    an event of its own only without other violence."""
    violence = [e for e in events if e.acled in VIOLENCE and e.modality == "asserted"]
    return [
        e
        for e in events
        if not (
            e.acled == "Looting/property destruction"
            and e.modality == "asserted"
            and any(_same_scene(v, e) for v in violence)
        )
    ]


# The forces that intervene in a protest, and the people its intervention hits (ACLED's
# Protest with intervention and Excessive force against protesters).
INTERVENING = {None, *FORCES}


DISPERSED = {None, "civilians", "protesters"}


# A protest's intervention is told in its sentence or the next two (as its type's refinement
# reads it, ``ReportContext.window(after=2)``).
INTERVENTION_AFTER = 2


def interventions_in_protests(events: list[Event], ctx: ReportContext) -> list[Event]:
    """ACLED's codebook: arrests, tear gas and beatings that break up a protest make it a
    Protest with intervention, lethal force or serious injury Excessive force against
    protesters; they are that protest, not an Arrests or an Attack of their own. An arrest
    or an attack by the police or the army (or by no one named) on people no one names
    but as civilians or protesters, told as done at the protest's place and day in its
    sentence or the next two, and told of the protest (its people or its dispersal named
    in the sentences from the protest's to its own), joins the protest: its counts and
    its force go to it. A riot (Violent demonstration) met with force stays a riot, with
    the force as its other side."""
    kind_of = ctx.kind_of
    out: list[Event] = []
    for event in events:
        protest = next(
            (i for i, old in enumerate(out) if _breaks_up(event, old, kind_of, ctx.text)), None
        )
        if protest is None:
            out.append(event)
            continue
        old = out[protest]
        killed = _higher(old.fatalities, event.fatalities)
        acled = old.acled
        if acled in RIOTS:
            pass  # a riot met with force stays a riot, the force its other side
        elif killed:
            acled = "Excessive force against protesters"
        elif acled == "Peaceful protest":
            acled = "Protest with intervention"
        force = _force_and_hit(event)[0]
        out[protest] = replace(
            old,
            acled=acled,
            actor2=old.actor2 if kind_of(old.actor2) in FORCES else force,
            fatalities=killed,
            wounded=_higher(old.wounded, event.wounded),
            captured=_higher(old.captured, event.captured),
        )
    return out


def _force_and_hit(event: Event) -> tuple[str | None, str | None]:
    """Who used force and on whom: ACLED names an intervention's protesters first."""
    if event.acled in INTERVENTIONS:
        return event.actor2, event.actor1
    return event.actor1, event.actor2


# Words that tie an arrest or a use of force to the crowd it broke up.
AT_THE_PROTEST = re.compile(
    r"\b(protest\w*|demonstrat\w*|march\w*|rally|rallies|crowds?|disperse\w*|tear ?gas|riot\w*"
    r"|water cannon|sit-in)\b",
    re.IGNORECASE,
)


def _breaks_up(
    event: Event, protest: Event, kind_of: Callable[[str | None], str | None], text: str
) -> bool:
    """Whether ``event`` is the intervention in ``protest`` (``interventions_in_protests``)."""
    force, hit = _force_and_hit(event)
    told = text[protest.evidence.end : event.evidence.end]  # the sentences after the protest's
    if event.evidence.sentence == protest.evidence.sentence:
        told = event.evidence.text
    return (
        protest.acled in PROTESTS | RIOTS
        and protest.modality == "asserted"
        and event.modality == "asserted"
        and (
            event.acled in {"Arrests", "Attack"}
            or (protest.acled in RIOTS and event.acled in INTERVENTIONS)
        )
        and kind_of(force) in INTERVENING
        and kind_of(hit) in DISPERSED
        and 0 <= event.evidence.sentence - protest.evidence.sentence <= INTERVENTION_AFTER
        and _same_scene(protest, event)
        and (kind_of(hit) == "protesters" or AT_THE_PROTEST.search(told) is not None)
    )


def _a_toll(event: Event, named: Callable[[str], bool]) -> bool:
    """Dead or wounded told as done, by no one named (an attack only by default)."""
    return (
        (event.actor1 is None or not named(event.actor1))
        and event.acled == "Attack"
        and event.modality == "asserted"
        and bool(event.fatalities or event.wounded)
    )


def _violence_before(events: list[Event], event: Event) -> int | None:
    """The first violence told as done in an earlier sentence at the same place and day."""
    return next(
        (
            i
            for i, old in enumerate(events)
            if old.acled in VIOLENCE
            and old.modality == "asserted"
            and old.evidence.sentence < event.evidence.sentence
            and _same_scene(old, event)
        ),
        None,
    )


def _higher(x: int | None, y: int | None) -> int | None:
    return x if y is None else y if x is None else max(x, y)


def operation_counts(events: list[Event]) -> list[Event]:
    """People detained in the course of a fight are counted with it too: a clash or strike
    on the same day and place as arrests carries their number ("killed two insurgents
    ... the force also detained three")."""
    arrests = [e for e in events if e.mode == "arrest" and e.captured and e.modality == "asserted"]
    if not arrests:
        return events
    out = []
    for event in events:
        if event.plover in {"FIGHT", "ASSAULT"} and event.modality == "asserted":
            taken = max((a.captured or 0 for a in arrests if _same_scene(a, event)), default=0)
            if taken > (event.captured or 0):
                event = replace(event, captured=taken)
        out.append(event)
    return out


def _same_scene(a: Event, b: Event) -> bool:
    return (a.place.name if a.place else None) == (b.place.name if b.place else None) and (
        a.date == b.date or a.date is None or b.date is None
    )
