"""One report: its text with every extracted item marked at its words, each sentence an
anchor (``#s<N>``) that the map, the timeline and the place pages link to."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from sitroom.web import queries
from sitroom.web.highlight import sentences
from sitroom.web.views._common import render, state


def page(request: Request) -> Response:
    doc_id = request.path_params["doc_id"]
    with state(request).store() as store:
        found = queries.report(store.conn, doc_id)
        if found is None:
            raise HTTPException(404, f"no report {doc_id!r} in the store")
        items = queries.items(store.conn, doc_id)
    return render(
        request,
        "report.html",
        title=found["title"] or doc_id,
        report=found,
        items=items,
        sentences=sentences(found["text"], items),
    )
