"""The SQL the pages and the API read through: every value a parameter, every table and
column name a constant of this module."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from typing import Any

from sitroom.store import row_dict
from sitroom.store.keys import name_key_sql, place_key, place_key_sql
from sitroom.web.params import Filters, Page

Rows = list[dict[str, Any]]
_EVENT_COLUMNS = (
    "e.doc_id, e.idx, e.date, e.plover, e.mode, e.acled, e.place_name, e.lat, e.lon,"
    " e.country, e.admin1, e.geonameid, e.actor1, e.actor2, e.fatalities, e.captured,"
    " e.wounded, e.modality, e.trigger, e.sentence, e.start, e.end, e.evidence, e.extractor"
)
_CONTROL_DAY = "COALESCE(c.date, r.date)"


def _key_sql(alias: str) -> str:
    return place_key_sql(alias)


def _place_clause(alias: str, place: str) -> tuple[str, list[Any]]:
    """A place by key (``g<GeoNames id>``, ``n:<CC>:<name>``) or by name, any case. A key
    is compared with the key expression itself, which the ``*_place_key`` indexes of
    control and events hold, so a place's rows are looked up rather than scanned for."""
    if place.startswith("g") and place[1:].isdigit():
        return f"{_key_sql(alias)} = ?", [f"g{int(place[1:])}"]
    if place.startswith("n:") and place.count(":") >= 2:
        return f"{_key_sql(alias)} = ?", [place]
    return f"lower({alias}.place_name) = lower(?)", [place]


def _where(filters: Filters, alias: str, day_sql: str, actors: tuple[str, ...]) -> tuple[str, list]:
    clauses: list[str] = []
    args: list[Any] = []
    if filters.since:
        clauses.append(f"{day_sql} >= ?")
        args.append(filters.since)
    if filters.until:
        clauses.append(f"{day_sql} <= ?")
        args.append(filters.until)
    if filters.type and alias == "e":
        clauses.append("(upper(e.plover) = upper(?) OR lower(e.mode) = lower(?)"
                       " OR lower(e.acled) = lower(?))")  # fmt: skip
        args += [filters.type] * 3
    if filters.type and alias == "c":
        clauses.append("lower(c.status) = lower(?)")
        args.append(filters.type)
    if filters.actor:
        either = " OR ".join(
            f"instr(lower(COALESCE({alias}.{col}, '')), lower(?)) > 0" for col in actors
        )
        clauses.append(f"({either})")
        args += [filters.actor] * len(actors)
    if filters.country:
        clauses.append(f"{alias}.country = ?")
        args.append(filters.country)
    if filters.place:
        clause, values = _place_clause(alias, filters.place)
        clauses.append(clause)
        args += values
    if filters.doc:
        clauses.append(f"{alias}.doc_id = ?")
        args.append(filters.doc)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _paged(
    conn: sqlite3.Connection, sql: str, args: list, order: str, page: Page
) -> tuple[Rows, int]:
    total = conn.execute(f"SELECT count(*) FROM ({sql})", args).fetchone()[0]
    rows = conn.execute(
        f"{sql} ORDER BY {order} LIMIT ? OFFSET ?", [*args, page.limit, page.offset]
    )
    return [row_dict(r) for r in rows], total


def events(conn: sqlite3.Connection, filters: Filters, page: Page) -> tuple[Rows, int]:
    where, args = _where(filters, "e", "e.date", ("actor1", "actor2"))
    sql = f"SELECT {_EVENT_COLUMNS}, {_key_sql('e')} AS place_key FROM events e{where}"
    return _paged(conn, sql, args, "e.date DESC, e.doc_id, e.idx", page)


def control(conn: sqlite3.Connection, filters: Filters, page: Page) -> tuple[Rows, int]:
    where, args = _where(filters, "c", _CONTROL_DAY, ("holder", "claimed_by"))
    sql = (
        f"SELECT c.doc_id, c.idx, {_CONTROL_DAY} AS day, c.place_name, c.lat, c.lon, c.country,"
        " c.admin1, c.geonameid, c.part, c.holder, c.status, c.claimed_by, c.stance,"
        " c.sentence, c.start, c.end, c.evidence, c.extractor,"
        f" {_key_sql('c')} AS place_key FROM control c JOIN reports r ON r.doc_id = c.doc_id{where}"
    )
    return _paged(conn, sql, args, "day DESC, c.doc_id, c.idx", page)


def claims(conn: sqlite3.Connection, filters: Filters, page: Page) -> tuple[Rows, int]:
    """Claims; ``type`` is the channel or what it is about, ``actor`` the speaker or
    affiliation, ``place`` and ``country`` those of a control statement or event told in
    the same sentence."""
    where, args = _where(Filters(since=filters.since, until=filters.until, doc=filters.doc),
                         "k", "r.date", ())  # fmt: skip
    clauses = [where.removeprefix(" WHERE ")] if where else []
    if filters.type:
        clauses.append("(lower(k.channel) = lower(?) OR lower(k.about) = lower(?))")
        args += [filters.type, filters.type]
    if filters.actor:
        clauses.append("(instr(lower(k.speaker), lower(?)) > 0"
                       " OR instr(lower(COALESCE(k.affiliation, '')), lower(?)) > 0)")  # fmt: skip
        args += [filters.actor, filters.actor]
    if filters.country:
        clauses.append(
            "(EXISTS (SELECT 1 FROM control c WHERE c.doc_id = k.doc_id AND c.country = ?)"
            " OR EXISTS (SELECT 1 FROM events e WHERE e.doc_id = k.doc_id AND e.country = ?))"
        )
        args += [filters.country, filters.country]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    told, told_args = _told_at(filters.place) if filters.place else ("", [])
    sql = (
        "SELECT k.doc_id, k.idx, r.date AS day, k.speaker, k.affiliation, k.role, k.channel,"
        " k.content, k.stance, k.about, k.sentence, k.start, k.end, k.evidence, k.extractor"
        f" FROM claims k{told} JOIN reports r ON r.doc_id = k.doc_id{where}"
    )
    return _paged(conn, sql, told_args + args, "day DESC, k.doc_id, k.idx", page)


def _told_at(place: str) -> tuple[str, list[Any]]:
    """A join of the claims to the sentences that tell a control statement or an event at
    ``place``: those sentences are found first (through the place-key indexes) and their
    claims looked up by report, instead of two correlated look-ups for every claim."""
    told, args = [], []
    for table, alias in (("control", "c"), ("events", "e")):
        clause, values = _place_clause(alias, place)
        told.append(f"SELECT {alias}.doc_id, {alias}.sentence FROM {table} {alias} WHERE {clause}")
        args += values
    join = f" JOIN ({' UNION '.join(told)}) t ON t.doc_id = k.doc_id AND t.sentence = k.sentence"
    return join, args


def reports(conn: sqlite3.Connection, q: str | None, page: Page) -> tuple[Rows, int]:
    where, args = "", []
    if q:
        where = (" WHERE instr(lower(r.text), lower(?)) > 0 OR instr(lower(r.doc_id), lower(?)) > 0"
                 " OR instr(lower(COALESCE(r.title, '')), lower(?)) > 0")  # fmt: skip
        args = [q, q, q]
    sql = (
        "SELECT r.doc_id, r.date, r.source, r.title, r.url, length(r.text) AS chars,"
        " substr(r.text, 1, 240) AS opening,"
        " (SELECT count(*) FROM events e WHERE e.doc_id = r.doc_id) AS events,"
        " (SELECT count(*) FROM control c WHERE c.doc_id = r.doc_id) AS control,"
        " (SELECT count(*) FROM claims k WHERE k.doc_id = r.doc_id) AS claims"
        f" FROM reports r{where}"
    )
    return _paged(conn, sql, args, "r.date DESC, r.doc_id", page)


def report(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT doc_id, date, date_source, source, title, url, text FROM reports WHERE doc_id = ?",
        (doc_id,),
    ).fetchone()
    return row_dict(row) if row else None


def items(conn: sqlite3.Connection, doc_id: str) -> dict[str, Rows]:
    """Everything extracted from one report, table by table, in the order of the text."""
    found = {}
    for table in ("events", "toponyms", "control", "claims", "aggregates"):
        order = "start, idx"
        rows = conn.execute(f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY {order}", (doc_id,))
        found[table] = [row_dict(r) for r in rows]
    for row in found["control"] + found["events"]:
        row["place_key"] = _key(row.get("geonameid"), row.get("country"), row.get("place_name"))
    for row in found["toponyms"]:
        row["place_key"] = _key(row.get("geonameid"), row.get("country"), row.get("name"))
    return found


def _key(geonameid: int | None, country: str | None, name: str | None) -> str | None:

    return place_key(geonameid, country, name) if name else None


def place_rows(conn: sqlite3.Connection, key: str, table: str, limit: int = 200) -> Rows:
    """A place's events (``events``) or control statements (``control``), latest first."""
    if table == "events":
        return events(conn, Filters(place=key), Page(limit, 0))[0]
    return control(conn, Filters(place=key), Page(limit, 0))[0]


def place_reports(conn: sqlite3.Connection, key: str, limit: int = 200) -> Rows:
    """Reports that name the place (a toponym resolved to it) or speak of its control. Its
    two place expressions are those the toponyms indexes of ``0005_place_lookups`` hold."""
    if key.startswith("g") and key[1:].isdigit():
        where, args = "t.geonameid = ?", [int(key[1:])]
    else:
        where, args = f"{name_key_sql('t', name='name')} = ?", [key]
    rows = conn.execute(
        "SELECT r.doc_id, r.date, r.title, r.source, count(*) AS mentions FROM toponyms t"
        f" JOIN reports r ON r.doc_id = t.doc_id WHERE {where}"
        " GROUP BY r.doc_id ORDER BY r.date DESC, r.doc_id LIMIT ?",
        [*args, limit],
    )
    return [row_dict(r) for r in rows]


def place_name(conn: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    """Name, country and point of a place key, from whatever row knows it."""
    for table in ("control", "events"):
        row = conn.execute(
            f"SELECT place_name AS name, country, admin1, lat, lon FROM {table} c"
            f" WHERE {_key_sql('c')} = ? LIMIT 1",
            (key,),
        ).fetchone()
        if row:
            return row_dict(row)
    return None


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    found = {}
    for table in ("reports", "events", "control", "claims", "aggregates"):
        found[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return found


def day_range(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    """The first and last day anything is known of (``sitroom.store.known_days``)."""
    from sitroom.store import known_days

    return known_days(conn)


def last_week(conn: sqlite3.Connection, filters: Filters, last_sql: str) -> Filters:
    """``filters`` with the week up to the last day ``last_sql`` finds when no days are
    given: a map of everything ever known would be crowded and slow."""
    if filters.since or filters.until:
        return filters
    last = conn.execute(last_sql).fetchone()[0]
    if not last:
        return filters
    since = (dt.date.fromisoformat(last) - dt.timedelta(days=6)).isoformat()
    return replace(filters, since=since, until=last)


def event_points(conn: sqlite3.Connection, filters: Filters, limit: int = 2000) -> Rows:
    """Events on the map, one point per place and event type with a count (bounded). With
    no days given, the week up to the last day an event is known of."""
    filters = last_week(conn, filters, "SELECT max(date) FROM events")
    where, args = _where(filters, "e", "e.date", ("actor1", "actor2"))
    where += (" AND " if where else " WHERE ") + "e.lat IS NOT NULL AND e.lon IS NOT NULL"
    rows = conn.execute(
        "SELECT e.place_name, e.country, round(e.lat, 3) AS lat, round(e.lon, 3) AS lon,"
        " COALESCE(e.plover, e.acled, e.mode, 'event') AS type, count(*) AS n,"
        " max(e.date) AS last, min(e.doc_id) AS doc_id, min(e.sentence) AS sentence,"
        f" {_key_sql('e')} AS place_key FROM events e{where}"
        " GROUP BY e.geonameid, e.country, e.place_name, type ORDER BY n DESC LIMIT ?",
        [*args, limit],
    )
    return [row_dict(r) for r in rows]


def catalogue(conn: sqlite3.Connection) -> dict[str, Rows]:
    """Every place (by key) and actor the store names, with how many items name it."""
    places = conn.execute(
        "SELECT key AS place_key, name, country, sum(n) AS n FROM ("
        f" SELECT {_key_sql('c')} AS key, c.place_name AS name, c.country, count(*) AS n"
        " FROM control c WHERE c.place_name IS NOT NULL GROUP BY key"
        f" UNION ALL SELECT {_key_sql('e')}, e.place_name, e.country, count(*) FROM events e"
        " WHERE e.place_name IS NOT NULL GROUP BY e.geonameid, e.country, e.place_name)"
        " GROUP BY key ORDER BY n DESC, name"
    )
    actors = conn.execute(
        "SELECT name, sum(n) AS n FROM ("
        " SELECT actor1 AS name, count(*) AS n FROM events GROUP BY actor1"
        " UNION ALL SELECT actor2, count(*) FROM events GROUP BY actor2"
        " UNION ALL SELECT holder, count(*) FROM control GROUP BY holder"
        " UNION ALL SELECT speaker, count(*) FROM claims GROUP BY speaker)"
        " WHERE name IS NOT NULL GROUP BY name ORDER BY n DESC, name"
    )
    return {"places": [row_dict(r) for r in places], "actors": [row_dict(r) for r in actors]}


def search(
    conn: sqlite3.Connection, q: str, names: dict[str, Rows] | None = None, limit: int = 50
) -> dict[str, Rows]:
    """Places, actors and reports whose names or text contain ``q`` (any case); ``names``
    is the ``catalogue`` when the caller keeps one."""
    names = names if names is not None else catalogue(conn)
    wanted = q.casefold()
    found: dict[str, Rows] = {
        kind: [r for r in names[kind] if wanted in (r["name"] or "").casefold()][:limit]
        for kind in ("places", "actors")
    }
    found["reports"] = reports(conn, q, Page(limit, 0))[0]
    for row in found["reports"]:
        row["snippet"] = _snippet(conn, row["doc_id"], q)
    return found


def _snippet(conn: sqlite3.Connection, doc_id: str, q: str, width: int = 80) -> str:
    text = conn.execute("SELECT text FROM reports WHERE doc_id = ?", (doc_id,)).fetchone()[0]
    at = text.lower().find(q.lower())
    if at < 0:
        return text[: 2 * width]
    return ("…" if at > width else "") + text[max(0, at - width) : at + len(q) + width] + "…"
