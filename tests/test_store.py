import datetime as dt
import sqlite3

import pytest

from sitroom.errors import StoreError
from sitroom.record import Control, Evidence, Place, Report, SituationRecord
from sitroom.store import Store, fingerprint
from sitroom.store.schema import MIGRATIONS


def _report(text="Rebels took the town."):
    return Report("doc-1", text, dt.date(2022, 5, 1), "header")


def _record(report, holder="Rebels"):
    evidence = Evidence(report.doc_id, 0, 0, len(report.text), report.text, "test.v1")
    place = Place("Townville", 10.0, 20.0, "XX", None, "town")
    control = Control(place, None, holder, "captured", "2022-05-01", None, evidence)
    return SituationRecord(report.doc_id, "2022-05-01", report.text, control=[control])


def test_migrations_are_recorded_and_applied_once(tmp_path):
    path = tmp_path / "s.sqlite"
    Store.open(path).close()
    with Store.open(path) as store:
        names = [r[0] for r in store.conn.execute("SELECT name FROM migrations")]
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert names == [name for name, _ in MIGRATIONS]
    assert mode == "wal"


def test_same_report_twice_changes_nothing(tmp_path):
    report = _report()
    with Store.open(tmp_path / "s.sqlite") as store:
        first = store.write(report, _record(report), fingerprint(report, "v1"))
        before = store.conn.execute("SELECT ingested_at FROM reports").fetchone()[0]
        second = store.write(report, _record(report), fingerprint(report, "v1"))
        after = store.conn.execute("SELECT ingested_at FROM reports").fetchone()[0]
        count = store.conn.execute("SELECT count(*) FROM control").fetchone()[0]
    assert (first.action, second.action) == ("added", "unchanged")
    assert before == after and count == 1


def test_changed_report_replaces_its_rows(tmp_path):
    old, new = _report(), _report("Rebels took the town and the airport.")
    with Store.open(tmp_path / "s.sqlite") as store:
        store.write(old, _record(old), fingerprint(old, "v1"))
        result = store.write(new, _record(new, holder="Militia"), fingerprint(new, "v1"))
        holders = [r["holder"] for r in store.rows("control")]
    assert result.action == "replaced"
    assert holders == ["Militia"]


def test_a_failed_write_leaves_no_half_report(tmp_path):
    report = _report()
    record = _record(report)
    record.control.append(None)  # not a Control: the insert fails midway
    with Store.open(tmp_path / "s.sqlite") as store:
        with pytest.raises(AttributeError):
            store.write(report, record, fingerprint(report, "v1"))
        assert store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM control").fetchone()[0] == 0


def test_readonly_store_refuses_writes_and_missing_files(tmp_path):
    path = tmp_path / "s.sqlite"
    with pytest.raises(StoreError, match="no such database"):
        Store.open(path, readonly=True)
    Store.open(path).close()
    with Store.open(path, readonly=True) as store, pytest.raises(sqlite3.OperationalError):
        store.conn.execute("DELETE FROM reports")


def test_record_round_trips_through_the_store(tmp_path):
    report = _report()
    record = _record(report)
    with Store.open(tmp_path / "s.sqlite") as store:
        store.write(report, record, fingerprint(report, "v1"))
        assert store.record("doc-1") == record


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a sitroom database"):
        Store.open(path)


def test_the_main_event_is_stored_and_an_older_store_gains_the_column(tmp_path):
    from sitroom.record import Event

    report = _report()
    evidence = Evidence(report.doc_id, 0, 0, len(report.text), report.text, "test.v1")
    events = [
        Event("ASSAULT", None, "Attack", None, None, None, None, evidence, main=main)
        for main in (False, True)
    ]
    record = SituationRecord(report.doc_id, "2022-05-01", report.text, events=events)
    path = tmp_path / "s.sqlite"
    with Store.open(path) as store:
        store.conn.execute("DELETE FROM migrations WHERE name = '0007_event_main'")
        store.conn.execute("ALTER TABLE events DROP COLUMN main")
    with Store.open(path) as store:  # the missing migration is applied on opening
        store.write(report, record, fingerprint(report, "v1"))
        stored = store.conn.execute("SELECT idx, main FROM events ORDER BY idx").fetchall()
    assert [tuple(row) for row in stored] == [(0, 0), (1, 1)]


# -- one report per text -------------------------------------------------------------


_TEXT = "Rebels captured the town of Saraqib on Monday after heavy fighting, a monitor said."


@pytest.fixture
def ingest(pipeline):
    """The real ingest path with the real pipeline."""
    from sitroom.ingest import ingest_reports

    return lambda store, *reports: ingest_reports(store, list(reports), pipeline=pipeline)


def _named(doc_id, text, path=None):
    return Report(doc_id, text, dt.date(2022, 5, 1), "header", path=path)


def test_a_copy_under_another_name_is_a_name_of_the_stored_report(tmp_path, ingest):
    with Store.open(tmp_path / "s.sqlite") as store:
        first = ingest(store, _named("kabul-report", _TEXT + "\n"))
        copy = _named("saved-again", _TEXT.replace(" ", "\n ", 2), path="elsewhere/saved-again.txt")
        second = ingest(store, copy)
        again = ingest(store, copy)
        [row] = store.reports()
        control_rows = store.rows("control")
        named = store.record("saved-again")
    assert first.counts["added"] == 1
    assert second.counts == {"added": 0, "replaced": 0, "unchanged": 0, "copied": 1}
    assert again.counts["unchanged"] == 1 and again.counts["copied"] == 0
    assert row["doc_id"] == "kabul-report" and row["copies"] == "saved-again"
    assert control_rows and {r["doc_id"] for r in control_rows} == {"kabul-report"}
    assert named is not None and named.doc_id == "kabul-report"


def test_copies_within_one_ingest_are_extracted_once(tmp_path, ingest):
    with Store.open(tmp_path / "s.sqlite") as store:
        result = ingest(
            store,
            _named("a", _TEXT),
            _named("b", _TEXT),
            _named("c", _TEXT, path="c.txt"),
        )
        rows = store.reports()
    assert result.counts["added"] == 1 and result.counts["copied"] == 2
    assert [(r["doc_id"], r["copies"]) for r in rows] == [("a", "b, c")]


def test_the_same_text_on_another_day_is_another_report(tmp_path, ingest):
    later = Report("b", _TEXT, dt.date(2022, 5, 2), "header")
    with Store.open(tmp_path / "s.sqlite") as store:
        result = ingest(store, _named("a", _TEXT), later)
        assert len(store.reports()) == 2
    assert result.counts["added"] == 2 and result.counts["copied"] == 0


def test_reports_stored_before_content_keys_are_found_by_their_copies(tmp_path, ingest):
    path = tmp_path / "s.sqlite"
    with Store.open(path) as store:
        ingest(store, _named("old", _TEXT))
        store.conn.executescript(
            "DELETE FROM migrations WHERE name = '0008_report_content';"
            " DROP TABLE report_copies; DROP INDEX reports_content_key;"
            " ALTER TABLE reports DROP COLUMN content_key;"
        )
    with pytest.raises(StoreError, match="older sitroom.*upgrade"):
        Store.open(path, readonly=True)
    with Store.open(path) as store:  # the migration computes the keys of stored reports
        assert store.applied == ["0008_report_content"]
        result = ingest(store, _named("new", _TEXT))
        [row] = store.reports()
    assert result.counts["copied"] == 1 and row["copies"] == "new"
