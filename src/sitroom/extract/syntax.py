"""Small questions about a dependency parse that several extractors ask."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from sitroom.extract.lexicon import Lexicon

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}


def agent(verb: Token) -> Token | None:
    """The by-agent of a passive: "carried out by Russian jets" -> jets."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def subject(verb: Token) -> Token | None:
    """The doer: the active subject, the agent of a passive, or a conjoined verb's subject."""
    by = agent(verb)
    if by is not None:
        return by
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head != verb:
        return subject(verb.head)
    return None


def patient(verb: Token) -> Token | None:
    """The one done to: the direct object, or the subject of a passive."""
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            return child
    return None


def objects(verb: Token) -> Iterator[Token]:
    """Direct objects and their conjuncts; through "control of X" to X."""
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass", "attr"}:
            yield from _with_conjuncts(child)
        elif child.dep_ == "prep" and child.lower_ in {"into", "inside", "of", "in", "from"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield from _with_conjuncts(pobj)


def _with_conjuncts(token: Token) -> Iterator[Token]:
    yield token
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield from _with_conjuncts(pobj)
        elif child.dep_ == "conj":
            yield from _with_conjuncts(child)


def prep_object(verb: Token, preps: set[str]) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def is_negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def modality(token: Token, lexicon: Lexicon) -> str:
    """asserted, negated, planned, hypothetical, future or generic, from the trigger's own
    auxiliaries and the verbs that govern it (``plans to visit``, ``hopes to meet``)."""
    memo = token.doc.user_data.setdefault("sitroom.modality", {})
    key = (token.i, id(lexicon))
    if key not in memo:  # events and their counts both ask, for the same triggers
        memo[key] = _modality(token, lexicon)
    return memo[key]


def _modality(token: Token, lexicon: Lexicon) -> str:
    cues = lexicon.modality
    if _generic(token, lexicon):
        return "generic"
    if any(
        c.dep_ == "det" and c.lower_ in {"no", "none"}
        for arg in (token, *token.children)
        if arg.dep_ in {"nsubj", "nsubjpass", "dobj"} or arg is token
        for c in arg.children
    ):
        return "negated"  # "no civilians were injured", "no attacks were reported"
    word = token
    for _ in range(4):
        children = list(word.children)
        if word.dep_ in {"acl", "advcl"} and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in children
        ):
            return "planned"  # "an operation to arrest a leader": the aim, not the outcome
        if any(c.dep_ == "neg" for c in children):
            return "negated"
        for child in children:
            if child.dep_ in {"aux", "mark"}:
                if child.lower_ in cues.get("future", ()):
                    return "future"
                if child.lower_ in cues.get("hypothetical", ()):
                    return "hypothetical"
        # an adverbial clause ("as troops complete their withdrawal") asserts on its own,
        # unless it is a purpose ("to meet officials")
        purpose = word.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in children
        )
        if not purpose and word.dep_ not in {
            "xcomp",
            "ccomp",
            "conj",
            "dobj",
            "pobj",
            "prep",
            "pcomp",
        }:
            break
        if word.head == word or _across_semicolon(word, word.head):
            break
        word = word.head
        if word.pos_ in {"VERB", "NOUN"} and word != token:
            if word.lemma_ in cues.get("planned", ()):
                return "planned"
            if word.lemma_ in cues.get("hypothetical", ()):
                return "hypothetical"
            if word.lemma_ in cues.get("negated", ()):
                return "negated"
    return "asserted"


def _across_semicolon(word: Token, head: Token) -> bool:
    """Whether a semicolon stands between a word and its head: a semicolon joins
    independent clauses, so an attachment across it (the small parser often makes the
    first clause a complement of the second) says nothing of the word's modality ("the
    rebels said they had taken the town; the army did not comment")."""
    low, high = sorted((word.i, head.i))
    return any(t.text == ";" for t in word.doc[low + 1 : high])


def commitment(token: Token, lexicon: Lexicon) -> str | None:
    """ "promise" when the trigger is what someone offers, vows or is willing to do;
    "demand" when someone must do it; else None."""
    cues = lexicon.modality
    word = token
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in cues.get("demand", ()) for c in word.children):
            return "demand"
        # "have sworn to fight": an infinitive the parser hangs as an adverbial clause
        infinitive = word.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in word.children
        )
        if (
            word.dep_ not in {"xcomp", "ccomp", "acomp", "conj"} and not infinitive
        ) or word.head == word:
            return None
        word = word.head
        if word != token and word.lemma_ in cues.get("promise", ()):
            # "the US must be ready to mediate": a demand that someone be willing
            holder = word.head if word.dep_ == "acomp" else word
            if any(c.dep_ == "aux" and c.lower_ in cues.get("demand", ()) for c in holder.children):
                return "demand"
            return "promise"
    return None


def _generic(token: Token, lexicon: Lexicon) -> bool:
    """A bare plural noun ("responsible for attacks") names a kind of event, not one."""
    if token.pos_ != "NOUN" or token.tag_ != "NNS" or token.lemma_ in lexicon.people:
        return False
    if any(c.dep_ in {"det", "poss", "nummod"} for c in token.children):
        return False
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ == "pobj":  # "responsible for attacks", "weapons for use in attacks"
        return token.head.lower_ in {"for", "in", "of"}
    # "the leader conducts attacks": a habit, told in the present tense
    return token.dep_ == "dobj" and token.head.tag_ in {"VBZ", "VBP"}


def speech_verb(token: Token, lexicon: Lexicon) -> Token | None:
    """The verb of saying whose reported clause holds ``token``, if any."""
    word = token
    while word.head != word:
        if (
            word.dep_ in {"ccomp", "parataxis", "xcomp", "advcl"}
            and word.head.lemma_ in lexicon.speech
        ):
            return word.head
        word = word.head
    return None


def is_purpose(token: Token) -> bool:
    """Whether the trigger heads an infinitive of purpose ("an operation to arrest")."""
    return token.dep_ in {"acl", "advcl"} and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def compound_name(token: Token) -> str:
    """A name with its compounds and flat parts: "Lawrence Kanyuka"."""
    parts = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    tokens = sorted([*parts, token], key=lambda t: t.i)
    # keep only the contiguous run ending at the head
    run = [token]
    for t in reversed(tokens[:-1]):
        if t.i == run[0].i - 1:
            run.insert(0, t)
    return " ".join(t.text for t in run)


def entity_of(token: Token) -> Span | None:
    """The named entity a token is part of, found from the token's own IOB tags (a walk
    back to the entity's first word, not a search of the document's entities)."""
    if token.ent_iob_ not in {"B", "I"}:
        return None
    doc, start = token.doc, token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    from spacy.tokens import Span

    return Span(doc, start, end, label=token.ent_type_)
