"""From a Report to its SituationRecord: parse, resolve places, days and actors, extract.

``Pipeline`` loads its models lazily and once; pass them in (``Pipeline(nlp=...)``) to
share or replace them. Reports longer than ``MAX_CHUNK_CHARS`` are parsed in chunks cut
at paragraph or sentence ends, and read as one report afterwards.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy

from sitroom.errors import BudgetError, ExtractError
from sitroom.extract.aggregates import EXTRACTOR as AGGREGATES
from sitroom.extract.aggregates import extract_aggregates
from sitroom.extract.claims import EXTRACTOR as CLAIMS
from sitroom.extract.claims import extract_claims
from sitroom.extract.context import (
    DEFAULT_BUDGET_S,
    ActorMention,
    Clock,
    ReportContext,
    Sentence,
    text_for_parsing,
)
from sitroom.extract.control import EXTRACTOR as CONTROL
from sitroom.extract.control import extract_control
from sitroom.extract.events import EXTRACTOR as EVENTS
from sitroom.extract.events import extract_events
from sitroom.extract.lexicon import load_lexicon
from sitroom.nlp import MAX_CHUNK_CHARS
from sitroom.record import Report, SituationRecord, Toponym

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_NO_TENSOR = numpy.zeros((0, 0), dtype="float32")

EXTRACTORS = (EVENTS, CONTROL, CLAIMS, AGGREGATES, "sitroom.places.v1")


@functools.cache
def version() -> str:
    """The versions that decide what a record holds: package plus extractors."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        package = package_version("sitroom")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        package = "0"
    return "+".join((f"sitroom-{package}", *EXTRACTORS))


RUN_ON_CHARS = 2_000


def split_chunks(
    text: str, limit: int = MAX_CHUNK_CHARS, run_on: int = RUN_ON_CHARS
) -> list[tuple[int, str]]:
    """Cut a text into pieces of at most ``limit`` characters, each with its offset: at
    paragraph ends, else sentence ends. A stretch of more than ``run_on`` characters with
    no sentence end at all (scraped lists, a text without punctuation) is cut at spaces
    every ``run_on`` characters, so that no "sentence" grows long enough to make parsing
    and extraction slow."""
    chunks = []
    start = 0
    while start < len(text):
        window = text[start : start + limit]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        if len(text) - start <= limit and _no_run_on(window, ends, run_on):
            cut = len(window)
        else:
            cut = _cut(window, ends, limit, run_on)
        chunks.append((start, text[start : start + cut]))
        start += cut
    return chunks or [(0, text)]


_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s+|\n")


def _no_run_on(window: str, ends: list[int], run_on: int) -> bool:
    marks = [0, *ends, len(window)]
    return all(b - a <= run_on for a, b in zip(marks, marks[1:], strict=False))


def _cut(window: str, ends: list[int], limit: int, run_on: int) -> int:
    previous = 0
    for end in ends:
        if end - previous > run_on:
            break  # a run-on stretch starts after `previous`
        previous = end
    else:
        if len(window) - previous <= run_on:
            paragraph = window.rfind("\n\n")
            return paragraph + 2 if paragraph >= limit // 2 else (previous or len(window))
    if previous:
        return previous
    space = window.rfind(" ", 0, run_on)
    return space + 1 if space > 0 else min(run_on, len(window))


class Pipeline:
    def __init__(
        self,
        *,
        nlp: Language | None = None,
        gazetteer: Any = None,
        actors: Any = None,
        budget: float | None = DEFAULT_BUDGET_S,
    ) -> None:
        self._nlp = nlp
        self._gazetteer = gazetteer
        self._actors = actors
        self.budget = budget

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from sitroom.nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    @property
    def gazetteer(self) -> Any:
        if self._gazetteer is None:
            from sitroom.places import load_gazetteer

            self._gazetteer = load_gazetteer()
        return self._gazetteer

    @property
    def actors(self) -> Any:
        if self._actors is None:
            from sitroom.actors import ActorDictionary

            self._actors = ActorDictionary.load()
        return self._actors

    def extract(self, report: Report) -> SituationRecord:
        _, record = next(iter(self.extract_many([report])))
        if isinstance(record, ExtractError):
            raise record
        return record

    def extract_many(
        self, reports: Iterable[Report], *, batch_size: int = 16
    ) -> Iterator[tuple[Report, SituationRecord | ExtractError]]:
        """Records for reports, parsing them in batches with ``nlp.pipe``."""
        batch: list[Report] = []
        for report in reports:
            batch.append(report)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(
        self, reports: list[Report]
    ) -> Iterator[tuple[Report, SituationRecord | ExtractError]]:
        pieces = [
            (i, offset, chunk)
            for i, r in enumerate(reports)
            for offset, chunk in split_chunks(text_for_parsing(r.text))
        ]
        # At most ``len(reports)`` chunks in one spaCy batch, so a long report is parsed a
        # chunk group at a time, not all at once; the tok2vec output each parse keeps
        # (``doc.tensor``, 96 floats a word) is read by no extractor and dropped.
        docs = self.nlp.pipe([chunk for _, _, chunk in pieces], batch_size=len(reports))
        parsed: dict[int, list[tuple[int, Doc]]] = {}
        for (i, offset, _), doc in zip(pieces, docs, strict=True):
            doc.tensor = _NO_TENSOR
            parsed.setdefault(i, []).append((offset, doc))
        for i, report in enumerate(reports):
            try:
                yield report, self.record(report, parsed[i])
            except Exception as exc:  # one report's failure must not stop the batch
                where = f"{report.path}:{report.line}" if report.line else report.path
                problem = f"{type(exc).__name__}: {exc}"
                if isinstance(exc, BudgetError):
                    problem = str(exc)
                yield report, ExtractError(report.doc_id, where, problem)

    def record(self, report: Report, docs: list[tuple[int, Doc]]) -> SituationRecord:
        lexicon = load_lexicon()
        ctx = self.context(report, docs)
        control = extract_control(ctx, lexicon)
        return SituationRecord(
            doc_id=report.doc_id,
            date=report.date.isoformat() if report.date else None,
            text=report.text,
            source=report.source,
            title=report.title,
            url=report.url,
            date_source=report.date_source,
            events=extract_events(ctx, lexicon, control),
            toponyms=sorted(
                (t for t in (*ctx.toponyms, *ctx.demonyms) if t.part_of is None),
                key=lambda t: t.start,
            ),
            control=control,
            claims=extract_claims(ctx, lexicon),
            aggregates=extract_aggregates(ctx, lexicon),
        )

    def context(self, report: Report, docs: list[tuple[int, Doc]]) -> ReportContext:
        from sitroom.actors import person_roles
        from sitroom.places import find_toponyms
        from sitroom.timex import find_days

        gazetteer, _ = self.gazetteer, self.actors  # loaded before the report's clock starts
        clock = Clock(self.budget)
        report = _read_as_printed(report)
        sentences: list[Sentence] = []
        toponyms: list[Toponym] = []
        demonyms: list[Toponym] = []
        persons: dict[str, tuple[str | None, str | None]] = {}
        for offset, doc in docs:
            clock.check()
            for span in doc.sents:
                sentences.append(Sentence(len(sentences), span, offset))
            for toponym in find_toponyms(doc, gazetteer):
                found = demonyms if toponym.source == "demonym" else toponyms
                found.append(_shifted(toponym, offset))
            for person in person_roles(doc):
                persons.setdefault(person.name, (person.role, person.affiliation))
        ctx = ReportContext(
            report=report,
            sentences=sentences,
            toponyms=sorted(toponyms, key=lambda t: t.start),
            actors=self.actors,
            persons=persons,
            focus_country=_focus_country(toponyms),
            demonyms=demonyms,
            clock=clock,
        )
        for sentence in sentences:
            ctx.days[sentence.index] = find_days(
                sentence.span.text, report.date, offset=sentence.start
            )
        ctx.mentions = [
            ActorMention(start, end, actor.name, actor.kind)
            for start, end, actor in self.actors.find(report.text)
        ]
        return ctx


def _read_as_printed(report: Report) -> Report:
    """The report as its text dates itself: where the article prints its own publication
    day at its head and the metadata gives another, "on Monday" is the Monday before the
    printed day (the record keeps the metadata's date)."""
    from dataclasses import replace

    from sitroom.timex import printed_date

    printed = printed_date(report.text)
    if printed is None or printed == report.date:
        return report
    return replace(report, date=printed)


def _shifted(toponym: Toponym, offset: int) -> Toponym:
    if offset == 0:
        return toponym
    from dataclasses import replace

    return replace(toponym, start=toponym.start + offset, end=toponym.end + offset)


def _focus_country(toponyms: list[Toponym]) -> str | None:
    """The country a report is mostly about: the most mentioned among its places."""
    votes: Counter[str] = Counter()
    for toponym in toponyms:
        if toponym.resolved and toponym.country:
            votes[toponym.country] += 2 if toponym.precision == "country" else 1
    return votes.most_common(1)[0][0] if votes else None
