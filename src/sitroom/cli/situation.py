"""The situation's commands: ``control``, ``timeline``, ``contested``, ``check-aggregates``,
``incidents`` and ``refresh``. Thin: parse, open the store, call the library, print."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from sitroom.cli.common import Failure, json_option
from sitroom.errors import SitroomError
from sitroom.store import Store, row_dict
from sitroom.store.keys import place_key


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _readonly(obj: dict[str, Any]) -> Store:
    try:
        return Store.open(obj["db"], readonly=True)
    except SitroomError as exc:
        raise Failure(str(exc)) from exc


def _day(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a day; write YYYY-MM-DD") from None


_STATEMENT_COLUMNS = [
    "place_name", "part", "holder", "status", "date", "claimed_by", "stance", "doc_id",
    "sentence",
]  # fmt: skip


def register(main: click.Group) -> None:
    """Add the situation commands to the ``sitroom`` group."""

    @main.command()
    @click.option("--at", "at", help="The day (YYYY-MM-DD); default: the latest day known.")
    @click.option("--country", "country", help="Only places in this country (ISO alpha-2).")
    @click.option(
        "--recompute",
        is_flag=True,
        help="Recompute from the statements known by that day instead of the stored picture.",
    )
    @click.option(
        "--statements",
        is_flag=True,
        help="List the stored control statements themselves, as each report states them.",
    )
    @click.option("--doc", "doc_id", help="With --statements: only this report's statements.")
    @json_option
    @click.pass_obj
    def control(
        obj: dict[str, Any],
        at: str | None,
        country: str | None,
        recompute: bool,
        statements: bool,
        doc_id: str | None,
        as_json: bool,
    ) -> None:
        """The picture on a day: who holds each place and its parts, confirmed, claimed
        or contested, with the claims behind it."""
        from sitroom.situation import Sides, compute, latest_day, load, picture_on
        from sitroom.situation.render import _table, print_places

        day = _day(at)
        with _readonly(obj) as store:
            if statements:
                rows = [row_dict(r) for r in store.rows("control", doc_id=doc_id)]
                if as_json:
                    _echo_json(rows)
                else:
                    _table("control statements", _STATEMENT_COLUMNS,
                           [[r[c] for c in _STATEMENT_COLUMNS] for r in rows])  # fmt: skip
                return
            day = day or latest_day(store.conn) or dt.date.today().isoformat()
            sides = Sides()
            if recompute:
                picture = compute(store.conn, sides, until=day)
            else:
                picture = load(store.conn, sides, at=day)
        places = picture_on(picture, day, country)
        if as_json:
            _echo_json({"day": day, "places": places})
        else:
            print_places(places, day)

    @main.command()
    @click.argument("place", required=False)
    @click.option("--all", "all_", is_flag=True, help="Every place's timeline.")
    @json_option
    @click.pass_obj
    def timeline(obj: dict[str, Any], place: str | None, all_: bool, as_json: bool) -> None:
        """A place's control history: holder, status, since, until, state, sources."""
        from sitroom.situation import Sides, load
        from sitroom.situation import timeline as entries_of
        from sitroom.situation.render import print_timeline

        if bool(place) == all_:
            raise click.UsageError("name one PLACE, or give --all")
        ids: frozenset[int] = frozenset()
        if place:
            from sitroom.places import load_gazetteer

            ids = frozenset(c.geonameid for c in load_gazetteer().lookup(place) if c.geonameid)
        with _readonly(obj) as store:
            keys = [place_key(i, None, "") for i in ids] if place else None
            picture = load(store.conn, Sides(), place_keys=keys, name=place)
            entries = entries_of(picture, place, geonameids=ids)
        if place and not entries:
            raise Failure(f"no control statements about {place!r}; `sitroom control` lists places")
        if as_json:
            _echo_json(entries)
        else:
            print_timeline(entries)

    @main.command()
    @click.option(
        "--kind",
        type=click.Choice(["contradiction", "qualification"]),
        help="Only contradictions, or only qualifications.",
    )
    @json_option
    @click.pass_obj
    def contested(obj: dict[str, Any], kind: str | None, as_json: bool) -> None:
        """Contradictions (statements that cannot both be true) and qualifications (a part
        holding out of a taken place), each with both sides' speakers and sentences."""
        from sitroom.situation import Sides, load
        from sitroom.situation import contested as pairs_of
        from sitroom.situation.render import print_pairs

        with _readonly(obj) as store:
            found = pairs_of(load(store.conn, Sides()), kind=kind)
        if as_json:
            _echo_json([p.as_json() for p in found])
        else:
            print_pairs(found)

    @main.command(name="check-aggregates")
    @json_option
    @click.pass_obj
    def check_aggregates_(obj: dict[str, Any], as_json: bool) -> None:
        """Check aggregate claims ("took 4 of 18 state capitals in a month") against
        the places the picture knows: agrees, falls short or exceeds."""
        from sitroom.places import load_gazetteer
        from sitroom.situation import Sides, check_aggregates, load
        from sitroom.situation.render import print_checks

        sides = Sides()
        with _readonly(obj) as store:
            checks = check_aggregates(store.conn, load(store.conn, sides), sides, load_gazetteer())
        if as_json:
            _echo_json(checks)
        else:
            print_checks(checks)

    @main.command()
    @json_option
    @click.pass_obj
    def incidents(obj: dict[str, Any], as_json: bool) -> None:
        """Events merged across reports: one incident (type, day +/-1, 25 km, actors that
        agree) listing every report behind it."""
        from sitroom.situation import merge_events
        from sitroom.situation.render import print_incidents

        with _readonly(obj) as store:
            found = [i.as_json() for i in merge_events(store.conn)]
        if as_json:
            _echo_json(found)
        else:
            print_incidents(found)

    @main.command()
    @click.option("--full", is_flag=True, help="Recompute every place, not only changed ones.")
    @click.pass_obj
    def refresh(obj: dict[str, Any], full: bool) -> None:
        """Bring the stored situation picture up to date (``ingest`` does this itself)."""
        from sitroom.situation import Sides, rebuild
        from sitroom.situation import refresh as refresh_dirty

        try:
            store = Store.open(obj["db"])
        except SitroomError as exc:
            raise Failure(str(exc)) from exc
        with store:
            n = (rebuild if full else refresh_dirty)(store.conn, Sides())
        click.echo(f"{obj['db']}: {n} places recomputed", err=True)
