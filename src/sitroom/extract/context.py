"""What every extractor needs to know about one parsed report.

A ``ReportContext`` holds the report's sentences (with document offsets, so a report
parsed in several chunks reads as one), its toponyms, its days per sentence, and the
actors mentioned so far, and answers the questions extractors share: which actor is
this phrase, which place is this sentence about, which day did this happen.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sitroom.record import Evidence, Place, Report, Toponym

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from sitroom.actors import Actor, ActorDictionary
    from sitroom.timex import Day

TOWN_LIKE = ("site", "town", "district")
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

    def toponyms_between(self, start: int, end: int) -> list[Toponym]:
        return [t for t in self.toponyms if t.resolved and start <= t.start and t.end <= end]

    def last_place_before(
        self, position: int, precisions: tuple[str, ...] = TOWN_LIKE
    ) -> Toponym | None:
        """The most recent resolved toponym of these precisions before ``position``."""
        best = None
        for toponym in self.toponyms:
            if toponym.start >= position:
                break
            if (
                toponym.resolved
                and toponym.precision in precisions
                and toponym.part_of is None
                and not self.in_dateline(toponym.start)
            ):
                best = toponym
        return best

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
        for index in range(sentence.index - 1, -1, -1):
            previous = [
                d
                for d in self.days.get(index, [])
                if not self._is_dateline(d) and d.precision == "day"
            ]
            if previous:
                return previous[-1].date.isoformat(), previous[-1].precision
        if self.publication:
            return self.publication.isoformat(), "day"
        return None, None

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

        history = [m for m in self.mentions if m.start < start]
        referent = resolve_reference(phrase, [self.actor(m.actor) for m in history])
        if referent is None and (reference := reference_of(phrase)) and reference.pick == "last":
            # "detained several insurgents while in pursuit of a Taliban commander": with
            # no fitting actor before it, the nearest its own sentence names after it
            end = next((s.end for s in self.sentences if s.start <= start < s.end), start)
            ahead = [m for m in self.mentions if start < m.start < end]
            referent = resolve_reference(phrase, [self.actor(m.actor) for m in reversed(ahead)])
        if referent is not None:
            return referent.name
        return _unnamed(phrase)

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


PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "them", "who", "which", "that", "this"}
DETERMINERS = {"the", "a", "an", "some", "several", "many", "its", "their", "his", "her"}


def _unnamed(phrase: str) -> str | None:
    """An actor the dictionary does not know, named as the report names it: "Rebels"."""
    from sitroom.extract.lexicon import load_lexicon

    words = [w for w in phrase.split() if w.lower() not in DETERMINERS]
    if not words or any(w.lower() in PRONOUNS for w in words) or len(words) > 5:
        return None
    if any(w.isdigit() for w in words) or words[-1].lower() in load_lexicon().events:
        return None  # "At least 5 people", "Airstrike": not an actor's name
    if not any(c.isalpha() for c in "".join(words)):
        return None
    head = words[-1]
    lexicon = load_lexicon()
    if not (head[0].isupper() or head.lower() in lexicon.people or head.lower().endswith("s")):
        return None  # "the negotiating table", "a settlement": things, not actors
    name = " ".join(words)
    return name[0].upper() + name[1:]


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
