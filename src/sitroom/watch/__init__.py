"""``sitroom watch``: keep the store up to date from folders and feeds.

Each cycle reads the files that are new or changed in the watched folders and the
entries of the watched feeds, ingests what the store does not hold yet (feed entries are
told apart by their link, and an entry whose text the store holds already is recorded as
a copy of that report), and brings the situation picture up to date. The pipeline is
loaded once for all cycles.

A feed entry that carries only a summary (``sitroom.watch.feeds``) is read from the page
its link leads to, as ``sitroom ingest URL`` reads it, once per link: the page's text
under the entry's name, the entry's day when the page has none. A link that cannot be
fetched is said once and the summary stands in for the page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitroom.errors import ReadError
from sitroom.ingest import IngestResult, ingest_reports
from sitroom.read import read_file, report_files
from sitroom.read.links import fetch as fetch_link
from sitroom.read.links import report_from_fetched
from sitroom.record import Report
from sitroom.store import Store
from sitroom.watch.feeds import Entry, fetch, parse_feed


@dataclass
class Watcher:
    db: str
    sources: list[str]
    on_problem: Callable[[str], None] = print
    seen_files: dict[str, tuple[int, int]] = field(default_factory=dict)
    pipeline: object | None = None
    unread: int = 0  # sources that could not be read, over all cycles so far
    blind_cycles: int = 0  # cycles in which no source could be read
    failed_reports: int = 0
    pages: dict[str, Report] = field(default_factory=dict)  # followed link -> its page
    unreachable: set[str] = field(default_factory=set)  # links that could not be fetched
    timeout: float = 10.0

    def cycle(self) -> IngestResult:
        """One pass over every source."""
        reports: list[Report] = []
        unread = 0
        with Store.open(self.db) as store:
            for source in self.sources:
                try:
                    if _is_path(source):
                        reports += self._folder(Path(source))
                    else:
                        reports += self._feed(source, store)
                except ReadError as exc:
                    unread += 1
                    self.on_problem(str(exc))
        self.unread += unread
        self.blind_cycles += unread == len(self.sources)
        if self.pipeline is None:
            from sitroom.extract import Pipeline

            self.pipeline = Pipeline()
        with Store.open(self.db) as store:
            # a story repeated under another name is stored as a name of the first
            return ingest_reports(
                store, reports, pipeline=self.pipeline, on_failure=self.on_problem
            )

    def run(self, *, interval: float, cycles: int | None = None) -> None:
        done = 0
        while cycles is None or done < cycles:
            started = time.monotonic()
            result = self.cycle()
            self.failed_reports += len(result.failures)
            done += 1
            self.on_problem(f"cycle {done}: {result.summary()}")
            if cycles is not None and done >= cycles:
                break
            time.sleep(max(0.0, interval - (time.monotonic() - started)))

    def _folder(self, folder: Path) -> list[Report]:
        if not folder.is_dir():
            raise ReadError(str(folder), "no such folder")
        reports = []
        for path in report_files(folder):
            if not self._changed(str(path)):
                continue
            for item in read_file(path):
                if isinstance(item, ReadError):
                    self.on_problem(str(item))
                else:
                    reports.append(item)
        return reports

    def _changed(self, path: str) -> bool:
        """Whether a file is new or changed since it was last seen (and note it as seen)."""
        try:
            stat = Path(path).stat()
        except OSError:
            return False
        mark = (stat.st_mtime_ns, stat.st_size)
        if self.seen_files.get(path) == mark:
            return False
        self.seen_files[path] = mark
        return True

    def _feed(self, url: str, store: Store) -> list[Report]:
        entries = parse_feed(fetch(url, timeout=self.timeout), url)
        return [report for entry in entries if (report := self._article(entry, store)) is not None]

    def _article(self, entry: Entry, store: Store) -> Report | None:
        """The entry's report: its own text, or the page behind its link when it carries
        only a summary (``None`` for a link followed and stored by an earlier watch)."""
        summary = entry.report
        link = summary.url
        if not entry.summary_only or link is None or link in self.unreachable:
            return summary
        if link in self.pages:
            return self.pages[link]
        if store.known_fingerprint(summary.doc_id) is not None:
            return None  # stored by an earlier run; its page is not fetched again
        try:
            page = report_from_fetched(
                fetch_link(link, timeout=self.timeout), doc_id=summary.doc_id, where=link
            )
        except ReadError as exc:
            page = exc
        if isinstance(page, ReadError):
            self.unreachable.add(link)
            self.on_problem(f"{page}; the feed's summary is read instead")
            return summary
        page = replace(
            page,
            date=page.date or summary.date,
            date_source=page.date_source if page.date else summary.date_source,
            title=summary.title or page.title,
        )
        self.pages[link] = page
        return page


def _is_path(source: str) -> bool:
    return "://" not in source
