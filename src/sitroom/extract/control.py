"""Control statements: who holds, took, entered or still holds a place or a part of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.extract import syntax
from sitroom.extract.context import TOWN_LIKE, ReportContext, Sentence, phrase_of, place_of
from sitroom.extract.lexicon import ControlVerb, Lexicon
from sitroom.record import Control, Toponym

if TYPE_CHECKING:
    from spacy.tokens import Token

EXTRACTOR = "sitroom.control.v1"


@dataclass
class Topic:
    """The place under discussion: what "the city" and "the airport" refer to."""

    toponym: Toponym | None = None


def extract_control(ctx: ReportContext, lexicon: Lexicon) -> list[Control]:
    topic = Topic()
    found: list[Control] = []
    for sentence in ctx.sentences:
        for token in sentence.span:
            if token.pos_ not in {"VERB", "AUX"} or token.lemma_ not in lexicon.control:
                continue
            found.extend(_statements(ctx, lexicon, sentence, token, topic))
    return _merge(found)


def _statements(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, verb: Token, topic: Topic
) -> list[Control]:
    rule: ControlVerb = lexicon.control[verb.lemma_]
    objects = list(syntax.objects(verb))
    if rule.objects and not any(o.lemma_ in rule.objects for o in objects):
        return []
    position = sentence.char(verb)
    if rule.holder == "to_object":
        holder_token = syntax.prep_object(verb, {"to"})
        targets = _targets(ctx, lexicon, sentence, [syntax.subject(verb)], topic, verb)
    else:
        holder_token = syntax.subject(verb)
        targets = _targets(ctx, lexicon, sentence, objects, topic, verb)
        if rule.status == "captured":
            targets += _included(ctx, sentence, targets)
        if rule.objects and not targets and topic.toponym is not None:
            targets = [(topic.toponym, None)]
    if holder_token is None or not targets:
        return []
    holder = ctx.actor_of(phrase_of(holder_token), sentence.char(holder_token))
    if holder is None:
        return []
    status = rule.status
    if status == "captured" and holder == ctx.government():
        status = "regained"
    speech = syntax.speech_verb(verb, lexicon)
    claimed_by = _speaker(ctx, speech) if speech is not None else None
    denied = speech is not None and (speech.lemma_ in lexicon.deny or syntax.is_negated(speech))
    stance = "deny" if syntax.is_negated(verb) != denied else "assert"  # "denied it had fallen"
    day = ctx.stated_day(sentence, position)
    statements = []
    for toponym, part in targets:
        if part is None:
            topic.toponym = toponym
        statements.append(
            Control(
                place=place_of(toponym, precision="site" if part else None),
                part=part,
                holder=holder,
                status=status,
                date=day,
                claimed_by=claimed_by,
                evidence=ctx.evidence(sentence, EXTRACTOR),
                stance=stance,
                confidence=0.6 if claimed_by else 0.7,
            )
        )
    return statements


def _targets(
    ctx: ReportContext,
    lexicon: Lexicon,
    sentence: Sentence,
    candidates: list[Token | None],
    topic: Topic,
    verb: Token,
) -> list[tuple[Toponym, str | None]]:
    targets: list[tuple[Toponym, str | None]] = []
    for token in candidates:
        if token is None:
            continue
        start = sentence.char(token)
        toponym = next(
            (
                t
                for t in ctx.toponyms_between(start, start + len(token.text) + 1)
                if t.precision in TOWN_LIKE + ("admin1",)
            ),
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
                ),
                None,
            )
        if toponym is not None:
            targets.append((toponym, None))
        elif token.lemma_ in lexicon.part_heads:
            town = _town_of_part(ctx, sentence, token, topic)
            if town is not None:
                targets.append((town, part_name(token, lexicon)))
        elif token.lemma_ in lexicon.anaphors and targets:
            continue  # "took Wad Medani, the state capital": the same place again
        elif token.lemma_ in lexicon.anaphors and topic.toponym is not None:
            targets.append((topic.toponym, None))
        elif token.lemma_ in lexicon.anaphors:
            town = ctx.last_place_before(sentence.char(verb))
            if town is not None:
                targets.append((town, None))
    return targets


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
                start = sentence.char(pobj)
                for toponym in ctx.toponyms_between(start, start + len(pobj.text)):
                    if toponym.precision in TOWN_LIKE and all(t is not toponym for t, _ in already):
                        extra.append((toponym, None))
    return extra


def _town_of_part(
    ctx: ReportContext, sentence: Sentence, token: Token, topic: Topic
) -> Toponym | None:
    start = sentence.char(token.left_edge)
    end = sentence.char(token.right_edge) + len(token.right_edge.text)
    inside = [t for t in ctx.toponyms_between(start, end) if t.precision in TOWN_LIKE]
    if inside:
        return inside[0]
    if topic.toponym is not None:
        return topic.toponym
    return ctx.last_place_before(start)


def part_name(token: Token, lexicon: Lexicon) -> str:
    """The facility's name without articles and judgements: "army base", "airport"."""
    keep = [
        child
        for child in token.lefts
        if child.dep_ == "compound"
        or (child.dep_ == "amod" and child.lower_ in lexicon.part_adjectives)
    ]
    words = sorted([*keep, token], key=lambda t: t.i)
    return " ".join(w.lower_ if w.pos_ != "PROPN" else w.text for w in words)


def _speaker(ctx: ReportContext, speech: Token) -> str | None:
    from sitroom.extract.claims import speaker_name

    return speaker_name(ctx, speech)


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
