"""Claims: who said what, how, and whether it asserts or denies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitroom.extract import syntax
from sitroom.extract.context import DETERMINERS, PRONOUNS, ReportContext, Sentence
from sitroom.extract.lexicon import Lexicon
from sitroom.record import Claim

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

EXTRACTOR = "sitroom.claims.v2"
_QUOTE = re.compile(r"[“\"]([^”\"]{3,}?)[,.]?[”\"]")
_GROUP_WORDS = {"group", "movement", "organisation", "organization", "alliance", "militia"}


@dataclass
class Speakers:
    """The speakers one extractor has met in a report, in order: what "he said" refers
    back to, and the fuller name a shorter one stands for. Each extractor keeps its own,
    so that no extractor's result depends on whether another ran before it."""

    seen: list[str] = field(default_factory=list)

    @property
    def last(self) -> str | None:
        return self.seen[-1] if self.seen else None


def extract_claims(ctx: ReportContext, lexicon: Lexicon) -> list[Claim]:
    claims: list[Claim] = []
    speakers = Speakers()
    for sentence in ctx.reading():
        for token in sentence.span:
            if token.pos_ == "VERB" and token.lemma_ in lexicon.speech:
                claim = _from_speech_verb(ctx, lexicon, sentence, token, speakers)
            elif token.lower_ == "according" and _followed_by(token, "to"):
                claim = _from_according_to(ctx, lexicon, sentence, token)
            else:
                continue
            if claim is not None:
                claims.append(claim)
    return claims


def _from_speech_verb(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, verb: Token, speakers: Speakers
) -> Claim | None:
    content_root = next((c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}), None)
    if content_root is None and verb.dep_ == "parataxis":
        content_root = verb.head
    quote = _quote(sentence.span)
    if content_root is None and quote is None:
        return None
    speaker = speaker_name(ctx, verb, speakers)
    if speaker is None:
        return None
    content = quote or _content(ctx, sentence, content_root, verb)
    role, affiliation = _role_affiliation(ctx, verb, speaker)
    deny = verb.lemma_ in lexicon.deny or syntax.is_negated(verb)
    return Claim(
        speaker=speaker,
        affiliation=affiliation,
        role=role,
        channel=lexicon.speech[verb.lemma_],
        content=content,
        stance="deny" if deny else "assert",
        about=_about(content_root or verb, lexicon),
        evidence=ctx.evidence(sentence, EXTRACTOR),
        confidence=0.6,
    )


def _from_according_to(
    ctx: ReportContext, lexicon: Lexicon, sentence: Sentence, token: Token
) -> Claim | None:
    to = token.nbor(1)
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    speaker = _clean_name(source)
    quote = _quote(sentence.span)
    if quote:
        content = quote
    else:
        words = [t for t in sentence.span if t.i < token.i and not t.is_punct]
        content = " ".join(t.text for t in words)
    role, affiliation = _role_affiliation(ctx, source, speaker)
    head = token.head if token.head != token else token
    return Claim(
        speaker=speaker,
        affiliation=affiliation,
        role=role,
        channel=lexicon.speech_phrases.get("according to", "according to"),
        content=content,
        stance="assert",
        about=_about(head, lexicon),
        evidence=ctx.evidence(sentence, EXTRACTOR),
        confidence=0.5,
    )


def sentence_start(token: Token, ctx: ReportContext) -> int:
    return ctx.sentence_of(token).char(token)


def _followed_by(token: Token, word: str) -> bool:
    return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == word


def speaker_name(ctx: ReportContext, verb: Token, speakers: Speakers) -> str | None:
    """The name of whoever says: a person or organisation, pronouns followed back to the
    last of ``speakers``, which it extends."""
    subject = syntax.subject(verb)
    if subject is None:
        return None
    if subject.lower_ in PRONOUNS:
        return speakers.last
    name = _clean_name(subject)
    indefinite = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in subject.children)
    if subject.pos_ == "NOUN" and subject.lemma_ in _GROUP_WORDS and not indefinite:
        # "the group said" refers back; "a monitoring group said" brings in someone new
        from sitroom.actors import resolve_reference

        history = ctx.actors_before(sentence_start(verb, ctx))
        referent = resolve_reference(f"the {subject.lemma_}", history)
        if referent is not None:
            name = referent.name
    elif subject.pos_ == "NOUN" and subject.lemma_ in {"government", "regime"} and ctx.government():
        name = ctx.government()
    # "the ministry" after "the Defence Ministry": keep the fuller name
    for earlier in reversed(speakers.seen):
        if name != earlier and name in earlier:
            name = earlier
            break
    speakers.seen.append(name)
    return name


def _clean_name(token: Token) -> str:
    if token.pos_ == "NOUN":  # "a rebel spokesman, Lawrence Kanyuka, said": the name
        named = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None:
            token = named
    ent = syntax.entity_of(token)
    if ent is not None and ent.label_ in {"PERSON", "ORG", "GPE", "NORP"}:
        words = [t for t in ent if t.lower_ not in DETERMINERS]
        return "".join(t.text_with_ws for t in words).strip() if words else ent.text
    if token.pos_ == "PROPN":
        return syntax.compound_name(token)
    words = [
        t
        for t in token.subtree
        if t.dep_ not in {"det", "punct", "relcl", "appos"}
        or (t.text in "-–" and not t.whitespace_)
    ]
    words = [
        t
        for t in words
        if not any(a.dep_ in {"relcl", "appos", "prep"} for a in _between(t, token))
    ]
    return "".join(t.text_with_ws for t in words).strip()


def _between(word: Token, root: Token) -> list[Token]:
    chain = []
    while word != root and word.head != word:
        chain.append(word)
        word = word.head
    return chain


def _role_affiliation(
    ctx: ReportContext, verb: Token, speaker: str
) -> tuple[str | None, str | None]:
    known = ctx.persons.get(speaker)
    if known:
        return known
    from sitroom.actors import role_words

    found = ctx.actors.find(speaker)
    affiliation = found[0][2].name if found else None
    last = speaker.split()[-1].lower() if speaker.split() else ""
    return (last if last in role_words() else None), affiliation  # "SPLM-N spokesman"


def _quote(span: Span) -> str | None:
    match = _QUOTE.search(span.text)
    return match.group(1).strip() if match else None


def _content(ctx: ReportContext, sentence: Sentence, root: Token, verb: Token) -> str:
    """The reported clause as written, without the attribution or the dateline."""
    start = sentence.char(root.left_edge)
    end = sentence.char(root.right_edge) + len(root.right_edge.text)
    if root.left_edge.i <= verb.i <= root.right_edge.i and verb != root:
        # "X took the town, residents said": the clause stops before its attribution
        cut = sentence.char(min(syntax.subject(verb) or verb, verb.left_edge, key=lambda t: t.i))
        if cut > start:
            end = min(end, cut)
    while ctx.in_dateline(start) and start < end:
        start += 1
    return ctx.text[start:end].strip(' ,;:—–•-\n"“”').removeprefix("that ")


def _about(root: Token, lexicon: Lexicon) -> str:
    lemmas = {t.lemma_ for t in root.subtree}
    if lemmas & set(lexicon.control) and lemmas & (
        lexicon.anaphors | lexicon.part_heads | {"control"}
    ):
        return "control"
    if any(t.ent_type_ in {"GPE", "LOC", "FAC"} for t in root.subtree) and lemmas & set(
        lexicon.control
    ):
        return "control"
    if lemmas & set(lexicon.events):
        return "event"
    return "other"
