"""People and their roles from appositions and compounds in a parsed sentence.

- "RSF spokesman Ahmed Musa": a role word right before a name, an actor
  before the role -> role "spokesman", affiliation the RSF.
- "Jane Doe, the U.S. ambassador": a name, then a comma or dash and a noun phrase
  headed by a role word -> role "ambassador", affiliation "United States".
- "the governor of Helmand, John Smith": a role phrase, a comma, a name.

Role words live in ``data/roles.yaml``; affiliations come from the actor dictionary.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitroom.actors._load import bundled, compose
from sitroom.errors import DataFileError

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from sitroom.actors.dictionary import ActorDictionary

_SEPARATORS = {",", "—", "–", "-", "--", "("}
_DETERMINERS = {"the", "a", "an"}
_PHRASE_WORDS = 8  # how far a role phrase may reach from its name


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None
    affiliation: str | None
    start: int  # character offsets of the name in the doc
    end: int


def person_roles(doc: Doc, actors: ActorDictionary | None = None) -> list[Person]:
    """Every person in ``doc`` that a role word describes, in text order."""
    if actors is None:
        from sitroom.actors.dictionary import ActorDictionary

        actors = ActorDictionary.load()
    people = []
    for name in _names(doc):
        found = _before(doc, name, actors) or _after(doc, name, actors)
        if found is not None:
            role, affiliation = found
            people.append(Person(name.text, role, affiliation, name.start_char, name.end_char))
    return people


def _names(doc: Doc) -> list[Span]:
    return [ent for ent in doc.ents if ent.label_ == "PERSON"]


def _before(doc: Doc, name: Span, actors: ActorDictionary) -> tuple[str, str | None] | None:
    """A role right before the name ("Taliban spokesman X"), or a role phrase and a
    comma ("the governor of Kunduz, X")."""
    end = name.start
    if end > 0 and doc[end - 1].text in _SEPARATORS:
        left = _phrase_left(doc, end - 1)
        role = _role_in(left)
        if role is not None and _starts_with_determiner(left):
            return role[0], _affiliation(left, role, actors)
        return None
    left = _phrase_left(doc, end)
    role = _role_ending(left)
    if role is None:
        return None
    return role[0], _affiliation(left, role, actors)


def _after(doc: Doc, name: Span, actors: ActorDictionary) -> tuple[str, str | None] | None:
    """A comma or dash after the name, then "the U.S. ambassador" / "a senator from …"."""
    start = name.end
    if start >= len(doc) or doc[start].text not in _SEPARATORS:
        return None
    right = doc[start + 1 : min(len(doc), start + 1 + _PHRASE_WORDS)]
    if not len(right) or right[0].lower_ not in _DETERMINERS:
        return None
    phrase = _until_break(right)
    role = _role_in(phrase)
    if role is None:
        return None
    return role[0], _affiliation(phrase, role, actors)


def _phrase_left(doc: Doc, end: int) -> Span:
    """The words before ``end`` back to a clause break, at most a few."""
    start = end
    while start > 0 and end - start < _PHRASE_WORDS:
        word = doc[start - 1]
        if word.is_punct or word.pos_ in {"VERB", "AUX", "CCONJ", "SCONJ", "PRON"}:
            break
        if word.ent_type_ == "PERSON":
            break
        start -= 1
    return doc[start:end]


def _until_break(span: Span) -> Span:
    end = 0
    for i, word in enumerate(span):
        if word.is_punct or word.pos_ in {"VERB", "AUX"} or word.lower_ in {"who", "which"}:
            break
        end = i + 1
    return span[:end]


def _role_ending(span: Span) -> tuple[str, int, int] | None:
    """A role that ends the span ("Taliban spokesman"), the longest one."""
    for size in range(min(3, len(span)), 0, -1):
        words = span[len(span) - size :]
        role = _role_words(words)
        if role:
            return role, len(span) - size, len(span)
    return None


def _role_in(span: Span) -> tuple[str, int, int] | None:
    """The first role in the span ("the U.S. ambassador", "a senator from the state")."""
    for i in range(len(span)):
        for size in range(min(3, len(span) - i), 0, -1):
            role = _role_words(span[i : i + size])
            if role:
                return role, i, i + size
    return None


def _role_words(words: Span) -> str | None:
    text = " ".join(w.lower_ if not w.text.isupper() else w.text for w in words)
    roles = _roles()
    if text in roles:
        return text
    if words[-1].tag_ in {"NNS"} and words[-1].lemma_.lower() in roles and len(words) == 1:
        return words[-1].lemma_.lower()
    return None


def _starts_with_determiner(span: Span) -> bool:
    return len(span) > 0 and span[0].lower_ in _DETERMINERS


def _affiliation(span: Span, role: tuple[str, int, int], actors: ActorDictionary) -> str | None:
    """An actor named in the role phrase: before the role ("Taliban spokesman") or in
    "for/of …" after it ("a spokesman for the Taliban")."""
    _, start, end = role
    before = span[:start]
    if len(before):
        found = actors.find(before.text)
        if found:
            return found[-1][2].name
    after = span[end:]
    if len(after) and after[0].lower_ in {"for", "of"}:
        found = actors.find(after.text)
        if found and found[0][2].kind != "state":
            return found[0][2].name
    return None


def _token_text(token: Token) -> str:
    return token.text


def role_words() -> frozenset[str]:
    """The words that name a person's role ("spokesman", "governor"), from roles.yaml."""
    return _roles()


@functools.cache
def _roles() -> frozenset[str]:
    path, text = bundled("roles.yaml")
    data, _node = compose(path, text)
    roles = data.get("roles") if isinstance(data, dict) else None
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise DataFileError(path, 1, "expected a top-level 'roles' list of strings")
    return frozenset(r if r.isupper() else r.lower() for r in roles)
