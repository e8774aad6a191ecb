"""Aggregate claims: "seized three of the 12 district centres in two weeks"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.extract import syntax
from sitroom.extract.context import ReportContext, phrase_of
from sitroom.extract.lexicon import Lexicon
from sitroom.record import Aggregate

if TYPE_CHECKING:
    from spacy.tokens import Token

EXTRACTOR = "sitroom.aggregates.v1"
_UNITS = {"hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_TENS = {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def number(text: str) -> int | None:
    """An integer written in digits or words ("six", "34", "twenty-one", "a")."""
    word = text.lower().replace(",", "")
    if word.isdecimal():  # not isdigit: "¹" is a digit that int() refuses
        return int(word)
    if word in {"a", "an", "one"}:
        return 1
    if word in _SMALL:
        return _SMALL.index(word)
    if word in _TENS:
        return _TENS[word]
    if "-" in word:
        tens, _, unit = word.partition("-")
        if tens in _TENS and unit in _SMALL[1:10]:
            return _TENS[tens] + _SMALL.index(unit)
    return None


def extract_aggregates(ctx: ReportContext, lexicon: Lexicon) -> list[Aggregate]:
    found = []
    for sentence in ctx.reading():
        for verb in sentence.span:
            if (
                verb.pos_ != "VERB"
                or verb.lemma_ not in lexicon.control
                and verb.lemma_ not in lexicon.events
            ):
                continue
            aggregate = _aggregate(ctx, verb)
            if aggregate is None:
                continue
            count, of, category, period = aggregate
            subject = syntax.subject(verb)
            actor = (
                ctx.actor_of(phrase_of(subject), sentence.char(subject))
                if subject is not None
                else None
            )
            found.append(
                Aggregate(
                    actor=actor,
                    verb=verb.text.lower(),
                    count=count,
                    of=of,
                    category=category,
                    period_days=period,
                    evidence=ctx.evidence(sentence, EXTRACTOR),
                    confidence=0.6,
                )
            )
    return found


def _aggregate(ctx: ReportContext, verb: Token) -> tuple[int, int | None, str, int | None] | None:
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    if obj.like_num:
        count = number(obj.text)
        total_noun = _out_of(obj) or _out_of(verb)
        if count is None or total_noun is None:
            return None
        category_token = total_noun
    else:
        nummod = next((c for c in obj.children if c.dep_ == "nummod"), None)
        if nummod is None or number(nummod.text) is None or obj.pos_ != "NOUN":
            return None
        count = number(nummod.text)
        category_token = obj
        total_noun = _out_of(obj)
    of = None
    if total_noun is not None:
        total = next((c for c in total_noun.children if c.dep_ == "nummod"), None)
        of = number(total.text) if total is not None else None
    if count is None:
        return None
    return count, of, _category(category_token), _period(verb)


def _out_of(token: Token) -> Token | None:
    """The noun of "out of 12 district centres" / "of the 12 centres" under ``token``."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"out", "of"}:
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.pos_ == "NOUN":
                    return grand
                if grand.dep_ == "prep" and grand.lower_ == "of":
                    found = _out_of(child)
                    if found is not None:
                        return found
    return None


def _category(noun: Token) -> str:
    modifiers = [c for c in noun.lefts if c.dep_ in {"amod", "compound"} and not c.like_num]
    return " ".join([*(m.lower_ for m in modifiers), noun.lemma_.lower()])


def _period(verb: Token) -> int | None:
    for child in verb.subtree:
        if child.dep_ == "prep" and child.lower_ in {"in", "within", "over", "during", "since"}:
            for pobj in child.children:
                unit = pobj.lemma_.lower()
                if pobj.dep_ == "pobj" and unit in _UNITS:
                    amount = next(
                        (
                            number(c.text)
                            for c in pobj.children
                            if c.dep_ in {"nummod", "det"} and number(c.text)
                        ),
                        1,
                    )
                    return max(1, round(amount * _UNITS[unit]))
    return None
