"""A place: its control history (whole and parts), the claims with their speakers, its
contradictions, its events and the reports that name it."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from sitroom.web import params, queries
from sitroom.web import picture as pic
from sitroom.web.views._common import render, state


def page(request: Request) -> Response:
    key = request.path_params["key"]
    as_of = params.day(request.query_params, "as_of")
    with state(request).store() as store:
        picture = state(request).picture(store)
        where = queries.place_name(store.conn, key)
        if where is None:
            raise HTTPException(404, f"no place {key!r} in the store; try the search")
        events = queries.place_rows(store.conn, key, "events")
        statements = queries.place_rows(store.conn, key, "control")
        reports = queries.place_reports(store.conn, key)
        claims, _ = queries.claims(store.conn, params.Filters(place=key), params.Page(200, 0))
        last = queries.day_range(store.conn)[1]  # the store's now, as everywhere
    day = as_of or pic.default_day({key: picture[key]} if key in picture else {}, last)
    now = pic.places_on({key: picture[key]}, day) if key in picture and day else []
    return render(
        request,
        "place.html",
        title=where["name"],
        key=key,
        where=where,
        day=day,
        now=now[0] if now else None,
        history=pic.history(picture, key),
        pairs=pic.pairs(picture, key=key),
        statements=statements,
        events=events,
        reports=reports,
        claims=claims,
    )
