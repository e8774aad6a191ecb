"""The overview: the map of the control picture and recent events, with counts."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sitroom.web import picture as pic
from sitroom.web import queries, reference
from sitroom.web.params import Filters, Page
from sitroom.web.views._common import render, state

TABLE_ROWS = 200  # the map shows every place; the table the first ones, contested first


def page(request: Request) -> Response:
    with state(request).store() as store:
        picture = state(request).picture(store)
        first, last = queries.day_range(store.conn)
        day = pic.default_day(picture, last)
        places = pic.on_day(state(request), store, day) if day else []
        recent, _ = queries.events(store.conn, Filters(), Page(15, 0))
        counts = queries.counts(store.conn)
        imported = reference.imported(store.conn)
    counts["places"] = len(picture)
    counts["contested"] = sum(1 for p in places if p["state"] == "contested")
    return render(
        request,
        "overview.html",
        title="Overview",
        counts=counts,
        day=day,
        first=first,
        last=last,
        places=pic.worst_first(places, TABLE_ROWS),
        more=max(0, len(places) - TABLE_ROWS),
        recent=recent,
        reference=imported,
    )
