"""Named schema migrations, applied in order and recorded in ``migrations``."""

from __future__ import annotations

import sqlite3

from sitroom.store.keys import name_key_sql, place_key_sql

_EVIDENCE = """
    sentence INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    extractor TEXT NOT NULL,
    confidence REAL
"""
_PLACE = """
    place_name TEXT, lat REAL, lon REAL, country TEXT, admin1 TEXT, precision TEXT,
    geonameid INTEGER
"""

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_reports_and_records",
        f"""
        CREATE TABLE reports (
            doc_id TEXT PRIMARY KEY,
            date TEXT,
            date_source TEXT,
            source TEXT,
            title TEXT,
            url TEXT,
            path TEXT,
            text TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            record TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE events (
            doc_id TEXT NOT NULL REFERENCES reports(doc_id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            plover TEXT, mode TEXT, acled TEXT,
            date TEXT, date_precision TEXT,
            {_PLACE},
            actor1 TEXT, actor2 TEXT,
            fatalities INTEGER, captured INTEGER, wounded INTEGER,
            modality TEXT NOT NULL, trigger TEXT,
            {_EVIDENCE},
            PRIMARY KEY (doc_id, idx)
        );
        CREATE INDEX events_date ON events(date);
        CREATE TABLE toponyms (
            doc_id TEXT NOT NULL REFERENCES reports(doc_id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
            name TEXT, lat REAL, lon REAL, country TEXT, admin1 TEXT, precision TEXT,
            geonameid INTEGER, resolved INTEGER NOT NULL, source TEXT, part_of TEXT,
            PRIMARY KEY (doc_id, idx)
        );
        CREATE TABLE control (
            doc_id TEXT NOT NULL REFERENCES reports(doc_id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            {_PLACE},
            part TEXT, holder TEXT NOT NULL, status TEXT NOT NULL, date TEXT,
            claimed_by TEXT, stance TEXT NOT NULL,
            {_EVIDENCE},
            PRIMARY KEY (doc_id, idx)
        );
        CREATE INDEX control_place ON control(place_name);
        CREATE TABLE claims (
            doc_id TEXT NOT NULL REFERENCES reports(doc_id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            speaker TEXT NOT NULL, affiliation TEXT, role TEXT, channel TEXT NOT NULL,
            content TEXT NOT NULL, stance TEXT NOT NULL, about TEXT NOT NULL,
            {_EVIDENCE},
            PRIMARY KEY (doc_id, idx)
        );
        CREATE TABLE aggregates (
            doc_id TEXT NOT NULL REFERENCES reports(doc_id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            actor TEXT, verb TEXT NOT NULL, count INTEGER NOT NULL, "of" INTEGER,
            category TEXT NOT NULL, period_days INTEGER,
            {_EVIDENCE},
            PRIMARY KEY (doc_id, idx)
        );
        """,
    ),
    (
        # The ACLED reference layer (``sitroom import-acled``): ACLED's own events, kept
        # apart from what sitroom extracted and never mixed into it.
        "0003_acled_reference",
        """
        CREATE TABLE acled_events (
            event_id_cnty TEXT PRIMARY KEY,
            event_date TEXT NOT NULL,
            event_type TEXT,
            sub_event_type TEXT NOT NULL,
            actor1 TEXT, assoc_actor_1 TEXT, inter1 INTEGER,
            actor2 TEXT, assoc_actor_2 TEXT, inter2 INTEGER,
            interaction INTEGER,
            country TEXT, country_code TEXT,
            admin1 TEXT, admin2 TEXT, admin3 TEXT,
            location TEXT, latitude REAL, longitude REAL, geo_precision INTEGER,
            source TEXT, notes TEXT, fatalities INTEGER, timestamp INTEGER,
            imported_from TEXT NOT NULL, imported_at TEXT NOT NULL
        );
        CREATE INDEX acled_events_date ON acled_events(event_date);
        """,
    ),
    (
        # The situation picture's stored control segments (sitroom.situation.store). A
        # trigger marks a place dirty whenever a control row of it is written or deleted,
        # in the writer's own transaction; the picture recomputes only dirty places.
        "0004_situation_segments",
        f"""
        CREATE TABLE situation_segments (
            place_key TEXT NOT NULL,
            seq INTEGER NOT NULL,
            part_key TEXT NOT NULL,
            holder TEXT NOT NULL, side TEXT NOT NULL, status TEXT NOT NULL,
            since TEXT NOT NULL, until TEXT,
            state TEXT NOT NULL, backing TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (place_key, seq)
        );
        CREATE TABLE situation_dirty (place_key TEXT PRIMARY KEY);
        CREATE INDEX control_place_key ON control({place_key_sql()});
        CREATE TRIGGER control_marks_place_dirty AFTER INSERT ON control BEGIN
            INSERT OR IGNORE INTO situation_dirty VALUES ({place_key_sql("NEW")});
        END;
        CREATE TRIGGER control_delete_marks_place_dirty AFTER DELETE ON control BEGIN
            INSERT OR IGNORE INTO situation_dirty VALUES ({place_key_sql("OLD")});
        END;
        INSERT OR IGNORE INTO situation_dirty
            SELECT DISTINCT {place_key_sql()} FROM control
            WHERE place_name IS NOT NULL;
        """,
    ),
    (
        # A place's rows looked up instead of scanned for (the place page and API, claims
        # told at a place, the timeline of a place): its events by place key, newest first;
        # the toponyms that name it by GeoNames id or by country and name, the expressions
        # ``sitroom.web.queries.place_reports`` asks for.
        "0005_place_lookups",
        f"""
        CREATE INDEX events_place_key ON events({place_key_sql()}, date);
        CREATE INDEX toponyms_geonameid ON toponyms(geonameid);
        CREATE INDEX toponyms_place_name
            ON toponyms({name_key_sql(name="name")});
        """,
    ),
    (
        # The ACLED reference layer on the map (``sitroom.web.reference``): rows in the order
        # of its points (location and sub-event type), then by day, with the fatalities, so
        # a wide span is counted in one pass of this index without reading a row, a point's
        # latest events are found by a seek, and a country's points by its prefix.
        "0006_acled_reference_points",
        """
        CREATE INDEX acled_events_points ON acled_events(
            country_code, location, latitude, longitude, sub_event_type, event_date, fatalities
        );
        """,
    ),
    (
        # The one event a report is mainly about (``Event.main``); stores made before it
        # say 0 until their reports are extracted again.
        "0007_event_main",
        "ALTER TABLE events ADD COLUMN main INTEGER NOT NULL DEFAULT 0;",
    ),
    (
        # A report is also known by its content (``sitroom.store.content_key``: normalised
        # text and day), so that a copy under another name is one report with two names,
        # not a second source. ``report_copies`` holds the other names; a copy goes with
        # the report it copies. The key of stored reports is computed by the Python
        # function the store registers on every connection.
        "0008_report_content",
        """
        ALTER TABLE reports ADD COLUMN content_key TEXT;
        UPDATE reports SET content_key = sitroom_content_key(text, date);
        CREATE INDEX reports_content_key ON reports(content_key);
        CREATE TABLE report_copies (
            copy_id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES reports(doc_id) ON DELETE CASCADE,
            source TEXT, path TEXT, url TEXT,
            added_at TEXT NOT NULL
        );
        CREATE INDEX report_copies_doc ON report_copies(doc_id);
        """,
    ),
]


def pending(conn: sqlite3.Connection) -> list[str]:
    """The migrations this database lacks (read only: nothing is applied)."""
    try:
        done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    except sqlite3.OperationalError:  # no migrations table: older than any migration
        done = set()
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database lacks; return their names."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        with conn:
            conn.executescript("BEGIN;" + sql + ";")
            conn.execute(
                "INSERT INTO migrations(name, applied_at) VALUES (?, datetime('now'))", (name,)
            )
        applied.append(name)
    return applied
