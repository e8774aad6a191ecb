"""Search across places, actors and reports."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sitroom.web import params, queries
from sitroom.web.views._common import names, render, state


def page(request: Request) -> Response:
    q = params.text(request.query_params, "q")
    found = {"places": [], "actors": [], "reports": []}
    if q:
        with state(request).store() as store:
            found = queries.search(store.conn, q, names(request, store))
    return render(request, "search.html", title="Search", q=q or "", found=found)
