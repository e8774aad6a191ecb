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
    items against the record it was stored with (a half-written report shows here).
    Damage is a finding, never an exception: each step that cannot read its part of the
    store says so, and every report's record is read on its own, so one damaged page
    names the reports on it and the others are still checked."""
    result = CheckResult()

    def step(what: str, query: str, args: tuple = ()) -> list[tuple]:
        try:
            return [tuple(row) for row in conn.execute(query, args)]
        except sqlite3.DatabaseError as exc:
            result.problems.append(f"{what}: could not be read ({exc})")
            return []

    verdict = [row[0] for row in step("integrity check", "PRAGMA integrity_check")]
    if verdict and verdict != ["ok"]:
        result.problems += [f"integrity: {line}" for line in verdict]
    for table, rowid, parent, _ in step("foreign keys", "PRAGMA foreign_key_check"):
        result.problems.append(f"{table} row {rowid}: no {parent} row it refers to")
    doc_ids = [row[0] for row in step("reports", "SELECT doc_id FROM reports")]
    result.counts["reports"] = len(doc_ids)
    stored: dict[str, dict[str, int]] = {}
    for table in ITEM_TABLES:
        counted = step(table, f"SELECT count(*) FROM {table}")
        result.counts[table] = counted[0][0] if counted else 0
        orphans = step(
            table, f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM reports)"
        )
        if orphans and orphans[0][0]:
            result.problems.append(f"{table}: {orphans[0][0]} rows of no stored report")
        for doc_id, n in step(table, f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id"):
            stored.setdefault(doc_id, {})[table] = n
    for doc_id in doc_ids:
        row = step(f"report {doc_id}", "SELECT record FROM reports WHERE doc_id = ?", (doc_id,))
        if not row:
            continue
        try:
            lists = json.loads(row[0][0])
        except (json.JSONDecodeError, TypeError):
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
    folder_meant = str(dest).endswith(("/", os.sep))  # "DIR/": a folder, not a file name
    source, dest = Path(source), Path(dest)
    if not source.exists():
        raise StoreError(f"{source}: no such database")
    if dest.is_dir():
        dest = dest / source.name
    elif folder_meant:
        raise StoreError(f"{dest}: no such folder (backup makes none)")
    elif not dest.parent.is_dir():
        raise StoreError(f"{dest.parent}: no such folder (backup makes none)")
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
