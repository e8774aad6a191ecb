"""Place names found by their surface pattern rather than by the NER model.

Datelines ("KABUL, Afghanistan —", "MANSFIELD --"), AP abbreviations of US states,
names at the head or tail of an organisation's name ("Gainesville Times", "University
of Georgia"), legislators' home towns ("R-Elbow Lake") and county lists ("Barrow,
Jackson and Madison counties"), plus the small span helpers these share.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span

from sitroom.places.gazetteer import Gazetteer
from sitroom.places.lexicon import cues, state_abbrevs

DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern "
    "western central upper lower greater downtown rural metro".split()
)


# Words that open multi-word place names and are no place alone ("Al Fasher", "Abu Shouk",
# "Umm Ruwaba", "Jebel Marra", "Wad Madani", "Kafr Qasim").
PARTICLES = frozenset(
    "al el ad ed ar er as es ash at az an en abu umm um wad jebel jabal dar bir ain wadi"
    " beni bani hillat tell kafr khor ras sidi".split()
)


# A town at least this big, heading an organisation's name, is read as a place.
ORG_TOWN_MIN = 5000


# "Sen. Tom Bakk, DFL-Cook" / "Rep. Jo Kim, R-Elbow Lake": a legislator's party and home town.
# (The comma is matched, not looked behind at: a literal start lets the search skip ahead.)
# Also in brackets ("Rep. Jay Roberts (R-Ocilla)") and with inner capitals ("D-McDowell").
_PARTY_TOWN = re.compile(r"[,(] ?(?:R|D|I|DFL)-((?:Mc|Mac|De|La)?[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")


_DATELINE_ENDS = (",", "--", "---", "—", "–", "-", "(", ":")


_DASHES = ("--", "---", "—", "–")
_LETTER_RUN = re.compile(r"[^\W\d_]{2,}")


_PLURAL_AREAS = {"counties": "County", "parishes": "Parish", "townships": "Township"}


def trim(span: Span) -> Span:
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


def split(span: Span) -> list[Span]:
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


def known(gazetteer: Gazetteer, text: str, *, towns: bool = False, alt: bool = False) -> bool:
    """A name the gazetteer holds as a main name (``alt``: or as an alternate name);
    ``towns`` leaves out admin2 areas."""
    return any(
        (c.main or alt) and (not towns or c.kind != "admin2") for c in gazetteer.lookup(text)
    )


def known_town(gazetteer: Gazetteer, text: str, population: int) -> bool:
    return any(c.main and c.population >= population for c in gazetteer.lookup(text))


def known_area(gazetteer: Gazetteer, text: str) -> bool:
    """A country, an admin1 or a county-like area under its own name, also after a
    direction word ("Western Pennsylvania")."""
    words = text.split()
    if len(words) > 1 and words[0].lower() in DIRECTIONS:
        text = " ".join(words[1:])
    return any(c.main and c.kind != "town" for c in gazetteer.lookup(text))


def is_container(doc: Doc, i: int, gazetteer: Gazetteer) -> bool:
    """Does a country, admin1 or state abbreviation start at token ``i``?"""
    for size in (3, 2, 1):
        span = doc[i : i + size]
        if len(span) == size and span[0].text[:1].isupper():
            if span.text in state_abbrevs():
                return True
            if any(c.main and c.kind in ("country", "admin1") for c in gazetteer.lookup(span.text)):
                return True
    return False


def datelines(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """``KABUL, Afghanistan —`` or ``MANSFIELD --``: all-caps words opening the text or a
    sentence (after a headline), followed by a comma or a dash."""
    out: list[Span] = []
    if not any(run.isupper() for run in _LETTER_RUN.findall(doc.text)):
        return out  # no all-caps word at all
    for tok in doc:
        if not _caps_word(tok):
            continue
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
        if tok.i == 0 or doc[end].text != "," or is_container(doc, end + 1, gazetteer):
            out.append(doc[tok.i : end])
    return out


def _caps_word(tok) -> bool:
    return tok.is_alpha and tok.text.isupper() and (len(tok.text) > 2 or tok.text == "OF")


@functools.cache
def _abbrevs_by_start() -> dict[str, list[tuple[str, tuple[str, bool]]]]:
    """The state abbreviations grouped by their first two characters, in table order."""
    groups: dict[str, list[tuple[str, tuple[str, bool]]]] = {}
    for abbrev, entry in state_abbrevs().items():
        groups.setdefault(abbrev[:2], []).append((abbrev, entry))
    return groups


@functools.cache
def _any_abbrev() -> re.Pattern[str]:
    """Any state abbreviation anywhere: a text without one needs no token-by-token look."""
    return re.compile("|".join(re.escape(a) for a in state_abbrevs()))


def abbreviations(doc: Doc) -> list[tuple[Span, str]]:
    groups = _abbrevs_by_start()
    text = doc.text
    out: list[tuple[Span, str]] = []
    if _any_abbrev().search(text) is None:
        return out
    for tok in doc:
        group = groups.get(tok.text[:2])
        if group is None:
            continue
        for abbrev, (code, ambiguous) in group:
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


def org_places(
    ent: Span, gazetteer: Gazetteer, lead: bool, *, named_place: bool = False
) -> list[Span]:
    """Places inside an entity: "Henderson County Jail", "Fargo Forum", "University of
    Georgia". ``named_place``: the entity is itself tagged a town or country ("Abu Jubaiha",
    "Wadi Salih", GPE), so its first word is a place when it names an area ("Boone County Jail") or
    comes before an organisation word ("Kabul Police"), never just because a town
    elsewhere shares it (Abu, in India)."""
    pieces = split(ent)
    if len(pieces) > 1:
        return [p for p in pieces if known(gazetteer, trim(p).text)]
    if not lead:
        return []
    span = trim(ent)
    heads = cues().org_heads
    for size in range(min(len(span) - 1, 3), 0, -1):
        lead = span[:size]
        if not lead[0].text[:1].isupper() or (size == 1 and lead[0].lower_ in cues().generic):
            continue
        if all(t.lower_ in PARTICLES or t.text == "-" for t in lead):
            continue  # "Al Fasher", "Abu Shouk", "Al-Qaeda": the first word of a name
        if span[size].lower_.rstrip(".") in cues().streets:
            return []  # "Nelson Street" names a street, not the town
        if span[size].lower_ in heads and known(gazetteer, lead.text, towns=True):
            return [lead]
        if not named_place and known_town(gazetteer, lead.text, ORG_TOWN_MIN):
            return [lead]
        if known_area(gazetteer, lead.text):
            return [lead]
    for tok in span[:-1]:  # "University of Georgia", "United Way of America"
        if tok.lower_ == "of":
            tail = span.doc[tok.i + 1 : span.end]
            if len(tail) <= 3 and (
                known_area(gazetteer, tail.text) or known_town(gazetteer, tail.text, ORG_TOWN_MIN)
            ):
                return [tail]
    return []


def listed_areas(doc: Doc, gazetteer: Gazetteer) -> list[tuple[Span, str]]:
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
            if not known(gazetteer, f"{span.text} {kind_word}"):
                break
            out.append((span, kind_word))
            if i < 0 or doc[i].lower_ not in (",", "and", "or"):
                break
            i -= 1
            if i >= 0 and doc[i].text == ",":  # Oxford comma
                i -= 1
    return out


# "a Northbrook-based retailer", "the London-based group": where an organisation sits.
_BASED = re.compile(r"\b([A-Z][a-z]+(?:[ .]+[A-Z][a-z]+){0,2})-based\b")
_WORD_GAP = re.compile(r"[ .]+")


def based_places(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    out = []
    if "-based" not in doc.text:
        return out
    for match in _BASED.finditer(doc.text):
        # the longest known tail of its capitalised words ("The Northbrook-based": Northbrook)
        first, end = match.span(1)
        starts = [first, *(first + gap.end() for gap in _WORD_GAP.finditer(match.group(1)))]
        for start in starts:
            span = doc.char_span(start, end)
            if span is not None and known(gazetteer, span.text):
                out.append(span)
                break
    return out


def party_towns(doc: Doc, gazetteer: Gazetteer) -> list[tuple[Span, str | None]]:
    """Home towns, or home counties ("D-Braxton": Braxton County), with the name to look up."""
    out: list[tuple[Span, str | None]] = []
    for match in _PARTY_TOWN.finditer(doc.text):
        span = doc.char_span(match.start(1), match.end(1))
        if span is None:
            continue
        if known(gazetteer, span.text):
            out.append((span, None))
        elif known(gazetteer, f"{span.text} County"):
            out.append((span, f"{span.text} County"))
    return out


def admin_parenthesis(doc: Doc, i: int) -> bool:
    """Does token ``i`` open a bracket naming admin units: "X (Y locality, Z state)"?"""
    if i >= len(doc) or doc[i].text != "(":
        return False
    kinds = cues().suffix_kinds
    for tok in doc[i + 1 : i + 12]:
        if tok.text == ")":
            return False
        if tok.lower_ in kinds:
            return True
    return False


def admin_context(doc: Doc, span: Span) -> bool:
    """ "X (Y locality, Z state)": ``span`` is X, right before a bracket naming admin
    units, or Y, inside one before its kind word. The text says it is a place."""
    if admin_parenthesis(doc, span.end):
        return True
    return (
        span.start > 0
        and doc[span.start - 1].text == "("
        and span.end < len(doc)
        and doc[span.end].lower_ in cues().suffix_kinds
    )
