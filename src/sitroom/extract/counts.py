"""Counts of people killed, wounded and captured, as ACLED codes them: the lowest
figure the text supports, vague words ("several", "dozens") as fixed numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.extract import syntax
from sitroom.extract.aggregates import number
from sitroom.extract.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

    from sitroom.extract.context import Sentence


def stated_counts(sentence: Sentence, lexicon: Lexicon) -> dict[str, int]:
    """Killed, wounded and captured counts stated with their verbs, lowest figure first."""
    counts: dict[str, int] = {}
    for token in sentence.span:
        if not (token.like_num or token.lower_ in lexicon.vague_counts):
            continue
        value = number(token.text) if token.like_num else lexicon.vague_counts[token.lower_]
        if value is None or value > 100000:
            continue
        noun = token.head if token.dep_ == "nummod" else token
        verb = noun.head
        lemmas = {verb.lemma_.lower(), noun.lemma_.lower()} | {
            c.lemma_.lower() for c in noun.children
        }
        for key, words in lexicon.count_words.items():
            if lemmas & words:
                counts[key] = min(counts.get(key, value), value)
    return counts


def people_taken(trigger: Token, lexicon: Lexicon) -> dict[str, int]:
    """How many people a killing or arrest verb names as its objects: "captured a leader
    and several associates" is 1 + 3 (vague words as ACLED codes them)."""
    lemma = trigger.lemma_.lower()
    key = next(
        (k for k, words in lexicon.count_words.items() if lemma in words),
        None,
    )
    if key is None or trigger.pos_ not in {"VERB", "NOUN"}:
        return {}
    total = 0
    for obj in syntax.objects(trigger):
        if obj.dep_ == "pobj" or not (
            obj.ent_type_ == "PERSON" or obj.lemma_.lower() in lexicon.people
        ):
            continue
        amount = None
        for child in obj.children:
            if child.dep_ in {"nummod", "amod", "det"}:
                word = child.lower_
                amount = number(word) if child.like_num else lexicon.vague_counts.get(word, amount)
                if word in {"a", "an", "one", "the"} and amount is None:
                    amount = 1
        total += amount if amount is not None else (1 if obj.tag_ in {"NN", "NNP"} else 2)
    return {key: total} if total else {}
