"""Every contradiction and qualification, both sides with speaker and sentence."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sitroom.web import params
from sitroom.web import picture as pic
from sitroom.web.views._common import pager, render, state

KINDS = ("contradiction", "qualification")


def page(request: Request) -> Response:
    kind = params.text(request.query_params, "kind")
    if kind and kind not in KINDS:
        raise params.bad(f"kind: {kind[:40]!r} is not one of {', '.join(KINDS)}")
    page_ = params.Page.read(request.query_params)
    with state(request).store() as store:
        pairs = pic.all_pairs(state(request), store, kind)
    return render(
        request,
        "contested.html",
        title="Contested",
        pairs=pairs[page_.offset : page_.offset + page_.limit],
        kind=kind,
        kinds=KINDS,
        pages=pager(request, len(pairs), page_.limit, page_.offset),
    )
