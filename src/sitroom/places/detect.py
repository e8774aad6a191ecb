"""Finding place-name mentions in a parsed report.

Sources, in order: an all-caps dateline, AP abbreviations of US states, the NER
model's GPE/LOC/FAC entities, place names inside ORG entities ("Gainesville
Times", "Bangor, Maine" tagged as one ORG), and gazetteer matches over
capitalised token runs that the model missed or mislabelled, taken only with a
context cue ("entered X", "north of X", "X province", "X, Maine").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from sitroom.places.gazetteer import Gazetteer
from sitroom.places.lexicon import cues, demonym_country, state_abbrevs

PLACE_LABELS = ("GPE", "LOC", "FAC")
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
DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern "
    "western central upper lower greater downtown rural metro".split()
)
# A town at least this big, heading an organisation's name, is read as a place.
ORG_TOWN_MIN = 5000
_CARRIERS = ("ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT")
# "Sen. Tom Bakk, DFL-Cook" / "Rep. Jo Kim, R-Elbow Lake": a legislator's party and home town.
_PARTY_TOWN = re.compile(r"(?<=, )(?:R|D|I|DFL)-([A-Z][a-z]+(?: [A-Z][a-z]+)?)")
_DATELINE_ENDS = (",", "--", "---", "—", "–", "-", "(", ":")
_DASHES = ("--", "---", "—", "–")


@dataclass
class Mention:
    start: int  # character offsets into the doc's text, end exclusive
    end: int
    tok_start: int
    tok_end: int
    text: str
    source: str  # ner | dateline | abbrev | org | gazetteer
    kind_hint: str | None = None  # country | admin1 | admin2 | town, from a cue word
    state: str | None = None  # US state code fixed by an abbreviation ("Ky.")
    country: str | None = None  # ISO code fixed by a demonym (only with demonyms=True)
    lookup: str | None = None  # the name to look up when not the text ("Barrow County")


@dataclass(frozen=True)
class DetectOptions:
    org_places: bool = True  # read "Gainesville Times" as a mention of Gainesville
    cue_matching: bool = True  # gazetteer matching over capitalised runs
    noun_cue: bool = True  # "Alexandria woman charged": a name before a common noun
    demonyms: bool = False  # LGL convention only: "Sudanese" as a mention of Sudan
    propagate: bool = True  # one sense per report: a name found once is found everywhere


def detect(doc: Doc, gazetteer: Gazetteer, options: DetectOptions | None = None) -> list[Mention]:
    options = options or DetectOptions()
    taken = [False] * len(doc)
    found: list[Mention] = []

    def add(span: Span, source: str, **extra: object) -> None:
        span = _trim(span)
        if len(span) == 0 or any(taken[i] for i in range(span.start, span.end)):
            return
        if not span.text[:1].isupper() or (len(span) == 1 and span[0].lower_ in cues().generic):
            return
        for i in range(span.start, span.end):
            taken[i] = True
        hint = extra.pop("kind_hint", None) or _kind_hint(doc, span)
        found.append(
            Mention(
                span.start_char,
                span.end_char,
                span.start,
                span.end,
                span.text,
                source,
                kind_hint=hint,
                **extra,
            )  # type: ignore[arg-type]
        )

    for span in _dateline(doc, gazetteer):
        add(span, "dateline")
    for span, code in _abbreviations(doc):
        add(span, "abbrev", kind_hint="admin1", state=code)
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            for piece in _split(ent):
                if _known(gazetteer, _trim(piece).text, alt=True):
                    add(piece, "ner")
                    continue
                inner = _org_places(piece, gazetteer, options.org_places)  # "Henderson County Jail"
                for span in inner:
                    add(span, "org")
                if not inner:
                    add(piece, "ner")
    for ent in doc.ents:
        if ent.label_ in _CARRIERS:
            for piece in _org_places(ent, gazetteer, options.org_places):
                add(piece, "org")
    for ent in doc.ents:  # "Alexandria Police" tagged as a person
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].lower_ in cues().org_heads:
            for piece in _org_places(ent, gazetteer, options.org_places):
                add(piece, "org")
    for span in _party_towns(doc, gazetteer):
        add(span, "gazetteer")
    for span, kind_word in _listed_areas(doc, gazetteer):
        add(span, "gazetteer", lookup=f"{span.text} {kind_word}", kind_hint="admin2")
    if options.demonyms:
        for ent in doc.ents:
            code = demonym_country(ent.text) if ent.label_ == "NORP" else None
            if code:
                add(ent, "demonym", kind_hint="country", country=code)
    if options.cue_matching:
        for span in _cued_runs(doc, gazetteer, taken, found, options.noun_cue):
            add(span, "gazetteer")
    if options.propagate:
        for span in _repeats(doc, found, taken, gazetteer):
            add(span, "gazetteer")
    found.sort(key=lambda m: m.start)
    return found


def _trim(span: Span) -> Span:
    """Drop a leading "the" and a trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
        if doc[end - 1].text == "." and doc[end - 2].text.count(".") > 0:
            break  # keep the final dot of "U.S." / "W.Va."
        end -= 1
    return doc[start:end]


def _split(span: Span) -> list[Span]:
    """Split an entity on commas and brackets: "Bangor, Maine" -> "Bangor", "Maine"."""
    pieces, start = [], span.start
    for tok in span:
        if tok.text in (",", "(", ")", ";"):
            if tok.i > start:
                pieces.append(span.doc[start : tok.i])
            start = tok.i + 1
    if span.end > start:
        pieces.append(span.doc[start : span.end])
    return pieces


def _kind_hint(doc: Doc, span: Span) -> str | None:
    c = cues()
    last = span[-1].lower_
    if len(span) > 1 and last in c.suffix_kinds:
        return c.suffix_kinds[last]
    if span.end < len(doc) and doc[span.end].lower_ in c.after:
        return c.after[doc[span.end].lower_]
    return None


def _dateline(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """``KABUL, Afghanistan —`` or ``MANSFIELD --``: all-caps words opening the text or a
    sentence (after a headline), followed by a comma or a dash."""
    out = []
    for tok in doc:
        opening = tok.i == 0 or tok.is_sent_start or doc[tok.i - 1].text in (".", "\n")
        if not opening and not (tok.i > 0 and doc[tok.i - 1].like_num):  # "2009 NEWARK --"
            continue
        end = tok.i
        while end < min(len(doc), tok.i + 4) and _caps_word(doc[end]):
            end += 1
        if end == tok.i or end >= len(doc) or doc[end].text not in _DATELINE_ENDS:
            continue
        if not opening and doc[end].text not in _DASHES:
            continue
        if tok.i == 0 or doc[end].text != "," or _is_container(doc, end + 1, gazetteer):
            out.append(doc[tok.i : end])
    return out


def _caps_word(tok) -> bool:
    return tok.is_alpha and tok.text.isupper() and (len(tok.text) > 2 or tok.text == "OF")


def _abbreviations(doc: Doc) -> list[tuple[Span, str]]:
    table = state_abbrevs()
    firsts = {a[:2] for a in table}
    text = doc.text
    out = []
    for tok in doc:
        if tok.text[:2] not in firsts:
            continue
        for abbrev, (code, ambiguous) in table.items():
            if not text.startswith(abbrev, tok.idx):
                continue
            end_char = tok.idx + len(abbrev)
            span = doc.char_span(tok.idx, end_char, alignment_mode="expand")
            if span is None or span.end_char > end_char + 1:
                continue
            after_comma = tok.i > 0 and doc[tok.i - 1].text == ","
            if ambiguous and not after_comma:
                continue
            out.append((doc.char_span(tok.idx, end_char, alignment_mode="contract") or span, code))
            break
    return [(s, c) for s, c in out if len(s)]


def _org_places(ent: Span, gazetteer: Gazetteer, lead: bool) -> list[Span]:
    pieces = _split(ent)
    if len(pieces) > 1:
        return [p for p in pieces if _known(gazetteer, _trim(p).text)]
    if not lead:
        return []
    span = _trim(ent)
    heads = cues().org_heads
    for size in range(min(len(span) - 1, 3), 0, -1):
        lead = span[:size]
        if not lead[0].text[:1].isupper() or (size == 1 and lead[0].lower_ in cues().generic):
            continue
        if span[size].lower_ in heads and _known(gazetteer, lead.text, towns=True):
            return [lead]
        if _known_town(gazetteer, lead.text, ORG_TOWN_MIN):
            return [lead]
        if _known_area(gazetteer, lead.text):
            return [lead]
    for tok in span[:-1]:  # "University of Georgia", "United Way of America"
        if tok.lower_ == "of":
            tail = span.doc[tok.i + 1 : span.end]
            if len(tail) <= 3 and (
                _known_area(gazetteer, tail.text) or _known_town(gazetteer, tail.text, ORG_TOWN_MIN)
            ):
                return [tail]
    return []


def _known_town(gazetteer: Gazetteer, text: str, population: int) -> bool:
    return any(c.main and c.population >= population for c in gazetteer.lookup(text))


def _known_area(gazetteer: Gazetteer, text: str) -> bool:
    """A country, an admin1 or a county-like area under its own name, also after a
    direction word ("Western Pennsylvania")."""
    words = text.split()
    if len(words) > 1 and words[0].lower() in DIRECTIONS:
        text = " ".join(words[1:])
    return any(c.main and c.kind != "town" for c in gazetteer.lookup(text))


_PLURAL_AREAS = {"counties": "County", "parishes": "Parish", "townships": "Township"}


def _listed_areas(doc: Doc, gazetteer: Gazetteer) -> list[tuple[Span, str]]:
    """ "Barrow, Jackson and Madison counties": each name is a county."""
    out = []
    for tok in doc:
        kind_word = _PLURAL_AREAS.get(tok.lower_)
        if kind_word is None:
            continue
        i = tok.i - 1
        while i >= 0:
            end = i + 1
            while i >= 0 and doc[i].text[:1].isupper() and doc[i].is_alpha:
                i -= 1
            if end - (i + 1) == 0 or end - (i + 1) > 3:
                break
            span = doc[i + 1 : end]
            if not _known(gazetteer, f"{span.text} {kind_word}"):
                break
            out.append((span, kind_word))
            if i < 0 or doc[i].lower_ not in (",", "and", "or"):
                break
            i -= 1
            if i >= 0 and doc[i].text == ",":  # Oxford comma
                i -= 1
    return out


def _party_towns(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    out = []
    for match in _PARTY_TOWN.finditer(doc.text):
        span = doc.char_span(match.start(1), match.end(1))
        if span is not None and _known(gazetteer, span.text):
            out.append(span)
    return out


def _known(gazetteer: Gazetteer, text: str, *, towns: bool = False, alt: bool = False) -> bool:
    """A name the gazetteer holds as a main name (``alt``: or as an alternate name);
    ``towns`` leaves out admin2 areas."""
    return any(
        (c.main or alt) and (not towns or c.kind != "admin2") for c in gazetteer.lookup(text)
    )


def _cued_runs(
    doc: Doc, gazetteer: Gazetteer, taken: list[bool], found: list, noun_cue: bool
) -> list[Span]:
    labels = {tok.i: tok.ent_type_ for tok in doc}
    out = []
    i = 0
    while i < len(doc):
        if not _open(doc[i], taken, labels):
            i += 1
            continue
        j = i
        while j < len(doc) and _open(doc[j], taken, labels):
            j += 1
        out.extend(_match_run(doc, gazetteer, i, j, found, noun_cue))
        i = j
    return out


def _open(tok, taken: list[bool], labels: dict[int, str]) -> bool:
    return _capitalised(tok) and not taken[tok.i] and labels[tok.i] not in _SKIP_LABELS


def _capitalised(tok) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or tok.text.rstrip(".").isalpha())


def _match_run(
    doc: Doc, gazetteer: Gazetteer, i: int, j: int, found: list, noun_cue: bool
) -> list[Span]:
    """The whole run, or its head when the rest are organisation words ("Fargo Police")."""
    heads = cues().org_heads
    for end in range(min(j, i + _MAX_TOKENS), i, -1):
        if end < j and not all(t.lower_ in heads for t in doc[end:j]):
            continue
        span = doc[i:end]
        if len(span) == 1 and span[0].lower_ in cues().generic:
            return []
        if _known(gazetteer, span.text, alt=len(span) > 1) and _cued(
            doc, span, gazetteer, found, noun_cue
        ):
            return [span]
    return []


def _cued(doc: Doc, span: Span, gazetteer: Gazetteer, found: list, noun_cue: bool) -> bool:
    c = cues()
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev is not None and prev.lower_.rstrip(".") in c.titles:
        return False
    if _country_name(gazetteer, span.text):
        return True  # countries and national capitals, even as speakers ("Tbilisi says")
    if nxt is not None and nxt.lower_ in c.speech:
        return False
    ent = span[0].ent_type_
    if ent == "PERSON" and any(t.ent_type_ == "PERSON" for t in _neighbours(doc, span)):
        return False  # part of a longer person name ("Jesse Jackson")
    if ent == "ORG":  # a lone ORG after "entered" / "Jo Smith, 41, of", or before a noun
        whole = (prev is None or prev.ent_iob_ != "I") and (nxt is None or nxt.ent_iob_ != "I")
        noun = noun_cue and nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower()
        strong = prev is not None and (prev.lower_ in c.strong_before or _person_of(doc, prev))
        return whole and (strong or noun)
    after = nxt is not None and nxt.lower_ in c.after
    if noun_cue and nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower():
        after = True
    if span[0].is_sent_start:
        return after
    if after:
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
    if prev.text == "," and _follows_place(doc, prev.i, found):
        return True
    if nxt is not None and nxt.text == "," and span.end + 1 < len(doc):
        return _is_container(doc, span.end + 1, gazetteer)
    return False


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


def _repeats(doc: Doc, found: list[Mention], taken: list[bool], gazetteer: Gazetteer) -> list:
    """Other capitalised occurrences of a name already found and known to the gazetteer."""
    c = cues()
    names = {tuple(t.text for t in doc[m.tok_start : m.tok_end]) for m in found}
    names = {n for n in names if _known(gazetteer, " ".join(n), alt=True)}
    out = []
    for name in names:
        size = len(name)
        for i in range(len(doc) - size + 1):
            if tuple(t.text for t in doc[i : i + size]) != name or any(taken[i : i + size]):
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


def _is_container(doc: Doc, i: int, gazetteer: Gazetteer) -> bool:
    """Does a country, admin1 or state abbreviation start at token ``i``?"""
    for size in (3, 2, 1):
        span = doc[i : i + size]
        if len(span) == size and span[0].text[:1].isupper():
            if span.text in state_abbrevs():
                return True
            if any(c.main and c.kind in ("country", "admin1") for c in gazetteer.lookup(span.text)):
                return True
    return False
