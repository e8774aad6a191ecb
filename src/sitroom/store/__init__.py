"""The SQLite store: WAL mode, one writer, read-only readers, idempotent ingest.

Each report is written in one transaction together with every item of its record, so
the database never holds half a report. Re-ingesting the same report (same text, date
and extractor versions) changes nothing; a changed report replaces the old one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitroom.errors import StoreError
from sitroom.record import Place, Report, SituationRecord
from sitroom.store.schema import migrate, pending

DEFAULT_DB = "sitroom.sqlite"


def default_db_path() -> str:
    return os.environ.get("SITROOM_DB", DEFAULT_DB)


def fingerprint(report: Report, extractors: str) -> str:
    """What makes two ingests of a report the same: text, date, source and extractor versions."""
    parts = [report.text, str(report.date), report.source or "", extractors]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def content_key(text: str, date: str | None) -> str:
    """What makes two reports the same report whatever their names: the text in Unicode
    normal form with its whitespace collapsed, and the day."""
    words = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(f"{date or ''}\x1f{words}".encode()).hexdigest()


def _key_of(report: Report) -> str:
    return content_key(report.text, report.date.isoformat() if report.date else None)


# What the store's file or disk can do to any command; ``describe_fault`` says it in a line.
STORE_FAULTS: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)

_FAULTS = (  # SQLite's message -> what happened, and what to do
    ("database or disk is full", "the disk is full", "free space and run the command again"),
    (
        "disk i/o error",
        "the disk could not be written or read (I/O error)",
        "check the disk and its free space, then run the command again",
    ),
    (
        "readonly database",
        "the store is read-only (file or folder permissions)",
        "make it writable, or give another --db",
    ),
    (
        "database is locked",
        "the store is locked by another writer",
        "let the other ingest finish (or stop it) and run the command again",
    ),
    (
        "malformed",
        "the store is damaged",
        "run `sitroom check` to see what is wrong; restore a copy made by `sitroom backup`",
    ),
    (
        "could not decode",
        "the store is damaged (text that is not UTF-8)",
        "run `sitroom check` to see what is wrong; restore a copy made by `sitroom backup`",
    ),
    (
        "not a database",
        "the file is not a sitroom store, or it is damaged",
        "check --db; restore a copy made by `sitroom backup`",
    ),
)


def describe_fault(exc: BaseException) -> str:
    """One line for a fault of the store: what happened and what to do."""
    message = str(exc)
    for needle, what, todo in _FAULTS:
        if needle in message.lower():
            return f"{what}; {todo}"
    return f"the store failed ({message}); run `sitroom check`"


@dataclass(frozen=True)
class WriteResult:
    doc_id: str
    action: str  # "added", "replaced" or "unchanged"


class Store:
    """One SQLite file. ``Store.open(path)`` for the writer, ``Store.open(path, readonly=True)``."""

    def __init__(
        self, conn: sqlite3.Connection, path: str, readonly: bool, applied: list[str] | None = None
    ) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.applied = applied or []  # the migrations applied on opening

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Store:
        path = str(path)
        if readonly:
            if not Path(path).exists():
                raise StoreError(f"{path}: no such database; run `sitroom ingest` first")
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        else:
            conn = sqlite3.connect(path, timeout=30)
        conn.row_factory = sqlite3.Row
        applied: list[str] = []
        conn.create_function("sitroom_content_key", 2, content_key, deterministic=True)
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            if not readonly:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                applied = migrate(conn)
            conn.execute("SELECT 1 FROM reports LIMIT 1")
            missing = pending(conn) if readonly else []
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{path}: not a sitroom database ({exc})") from exc
        if missing:
            conn.close()
            raise StoreError(
                f"{path}: made by an older sitroom (it lacks {missing[-1]}); bring it up to"
                f" date with `sitroom --db {path} upgrade`"
            )
        return cls(conn, path, readonly, applied)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------

    def known_fingerprint(self, doc_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT fingerprint FROM reports WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return row[0] if row else None

    def copy_of(self, report: Report) -> str | None:
        """The stored report, under another name, that ``report`` is a copy of."""
        row = self.conn.execute(
            "SELECT doc_id FROM reports WHERE content_key = ? AND doc_id != ? LIMIT 1",
            (_key_of(report), report.doc_id),
        ).fetchone()
        return row[0] if row else None

    def knows_copy(self, report: Report) -> bool:
        """Whether ``report`` is stored already as a copy of a report with its content."""
        row = self.conn.execute(
            "SELECT 1 FROM report_copies c JOIN reports r USING (doc_id)"
            " WHERE c.copy_id = ? AND r.content_key = ?",
            (report.doc_id, _key_of(report)),
        ).fetchone()
        return row is not None

    def add_copy(self, doc_id: str, report: Report) -> None:
        """Record ``report`` as another name of the stored report ``doc_id``: its name,
        source, path and URL. A report stored under the copy's own name before (an older
        text of that name) is replaced by the copy, as a changed report would be."""
        with self.conn:
            self.conn.execute("DELETE FROM reports WHERE doc_id = ?", (report.doc_id,))
            self.conn.execute(
                "INSERT OR REPLACE INTO report_copies (copy_id, doc_id, source, path, url,"
                " added_at) VALUES (?,?,?,?,?,?)",
                (
                    report.doc_id,
                    doc_id,
                    report.source,
                    report.path,
                    report.url,
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                ),
            )

    def copies(self, doc_id: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT copy_id, source, path, url FROM report_copies WHERE doc_id = ?"
            " ORDER BY copy_id",
            (doc_id,),
        ).fetchall()

    def write(self, report: Report, record: SituationRecord, print_: str) -> WriteResult:
        """Store a report and its record atomically, replacing an older version."""
        old = self.known_fingerprint(report.doc_id)
        if old == print_:
            return WriteResult(report.doc_id, "unchanged")
        with self.conn:
            self.conn.execute("DELETE FROM reports WHERE doc_id = ?", (report.doc_id,))
            self.conn.execute("DELETE FROM report_copies WHERE copy_id = ?", (report.doc_id,))
            self.conn.execute(
                "INSERT INTO reports (doc_id, date, date_source, source, title, url, path, text,"
                " fingerprint, record, ingested_at, content_key)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    report.doc_id,
                    report.date.isoformat() if report.date else None,
                    report.date_source,
                    report.source,
                    report.title,
                    report.url,
                    report.path,
                    report.text,
                    print_,
                    record.to_json(),
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    _key_of(report),
                ),
            )
            _insert_items(self.conn, record)
        return WriteResult(report.doc_id, "replaced" if old else "added")

    # -- reading -------------------------------------------------------------

    def reports(self) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT r.doc_id, r.date, r.date_source, r.source, length(r.text) AS chars,"
            " (SELECT count(*) FROM events e WHERE e.doc_id = r.doc_id) AS events,"
            " (SELECT count(*) FROM control c WHERE c.doc_id = r.doc_id) AS control,"
            " (SELECT count(*) FROM claims c WHERE c.doc_id = r.doc_id) AS claims,"
            " (SELECT group_concat(copy_id, ', ') FROM"
            "  (SELECT copy_id FROM report_copies k WHERE k.doc_id = r.doc_id ORDER BY copy_id))"
            " AS copies"
            " FROM reports r ORDER BY r.date, r.doc_id"
        ).fetchall()

    def record(self, doc_id: str) -> SituationRecord | None:
        """A stored report's record, by its name or by the name of a copy of it."""
        row = self.conn.execute(
            "SELECT record FROM reports WHERE doc_id = ?"
            " OR doc_id = (SELECT doc_id FROM report_copies WHERE copy_id = ?)"
            " ORDER BY doc_id = ? DESC LIMIT 1",
            (doc_id, doc_id, doc_id),
        ).fetchone()
        return SituationRecord.from_json(row[0]) if row else None

    def rows(self, table: str, *, doc_id: str | None = None) -> list[sqlite3.Row]:
        if table not in {"events", "toponyms", "control", "claims", "aggregates"}:
            raise ValueError(f"unknown table {table!r}")
        order = "date, doc_id, idx" if table in {"events", "control"} else "doc_id, idx"
        if doc_id is None:
            return self.conn.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
        return self.conn.execute(
            f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY {order}", (doc_id,)
        ).fetchall()

    def records(self) -> Iterator[SituationRecord]:
        for (text,) in self.conn.execute("SELECT record FROM reports ORDER BY date, doc_id"):
            yield SituationRecord.from_json(text)


def _place_values(place: Place | None) -> tuple[Any, ...]:
    if place is None:
        return (None,) * 7
    return (
        place.name,
        place.lat,
        place.lon,
        place.country,
        place.admin1,
        place.precision,
        place.geonameid,
    )


def _evidence_values(item: Any) -> tuple[Any, ...]:
    ev = item.evidence
    return (ev.sentence, ev.start, ev.end, ev.text, ev.extractor, item.confidence)


def _insert_items(conn: sqlite3.Connection, record: SituationRecord) -> None:
    doc = record.doc_id
    conn.executemany(
        "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (doc, i, e.plover, e.mode, e.acled, e.date, e.date_precision)
            + _place_values(e.place)
            + (e.actor1, e.actor2, e.fatalities, e.captured, e.wounded, e.modality, e.trigger)
            + _evidence_values(e)
            + (int(e.main),)
            for i, e in enumerate(record.events)
        ],
    )
    conn.executemany(
        "INSERT INTO toponyms VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (doc, i, t.start, t.end, t.text, t.name, t.lat, t.lon, t.country, t.admin1)
            + (t.precision, t.geonameid, int(t.resolved), t.source, t.part_of)
            for i, t in enumerate(record.toponyms)
        ],
    )
    conn.executemany(
        "INSERT INTO control VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (doc, i)
            + _place_values(c.place)
            + (c.part, c.holder, c.status, c.date, c.claimed_by, c.stance)
            + _evidence_values(c)
            for i, c in enumerate(record.control)
        ],
    )
    conn.executemany(
        "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (doc, i, c.speaker, c.affiliation, c.role, c.channel, c.content, c.stance, c.about)
            + _evidence_values(c)
            for i, c in enumerate(record.claims)
        ],
    )
    conn.executemany(
        "INSERT INTO aggregates VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (doc, i, a.actor, a.verb, a.count, a.of, a.category, a.period_days)
            + _evidence_values(a)
            for i, a in enumerate(record.aggregates)
        ],
    )


def known_days(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    """The first and the last day the store knows anything of: its reports' days, its
    events' and its control statements' days. The last is "now" for every view of the
    store (the command line's and the web's alike)."""
    days = []
    for sql in (
        "SELECT min(date), max(date) FROM events WHERE date IS NOT NULL",
        "SELECT min(date), max(date) FROM control WHERE date IS NOT NULL",
        "SELECT min(date), max(date) FROM reports WHERE date IS NOT NULL",
    ):
        days += [d for d in conn.execute(sql).fetchone() if d]
    return (min(days), max(days)) if days else (None, None)


def row_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {key: row[key] for key in row.keys()}


def dumps(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)
