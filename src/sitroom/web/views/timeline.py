"""The timeline: events and control statements filtered by days, type, actor, country,
place, with the picture "as of" a day on the map."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sitroom.web import params, queries
from sitroom.web import picture as pic
from sitroom.web.views._common import pager, render, state
from sitroom.web.views.overview import TABLE_ROWS


def page(request: Request) -> Response:
    filters = params.Filters.read(request.query_params)
    page_ = params.Page.read(request.query_params)
    as_of = params.day(request.query_params, "as_of")
    with state(request).store() as store:
        picture = state(request).picture(store)
        first, last = queries.day_range(store.conn)
        day = as_of or filters.until or pic.default_day(picture, last)
        events, total = queries.events(store.conn, filters, page_)
        control, control_total = queries.control(store.conn, filters, params.Page(200, 0))
        places = pic.on_day(state(request), store, day, filters.country) if day else []
    if filters.place:
        wanted = filters.place.casefold()
        places = [p for p in places if wanted in (p["place"].casefold(), p["place_key"])]
    return render(
        request,
        "timeline.html",
        title="Timeline",
        filters=filters,
        day=day,
        first=first,
        last=last,
        places=pic.worst_first(places, TABLE_ROWS),
        more=max(0, len(places) - TABLE_ROWS),
        events=events,
        control=control,
        control_total=control_total,
        pages=pager(request, total, page_.limit, page_.offset),
    )
