"""Control statements: who holds, took, entered or still holds a place or a part of it.

The definition is ``shared/eval/dev/CONTROL_GUIDE.md``: an armed actor (a government's
forces, a rebel, militant or jihadist group, a militia, a foreign army) holds, took,
entered, besieges, fights for, kept, took back or left a place below country level. The
statements come from the syntax of a sentence, not from co-occurrence:

- a control verb (control.yaml) with its doer as holder (active subject, passive agent,
  "fell to X") and its object as the place, told as done: plans, threats, aims,
  futures, conditions and negations make no statement;
- a place described by its holder: "the rebel-held town of X", "a village held by X",
  "X is under rebel control", "the IS stronghold of X", "the regime's siege of X";
- a side driven out ("X drove Y out of Z"), a place handed over ("handed Z to X"), lost
  ("the fall of Z to X"), split between two sides, or kept by beating off an attack;
- fighting for a place told as going on: fighting between two named sides, the enemy a
  fighting verb names, "fighting to recapture Z", "an offensive to retake Z" (contested).

A holder must resolve to an armed actor (``holder_of``); a place must be a town, district,
facility or province, never a country. The state of one report's extraction (the place
and holder under discussion, the speakers met) lives in a ``Topic`` of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitroom.extract import syntax
from sitroom.extract.claims import Speakers, speaker_name
from sitroom.extract.context import (
    TOWN_LIKE,
    ReportContext,
    Sentence,
    phrase_of,
    place_of,
)
from sitroom.extract.lexicon import ControlVerb, Lexicon
from sitroom.record import Control, Toponym

if TYPE_CHECKING:
    from spacy.tokens import Token

EXTRACTOR = "sitroom.control.v4"


@dataclass
class Topic:
    """The place under discussion: what "the city" and "the airport" refer to."""

    toponym: Toponym | None = None
    holder: str | None = None  # the armed actor the last statement named
    speakers: Speakers = field(default_factory=Speakers)  # whom "he said" refers back to


# Who can hold ground: a government's forces, a rebel, militant or jihadist group, a militia
# (CONTROL_GUIDE: "an armed actor"). Persons, civilians, organisations, parties and
# countries' diplomats are never holders.
ARMED_KINDS = frozenset({"government", "military", "police", "paramilitary", "rebel", "militia"})
# A state's forces hold ground for their state: the holder is its government.
STATE_FORCES = frozenset({"military", "police"})
# Words by which news names a country's armed opposition at large ("rebels", "opposition
# fighters"); they name no one group, so they stand for the country's rebels (see actors.yaml).
OPPOSITION_WORDS = frozenset({"rebel", "rebels", "opposition", "insurgent", "insurgents"})
# Words that mark an armed description as non-state ("jihadist forces"), so that its
# head ("forces") is not read as the country's army.
NON_STATE_WORDS = frozenset(
    {"islamist", "jihadist", "jihadists", "militant", "militants", "extremist", "terrorist",
     "terrorists", "rebel", "rebels", "opposition", "insurgent", "insurgents", "kurdish"}
)  # fmt: skip
# Heads of armed descriptions that refer back to an armed actor ("the fighters").
ARMED_NOUNS = frozenset({"fighters", "militants", "jihadists", "gunmen", "militiamen"})
# Adverbs that make a state ("holds", "controls") news of the day rather than background.
NOW_WORDS = frozenset({"now", "still", "currently", "remain", "remains", "continue", "continues"})
# Verbs that report an outcome of the infinitive they govern ("managed to regain").
ACHIEVED = frozenset({"manage", "succeed"})
# Participles and nouns that describe a place by who holds it: "rebel-held", "held by",
# "under IS control", "in the hands of".
HELD_WORDS = frozenset({"held", "controlled", "dominated", "run", "occupied"})


# Nouns that say who holds or surrounds a place: "the IS stronghold of Raqqa", "Idlib is a
# bastion of the opposition", "the regime's siege of the city", "under siege by the army".
HOLD_NOUNS = {
    "stronghold": "retained",
    "bastion": "retained",
    "siege": "besieged",
    "capital": "retained",
}
# A group's "capital" is ground it holds ("the IS de facto capital of Raqqa"); a state's
# capital is its seat of government ("the Syrian capital Damascus"), no statement of control.
NON_STATE_ONLY = frozenset({"capital"})
# Words for a share of a place: "controls most of Idlib province", "holds 40 percent of
# the town", "seized much of the city". The place is the whole their "of" phrase names.
SHARE_WORDS = frozenset(
    {"all", "most", "much", "half", "percent", "cent", "majority", "bulk", "rest", "third",
     "quarter", "swathe", "swath", "chunk", "portion", "share"}
)  # fmt: skip
# Units of area that measure a share of a place: "seized 1200 square kilometres of the Golan".
AREA_UNITS = frozenset({"kilometre", "kilometer", "km", "mile", "hectare", "acre"})
# Nouns of fighting between two named sides ("clashes between the army and rebels in X"):
# each side fights for the place (CONTROL_GUIDE: contested, one statement a side).
FIGHT_NOUNS = frozenset({"fighting", "clash", "battle", "combat", "confrontation", "skirmish"})
# Nouns of a place passing to a new holder: "the fall of Aleppo to regime forces", "the
# loss of Tal Abyad to Kurdish fighters" (the "to" phrase captured the "of" phrase).
LOSS_NOUNS = frozenset({"fall", "loss", "surrender", "handover"})
# Nouns of a ground campaign for a place: "their assault on Manbij", "an offensive to
# retake Palmyra", "the battle for Aleppo" (the attacker contests it; CONTROL_GUIDE: fights
# for). An attack, a strike or an advance "on" a town is not fighting for it.
OFFENSIVE_NOUNS = frozenset(
    {"offensive", "assault", "counteroffensive", "counter-offensive", "battle"}
)  # not "campaign": a bombing campaign is fought from the air
# Verbs of a place given up to another side without fighting: "handed over (control of) X
# to Y" (CONTROL_GUIDE: the giver withdrew, the receiver took it).
HANDED = frozenset({"hand", "cede", "surrender"})
# Verbs of an attack beaten off: the defender kept the place attacked (CONTROL_GUIDE:
# "defended it" is retained).
REPELLED = frozenset({"repel", "repulse", "foil", "thwart"})
# Verbs of a place held by two sides at once: "the city is split between the army and
# Kurdish fighters", "Aleppo has been divided between government and rebel control".
DIVIDED = frozenset({"split", "divide", "share"})
# Verbs of fighting whose infinitive of aim is a fight for the place: "fighting to retake".
FIGHTING = frozenset({"fight", "battle", "struggle", "push"})
# Prepositions that put fighting at or over a place; "near X" is no fight for X.
FIGHT_PREPS = frozenset({"in", "for", "over", "around", "inside", "within"})
RELATIVES = frozenset({"which", "that", "who", "whom"})
# Nouns after a name that make it the name of an area ("the Eastern Ghouta area"); alone
# ("the area") they are too vague to stand for a place (CONTROL_GUIDE).
AREA_NOUNS = frozenset({"area"})
# Personal pronouns that can be a holder, and whether they take a plural antecedent.
PRONOUN_NUMBER = {"it": False, "they": True}
# Collective nouns, which British usage refers back to with "it" or "they".
GROUP_NOUNS = frozenset(
    {"group", "army", "regime", "government", "alliance", "coalition", "militia", "front"}
)
# What a group's forces are called: "its forces", "their fighters" are the group itself.
FORCE_NOUNS = ARMED_NOUNS | {"forces", "troops", "units", "men"}
# Possessive pronouns and the personal pronoun whose number they share.
POSSESSIVE_PRONOUNS = {"its": "it", "their": "they"}
# Anaphors that name a first-order division; the others name a settlement or district.
PROVINCE_WORDS = frozenset({"province", "governorate", "region", "state"})
# Part words too vague to refer back to the place under discussion: they are a part only
# of a town their own phrase names ("rebel-held areas of Aleppo").
VAGUE_PARTS = frozenset({"part", "area", "position"})
# Prepositions of the place an actor is driven from ("out of X", "from X").
FROM_PREPS = frozenset({"from", "of"})


def extract_control(ctx: ReportContext, lexicon: Lexicon) -> list[Control]:
    topic = Topic()
    found: list[Control] = []
    for sentence in ctx.reading():
        for token in sentence.span:
            if token.lower_ in HELD_WORDS and token.dep_ in {"amod", "acl", "compound"}:
                found.extend(_held_place(ctx, lexicon, sentence, token, topic))
            elif token.pos_ in {"VERB", "AUX"} and token.lemma_ in lexicon.control:
                found.extend(_statements(ctx, lexicon, sentence, token, topic))
            elif token.lower_ == "control" and token.head.lower_ == "under":
                found.extend(_under_control(ctx, lexicon, sentence, token, topic))
            elif token.pos_ == "NOUN" and token.lemma_ in HOLD_NOUNS:
                found.extend(_held_noun(ctx, lexicon, sentence, token, topic))
            elif token.pos_ == "NOUN" and token.lemma_ in FIGHT_NOUNS:
                found.extend(_fighting(ctx, lexicon, sentence, token, topic))
            elif token.pos_ == "NOUN" and token.lemma_ in LOSS_NOUNS:
                found.extend(_lost_to(ctx, lexicon, sentence, token, topic))
            elif token.pos_ == "NOUN" and token.lemma_ in OFFENSIVE_NOUNS:
                found.extend(_offensive(ctx, lexicon, sentence, token, topic))
            elif token.pos_ == "VERB" and token.lemma_ in HANDED:
                found.extend(_handed_over(ctx, lexicon, sentence, token, topic))
            elif token.pos_ == "VERB" and token.lemma_ in REPELLED:
                found.extend(_repelled(ctx, lexicon, sentence, token, topic))
            elif token.pos_ == "VERB" and token.lemma_ in DIVIDED:
                found.extend(_divided(ctx, lexicon, sentence, token, topic))
            elif token.pos_ == "NOUN" and token.lemma_ == "foothold":
                found.extend(_foothold(ctx, lexicon, sentence, token, topic))
    return _merge(found)


def holdable(toponym: Toponym) -> bool:
    """A place below country level (CONTROL_GUIDE): a settlement, district, facility or
    province, or a named region inside one country ("Eastern Ghouta", "the Qalamoun"); not
    a country, a sea, a continent or a region across borders ("the Middle East")."""
    if toponym.precision == "region":
        return toponym.country is not None
    return toponym.precision in TOWN_LIKE + ("admin1",)


def _holder(ctx: ReportContext, phrase: str, position: int, topic: Topic) -> str | None:
    """The holder a phrase names; an armed description that names no one ("the fighters")
    refers to the armed actor the report's last statement named."""
    holder = holder_of(ctx, phrase, position)
    words = {w.lower() for w in phrase.split()}
    if holder is None and words & ARMED_NOUNS and not ctx.actors.find(phrase):
        state = ctx.kind_of(topic.holder) in STATE_FORCES | {"government"}
        if not (state and words & NON_STATE_WORDS):  # "the jihadists" are not the army
            holder = topic.holder
    if holder is not None:
        topic.holder = holder
    return holder


def holder_of(ctx: ReportContext, phrase: str, position: int) -> str | None:
    """The armed actor a phrase names, resolved to its canonical name, or None.

    State forces become their government (control is the state's); the opposition words
    become the report's country's rebels; an actor reached only by a reference ("the
    militants") must belong to a country the report is about, so that a Syrian report's
    "the militants" is never the Taliban.
    """
    words = {w.lower().strip(".,'\"") for w in phrase.replace("-", " ").split()}
    named = ctx.actors.find(phrase, country=ctx.focus_country)
    if words & NON_STATE_WORDS and all(a.kind in STATE_FORCES for _, _, a in named):
        named = []  # "jihadist forces", "Islamist fighters": not the state's forces
    opposition = not named and bool(words & OPPOSITION_WORDS)
    if opposition and (rebels := _listed_rebels(ctx, ctx.focus_country)):
        return rebels
    name = ctx.actor_of(phrase, position)
    actor = ctx.actors.get(name) if name else None
    if actor is None and name is not None and name == ctx.government() and ctx.focus_country:
        # "government forces", "the regime": the focus country's listed government
        actor = ctx.actors.country_actor(ctx.focus_country, "government")
    if opposition and (actor is None or actor.kind not in ARMED_KINDS):
        return _rebels_of(ctx, ctx.focus_country)
    if actor is None or actor.kind not in ARMED_KINDS:
        return None
    if words & NON_STATE_WORDS and actor.kind in STATE_FORCES | {"government"}:
        return None
    if not named and actor.country and actor.country != ctx.focus_country:
        return None
    if actor.kind in STATE_FORCES and actor.country:
        government = ctx.actors.country_actor(actor.country, "government")
        if government is not None:
            return government.name
    return actor.name


def _listed_rebels(ctx: ReportContext, country: str | None) -> str | None:
    """The listed actor that stands for a country's armed opposition at large
    ("<Demonym> rebels", see actors.yaml); without one, the opposition words refer back
    to a group named before them."""
    for actor in ctx.actors.actors.values():
        if actor.country == country and actor.kind == "rebel" and actor.name.endswith(" rebels"):
            return actor.name
    return None


def _rebels_of(ctx: ReportContext, country: str | None) -> str | None:
    """A country's rebels: the listed actor, else "Rebels (<country>)" as the generic
    actors are named."""
    name = ctx.actors.country_names.get(country or "")
    return _listed_rebels(ctx, country) or (f"Rebels ({name})" if name else None)


def _statements(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, verb: Token, topic: Topic
) -> list[Control]:
    rule: ControlVerb = lexicon.control[verb.lemma_]
    objects = list(syntax.objects(verb))
    status = rule.status
    if rule.preps:
        by_prep = dict(rule.preps)
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in by_prep]
        if not preps:
            return []
        status = by_prep[preps[0].lower_]
        objects = [t for o in _prep_objects([verb], {preps[0].lower_}) for t in _with_of(o)]
    if rule.objects:
        wanted = [o for o in objects if o.lemma_ in rule.objects]
        if not wanted:
            return []
        # "control over X", also where the parser hangs "over X" on the verb
        wholes = [p for o in wanted for p in _over(o)] + _prep_objects([verb], {"over"})
        objects = [t for p in wholes for t in _with_of(p)] or objects
    if not _asserted(verb, lexicon):
        return _fought_for(ctx, lexicon, sentence, verb, objects, topic)
    if rule.holder == "object":
        return _driven_out(ctx, lexicon, sentence, verb, topic)
    if rule.holder == "stationed":
        return _stationed(ctx, lexicon, sentence, verb, topic)
    if any(o.dep_ == "dobj" and _unplaced_name(ctx, sentence, o) for o in objects):
        # "infiltrated Sarrin in Aleppo province": the name we cannot place is the target,
        # the province only where it lies
        objects = [o for o in objects if o.dep_ != "pobj" or o.head.head != verb]
    if status == "contested" and not rule.preps:  # "battling the army for (control of) X"
        objects += [t for o in _prep_objects([verb], FIGHT_PREPS) for t in (o, *_over(o))]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "a town besieged by the army"
        objects += _with_of(verb.head)
    if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        objects += _where(ctx, sentence, verb.head)
    if rule.holder == "to_object":
        holder_token = syntax.prep_object(verb, {"to"})
        targets = _targets(ctx, lexicon, sentence, [syntax.subject(verb)], topic, verb)
    else:
        holder_token = syntax.subject(verb)
        if holder_token is None and verb.dep_ == "acl" and verb.tag_ == "VBG":
            holder_token = verb.head  # "regime forces encircling the district": a reduced relative
        targets = _targets(ctx, lexicon, sentence, objects, topic, verb)
        if status in {"captured", "regained"}:
            targets += _included(ctx, sentence, targets)
        if rule.objects and not targets and topic.toponym is not None:
            targets = [(topic.toponym, None)]  # "raised a banner": over the place under discussion
    holder_token = _antecedent(holder_token)
    if holder_token is None or not targets:
        return []
    holder = _holder(ctx, phrase_of(holder_token), sentence.char(holder_token), topic)
    if holder is None:
        return []
    found = _made(ctx, lexicon, sentence, verb, targets, holder, status, topic)
    if status == "contested":  # the side fought against fights for the place too
        for side in _opponents(verb):
            other = _holder(ctx, _side_phrase(side), sentence.char(side), topic)
            if other is not None and other != holder:
                found += _made(ctx, lexicon, sentence, verb, targets, other, status, topic)
    return found


def _where(ctx: ReportContext, sentence: Sentence, head: Token) -> list[Token]:
    """The place a "where" clause tells of: the noun it hangs on and the place that noun's
    "of"/"in" phrase names ("areas of Eastern Ghouta where rebels have been battling").
    Plural parts of a province ("parts of Aleppo province where ...") are some places in
    it, not the province, also where the parser hangs the clause on the "of" phrase."""
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.tag_ == "NNS":
        head = head.head.head  # "parts of Aleppo province where ...": the clause is the parts'
    found = _with_of(head)
    if head.tag_ != "NNS":
        return found
    return [
        t
        for t in found
        if t.lemma_ not in PROVINCE_WORDS  # "Aleppo province"
        and not any(p.precision == "admin1" for p in _named_in(ctx, sentence, [t]))
    ]


def _opponents(verb: Token) -> list[Token]:
    """The side a fighting verb names as the enemy: "battled government forces", "clashed
    with IS", "fought against the rebels"."""
    found = [c for c in verb.children if c.dep_ == "dobj"]
    found += _prep_objects([verb], {"with", "against"})
    return [t for o in found for t in _with_conjuncts_of(o)]


def _driven_out(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, verb: Token, topic: Topic
) -> list[Control]:
    """ "X drove Y out of Z", "Y was expelled from Z by X": Y left Z and X took it
    (CONTROL_GUIDE: X captured or regained, Y withdrawn). The one driven out must be an
    armed actor: civilians driven from their homes, or a car driven from one town to
    another, make no statement."""
    places = _prep_objects([verb], {"from"})
    places += _prep_objects(
        [c for c in verb.children if c.lower_ in {"out", "back", "away"}], FROM_PREPS
    )
    places = _with_their_names(places)  # "from the town of X"
    patient = syntax.patient(verb)
    if not places or patient is None:
        return []
    targets = _targets(ctx, lexicon, sentence, places, topic, verb)
    left = _holder(ctx, _side_phrase(patient), sentence.char(patient), topic)
    if not targets or left is None:
        return []
    found = _made(ctx, lexicon, sentence, verb, targets, left, "withdrawn", topic)
    doer = syntax.subject(verb)
    taker = _holder(ctx, _side_phrase(doer), sentence.char(doer), topic) if doer else None
    if taker is not None and taker != left:
        found += _made(ctx, lexicon, sentence, verb, targets, taker, "captured", topic)
    return found


def _stationed(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, verb: Token, topic: Topic
) -> list[Control]:
    """ "Terrorists positioned in the Eastern Ghouta fired shells", "IS fighters are based
    in Mayadin": an armed actor stationed in a place holds it (CONTROL_GUIDE: holds it).
    Only the participle and the passive tell where a force is; an active "the army
    deployed troops to Homs" tells a move."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        stationed = verb.head
    else:
        stationed = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    stationed = _antecedent(stationed)
    if stationed is None:
        return []
    places = _with_their_names(_prep_objects([verb], {"in", "inside", "within"}))
    targets = _targets(ctx, lexicon, sentence, places, topic, verb, fallback=False)
    if not targets:
        return []
    holder = _holder(ctx, phrase_of(stationed), sentence.char(stationed), topic)
    if holder is None:
        return []
    return _made(ctx, lexicon, sentence, verb, targets[:1], holder, "retained", topic, 0.6)


def _fighting(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, noun: Token, topic: Topic
) -> list[Control]:
    """ "Clashes between the army and rebels in Daraa", "the battle for Aleppo between
    ...": each named side fights for the place (contested). The sides come from "between"
    on the noun or on the verb it is the subject or object of; the place from "in", "for",
    "over" there or on a side (where the parser often hangs it)."""
    heads = [noun]
    if noun.dep_ in {"nsubj", "nsubjpass", "dobj"} and noun.head.pos_ in {"VERB", "AUX"}:
        heads.append(noun.head)
    phrases = _sides(heads)
    if len(phrases) < 2 or not _asserted(heads[-1], lexicon):
        return []
    # "in X" may hang on a side, or on the head the sides' modifiers share
    hosts = heads + [side for _, side in phrases] + _prep_objects(heads, {"between"})
    where = [t for o in _prep_objects(hosts, FIGHT_PREPS) for t in (o, *_over(o))]
    targets = _targets(ctx, lexicon, sentence, where, topic, noun, fallback=False)
    if not targets:
        return []
    found: list[Control] = []
    holders: list[str] = []
    for phrase, side in phrases:
        holder = _holder(ctx, phrase, sentence.char(side), topic)
        if holder is not None and holder not in holders:
            holders.append(holder)
            found += _made(ctx, lexicon, sentence, noun, targets, holder, "contested", topic, 0.6)
    return found


def _sides(heads: list[Token]) -> list[tuple[str, Token]]:
    """The sides a "between" phrase on one of ``heads`` names, each as (phrase, token)."""
    sides = [t for o in _prep_objects(heads, {"between"}) for t in _with_conjuncts_of(o)]
    if len(sides) == 1:  # "between rebel and regime fighters": the modifiers share the head
        return _shared_head(sides[0]) or [(_side_phrase(sides[0]), sides[0])]
    return [(_side_phrase(side), side) for side in sides]


def _shared_head(noun: Token) -> list[tuple[str, Token]]:
    """Conjoined modifiers of one head, read as one phrase each: "rebel and regime
    fighters" is "rebel fighters" and "regime fighters"."""
    first = next((c for c in noun.lefts if c.dep_ in {"amod", "compound", "nmod"}), None)
    if first is None:
        return []
    modifiers = _with_conjuncts_of(first)
    if len(modifiers) < 2:
        return []
    return [(f"{m.text} {noun.text}", m) for m in modifiers]


def _fought_for(
    ctx: ReportContext,
    lexicon: Lexicon,
    sentence: Sentence,
    verb: Token,
    objects: list[Token],
    topic: Topic,
) -> list[Control]:
    """ "The SDF is fighting to recapture Tabqa", "launched an offensive to retake Manbij":
    an aim is no capture, but the fight for it is going on (contested), when the fighting
    itself is told as done."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_ in FIGHTING and _asserted(head, lexicon):
        doer = syntax.subject(head)
    elif verb.dep_ == "acl" and head.lemma_ in OFFENSIVE_NOUNS:
        return []  # the offensive noun makes the statement (``_offensive``)
    else:
        return []
    if doer is None:
        return []
    holder = _holder(ctx, _side_phrase(doer), sentence.char(doer), topic)
    targets = _targets(ctx, lexicon, sentence, objects, topic, verb, fallback=False)
    if holder is None or not targets:
        return []
    return _made(ctx, lexicon, sentence, head, targets, holder, "contested", topic, 0.6)


def _offensive(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, noun: Token, topic: Topic
) -> list[Control]:
    """ "Kurdish forces are continuing their assault on Manbij", "a government offensive in
    Daraa", "launched an offensive to retake Palmyra": the attacker contests the place. The
    attacker is the subject of the verb the noun is the object of ("launched", "continue"),
    else the "by" phrase or a modifier ("government offensive"); the place the "on",
    "against", "for", "in" phrase or the object of the aim ("to retake X")."""
    verb = noun.head if noun.dep_ in {"dobj", "nsubj", "nsubjpass"} else None
    if verb is not None and verb.pos_ not in {"VERB", "AUX"}:
        return []
    if not _asserted(noun, lexicon) or not _asserted(_clause_verb(noun), lexicon):
        return []  # "plans an offensive", "an offensive would ..."
    places = _prep_objects([noun], {"on", "against", "for", "in", "inside"})
    aims = [c for c in noun.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"]
    places += [o for aim in aims if aim.lemma_ in lexicon.control for o in syntax.objects(aim)]
    places = [t for o in places for t in (o, *_over(o))]
    doer = None
    if verb is not None and noun.dep_ == "dobj":
        doer = syntax.subject(verb)
    if doer is None:
        doer = next(iter(_prep_objects([noun], {"by"})), None)
    phrase = _side_phrase(doer) if doer is not None else None
    if phrase is None:
        modifiers = [c for c in noun.lefts if c.dep_ in {"compound", "amod", "nmod"}]
        phrase = " ".join(m.text for m in modifiers) or None
    if phrase is None or not places:
        return []
    position = sentence.char(doer if doer is not None else noun)
    holder = _holder(ctx, phrase, position, topic)
    if holder is None:
        return []
    return _at_first_place(ctx, lexicon, sentence, noun, places, holder, "contested", topic, 0.6)


def _handed_over(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, verb: Token, topic: Topic
) -> list[Control]:
    """ "The rebels handed over control of Daraa to government forces": the giver withdrew
    from the place, the receiver took it. Only with a receiver named: "surrendered"
    alone is a surrender of fighters, not of a place."""
    receivers = _prep_objects([verb], {"to"})
    giver = syntax.subject(verb)
    dobjs = [o for o in verb.children if o.dep_ == "dobj"]
    places = [t for o in dobjs for t in _of_chain(o)]  # "control of the town of X"
    if not receivers or not places or not _asserted(verb, lexicon):
        return []
    targets = _targets(ctx, lexicon, sentence, places, topic, verb, fallback=False)
    taker = _holder(ctx, _side_phrase(receivers[0]), sentence.char(receivers[0]), topic)
    if not targets or taker is None:
        return []
    found = _made(ctx, lexicon, sentence, verb, targets, taker, "captured", topic)
    left = _holder(ctx, _side_phrase(giver), sentence.char(giver), topic) if giver else None
    if left is not None and left != taker:
        found += _made(ctx, lexicon, sentence, verb, targets, left, "withdrawn", topic)
    return found


def _outside_part(word: Token, part: Token) -> bool:
    """Whether a word of a part's subtree lies outside its phrase: in a clause, or in a
    prepositional phrase other than "of" and "in" ("areas in Aleppo", "districts of X")."""
    while word != part and word.head != word:
        if word.dep_ in {"relcl", "acl", "appos", "advcl", "ccomp"}:
            return True
        if word.dep_ == "prep" and word.lower_ not in {"of", "in"}:
            return True
        word = word.head
    return False


def _of_chain(token: Token) -> list[Token]:
    """A noun and the nouns its "of" phrases lead to: control -> town -> Daraa."""
    return [token, *(t for pobj in _over(token) for t in _of_chain(pobj))]


def _repelled(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, verb: Token, topic: Topic
) -> list[Control]:
    """ "Government forces repelled an IS attack on the town of Haditha", "the army
    repulsed the militants' attempts to infiltrate into X": the defender kept the place,
    on the day it beat the attack off."""
    attacks = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    doer = syntax.subject(verb)
    if not attacks or doer is None or not _asserted(verb, lexicon):
        return []
    places = _prep_objects([*attacks, verb], {"on", "against"})
    aims = [c for a in attacks for c in a.children if c.dep_ == "acl" and c.pos_ == "VERB"]
    places += [o for aim in aims for o in syntax.objects(aim)]
    places = [t for p in places for t in (p, *_prep_objects([p], {"of"}))]  # "town of X"
    holder = _holder(ctx, _side_phrase(doer), sentence.char(doer), topic)
    if holder is None or not places:
        return []
    targets = _targets(ctx, lexicon, sentence, places, topic, verb, fallback=False)
    return _made(ctx, lexicon, sentence, verb, targets, holder, "retained", topic, dated=True)


def _divided(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, verb: Token, topic: Topic
) -> list[Control]:
    """ "Hasakeh is split between government forces and Kurdish fighters", "control of the
    city is divided between ...": each side holds part of the place (retained)."""
    phrases = _sides([verb])
    if len(phrases) < 2 or not _asserted(verb, lexicon):
        return []
    places = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    places = [t for p in map(_antecedent, places) if p is not None for t in (p, *_over(p))]
    targets = _targets(ctx, lexicon, sentence, places, topic, verb)
    found: list[Control] = []
    holders: list[str] = []
    for phrase, side in phrases:
        holder = _holder(ctx, phrase, sentence.char(side), topic)
        if holder is not None and holder not in holders:
            holders.append(holder)
            found += _made(ctx, lexicon, sentence, verb, targets[:1], holder, "retained", topic)
    return found


def _lost_to(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, noun: Token, topic: Topic
) -> list[Control]:
    """ "the fall of Aleppo to regime forces": the "to" phrase captured the "of" phrase."""
    takers = _prep_objects([noun, _clause_verb(noun)], {"to"})  # the parser may hang it there
    places = [t for o in _prep_objects([noun], {"of"}) for t in _with_of(o)]
    if not takers or not places or not _asserted(_clause_verb(noun), lexicon):
        return []
    holder = _holder(ctx, _side_phrase(takers[0]), sentence.char(takers[0]), topic)
    if holder is None:
        return []
    return _at_first_place(ctx, lexicon, sentence, noun, places, holder, "captured", topic, 0.6)


def _foothold(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, noun: Token, topic: Topic
) -> list[Control]:
    """ "the SDF gained a foothold in Manbij": the one who gained it entered the place."""
    verb = noun.head
    if noun.dep_ not in {"dobj", "conj"} or verb.pos_ != "VERB" or not _asserted(verb, lexicon):
        return []
    if noun.dep_ == "conj":  # "gain territory and a foothold in X"
        verb = verb.head if verb.head.pos_ == "VERB" else verb
    doer = syntax.subject(verb)
    places = _prep_objects([noun, noun.head], {"in", "inside"})
    if doer is None or not places:
        return []
    holder = _holder(ctx, _side_phrase(doer), sentence.char(doer), topic)
    if holder is None:
        return []
    return _at_first_place(ctx, lexicon, sentence, noun, places, holder, "entered", topic, 0.6)


def _at_first_place(
    ctx: ReportContext,
    lexicon: Lexicon,
    sentence: Sentence,
    anchor: Token,
    places: list[Token],
    holder: str,
    status: str,
    topic: Topic,
    confidence: float,
) -> list[Control]:
    """One statement about the first place among ``places`` that names one (a named place
    only: no fallback to the place under discussion)."""
    targets = _targets(ctx, lexicon, sentence, places, topic, anchor, fallback=False)
    return _made(ctx, lexicon, sentence, anchor, targets[:1], holder, status, topic, confidence)


def _prep_objects(heads: list[Token], preps: set[str] | frozenset[str]) -> list[Token]:
    return [
        pobj
        for head in heads
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _side_phrase(token: Token) -> str:
    """A noun phrase without its conjuncts or prepositional phrases: "rebels" of "rebels
    and regime fighters in Daraa"."""

    def own(word: Token) -> bool:
        while word != token:
            if word.dep_ in {"conj", "cc", "prep", "relcl", "acl", "appos", "punct"}:
                return False
            word = word.head
        return True

    return " ".join(w.text for w in token.subtree if own(w))


def _made(
    ctx: ReportContext,
    lexicon: Lexicon,
    sentence: Sentence,
    anchor: Token,
    targets: list[tuple[Toponym, str | None]],
    holder: str,
    status: str,
    topic: Topic,
    confidence: float = 0.7,
    *,
    dated: bool = False,
) -> list[Control]:
    """Statements for each target; ``confidence`` is the construction's, less 0.1 when a
    speaker's word is all the report gives; ``dated``: a state the sentence ties to the
    day of an event (a place kept by beating off an attack) is dated like a change."""
    speech = syntax.speech_verb(anchor, lexicon)
    claimed_by = _speaker(ctx, speech, topic.speakers) if speech is not None else None
    denied = speech is not None and (speech.lemma_ in lexicon.deny or syntax.is_negated(speech))
    stance = "deny" if syntax.is_negated(anchor) != denied else "assert"  # "denied it had fallen"
    day = _day(ctx, sentence, anchor, "captured" if dated else status)
    statements = []
    for toponym, part in targets:
        if not holdable(toponym):
            continue  # countries, seas and continents are not held by a statement about a place
        if part is None or _a_share_part(part):
            topic.toponym = toponym  # a share of a place keeps the place under discussion
        statements.append(
            Control(
                place=place_of(toponym, precision=_precision(toponym, part)),
                part=part,
                holder=_side_there(ctx, holder, toponym),
                status=status,
                date=day,
                claimed_by=claimed_by,
                evidence=ctx.evidence(sentence, EXTRACTOR),
                stance=stance,
                confidence=round(confidence - (0.1 if claimed_by else 0.0), 2),
            )
        )
    return statements


def _a_share_part(part: str) -> bool:
    """Whether a part is a share of its place ("approximately 40 per cent"), not a site."""
    last = part.split()[-1]
    return last in SHARE_WORDS or last.rstrip("s") in AREA_UNITS


def _precision(toponym: Toponym, part: str | None) -> str | None:
    """A part is a site, unless it is a share of the place; a named region inside a
    country is held as a district (GOLD_FORMAT has no region precision for a place)."""
    if part is not None and not _a_share_part(part):
        return "site"
    return "district" if toponym.precision == "region" else None


def _side_there(ctx: ReportContext, holder: str, toponym: Toponym) -> str:
    """ "Government forces" and "rebels" fight for the country the place lies in: a Syrian
    report's "Haditha remains under control of government forces" is Iraq's government,
    and a report mostly about Turkey's "rebel-held Idlib" is Syria's rebels."""
    focus = ctx.focus_country
    if not focus or not toponym.country or toponym.country == focus:
        return holder
    named = {t.country for t in (*ctx.toponyms, *ctx.demonyms) if t.precision == "country"}
    if toponym.country not in named:
        return holder  # the text names no such country: rather a wrong place than its army
    ours = ctx.actors.country_actor(focus, "government")
    if ours is not None and holder == ours.name:
        theirs = ctx.actors.country_actor(toponym.country, "government")
        return theirs.name if theirs is not None else holder
    if holder == _rebels_of(ctx, focus):
        return _rebels_of(ctx, toponym.country) or holder
    return holder


def _asserted(verb: Token, lexicon: Lexicon) -> bool:
    """Whether the verb tells something done or holding (not planned, threatened, hoped,
    conditional or negated): its modality, and no infinitive of aim ("an offensive to
    retake", "fighting to recapture") unless a verb of success governs it."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        if not (verb.dep_ == "xcomp" and verb.head.lemma_ in ACHIEVED):
            return False
    if any(c.dep_ == "aux" and c.lower_ == "will" for c in verb.children):
        return False
    speech = syntax.speech_verb(verb, lexicon)
    if speech is not None and speech.lemma_ in lexicon.deny and not syntax.is_negated(verb):
        return True  # a named speaker's denial is kept, as a denial (CONTROL_GUIDE)
    return syntax.modality(verb, lexicon) == "asserted"


def _over(token: Token) -> list[Token]:
    """ "control of X", "control over X": X."""
    return _prep_objects([token], {"of", "over"})


def _day(ctx: ReportContext, sentence: Sentence, anchor: Token, status: str) -> str | None:
    """A change is dated by a day its own sentence states; a state ("holds") only when the
    text says it holds now, and then on the day of publication (CONTROL_GUIDE). A fight
    ("is now fighting for") is dated by its day, else by "now" like a state."""
    clause = _clause_verb(anchor)
    words = {t.lower_ for t in anchor.subtree} | {c.lower_ for c in clause.children}
    now = bool(words & NOW_WORDS or {anchor.lower_, clause.lower_} & NOW_WORDS)
    published = ctx.publication.isoformat() if ctx.publication else None
    if status in {"retained"}:
        return published if now else None
    position = sentence.char(anchor)
    for index in (sentence.index, sentence.index - 1):  # news tells a day, then what happened
        days = [
            d
            for d in ctx.days.get(index, [])
            if d.precision == "day" and not ctx.in_dateline(d.start)
        ]
        if days:
            return min(days, key=lambda d: abs(d.start - position)).date.isoformat()
    return published if now and status in {"contested", "besieged"} else None


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a word is in ("remain" of "remain under rebel control")."""
    while token.pos_ not in {"VERB", "AUX"} and token.head != token:
        token = token.head
    return token


def _held_place(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, held: Token, topic: Topic
) -> list[Control]:
    """ "the rebel-held town of Daraya", "neighbourhoods held by government troops": a
    description of a place by its holder is a statement that the holder keeps it."""
    holder_tokens = _hyphen_holder(held)
    if not holder_tokens:
        agent = next((c for c in held.children if c.dep_ == "agent"), None)
        holder_tokens = [p for p in (agent.children if agent else ()) if p.dep_ == "pobj"]
    if not holder_tokens:
        return []
    first = holder_tokens[0]
    phrase = " ".join(t.text for t in holder_tokens) if first.dep_ != "pobj" else phrase_of(first)
    holder = _holder(ctx, phrase, sentence.char(first), topic)
    if holder is None:
        return []
    place = held.head
    if place.tag_ == "NNS" and place.lemma_ not in lexicon.part_heads:
        return []  # "regime-held villages in Hama province": some villages, not the province
    candidates = _with_of(place)
    if place.dep_ == "appos":  # "Homs, a town held by ...": the name it stands beside
        candidates.append(place.head)
    return _at_first_place(
        ctx, lexicon, sentence, held, candidates, holder, "retained", topic, 0.75
    )


def _hyphen_holder(held: Token) -> list[Token]:
    """ "rebel-held", "Islamic State-controlled": the words before the hyphen."""
    doc = held.doc
    if held.i < 2 or doc[held.i - 1].text != "-" or doc[held.i - 1].whitespace_:
        return []
    end = held.i - 1
    start = end - 1
    while start > held.sent.start and doc[start - 1].pos_ == "PROPN" and doc[start].pos_ == "PROPN":
        start -= 1
    return list(doc[start:end])


def _with_their_names(tokens: list[Token]) -> list[Token]:
    """Nouns and the names their "of" phrases give them: "the town of Daraya"."""
    return [t for token in tokens for t in (token, *_prep_objects([token], {"of"}))]


def _with_of(token: Token) -> list[Token]:
    """A noun and what it names through "of" or "in": "the town of Daraya"."""
    found = [token]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}:
            found += [p for p in prep.children if p.dep_ == "pobj"]
    return found


def _under_control(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, control: Token, topic: Topic
) -> list[Control]:
    """ "X is under rebel control", "towns remain under control of government forces"."""
    modifiers = [c for c in control.lefts if c.dep_ in {"amod", "compound", "poss", "nmod"}]
    holders = [p for p in _over(control) if p.dep_ == "pobj"]
    phrase = None
    if modifiers:
        first = min((m.left_edge for m in modifiers), key=lambda t: t.i)
        phrase = control.doc[first.i : control.i].text
    if phrase is None and holders:
        phrase = phrase_of(holders[0])
    if not phrase:
        return []
    holder = _holder(ctx, phrase, sentence.char(control), topic)
    if holder is None:
        return []
    under = control.head
    verb = under.head
    if verb.pos_ in {"VERB", "AUX"}:
        candidates = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if verb.dep_ == "relcl":
            candidates.append(verb.head)
    else:
        candidates = [verb]
    candidates = [t for c in candidates for n in _with_conjuncts_of(c) for t in _with_of(n)]
    targets = _targets(ctx, lexicon, sentence, candidates, topic, control, fallback=False)
    return _made(ctx, lexicon, sentence, control, targets, holder, "retained", topic, 0.75)


def _held_noun(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, noun: Token, topic: Topic
) -> list[Control]:
    """A place named as a holder's stronghold, capital or under its siege (HOLD_NOUNS):
    the holder is the noun's possessor or modifier ("IS's", "regime siege"), or the
    "of"/"by"/"for" phrase that names an actor; the place the "of" phrase, apposition or
    copular subject names, else its "in" phrase ("a stronghold of IS in Manbij").
    "Strongholds in Raqqa province" are some places there, not the province."""
    if noun.tag_ == "NNS":
        return []
    status = HOLD_NOUNS[noun.lemma_]
    modifiers = [
        c
        for c in noun.lefts
        if c.dep_ in {"compound", "poss", "nmod"}
        or (c.dep_ == "amod" and c.pos_ in {"PROPN", "NOUN"} or c.lower_ in {"rebel", "regime"})
    ]
    preps = _prep_objects([noun], {"of", "by", "for"})
    holder = None
    if modifiers:
        first = min((m.left_edge for m in modifiers), key=lambda t: t.i)
        words = [t for t in noun.doc[first.i : noun.i] if t.dep_ != "case" and t.text != "'s"]
        holder = _holder(ctx, " ".join(t.text for t in words), sentence.char(first), topic)
    places = []
    for pobj in preps:
        if holder is None and not _named_in(ctx, sentence, [pobj]):
            if pobj.head.lower_ == "for":  # "a stronghold for the militants": named only
                phrase = phrase_of(pobj)
                named = ctx.actors.find(phrase, country=ctx.focus_country)
                holder = holder_of(ctx, phrase, sentence.char(pobj)) if named else None
            else:
                holder = _holder(ctx, phrase_of(pobj), sentence.char(pobj), topic)
        elif pobj.head.lower_ == "of":
            places.append(pobj)
    if holder is None:
        return []
    if noun.lemma_ in NON_STATE_ONLY and ctx.kind_of(holder) in STATE_FORCES | {"government"}:
        return []
    places += [c for c in noun.children if c.dep_ == "appos"]
    if noun.dep_ == "appos":  # "Raqqa, the group's de facto capital"
        places.append(noun.head)
    elif (before := _name_before(ctx, sentence, noun)) is not None:
        places.append(before)  # "in Raqa a stronghold of the jihadists": its comma lost
    if noun.dep_ == "attr":
        places += [c for c in noun.head.children if c.dep_ == "nsubj"]
    if noun.dep_ == "pobj" and noun.head.lower_ == "under":
        verb = noun.head.head
        places += [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    # "a stronghold of IS militants in Manbij": "in" on the noun or on its holder phrase
    # (or on the verb it is the object of, where the parser often hangs the phrase)
    hosts = [noun, *(p for p in preps if p not in places)]
    if noun.dep_ == "dobj":
        hosts.append(noun.head)
    places += _prep_objects(hosts, {"in"})
    candidates = [t for p in places for t in _with_of(p)]
    return _at_first_place(ctx, lexicon, sentence, noun, candidates, holder, status, topic, 0.6)


def _name_before(ctx: ReportContext, sentence: Sentence, noun: Token) -> Token | None:
    """The place name that ends right before a noun's article: two noun phrases side by
    side are an apposition whose comma the text lost ("Raqa a stronghold of IS"), as
    English puts no bare noun phrase after a name (the parser may hang the name on the
    noun itself)."""
    article = next((c for c in noun.lefts if c.lower_ in {"a", "an", "the"}), None)
    if article is None or article.i == sentence.span.start:
        return None
    name = article.doc[article.i - 1]
    end = sentence.char(name) + len(name.text)
    if any(t.end == end and holdable(t) for t in ctx.toponyms_between(end - len(name.text), end)):
        return name
    return None


def _with_conjuncts_of(token: Token) -> list[Token]:
    found = [token]
    for child in token.children:
        if child.dep_ == "conj":
            found += _with_conjuncts_of(child)
    return found


def _targets(
    ctx: ReportContext,
    lexicon: Lexicon,
    sentence: Sentence,
    candidates: list[Token | None],
    topic: Topic,
    verb: Token,
    *,
    fallback: bool = True,
) -> list[tuple[Toponym, str | None]]:
    targets: list[tuple[Toponym, str | None]] = []
    quarters: list[Token] = []  # towns already taken as the owner of a quarter
    for named in map(_antecedent, candidates):
        token = _whole_of(named)
        if named is None or token is None or token in quarters:
            continue
        share = _share_phrase(named) if named is not token else None
        before = len(targets)
        start = sentence.char(token)
        toponym = next(
            (t for t in ctx.toponyms_between(start, start + len(token.text) + 1) if holdable(t)),
            None,
        )
        if toponym is None:
            # a multi-word name whose head is this token
            left = sentence.char(token.left_edge)
            toponym = next(
                (
                    t
                    for t in ctx.toponyms_between(left, start + len(token.text))
                    if t.end == start + len(token.text)
                    or token.lemma_ in lexicon.anaphors  # "Idlib province", "Homs city"
                    or token.lemma_ in AREA_NOUNS  # "the rebel-held Eastern Ghouta area"
                ),
                None,
            )
        owner = _owner_town(ctx, sentence, token, toponym) if toponym is not None else None
        if owner is not None:  # "the Old City of Homs": a quarter named after its town
            targets.append((owner[0], toponym.text))  # type: ignore[union-attr]
            quarters.append(owner[1])
        elif toponym is not None:
            targets.append((toponym, None))
        elif token.lemma_ in lexicon.part_heads:
            town = _town_of_part(ctx, sentence, token, topic)
            if town is not None:
                targets.append((town, part_name(token, lexicon)))
        elif not fallback or _names_itself(token) or not _definite(token):
            continue  # "the town of Shaddadeh": a named place we cannot locate is no other
        elif token.lemma_ in lexicon.anaphors and targets:
            continue  # "took Wad Medani, the state capital": the same place again
        elif token.lemma_ in lexicon.anaphors and token.tag_ == "NNS":
            continue  # "the two villages": not the one place under discussion
        elif token.lemma_ in lexicon.anaphors and _fits(token, topic.toponym):
            targets.append((topic.toponym, None))  # type: ignore[arg-type]
        elif token.lemma_ in lexicon.anaphors:
            precisions = ("admin1",) if token.lemma_ in PROVINCE_WORDS else TOWN_LIKE
            town = ctx.last_place_before(sentence.char(verb), precisions)
            if town is not None and town.country in (ctx.focus_country, None):
                targets.append((town, None))  # not "Moscow" said as Russia's government
        if share is not None and len(targets) == before + 1 and targets[-1][1] is None:
            # "40 per cent of the town": that share of the place is the part
            place = targets.pop()[0]
            targets = [t for t in targets if t != (place, None)] + [(place, share)]
            quarters.append(token)  # the whole, named again by "of", is the same share
    if fallback and any(t.lemma_ not in lexicon.anaphors for t in candidates if t is not None):
        named = [t for t in targets if t[0] in _named_in(ctx, sentence, candidates)]
        return named or targets
    return targets


def _main_clause(sentence: Sentence, toponym: Toponym) -> bool:
    """Whether a place is said outside any relative clause or apposition of its sentence
    ("a lawmaker, who lives in Damascus, said ..." tells where the speaker is, not the news)."""
    span = sentence.span.doc.char_span(
        toponym.start - sentence.offset, toponym.end - sentence.offset, alignment_mode="expand"
    )
    word = span.root if span is not None else None
    while word is not None and word.head != word:
        if word.dep_ in {"relcl", "appos", "acl", "parataxis"}:
            return False
        word = word.head
    return word is not None


def _unplaced_name(ctx: ReportContext, sentence: Sentence, token: Token) -> bool:
    """A proper name that resolves to no town or province (a village the gazetteer lacks)."""
    if token.pos_ != "PROPN":
        return False
    start = sentence.char(token.left_edge)
    end = sentence.char(token) + len(token.text)
    return not any(holdable(t) for t in ctx.toponyms_between(start, end))


def _owner_town(
    ctx: ReportContext, sentence: Sentence, token: Token, toponym: Toponym
) -> tuple[Toponym, Token] | None:
    """ "The Old City of Homs", "the Citadel of Aleppo": a name whose "of" phrase is a town
    of another country than the one the name resolved to is a quarter of that town (the
    gazetteer found some other "Old City"), not a place of its own."""
    for pobj in _prep_objects([token], {"of"}):
        start = sentence.char(pobj)
        town = next(
            (t for t in ctx.toponyms_between(start, start + len(pobj.text) + 1)
             if t.precision in TOWN_LIKE),
            None,
        )  # fmt: skip
        if town is not None and town.country != toponym.country:
            return town, pobj
    return None


def _fits(anaphor: Token, toponym: Toponym | None) -> bool:
    """Whether "the town" can be this place: a town, city or village word refers to a
    settlement, "the province" to a first-order division."""
    if toponym is None:
        return False
    if anaphor.lemma_ in PROVINCE_WORDS:
        return toponym.precision == "admin1"
    return toponym.precision in TOWN_LIKE


def _antecedent(token: Token | None) -> Token | None:
    """A relative pronoun stands for the noun its clause hangs on: "eastern Aleppo, which
    fell to regime forces"; "rebels, who seized the town". A personal pronoun inside a
    clause stands for the subject of a clause above it, as the first step of Hobbs' search
    finds it: "the group is fighting ... in the last neighbourhoods it still holds"."""
    if token is not None and token.lower_ in RELATIVES and token.head.dep_ == "relcl":
        return token.head.head
    if token is not None and token.lower_ in PRONOUN_NUMBER:
        return _governing_subject(token) or token
    owner = _pronoun_owner(token)
    if owner is not None:  # "Its forces seized ...": the forces of whoever "it" is
        return _governing_subject(owner) or _previous_subject(owner) or owner
    return token


def _pronoun_owner(token: Token | None) -> Token | None:
    """The possessive pronoun of "its forces", "their fighters"."""
    if token is None or token.lower_ not in FORCE_NOUNS:
        return None
    return next(
        (c for c in token.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS),
        None,
    )


def _previous_subject(pronoun: Token) -> Token | None:
    """The subject of the sentence before, when the pronoun opens its clause's subject:
    "IS has attacked the city several times. Its forces seized ..." (the subject is the
    likeliest antecedent across a sentence boundary, Centering's preference)."""
    sentence = pronoun.sent
    if sentence.start == 0:
        return None
    before = pronoun.doc[sentence.start - 1].sent
    subject = syntax.subject(before.root)
    if subject is None or subject.pos_ == "PRON" or not _agrees(subject, pronoun):
        return None
    return subject


def _governing_subject(pronoun: Token) -> Token | None:
    """The nearest subject before ``pronoun`` of a clause that contains the pronoun's own,
    agreeing with it in number ("it" not for "rebels"), itself no pronoun."""
    clause = pronoun.head
    while clause.head != clause:
        clause = clause.head
        if clause.pos_ not in {"VERB", "AUX"}:
            continue
        subject = syntax.subject(clause)
        if subject is None or subject.i >= pronoun.i or subject.pos_ == "PRON":
            continue
        return subject if _agrees(subject, pronoun) else None
    return None


def _agrees(noun: Token, pronoun: Token) -> bool:
    """Whether a noun can be what a pronoun stands for by number: "it" or "its" a singular
    noun, "they" or "their" a plural one, either a collective noun (GROUP_NOUNS)."""
    plural = PRONOUN_NUMBER[POSSESSIVE_PRONOUNS.get(pronoun.lower_, pronoun.lower_)]
    return (noun.tag_ in {"NNS", "NNPS"}) == plural or noun.lower_ in GROUP_NOUNS


def _whole_of(token: Token | None) -> Token | None:
    """The place a share of it names: "most of the province", "40 percent of Deir Ezzor
    city", "510 square kilometres of the Golan" (SHARE_WORDS, a measure in AREA_UNITS)."""
    if token is None or not _a_share(token):
        return token
    wholes = _prep_objects([token], {"of"})
    return wholes[0] if wholes else token


def _a_share(token: Token) -> bool:
    if token.lemma_ in SHARE_WORDS:
        return True
    return token.lemma_ in AREA_UNITS and any(c.like_num for c in token.subtree)


def _share_phrase(share: Token) -> str:
    """The share as a part of its place, with what measures it: "approximately 40 per
    cent", "nearly all", "around 510 square kilometres" (CONTROL_GUIDE: a section inside
    the place is its part)."""
    words = [w for child in share.lefts for w in child.subtree if w.dep_ != "det"]
    return " ".join(w.lower_ for w in sorted([*words, share], key=lambda w: w.i))


def _definite(token: Token) -> bool:
    """ "the city", "this town" refer back; "a town in the east" introduces a new place."""
    return any(
        c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "another", "some", "several"}
        for c in token.children
    )


def _names_itself(token: Token) -> bool:
    """ "the town of Shaddadeh", "the city, Raqqa": the common noun comes with its name."""
    return any(
        (c.dep_ == "appos" and c.pos_ == "PROPN")
        or (c.dep_ == "prep" and c.lower_ == "of" and any(p.pos_ == "PROPN" for p in c.children))
        for c in token.children
    )


def _named_in(ctx: ReportContext, sentence: Sentence, tokens: list[Token | None]) -> list[Toponym]:
    found = []
    for token in tokens:
        if token is not None:
            start = sentence.char(token)
            found += ctx.toponyms_between(start, start + len(token.text) + 1)
    return found


def _included(
    ctx: ReportContext, sentence: Sentence, already: list[tuple[Toponym, str | None]]
) -> list[tuple[Toponym, str | None]]:
    """Towns listed with "including X" in the same sentence."""
    extra = []
    for token in sentence.span:
        if token.lower_ == "including":
            for pobj in token.children:
                if pobj.dep_ != "pobj":
                    continue
                start = sentence.char(pobj.left_edge)
                end = sentence.char(pobj.right_edge) + len(pobj.right_edge.text)
                for toponym in ctx.toponyms_between(start, end):
                    if toponym.precision in TOWN_LIKE and all(t is not toponym for t, _ in already):
                        extra.append((toponym, None))
    return extra


def _town_of_part(
    ctx: ReportContext, sentence: Sentence, token: Token, topic: Topic
) -> Toponym | None:
    """The town a part lies in: one its own phrase names ("districts of Aleppo"), else
    one its sentence named before it ("fighting in Hassakeh ... neighbourhoods held by
    troops"), else the place under discussion. A name in the phrase that we cannot place
    ("in the town of Ibtta in northern Daraa") is the town: then there is none."""
    own = [w for w in token.subtree if not _outside_part(w, token)]
    start = sentence.char(own[0])
    end = sentence.char(own[-1]) + len(own[-1].text)
    named = list(ctx.toponyms_between(start, end))
    # "districts of Syria's Aleppo": the country that qualifies the town is not the town
    inside = [t for t in named if t.precision != "country"] or named
    if inside:
        first = inside[0]
        return first if first.precision in TOWN_LIKE else None
    if token.lemma_ in VAGUE_PARTS:
        return None  # "part of a wider offensive", "areas of the country": no place of its own
    before = ctx.last_place_before(start)
    if before is not None and before.start >= sentence.start and _main_clause(sentence, before):
        return before
    if topic.toponym is not None:
        return topic.toponym
    return before


def part_name(token: Token, lexicon: Lexicon) -> str:
    """The facility's name without articles, judgements or its holder: "army base",
    "airport", "western districts" (of "the regime-held western districts")."""
    held = [t.i for t in token.doc[token.left_edge.i : token.i] if t.lower_ in HELD_WORDS]
    keep = [
        child
        for child in token.lefts
        if (child.dep_ == "compound"
            or (child.dep_ == "amod" and child.lower_ in lexicon.part_adjectives))
        and child.i > max(held, default=-1)
    ]  # fmt: skip
    words = sorted([*keep, token], key=lambda t: t.i)
    return " ".join(w.lower_ if w.pos_ != "PROPN" else w.text for w in words)


def _speaker(ctx: ReportContext, speech: Token, speakers: Speakers) -> str | None:
    return speaker_name(ctx, speech, speakers)


def _merge(statements: list[Control]) -> list[Control]:
    """One statement per place, part, holder, status and speaker: a dated one wins."""
    kept: dict[tuple, Control] = {}
    for statement in statements:
        key = (
            statement.place.name,
            statement.part,
            statement.holder,
            statement.status,
            statement.claimed_by,
            statement.stance,
        )
        old = kept.get(key)
        if old is None or (old.date is None and statement.date is not None):
            kept[key] = statement
    return list(kept.values())
