"""Finding place-name mentions in a parsed report.

Sources, in order: all-caps datelines, AP abbreviations of US states, the NER
model's GPE/LOC/FAC entities, place names inside other entities ("Gainesville
Times", "Bangor, Maine" tagged as one ORG), legislators' home towns, county
lists, gazetteer matches over capitalised runs with a context cue (``cued``), and
last the other occurrences of names already found. The first source to claim a
token keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from sitroom.places.cued import cued_runs, hyphenated, only_noun_cued, repeats
from sitroom.places.gazetteer import Gazetteer
from sitroom.places.lexicon import cues, demonym_country, demonym_state
from sitroom.places.patterns import (
    DIRECTIONS,
    abbreviations,
    admin_parenthesis,
    based_places,
    datelines,
    known,
    listed_areas,
    org_places,
    party_towns,
    split,
    trim,
)

PLACE_LABELS = ("GPE", "LOC", "FAC")
# Entities whose names may start or end with a place ("Henderson County Jail").
_CARRIERS = ("ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT")


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
    weak: bool = False  # found only by the common noun after it ("Alexandria woman")


@dataclass(frozen=True)
class DetectOptions:
    org_places: bool = True  # read "Gainesville Times" as a mention of Gainesville
    cue_matching: bool = True  # gazetteer matching over capitalised runs
    noun_cue: bool = True  # "Alexandria woman charged": a name before a common noun
    demonyms: bool = True  # "Sudanese", "Palestinians" as mentions of the country (source
    # "demonym": resolved to the country alone, they take no part in resolving other names)
    propagate: bool = True  # one sense per report: a name found once is found everywhere


def detect(doc: Doc, gazetteer: Gazetteer, options: DetectOptions | None = None) -> list[Mention]:
    options = options or DetectOptions()
    taken = [False] * len(doc)
    found: list[Mention] = []

    def add(span: Span, source: str, **extra: object) -> None:
        span = trim(span)
        if len(span) == 0 or any(taken[i] for i in range(span.start, span.end)):
            return
        if not span.text[:1].isupper() or (len(span) == 1 and span[0].lower_ in cues().generic):
            return
        if len(span) == 1 and span[0].text in ARTICLES:
            return  # "Al", "Abu" alone: the article or kin word of a name, never a place
        if span.start > 0 and doc[span.start - 1].tag_ == "PRP$" and _generic_name(span):
            return  # "its Old City": a part of a place named before, not a place
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

    for span in datelines(doc, gazetteer):
        add(span, "dateline")
    for span, country in lost_apostrophes(doc, gazetteer):
        add(span, "gazetteer", lookup=country, kind_hint="country")
    for span, code in abbreviations(doc):
        add(span, "abbrev", kind_hint="admin1", state=code)
    for span in hyphenated(doc, gazetteer):  # before NER, which may tag "Winston" alone
        add(span, "gazetteer")
    for span, lookup in party_towns(doc, gazetteer):  # before NER: "D-Iowa City" is one entity
        if lookup:
            add(span, "gazetteer", lookup=lookup, kind_hint="admin2")
        else:
            add(span, "gazetteer")
    for span in based_places(doc, gazetteer):
        add(span, "gazetteer")
    for span, kind_word in listed_areas(doc, gazetteer):
        add(span, "gazetteer", lookup=f"{span.text} {kind_word}", kind_hint="admin2")
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            for piece in _hyphen_pieces(split(ent), gazetteer):
                if known(gazetteer, trim(piece).text, alt=True):
                    add(piece, "ner")
                    continue
                named = ent.label_ == "GPE"  # not "Cairo Stadium" (FAC), "Evergreen Lake" (LOC)
                inner = org_places(piece, gazetteer, options.org_places, named_place=named)
                for span in inner:
                    add(span, "org")
                if not inner:
                    add(piece, "ner")
    for ent in doc.ents:
        if ent.label_ in _CARRIERS:
            for piece in org_places(ent, gazetteer, options.org_places):
                add(piece, "org")
    for ent in doc.ents:  # "Alexandria Police", "Avondale Mayor Ed Rieker" tagged as a person
        if ent.label_ == "PERSON" and any(t.lower_ in cues().org_heads for t in ent[1:]):
            for piece in org_places(ent, gazetteer, options.org_places):
                add(piece, "org")
    if options.demonyms:
        for ent in doc.ents:
            if ent.label_ != "NORP":
                continue
            for piece in _hyphen_pieces([ent], None):  # "Israeli-Palestinian": two
                code = demonym_country(piece.text)
                if code:
                    add(piece, "demonym", kind_hint="country", country=code)
                elif state := demonym_state(piece.text):  # "Minnesotans": the state
                    add(piece, "demonym", kind_hint="admin1", state=state)
    if options.cue_matching:
        for span in cued_runs(doc, gazetteer, taken, found, options.noun_cue):
            add(span, "gazetteer", weak=only_noun_cued(doc, span, gazetteer, found))
    if options.propagate:
        for span in repeats(doc, found, taken, gazetteer):
            add(span, "gazetteer")
    found.sort(key=lambda m: m.start)
    return found


# The Arabic article and kin words, written as a name's first word, that the model may tag
# alone ("Al" of "Al-Quriyah").
ARTICLES = frozenset({"Al", "El", "Ad", "Ed", "Ar", "As", "Az", "Abu", "Umm", "Um", "Bin", "Ibn"})
# Heads of names that a city gives its own parts ("Old City", "Green Zone").
_QUARTER_HEADS = frozenset({"city", "town", "zone", "quarter", "district", "centre", "center"})


def _generic_name(span: Span) -> bool:
    """A name made of generic words only ("Old City", "New Town", "Central District"),
    which after a possessive ("its Old City") names a part of a place, not a place."""
    return all(t.lower_ in cues().generic or t.lower_ in _QUARTER_HEADS for t in span)


def lost_apostrophes(doc: Doc, gazetteer: Gazetteer) -> list[tuple[Span, str]]:
    """A country's possessive written without its apostrophe, before a place name ("Syrias
    Aleppo", "Iraqs Anbar", as text that lost its punctuation has it): the country. Only
    before a capitalised name, and only where the word itself names nothing ("Turkeys",
    "the Americas" stay what they are)."""
    out = []
    for tok in doc[:-1]:
        word = tok.text
        if not (len(word) > 4 and word.endswith("s") and word[0].isupper() and word.isalpha()):
            continue
        if not doc[tok.i + 1].is_alpha or gazetteer.lookup(word):
            continue
        stem = word[:-1]
        if any(c.kind == "country" and c.main for c in gazetteer.lookup(stem)):
            out.append((doc[tok.i : tok.i + 1], stem))
    return out


def _hyphen_pieces(pieces: list[Span], gazetteer: Gazetteer | None) -> list[Span]:
    """Pieces of a hyphenated compound the whole of which is no known name
    ("Greenbrier-Pocahontas County", "Wisconsin-Milwaukee"; "Winston-Salem" stays whole).
    Without a gazetteer, any hyphenated span is cut ("Israeli-Palestinian")."""
    out: list[Span] = []
    for piece in pieces:
        cuts = [t.i for t in piece if t.text == "-" and t.i > piece.start]
        if not cuts or (gazetteer is not None and known(gazetteer, trim(piece).text, alt=True)):
            out.append(piece)
            continue
        start = piece.start
        for cut in [*cuts, piece.end]:
            if cut > start:
                out.append(piece.doc[start:cut])
            start = cut + 1
    return out


def _kind_hint(doc: Doc, span: Span) -> str | None:
    c = cues()
    last = span[-1].lower_
    if len(span) > 1 and last in c.suffix_kinds:
        return c.suffix_kinds[last]
    if span.end < len(doc) and doc[span.end].lower_ in c.after:
        return c.after[doc[span.end].lower_]
    if admin_parenthesis(doc, span.end):
        return "town"
    if span.start > 1 and doc[span.start - 1].lower_ == "of":
        return _OF_KINDS.get(doc[span.start - 2].lower_)  # "the province of Deir Ezzor"
    return None


# Nouns that, before "of", say what kind of place the name after it is.
_OF_KINDS = {"province": "admin1", "governorate": "admin1", "city": "town", "town": "town"}


__all__ = ["DIRECTIONS", "PLACE_LABELS", "DetectOptions", "Mention", "detect"]
