"""Events: who did what to whom, where and when, typed in PLOVER and ACLED terms."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sitroom.extract import syntax
from sitroom.extract._kinds import (
    ARMED_KINDS,
    INTERVENTIONS,
    NON_STATE_ARMED,
    ON_CIVILIANS,
    PROTESTS,
    RIOTS,
    STATE_KINDS,
    UNARMED,
    VAGUE,
    VIOLENCE,
)
from sitroom.extract._main_event import lead_place, main_event, told_in_the_lead, vague_toll
from sitroom.extract._merging import (
    casualties_told_after,
    dedupe,
    interventions_in_protests,
    looting_in_violence,
    operation_counts,
)
from sitroom.extract.context import (
    TOWN_LIKE,
    ReportContext,
    Sentence,
    names_people,
    phrase_of,
    place_of,
)
from sitroom.extract.counts import (
    Counted,
    clause_of,
    counted,
    people_counted,
    stated_counts,
    war_toll,
    wounded_by_participle,
)
from sitroom.extract.lexicon import EventTrigger, Lexicon
from sitroom.extract.subevents import sub_event
from sitroom.record import Control, Event, Place, Toponym

if TYPE_CHECKING:
    from spacy.tokens import Token

    from sitroom.timex import Day

EXTRACTOR = "sitroom.events.v3"
TERRITORY_EXTRACTOR = "sitroom.events.territory.v1"
_ORGANISATIONS = {
    "group", "agency", "organization", "organisation", "worker", "official", "committee",
    "team", "leader", "spokesman", "office", "ministry", "minister", "force", "unit", "convoy",
}  # fmt: skip
MUST = EventTrigger(lemmas=("must",), pos=("VERB",), plover="DEMAND")
HOSTILE = {"ASSAULT", "FIGHT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"}
COOPERATIVE = {"SUPPORT", "CONCEDE", "RETREAT", "AID", "COOPERATE", "CONSULT", "AGREE"}
BOMBINGS = {"explosives", "suicide-attack"}


def extract_events(ctx: ReportContext, lexicon: Lexicon, control: list[Control]) -> list[Event]:
    """Events sentence by sentence; within a sentence the main clause's event first
    (the one nearest the root of the parse), then the others in text order."""
    events: list[tuple[Event, Counted]] = []  # each with whom its counts count
    scene = Scene()
    for sentence in ctx.reading():
        must = {t.head.i for t in sentence.span if t.lower_ == "must" and t.dep_ == "aux"}
        triggers = [
            (token, trigger)
            for token in sentence.span
            if (token.i in must or token.lemma_.lower() in lexicon.events)  # a cheap first look
            and not ctx.in_dateline(sentence.char(token))  # the body tells it again
            and not war_toll(token, lexicon)
            and (trigger := _trigger(ctx, token, lexicon, sentence)) is not None
        ]
        # "gunmen attacked the village, killing 20": the participle tells the attack's toll
        # (the sentence's counts carry it), not a second event
        found_at = {token.i for token, _ in triggers}
        triggers = [
            (token, trigger) for token, trigger in triggers if not _tells_a_toll(token, found_at)
        ]
        whom = Counted.union(counted(token, lexicon) for token, _ in triggers)
        found = sorted(
            (
                _depth(token),
                token.i,
                _event(
                    ctx, lexicon, sentence, token, trigger,
                    _clause_counts(sentence, lexicon, token, [t for t, _ in triggers]), scene,
                ),
            )
            for token, trigger in triggers
        )  # fmt: skip
        for _, _, made in found:
            events.extend((event, whom) for event in made)
            for event in made:
                if (
                    event.modality == "asserted"
                    and event.place
                    and event.place.precision != "country"
                ):
                    scene.sentence, scene.place = sentence.index, event.place
    events.extend((event, Counted()) for event in _territory_events(ctx, control))
    # what happened first, then what was planned, feared, denied or named in passing
    named = lambda name: ctx.kind_of(name) is not None or name in ctx.persons  # noqa: E731
    vague = lambda event: vague_toll(event, lexicon)  # noqa: E731
    merged = interventions_in_protests(
        looting_in_violence(casualties_told_after(dedupe(events, named, vague), named, vague)),
        ctx,
    )
    if any(e.modality == "asserted" and e.acled for e in merged):
        # "the leader is responsible for attacks" beside the raid that caught him: a kind
        # of event he is known for, no event of its own (beside no violence or protest
        # told as done, it may be all the report tells: "students answered the call for
        # demonstrations")
        merged = [e for e in merged if e.modality != "generic"]
    ordered = sorted(operation_counts(merged), key=lambda e: e.modality != "asserted")
    main = main_event(ordered)
    published = ctx.publication.isoformat() if ctx.publication else None
    headline = ctx.sentences[0].span.text if ctx.sentences else ""
    return [
        replace(
            told_in_the_lead(e, ordered, ctx.kind_of, published, lexicon, headline),
            main=True,
            place=lead_place(ctx, e),
        )
        if i == main
        else e
        for i, e in enumerate(ordered)
    ]


def _tells_a_toll(token: Token, triggers: set[int]) -> bool:
    """A participle adjunct of an event's verb, or one conjoined to it ("attacked the home,
    killing one person and injuring two others"): the toll of that event."""
    first = token
    while first.dep_ == "conj" and first.tag_ == "VBG" and first.head.tag_ == "VBG":
        first = first.head
    return first.dep_ == "advcl" and first.tag_ == "VBG" and first.head.i in triggers


def _governed_by_trigger(
    ctx: ReportContext, noun: Token, lexicon: Lexicon, sentence: Sentence
) -> bool:
    head = noun.head
    if noun.dep_ == "pobj" and head.head != head:
        head = head.head
    lemma = head.lemma_.lower()
    if noun.dep_ not in {"dobj", "pobj", "nsubjpass"} or head.pos_ != "VERB":
        return False
    # "a protest was held in Nyala": holding a protest is no change of control; a control
    # verb that counts only with some objects ("restored control") covers only those
    rule = lexicon.control.get(lemma)
    if rule is not None and noun.dep_ != "nsubjpass":
        if not rule.objects or noun.lemma_ in rule.objects:
            return True
    if lemma not in lexicon.events:
        return False
    # only a verb that tells an event itself covers its object: "imposed sanctions" is
    # the sanctions' event when "impose" does not take them ("return to talks" is covered)
    return noun.dep_ == "pobj" or _trigger(ctx, head, lexicon, sentence) is not None


def _depth(token: Token) -> int:
    depth = 0
    while token.head != token:
        token = token.head
        depth += 1
    return depth


def _trigger(
    ctx: ReportContext, token: Token, lexicon: Lexicon, sentence: Sentence
) -> EventTrigger | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "must" for c in token.children):
        return MUST  # "China must drop its barriers": whatever the verb, a demand
    if lemma not in lexicon.events or token.dep_ == "amod":  # "Iran-backed militia"
        return None
    if token.dep_ == "compound" and token.head.lemma_ in _ORGANISATIONS:  # "an aid group"
        return None
    if token.pos_ == "NOUN" and _governed_by_trigger(ctx, token, lexicon, sentence):
        return None  # "rejected the agreement": the verb's event covers its object
    for trigger in lexicon.events.get(lemma, ()):
        if token.pos_ not in trigger.pos:
            continue
        if (
            trigger.mode == "arrest"
            and lemma in lexicon.control
            and not _takes_person(ctx, sentence, token, lexicon)
        ):
            continue  # "captured the town": a change of control, its event comes from there
        if trigger.person and not (
            _takes_person(ctx, sentence, token, lexicon)
            or any(o.like_num for o in syntax.objects(token))  # "At Least 19 Executed"
        ):
            continue  # "executed an operation": no people done to
        sentence_text = sentence.span.text.lower()
        if trigger.requires_words and not any(w in sentence_text for w in trigger.requires_words):
            continue
        if trigger.objects and not any(  # the lists hold words as written ("arms", "talks")
            c.lemma_.lower() in trigger.objects or c.lower_ in trigger.objects
            for c in token.subtree
            if c != token
        ):
            continue
        return trigger
    return None


def _takes_person(ctx: ReportContext, sentence: Sentence, verb: Token, lexicon: Lexicon) -> bool:
    """Whether what a verb takes is a person ("captured a Taliban leader", "executed three
    people"), not a place the parser took for a name ("captured Wad Madani")."""
    for obj in syntax.objects(verb):
        start = sentence.char(obj)
        if ctx.toponyms_between(sentence.char(obj.left_edge), start + len(obj.text)):
            continue
        if obj.ent_type_ == "PERSON" or obj.lemma_.lower() in lexicon.people:
            return True
    return False


def _event(
    ctx: ReportContext,
    lexicon: Lexicon,
    sentence: Sentence,
    token: Token,
    trigger: EventTrigger,
    counts: dict[str, int],
    scene: Scene,
) -> list[Event]:
    plover, mode, acled = _refined(
        trigger, ctx.window(sentence, after=2).lower(), sentence.span.text.lower()
    )
    place = _place(ctx, lexicon, sentence, token, scene)
    if trigger.place and place is None:
        return []
    if place is None:
        place = ctx.focus_place()
    verb = token if token.pos_ == "VERB" else _governing_verb(token)
    actor1 = actor2 = target = None
    if token.pos_ == "NOUN":  # "an attack on a coalition base"
        target = syntax.prep_object(token, {"on", "against"})
        if _is_weapon(token):  # "regime airstrikes on Douma"
            actor1 = _weapon_user(ctx, sentence, token)
    if actor1 is None and token.pos_ == "NOUN":
        actor1 = _done_by(ctx, lexicon, sentence, token)  # "raids carried out by Russian jets"
    if verb is not None:
        doer = syntax.subject(verb)
        dead = None
        if doer is not None and verb.lemma_.lower() in DYING:
            doer, dead = None, doer  # "seven children died in regime shelling": the dead
        if doer is not None and doer.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
            doer = verb.head  # "a bombing that killed 30": the bombing
        agent = _done_by(ctx, lexicon, sentence, doer) if doer is not None else None
        victims = doer is not None and _counted_victims(doer, verb, lexicon)
        if agent is not None:
            actor1 = agent  # "the attack, believed carried out by regime jets, killed 58"
        elif doer is not None and _is_weapon(doer):
            actor1 = _weapon_user(ctx, sentence, doer)  # "Russian airstrikes killed ..."
        elif doer is not None and _suicide_bomber(doer):
            mode, acled = "suicide-attack", "Suicide bomb"  # "a suicide bomber killed 25"
            actor1 = _bomber_of(ctx, sentence, doer)
        elif victims:
            actor1 = None  # "Dozens killed in air strikes": a headline's victims, no actor
        elif doer is not None:
            actor1 = ctx.actor_of(phrase_of(doer), sentence.char(doer))
        weapon = syntax.prep_object(verb, {"in", "by"}) if doer is None or victims else None
        agent = _done_by(ctx, lexicon, sentence, weapon) if weapon is not None else None
        if agent is not None:
            actor1 = agent  # "killed in raids carried out by Russian jets"
        elif weapon is not None and _is_weapon(weapon):
            actor1 = _weapon_user(ctx, sentence, weapon)  # "were killed in Russian airstrikes"
        elif weapon is not None and _weapon_tagged_a_verb(weapon):
            # "killed in regime shelling": the tagger reads "shelling" as a verb after its user
            user = weapon.doc[weapon.left_edge.i : weapon.i + 1]
            actor1 = ctx.actor_of(user.text, sentence.char(user[0]))
        elif weapon is not None and weapon.lemma_.lower() in lexicon.roles["fights"]:
            # "militants were killed in clashes with Kurdish fighters": the other side
            enemy = syntax.prep_object(weapon, {"with", "against"})
            if enemy is not None:
                actor1 = ctx.actor_of(phrase_of(enemy), sentence.char(enemy))
        if doer is not None and ctx.kind_of(actor1) in VAGUE:
            actor1 = _named_in_brackets(ctx, doer) or actor1
        cause = _causing_clause(verb, lexicon) if actor1 is None and doer is None else None
        by = syntax.subject(cause) if cause is not None else None
        if by is not None and _is_weapon(by):  # "were killed when Russian jets raided X"
            actor1 = _weapon_user(ctx, sentence, by)
        elif by is not None:  # "were killed when regime forces bombed a market"
            actor1 = ctx.actor_of(phrase_of(by), sentence.char(by))
        target = target or _target(verb, token) or dead
        if target is not None and _names_a_place(ctx, sentence, target):
            # "shelled Omdurman, killing five civilians": the place is hit, the people
            # the participle names are the victims
            toll = [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
            target = next((o for c in toll for o in c.children if o.dep_ == "dobj"), None)
        actor2 = (
            ctx.actor_of(phrase_of(target), sentence.char(target)) if target is not None else None
        )
    if actor2 == actor1:
        actor2 = None
    group = ctx.actors.get(actor1) if actor1 else None
    if (
        actor2 is None
        and mode == "meet"
        and group is not None
        and group.kind in NON_STATE_ARMED
        and group.country == ctx.focus_country
    ):
        # talks an insurgency holds or refuses at home without a named other side are
        # talks with its country's government ("the rebels rejected any new round of
        # talks"); abroad the other side is not known
        actor2 = ctx.government()
    armed_target = target is not None and target.lemma_.lower() in lexicon.armed_targets
    if acled == "Attack" and (ctx.kind_of(actor2) in ARMED_KINDS or armed_target):
        acled = "Armed clash"  # violence between armed groups is a battle
        if mode not in BOMBINGS:  # PLOVER (CAMEO 183): a bombing is an assault, whoever it hits
            plover = "FIGHT"
    if acled == "Armed clash" and trigger.acled == "Attack" and ctx.kind_of(actor2) == "civilians":
        # "gunmen killed a trader": armed men on one side only, violence against civilians
        plover, acled = trigger.plover, "Attack"
    if acled is not None:
        actor1, actor2 = _acled_sides(ctx, sentence, acled, actor1, actor2, place)
    civilians = ctx.actors.country_actor(place.country, "civilians") if place else None
    if acled in VIOLENCE - RIOTS and civilians is not None and actor1 == civilians.name:
        # ACLED: civilians are the victims of violence, never its doer ("18 Civilians
        # Killed in Barrel Bomb Attack", a headline's passive without its auxiliary)
        actor1, actor2 = None, actor2 or actor1
    modality = syntax.modality(token, lexicon)
    commitment = syntax.commitment(token, lexicon)
    if commitment == "demand":  # "Libya must hand over the suspects"
        plover, mode, acled, modality = "DEMAND", None, None, "asserted"
    confidence = 0.5
    if acled is not None:  # the weapon of violence from the trained model (``subevents``)
        acled, probability = sub_event(acled, sentence.span.text)
        confidence = round(probability, 3) if probability is not None else confidence
    if (
        acled == "Remote explosive/landmine/IED"
        and ctx.kind_of(actor1) in STATE_KINDS
        and not GROUND_EXPLOSIVES.search(ctx.window(sentence, after=0).lower())
    ):
        # ACLED's codebook: an IED is set off where its user is not; a state's "bombing" in
        # a war is dropped from the air ("Russian bombing killed 33")
        mode, acled = "aerial", "Air/drone strike"
    date, precision = _day(ctx, lexicon, sentence, token)
    event = Event(
        plover=plover,
        mode=mode,
        acled=acled,
        date=date,
        place=place,
        actor1=actor1,
        actor2=actor2,
        evidence=ctx.evidence(sentence, EXTRACTOR),
        fatalities=counts.get("killed"),
        captured=counts.get("captured"),
        wounded=counts.get("wounded"),
        date_precision=precision,
        modality=modality,
        trigger=token.text,
        confidence=confidence,
    )
    head = token.head if token.head != token else token
    if token.dep_ == "compound" and head.head != head:
        head = head.head  # "ended mediation efforts": what ends is the mediation
    if (
        plover in COOPERATIVE
        and token.pos_ == "NOUN"
        and head.lemma_ in lexicon.modality.get("ending", ())
    ):
        ended = replace(event, plover="SANCTION", mode=None, acled=None)  # "halted its aid"
        said = syntax.modality(head, lexicon)
        if said == "future" or (
            said == "hypothetical" and syntax.speech_verb(head, lexicon) is not None
        ):  # "may halt mediation efforts, the minister said": a threat to end it
            return [replace(ended, plover="THREATEN", modality="asserted"), ended]
        return [ended]
    # "if it is attacked": the condition of what is said, not an act announced
    condition = any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in token.children)
    announced = not condition and (
        modality == "future"
        or (modality == "hypothetical" and syntax.speech_verb(token, lexicon) is not None)
    )
    # "plans to visit": the plan is announced; not "an operation to arrest" (a purpose)
    # nor "plans to press them to stop their offensive" (someone else's act)
    intended = token.dep_ == "xcomp" and token.head.lemma_ in lexicon.modality.get("planned", ())
    if plover in HOSTILE and (commitment == "promise" or announced or intended):
        # PLOVER: announcing a hostile act is a threat; the act itself has not happened
        threat = replace(event, plover="THREATEN", mode=None, acled=None, modality="asserted")
        return [threat, event]
    if plover in COOPERATIVE and modality == "negated":
        # PLOVER: refusing to cooperate ("will not accept", "failed to reach agreement")
        return [replace(event, plover="REJECT", mode=None, acled=None, modality="asserted")]
    if plover in COOPERATIVE and (commitment == "promise" or announced or intended):
        # PLOVER: promising or announcing cooperation is itself an agreement; the
        # promised act stays, marked as not (yet) having happened
        agreed = replace(event, plover="AGREE", mode=None, acled=None, modality="asserted")
        return [agreed, event] if plover != "AGREE" else [agreed]
    return [event]


# The words of bombs set off on the ground, which anyone may use (not only a state,
# whose bombs fall from aircraft).
GROUND_EXPLOSIVES = re.compile(
    r"\b(ieds?|roadside|land ?mines?|mines?|minefield|car[- ]bombs?|booby|explosive device"
    r"|suicide|vbieds?|planted|detonated)\b"
)
# Verbs whose subject is the dead ("seven children died in shelling"), never their killer.
DYING = frozenset({"die", "perish"})
# Weapons and the craft that deliver them: as the subject of violence ("airstrikes killed
# twelve") they are not its actor; whoever used them is ("Russian airstrikes", "strikes
# by regime warplanes"), or no one the sentence names.
WEAPONS = frozenset(
    {"airstrike", "strike", "raid", "shelling", "shell", "bombardment", "barrage", "warplane",
     "jet", "plane", "aircraft", "helicopter", "drone", "bomb", "bombing", "missile", "rocket",
     "mortar", "artillery"}
)  # fmt: skip


def _causing_clause(verb: Token, lexicon: Lexicon) -> Token | None:
    """The clause that tells what a toll without a doer came of: "13 civilians were killed
    when regime forces bombed a market" (a "when", "as" or "after" clause whose verb tells
    an event): its doer did the killing."""
    for clause in verb.children:
        if (
            clause.dep_ == "advcl"
            and clause.lemma_.lower() in lexicon.events
            and any(
                c.dep_ in {"advmod", "mark"} and c.lower_ in {"when", "as", "after"}
                for c in clause.children
            )
        ):
            return clause
    return None


def _done_by(ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, noun: Token) -> str | None:
    """The doer of the act an event's noun names, as the sentence says it outside the
    noun's own verb: the group that claimed responsibility for it ("IS claimed
    responsibility for a bombing that killed 30"), or the by-agent of a verb of doing
    (the lexicon's ``doing`` role) in the noun's own clauses ("raids which were likely
    carried out by Russian jets"; weapons stand for whoever used them)."""
    claimant = _responsible(noun, lexicon)
    if claimant is not None:
        return ctx.actor_of(phrase_of(claimant), sentence.char(claimant))
    for word in noun.subtree:
        if word.lemma_.lower() not in lexicon.roles["doing"] or word.i == noun.i:
            continue
        if not _inside(word, noun):
            continue
        agent = syntax.agent(word) or syntax.prep_object(word, {"by"})
        if agent is None:
            continue
        if _is_weapon(agent):
            return _weapon_user(ctx, sentence, agent)
        return ctx.actor_of(phrase_of(agent), sentence.char(agent))
    return None


def _responsible(noun: Token, lexicon: Lexicon) -> Token | None:
    """Who claimed an act: the subject of "claim/take responsibility for" the noun."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_ != "responsibility":
        return None
    verb = prep.head.head
    if verb.lemma_.lower() not in lexicon.roles["owning"] or syntax.is_negated(verb):
        return None  # "did not claim responsibility": no one owned it
    return syntax.subject(verb)


def _inside(word: Token, noun: Token) -> bool:
    """Whether ``word`` hangs on ``noun`` through its clauses and "of" phrases only ("a
    round of raids which were carried out by")."""
    while word.i != noun.i:
        through_of = word.dep_ == "prep" and word.lower_ == "of"
        if not (word.dep_ in {"acl", "relcl", "xcomp", "ccomp", "pobj"} or through_of):
            return False
        if word.head.i == word.i:
            return False
        word = word.head
    return True


def _suicide_bomber(doer: Token) -> bool:
    return doer.lemma_.lower() == "bomber" and any(c.lower_ == "suicide" for c in doer.children)


def _bomber_of(ctx: ReportContext, sentence: Sentence, bomber: Token) -> str | None:
    """Whom a suicide bomber acted for: the group an "of" or "from" phrase names ("a
    suicide bomber from al-Nusra Front"), else the group the bomber's own words name
    ("Daesh suicide bombers"), else no one said."""
    group = syntax.prep_object(bomber, {"from", "of"})
    for phrase in (group, bomber):
        if phrase is not None:
            name = ctx.actor_of(phrase_of(phrase), sentence.char(phrase))
            if ctx.kind_of(name) is not None:
                return name
    return None


def _counted_victims(doer: Token, verb: Token, lexicon: Lexicon) -> bool:
    """A number or vague quantity as the subject of "killed" in a headline without "were"
    ("Dozens killed in air strikes") counts the dead; it is no actor."""
    toll = lexicon.count_words["killed"] | lexicon.count_words["wounded"]
    quantity = doer.like_num or doer.lower_ in lexicon.vague_counts
    if not quantity and any(c.dep_ == "nummod" for c in doer.children):
        # "Two children killed 5 others injured": a counted subject with no victim of its
        # own (the object the wound participle marks as the wounded) is the dead
        quantity = not any(
            o.dep_ == "dobj" and not wounded_by_participle(o, lexicon) for o in verb.children
        )
    return quantity and verb.lemma_ in toll


def _names_a_place(ctx: ReportContext, sentence: Sentence, token: Token) -> bool:
    """A town or province (a country may be a side: "attacked Israel")."""
    start = sentence.char(token)
    return any(
        t.resolved and t.precision != "country"
        for t in ctx.toponyms_between(start, start + len(token.text))
    )


def _is_weapon(word: Token) -> bool:
    """A weapon's word, also in a title's capitals, where the tagger takes "Airstrikes"
    for a proper noun and leaves it unlemmatised."""
    return word.lemma_.lower() in WEAPONS or word.lower_.removesuffix("s") in WEAPONS


def _weapon_tagged_a_verb(noun: Token) -> bool:
    """ "in regime shelling", "in Syrian rebel shelling": a noun followed by a weapon's
    -ing word that the tagger took for a verb of its own; the noun is the weapon's user."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return (
        after is not None
        and after.tag_ == "VBG"
        and after.head in {noun, noun.head.head}
        and _is_weapon(after)
        and not _is_weapon(noun)
    )


def _weapon_user(ctx: ReportContext, sentence: Sentence, weapon: Token) -> str | None:
    """Who used a weapon: the "by" phrase, else the words before it ("Russian", "regime",
    "coalition"); a country's weapons are its military's."""
    by = syntax.prep_object(weapon, {"by"})
    if by is not None:
        if _is_weapon(by):
            return _weapon_user(ctx, sentence, by)
        return ctx.actor_of(phrase_of(by), sentence.char(by))
    words = [
        t
        for t in weapon.lefts
        if t.dep_ in {"amod", "compound", "poss", "nmod"}
        and t.is_alpha
        and t.lemma_.lower() not in WEAPONS | {"air"}
    ]
    if not words:
        return None
    first = min(t.left_edge.i for t in words)  # "Rapid Support Forces artillery": all of it
    phrase = weapon.doc[first : weapon.i].text
    name = ctx.actor_of(phrase, sentence.char(weapon.doc[first]))
    if ctx.kind_of(name) is None and not any(names_people(t.lower_) for t in words):
        return None  # "Escalating Bombardment", "heavy shelling": how, not whose
    actor = ctx.actors.get(name) if name else None
    if actor is not None and actor.kind == "state" and actor.country:
        military = ctx.actors.country_actor(actor.country, "military")
        return military.name if military is not None else name
    return name


def _named_in_brackets(ctx: ReportContext, side: Token) -> str | None:
    """A known actor that brackets right after a vague side name: "armed men (assumed
    Darfur communal militia)", "gunmen (presumed members of the RSF)"."""
    doc = side.doc
    last = max(t.i for t in side.subtree)
    for i in range(side.i + 1, min(last + 2, len(doc))):
        if doc[i].text != "(":
            continue
        close = next((j for j in range(i + 1, min(i + 16, len(doc))) if doc[j].text == ")"), None)
        if close is None:
            return None
        found = ctx.actors.find(doc[i + 1 : close].text)
        return found[0][2].name if found else None
    return None


def _acled_sides(
    ctx: ReportContext,
    sentence: Sentence,
    acled: str,
    actor1: str | None,
    actor2: str | None,
    place: Place | None,
) -> tuple[str | None, str | None]:
    """The sides ACLED's conventions give an event of this sub-event type; the generic
    sides (civilians, protesters, rioters, police) are those of the country the event
    happened in, as ACLED names them, not of the country a report is mostly about (a
    US strike on a Syrian airbase hits no US civilians)."""
    country = (place.country if place else None) or ctx.focus_country
    if country is None:
        return actor1, actor2

    def of_kind(kind: str) -> str | None:
        actor = ctx.actors.country_actor(country, kind)
        return actor.name if actor else None

    if acled in PROTESTS and ctx.kind_of(actor1) not in ("protesters", "rioters"):
        actor1 = of_kind("protesters")
    elif acled in RIOTS and ctx.kind_of(actor1) in (None, "civilians", "protesters"):
        actor1 = of_kind("rioters")  # demonstrators who burn tyres, a mob
    if acled in INTERVENTIONS and ctx.kind_of(actor2) not in ("police", "military"):
        # the force named where the protest is told (police before soldiers: "security
        # forces (police and military)"), else the police, who most often intervene
        found = ctx.actors.find(ctx.window(sentence, after=2), country=country)
        kinds = {actor.kind: actor.name for _, _, actor in reversed(found)}
        actor2 = kinds.get("police") or kinds.get("military") or of_kind("police")
    if acled in ON_CIVILIANS and actor2 not in ctx.persons and ctx.kind_of(actor2) in UNARMED:
        # "killing one person", "looted four shops", "attacked staff of Al-Arabiya"
        actor2 = of_kind("civilians")
    if ctx.actors.made_generic(actor2, "civilians"):
        actor2 = of_kind("civilians")  # "four civilians" of a US report's Syrian strike
    return actor1, actor2


def _clause_counts(
    sentence: Sentence, lexicon: Lexicon, trigger: Token, triggers: list[Token]
) -> dict[str, int]:
    """The killed, wounded and captured the clause of ``trigger`` counts (``clause_of``):
    the people its verbs take, added up over the verbs that tell what happened
    ("arrested a leader and detained two suspects" is 3; not "an operation to arrest a
    leader"), else the figures stated with a verb ("12 people died")."""
    clause = clause_of(trigger)
    counts = stated_counts(sentence, lexicon, clause)
    taken: dict[str, int] = {}
    told: set[tuple[str, tuple[str, ...]]] = set()
    for token in (t for t in triggers if clause_of(t) == clause):
        if syntax.modality(token, lexicon) != "asserted":
            continue
        # the same verb and the same people told again (a headline repeated at the top
        # of the body, or its lead, run into one sentence with it: "kill 11 children ...
        # Eleven children were killed") are the same people: the same kind, the same figure
        counted = people_counted(token, lexicon)
        again = (token.lemma_.lower(), _people_told(token, counted))
        if again in told:
            continue
        told.add(again)
        for key, (value, guessed) in counted.items():
            if guessed and key in counts:
                continue  # "killed militants", the figure stated apart: the figure
            taken[key] = taken.get(key, 0) + value
    return counts | taken


def _people_told(verb: Token, counted: dict[str, tuple[int, bool]]) -> tuple[object, ...]:
    """Who a verb takes, as the figures it counts, else the kind of its objects: "kill at
    least 20 Islamic State fighters in Syria" and "20 IS militants were killed" both count
    20 killed (one clause that counts the same figure twice tells it twice, whatever word
    it uses and whether active or passive)."""
    figures = tuple(sorted((key, value) for key, (value, guess) in counted.items() if not guess))
    if figures:
        return figures
    return tuple(o.lemma_.lower() for o in syntax.objects(verb))


def _day(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, token: Token
) -> tuple[str | None, str | None]:
    """The day of the event a trigger tells. Of several days in its sentence, one of its
    own clause first ("struck a commander linked to the July 2 attack today": today), not
    one of another event named in it, nor the day a speaker told it ("confirmed today the
    arrest of a leader on Sunday": Sunday); then the nearest."""
    position = sentence.char(token)
    days = [d for d in ctx.days.get(sentence.index, []) if not ctx.in_dateline(d.start)]
    if len(days) < 2:
        return ctx.day_near(sentence, position)
    own = {token.i}
    verb = token if token.pos_ == "VERB" else _governing_verb(token)
    if verb is not None and verb.lemma_.lower() not in lexicon.speech:
        own.add(verb.i)

    def rank(day: Day) -> tuple[int, int]:
        distance = abs(day.start - position)
        anchor = _anchor(sentence, day, lexicon)
        if anchor is None:
            return (1, distance)
        if anchor.i in own:
            return (0, distance)
        if anchor.lemma_.lower() in lexicon.speech:  # the day it was told, most of all today
            return (3 if day.date == ctx.publication else 2, distance)
        return (2 if anchor.pos_ == "NOUN" else 1, distance)

    best = min(days, key=rank)
    return best.date.isoformat(), best.precision


def _anchor(sentence: Sentence, day: Day, lexicon: Lexicon) -> Token | None:
    """The verb a day expression belongs to, or the event noun it names the day of
    ("the July 2 attack", "Tuesday's attack")."""
    inside = [t for t in sentence.span if day.start <= sentence.char(t) < day.end]
    heads = [t for t in inside if not (day.start <= sentence.char(t.head) < day.end)]
    if not heads:
        return None
    word = heads[0]
    if (
        word.dep_ in {"nmod", "poss", "compound", "amod"}
        and word.head.pos_ == "NOUN"
        and word.head.lemma_.lower() in lexicon.events
    ):
        return word.head
    for _ in range(8):
        if word.head == word:
            return word if word.pos_ in {"VERB", "AUX"} else None
        word = word.head
        if word.pos_ in {"VERB", "AUX"}:
            return word
    return None


def _refined(trigger: EventTrigger, window: str, own: str) -> tuple[str, str | None, str | None]:
    """The trigger's types, narrowed by words of its sentence and the two after it
    (a protest, then "police fired tear gas to disperse them"), or of its ``own``
    sentence alone for a refinement that says so."""
    plover, mode, acled = trigger.plover, trigger.mode, trigger.acled
    for refinement in trigger.refine:
        text = own if refinement.own_sentence else window
        told = _any_word(refinement.unless).sub(" ", text) if refinement.unless else text
        if _any_word(refinement.words).search(told):
            plover = refinement.plover or plover
            mode = refinement.mode or mode
            acled = refinement.acled or acled
            break
    return plover, mode, acled


@functools.lru_cache(maxsize=1024)
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for "any of these words, whole" (a refinement's words)."""
    return re.compile("|".join(rf"\b{re.escape(w)}\b" for w in words) or r"(?!)")


def _governing_verb(token: Token) -> Token | None:
    word = token
    for _ in range(3):
        if word.head == word:
            return None
        word = word.head
        if word.pos_ in {"VERB", "AUX"}:
            return word
    return None


def _target(verb: Token, trigger: Token) -> Token | None:
    """The one done to: the object, a "to"/"against" phrase, or the object of a purpose clause."""
    patient = syntax.patient(verb)
    if patient is not None and patient != trigger and patient.pos_ in {"PROPN", "NOUN", "PRON"}:
        return patient
    found = syntax.prep_object(verb, {"to", "against", "on", "with"})
    if found is not None and found.ent_type_ not in {"GPE", "LOC", "FAC", "DATE"}:
        return found
    for child in verb.children:
        if child.dep_ in {"advcl", "xcomp"}:
            inner = syntax.patient(child) or syntax.prep_object(child, {"to", "against"})
            if inner is not None:
                return inner
    return None


_RANK = {"site": 0, "town": 0, "district": 1, "admin1": 2, "country": 3}


@dataclass
class Scene:
    """Where the story is: the sentence and place of the last event told as done there
    ("The force also detained two men" happened where the raid did); and, found once per
    report, which of its place names stand for a government (``_metonym``)."""

    sentence: int = -1
    place: Place | None = None
    metonyms: dict[int, bool] = field(default_factory=dict)  # toponym start -> is one


def _place(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, token: Token, scene: Scene
) -> Place | None:
    """Where an event happened: the place nearest its trigger in its sentence (of the
    report's country before abroad, towns before provinces before countries); else the
    nearest place below country level in the sentences around it (the scene of the last
    event, else the nearest named place); else the report's country; else its most named
    place."""
    position = sentence.char(token)
    clause = token if token.pos_ == "VERB" else token.head
    if any(w.lemma_ == "country" and w.i != clause.i for w in clause.subtree) and ctx.focus_place():
        return ctx.focus_place()  # "pulled out of the country": the report's country
    here = _candidates(ctx, lexicon, scene, sentence.start, sentence.end)
    below = [t for t in here if t.precision != "country"]
    if below:
        # a place of the report's country before one in a country the report never names
        # ("the Borsa area in El Fasher": not Borsa, Romania; but "Doha, Qatar"), and inside
        # a state the sentence names before outside it
        stated = {t.admin1 for t in below if t.precision == "admin1" and t.admin1}
        focus = ctx.focus_country

        def order(t: Toponym) -> tuple[bool, int, bool, int]:
            foreign = (
                focus is not None
                and t.country not in (None, focus)
                and t.country not in ctx.named_countries
            )
            outside = bool(stated) and t.precision in ("town", "district")
            outside = outside and t.admin1 not in stated
            return foreign, _RANK.get(t.precision or "town", 4), outside, abs(t.start - position)

        return place_of(min(below, key=order))
    if scene.place is not None and sentence.index - scene.sentence <= 3:
        return scene.place  # "The force also detained two men": where the story is
    first = ctx.sentences[max(0, sentence.index - 2)]
    last = ctx.sentences[min(len(ctx.sentences) - 1, sentence.index + 2)]
    near = [
        t
        for t in _candidates(ctx, lexicon, scene, first.start, last.end)
        if t.precision != "country"
    ]
    if near:
        return place_of(min(near, key=lambda t: abs(t.start - position)))
    focus = ctx.focus_place()
    if focus is not None:
        return focus
    named = [
        t for t in _candidates(ctx, lexicon, scene, 0, len(ctx.text)) if t.precision != "country"
    ]
    if named:
        votes = Counter(t.name for t in named)
        top = max(named, key=lambda t: (votes[t.name], -_RANK.get(t.precision or "town", 4)))
        return place_of(top)
    return place_of(here[0]) if here else None


def _candidates(
    ctx: ReportContext, lexicon: Lexicon, scene: Scene, start: int, end: int
) -> list[Toponym]:
    found = []
    for t in ctx.toponyms_between(start, end):
        if t.part_of is not None or ctx.is_dateline_place(t.start):
            continue
        if t.start not in scene.metonyms:
            scene.metonyms[t.start] = _metonym(ctx, lexicon, t)
        if not scene.metonyms[t.start]:
            found.append(t)
    return found


def _metonym(ctx: ReportContext, lexicon: Lexicon, toponym: Toponym) -> bool:
    """Whether a town's name stands for who governs it, not for a place an event happened
    at: the subject of a verb of speech or stance ("Moscow said", "Damascus denied"), or
    joined to a participle ("Moscow-backed forces"). A possessor is left alone: "Aleppo's
    eastern districts" is a place as often as "Moscow's support" is a side."""
    if toponym.precision not in TOWN_LIKE:
        return False
    sentence = ctx.sentence_at(toponym.start)
    if sentence is None:
        return False
    name = sentence.span.doc.char_span(
        toponym.start - sentence.offset, toponym.end - sentence.offset, alignment_mode="expand"
    )
    if name is None:
        return False
    doc, last = name.doc, name[-1]
    if last.i + 2 < len(doc) and doc[last.i + 1].text == "-" and doc[last.i + 2].tag_ == "VBN":
        return True
    verb = last.head.lemma_.lower()
    return last.dep_ == "nsubj" and (verb in lexicon.roles["stance"] or verb in lexicon.speech)


def _territory_events(ctx: ReportContext, control: list[Control]) -> list[Event]:
    """A capture or a retaking is an event too (ACLED's territory sub-event types)."""
    events = []
    for statement in control:
        if statement.status not in {"captured", "regained"} or statement.part is not None:
            continue
        if statement.stance != "assert":
            continue
        # ACLED types a territorial gain by who gains it: a state's forces regain
        # territory, anyone else overtakes it
        regained = ctx.kind_of(statement.holder) in {"government", "military", "police"}
        government = ctx.government()
        events.append(
            Event(
                # CAMEO 192 "Occupy territory" is PLOVER COERCE, mode confiscate (military
                # context) in the CAMEO-PLOVER conversion table
                plover="COERCE",
                mode="confiscate",
                acled="Government regains territory"
                if regained
                else "Non-state actor overtakes territory",
                date=statement.date,
                place=statement.place,
                actor1=statement.holder,
                actor2=None if regained else government,
                evidence=replace(statement.evidence, extractor=TERRITORY_EXTRACTOR),
                date_precision="day" if statement.date else None,
                modality="asserted",
                trigger=statement.status,
                confidence=statement.confidence,
            )
        )
    return events
