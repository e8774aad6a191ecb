"""Checking a store and copying it while it is in use."""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.errors import StoreError

ITEM_TABLES = ("events", "toponyms", "control", "claims", "aggregates")


@dataclass
class CheckResult:
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_store(conn: sqlite3.Connection) -> CheckResult:
    """SQLite's own integrity check, foreign keys, orphaned items, and every report's
    items against the record it was stored with (a half-written report shows here)."""
    result = CheckResult()
    verdict = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if verdict != ["ok"]:
        result.problems += [f"integrity: {line}" for line in verdict]
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        result.problems.append(f"{table} row {rowid}: no {parent} row it refers to")
    result.counts["reports"] = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    stored: dict[str, dict[str, int]] = {}
    for table in ITEM_TABLES:
        result.counts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        orphans = conn.execute(
            f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM reports)"
        ).fetchone()[0]
        if orphans:
            result.problems.append(f"{table}: {orphans} rows of no stored report")
        for doc_id, n in conn.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id"):
            stored.setdefault(doc_id, {})[table] = n
    for doc_id, record in conn.execute("SELECT doc_id, record FROM reports"):
        try:
            lists = json.loads(record)
        except json.JSONDecodeError:
            result.problems.append(f"report {doc_id}: its stored record is not JSON")
            continue
        for table in ITEM_TABLES:
            want, have = len(lists.get(table, [])), stored.get(doc_id, {}).get(table, 0)
            if want != have:
                result.problems.append(f"report {doc_id}: {have} {table} rows, record has {want}")
    return result


def backup(source: str | Path, dest: str | Path) -> Path:
    """A consistent copy of a store that may be in use (SQLite's online backup), written
    to a temporary file beside ``dest`` and renamed, so ``dest`` is whole or untouched."""
    source, dest = Path(source), Path(dest)
    if not source.exists():
        raise StoreError(f"{source}: no such database")
    if dest.is_dir():
        dest = dest / source.name
    partial = dest.with_name(f".{dest.name}.{os.getpid()}.partial")
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()
    os.replace(partial, dest)
    return dest
