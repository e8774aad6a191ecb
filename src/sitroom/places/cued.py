"""Gazetteer matching over capitalised token runs, taken only with a context cue.

Recovers names the NER model missed or mislabelled ("entered X" tagged PERSON,
"north of X", "X province", "X, Maine", "Jo Smith, 41, of X") without flooding
common words, and spreads a name found once to its other occurrences in the report.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Span

from sitroom.places.gazetteer import Gazetteer
from sitroom.places.lexicon import cues, demonym_country
from sitroom.places.patterns import (
    PARTICLES,
    admin_context,
    admin_parenthesis,
    is_container,
    known,
)

# Entities whose tokens are never re-read as places.
_SKIP_LABELS = {
    "DATE",
    "TIME",
    "MONEY",
    "PERCENT",
    "CARDINAL",
    "ORDINAL",
    "QUANTITY",
    "NORP",
    "LANGUAGE",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "PRODUCT",
}
_MAX_TOKENS = 4


class _Matched(NamedTuple):
    """A name this pass has taken, as ``_follows_place`` reads a mention."""

    tok_start: int
    tok_end: int


def cued_runs(
    doc: Doc, gazetteer: Gazetteer, taken: list[bool], found: list, noun_cue: bool
) -> list[Span]:
    is_open = _glued([_open(tok, taken) for tok in doc], doc)
    found = list(found)
    out = []
    i = 0
    while i < len(doc):
        if not is_open[i]:
            i += 1
            continue
        j = i
        while j < len(doc) and is_open[j]:
            j += 1
        start = i
        while start < j:  # "Damascus Aleppo Homs": a list that lost its commas
            matched = _match_run(doc, gazetteer, start, j, found, noun_cue)
            if not matched:
                break
            out.extend(matched)
            found.append(_Matched(matched[-1].start, matched[-1].end))
            start = matched[-1].end
        i = j
    return out


def _glued(is_open: list[bool], doc: Doc) -> list[bool]:
    """Runs go on through the lower-case article and hyphen inside an Arabic name
    ("Jisr al-Shughour", "Deir ez-Zor"), written between two capitalised words."""
    for k in range(1, len(doc) - 2):
        article, hyphen, name = doc[k], doc[k + 1], doc[k + 2]
        joined = (
            is_open[k - 1]
            and article.text in PARTICLES
            and hyphen.text == "-"
            and not article.whitespace_
            and not hyphen.whitespace_
            and _capitalised(name)
            and name.ent_type_ not in _SKIP_LABELS
        )
        if joined:
            is_open[k] = is_open[k + 1] = True
    return is_open


def hyphenated(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Capitalised words joined by hyphens into a name the gazetteer knows whole
    ("Winston-Salem police", where the model tags only "Winston"): one place, not two."""
    out = []
    i = 1
    while i < len(doc) - 1:
        joined = (
            doc[i].text == "-"
            and not doc[i - 1].whitespace_
            and not doc[i].whitespace_
            and _capitalised(doc[i - 1])
            and _capitalised(doc[i + 1])
        )
        if joined and known(gazetteer, doc[i - 1 : i + 2].text, alt=True):
            out.append(doc[i - 1 : i + 2])
            i += 3
        else:
            i += 1
    return out


def _open(tok, taken: list[bool]) -> bool:
    if not _capitalised(tok) or taken[tok.i]:
        return False
    label = tok.ent_type_
    if label == "NORP" and demonym_country(tok.text) is None:
        # a lone NORP that is no demonym may be a mislabelled town ("Omdurman"); a piece of
        # a longer one ("Kurdish-Arab alliance") is a people
        return tok.ent_iob_ == "B" and not _entity_goes_on(tok)
    if label == "PRODUCT" and tok.ent_iob_ == "B" and not _entity_goes_on(tok):
        return True  # a one-word "product" is the small model's guess for a foreign name
    return label not in _SKIP_LABELS


def _entity_goes_on(tok) -> bool:
    return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_iob_ == "I"


def _capitalised(tok) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or tok.text.rstrip(".").isalpha())


def _match_run(
    doc: Doc, gazetteer: Gazetteer, i: int, j: int, found: list, noun_cue: bool
) -> list[Span]:
    """The whole run, or its head when the rest are organisation words ("Fargo Police")."""
    heads = cues().org_heads
    for end in range(min(j, i + _MAX_TOKENS), i, -1):
        rest_named = end < j and (
            (_commas_lost(doc) and _prominent(gazetteer, doc[end].text))
            or (i > 0 and _held(doc[i - 1]))
        )  # "Aleppo Homs" of a list that lost its commas; "IS-held Manbij HRW says"
        if end < j and not rest_named and not all(t.lower_ in heads for t in doc[end:j]):
            continue
        span = doc[i:end]
        if len(span) == 1 and span[0].lower_ in cues().generic:
            return []
        if len(span) == 1 and span[0].lower_ in PARTICLES:
            continue
        if end == j and admin_context(doc, span) and not span[0].is_sent_start:
            return [span]  # named as a place by its bracket, known to the gazetteer or not
        alt = len(span) > 1 or _located(doc, span, gazetteer)  # "in Daraa": an alias will do
        if known(gazetteer, span.text, alt=alt) and _cued(doc, span, gazetteer, found, noun_cue):
            return [span]
    return []


def only_noun_cued(doc: Doc, span: Span, gazetteer: Gazetteer, found: list) -> bool:
    """Whether a run found by ``cued_runs`` has nothing for it but the common noun after
    it ("Alexandria woman", but also "SANA reporter", "Tomahawk missiles"): a name that
    modifies a noun is as often an agency, a family or a weapon as a place."""
    return not _cued(doc, span, gazetteer, found, noun_cue=False)


def _acronym(span: Span, nxt) -> bool:
    """A short all-capital word inside a sentence, or opening one before a common noun
    ("SANA reporter said"), not a dateline's ("HUME, Ill. --"): an acronym, which the
    gazetteer may know as a village or a capital ("SANA" reported ...)."""
    word = span.text
    noun_after = nxt is not None and nxt.text.islower() and nxt.pos_ == "NOUN"
    return (
        len(span) == 1
        and word.isupper()
        and word.isalpha()
        and len(word) <= 4
        and (not span[0].is_sent_start or noun_after)
        and not (nxt is not None and nxt.text == ",")
    )


def _cued(doc: Doc, span: Span, gazetteer: Gazetteer, found: list, noun_cue: bool) -> bool:
    c = cues()
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev is not None and prev.lower_.rstrip(".") in c.titles:
        return False
    acronym = _acronym(span, nxt)
    if acronym and not any(c.kind == "country" for c in gazetteer.lookup(span.text)):
        return False  # an agency's or a group's initials ("SANA", "AFP") in running text,
        # even where a capital bears the same letters (Sana'a)
    if _country_name(gazetteer, span.text):
        return True  # countries and national capitals, even as speakers ("Tbilisi says")
    if acronym:
        return False
    if nxt is not None and nxt.lower_ in c.speech:
        return False
    if nxt is not None and nxt.lower_.rstrip(".") in c.streets:
        return False  # "Nelson Street", "Post Rd."
    if len(span) == 1 and len(span.text) < 3:
        return False  # "As"; a surname of someone named in full elsewhere
    listed = _commas_lost(doc) and _listed(doc, span, found)
    if (listed or _held(prev)) and _prominent(gazetteer, span.text):
        return True  # whatever the model tagged: "in Daraa Latakia and Homs", "IS-held Mosul"
    ent = span[0].ent_type_
    if ent == "PERSON" and any(
        t.ent_type_ == "PERSON" and not _follows_place(doc, t.i + 1, found)
        for t in _neighbours(doc, span)
    ):
        return False  # part of a longer person name ("Jesse Jackson"), not "Mosul Iraqs"
    if ent == "ORG":  # a lone ORG after "entered" / "Jo Smith, 41, of", or before a noun
        whole = (prev is None or prev.ent_iob_ != "I") and (nxt is None or nxt.ent_iob_ != "I")
        noun = noun_cue and nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower()
        strong = prev is not None and (prev.lower_ in c.strong_before or _person_of(doc, prev))
        strong = strong or admin_parenthesis(doc, span.end)  # "X (Y locality, Z state)"
        strong = strong or _located(doc, span, gazetteer)
        return whole and (strong or noun or _described(doc, span))
    after = nxt is not None and nxt.lower_ in c.after
    if noun_cue and nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower():
        after = not (ent == "PERSON" and nxt.lower_ in c.person_nouns)  # "Bush administration"
    if span[0].is_sent_start:  # headline or sentence start: only well-known places,
        if len(span) == 1 and span[0].pos_ == "NOUN":  # and no common noun ("Car bomb")
            return False
        return (after or _described(doc, span)) and _prominent(gazetteer, span.text)
    if after or _described(doc, span):
        return True
    if prev is None:
        return False
    if prev.lower_ in c.before:
        return not (prev.lower_ in ("and", "or") and not _follows_place(doc, prev.i, found))
    if prev.lower_ == "of" and prev.i > 0 and doc[prev.i - 1].lower_ in c.of_heads:
        return True  # "the city of X"
    if _person_of(doc, prev):
        return True
    if prev.text == "," and prev.i > 0 and doc[prev.i - 1].lower_.rstrip(".") in c.streets:
        return True  # "420 Oak St., X"
    if prev.text in (",", "(") and _follows_place(doc, prev.i, found):
        return True
    if prev.text == "(" and prev.i > 0 and doc[prev.i - 1].text == span[0].text:
        return True  # "Omdurman (Omdurman, Khartoum)"
    if nxt is not None and nxt.text in (",", "(") and span.end + 1 < len(doc):
        return is_container(doc, span.end + 1, gazetteer)
    return False


# Nouns that say what kind of place the name after "of" is ("the town of X").
_KIND_NOUNS = frozenset({"town", "city", "village", "province", "governorate", "district"})
# A sentence-initial name without other cues must be at least this big, or an area.
PROMINENT_TOWN = 10_000
# A town named by one of its alternate names must be this big to count as prominent.
KNOWN_BY_ALIAS = 50_000


def _prominent(gazetteer: Gazetteer, text: str) -> bool:
    return any(
        c.main and (c.kind != "town" or c.population >= PROMINENT_TOWN)
        for c in gazetteer.lookup(text)
    )


def _located(doc: Doc, span: Span, gazetteer: Gazetteer) -> bool:
    """ "fighting in Homs" with "Homs" tagged ORG: a prominent place after a preposition of
    place, or after "of" when the noun before it takes a place ("the town of X", "the
    eastern edge of X", "the outskirts of X": PP attachment says where, and a prominent
    place is rarely an organisation's name)."""
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ == "the" and prev.i > 0 and len(span) > 1:
        prev = doc[prev.i - 1]  # "in the Eastern Ghouta"; not "from the Christian enclave"
    if prev is None:
        return False
    heads = _KIND_NOUNS | cues().of_heads
    kind = prev.lower_ == "of" and prev.i > 0 and doc[prev.i - 1].lower_ in heads
    if prev.lower_ not in cues().locative and not kind:  # "in X", "the edge of X"
        return False
    return any(
        c.kind != "town" or c.population >= (PROMINENT_TOWN if c.main else KNOWN_BY_ALIAS)
        for c in gazetteer.lookup(span.text)
    )


def _described(doc: Doc, span: Span) -> bool:
    """ "Madaya, a town near Damascus": an apposition whose head says what kind of place
    the name is."""
    rest = doc[span.end : span.end + 5]
    if len(rest) < 3 or rest[0].text != "," or rest[1].lower_ not in ("a", "an", "the"):
        return False
    kinds = cues().appositive_kinds
    return any(t.lower_ in kinds for t in rest[2:]) and not any(t.text == "," for t in rest[2:])


# A text of this many sentences with fewer commas than this per sentence has lost them
# upstream: English news prose has about one comma a sentence (LGL 0.97, ISAF 1.0).
_SENTENCES_TO_TELL = 5
_COMMAS_LOST_BELOW = 0.1


def _commas_lost(doc: Doc) -> bool:
    """Whether the text lost its commas, as some corpora's do ("in Daraa Latakia and Homs"),
    so that names standing side by side may be the items of a list."""
    lost = doc.user_data.get("sitroom.commas_lost")
    if lost is None:
        sentences = sum(1 for t in doc if t.is_sent_start)
        commas = sum(1 for t in doc if t.text == ",")
        lost = sentences >= _SENTENCES_TO_TELL and commas < _COMMAS_LOST_BELOW * sentences
        doc.user_data["sitroom.commas_lost"] = lost
    return lost


def _listed(doc: Doc, span: Span, found: list) -> bool:
    """Right after a place found, or after "and", "or" or a comma that follows one: the
    next item of a list of places, though the text lost the commas between them."""
    if _follows_place(doc, span.start, found):
        return True
    prev = span.start - 1
    return prev > 0 and doc[prev].lower_ in ("and", "or", ",") and _follows_place(doc, prev, found)


def _held(prev) -> bool:
    """ "IS-held", "rebel-controlled": a compound that says who holds the name after it."""
    return (
        prev is not None
        and prev.lower_ in ("held", "controlled", "besieged", "occupied")
        and prev.i > 0
        and prev.doc[prev.i - 1].text == "-"
        and not prev.doc[prev.i - 1].whitespace_
    )


def _person_of(doc: Doc, prev) -> bool:
    """ "Jo Smith of X" or "Jo Smith, 41, of X": where a named person is from."""
    if prev is None or prev.lower_ != "of" or prev.i == 0:
        return False
    before = doc[prev.i - 1]
    if before.ent_type_ == "PERSON":
        return True
    return before.text == "," and prev.i > 1 and doc[prev.i - 2].like_num


def _country_name(gazetteer: Gazetteer, text: str) -> bool:
    """A country's or a national capital's own name."""
    return len(text) > 3 and any(
        c.main and (c.kind == "country" or c.is_capital) for c in gazetteer.lookup(text)
    )


def repeats(doc: Doc, found: list, taken: list[bool], gazetteer: Gazetteer) -> list:
    """Other capitalised occurrences of a name already found and known to the gazetteer."""
    c = cues()
    people = person_words(doc)
    names = {tuple(t.text for t in doc[m.tok_start : m.tok_end]) for m in found}
    names = {n for n in names if known(gazetteer, " ".join(n), alt=True)}
    names = {n for n in names if not (len(n) == 1 and n[0] in people)}
    words = [t.text for t in doc]
    starts: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        starts.setdefault(word, []).append(i)
    out = []
    for name in sorted(names, key=lambda n: (-len(n), n)):  # not hash order: runs must agree
        size = len(name)
        for i in starts.get(name[0], ()):
            if tuple(words[i : i + size]) != name or any(taken[i : i + size]):
                continue
            span = doc[i : i + size]
            prev = doc[i - 1] if i > 0 else None
            nxt = doc[i + size] if i + size < len(doc) else None
            if prev is not None and (
                prev.lower_.rstrip(".") in c.titles or prev.ent_type_ == "PERSON"
            ):
                continue
            if nxt is not None and (nxt.lower_ in c.speech or nxt.ent_type_ == "PERSON"):
                continue
            if prev is not None and prev.text[:1].isupper() and prev.ent_iob_ == "I":
                continue
            out.append(span)
    return out


def person_words(doc: Doc) -> frozenset[str]:
    """Surnames of the report's multi-word person names ("Kandace Yancy Marriott")."""
    cached = doc.user_data.get("sitroom.person_words")
    if cached is None:
        cached = frozenset(
            ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
        )
        doc.user_data["sitroom.person_words"] = cached
    return cached


def _neighbours(doc: Doc, span: Span) -> list:
    out = []
    if span.start > 0:
        out.append(doc[span.start - 1])
    if span.end < len(doc):
        out.append(doc[span.end])
    return out


def _follows_place(doc: Doc, i: int, found: list) -> bool:
    """True when token ``i`` comes right after a mention found so far."""
    return any(m.tok_end == i for m in found)
