"""Every contradiction and qualification, both sides with speaker and sentence."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sitroom.web import params
from sitroom.web import picture as pic
from sitroom.web.views._common import render, state

KINDS = ("contradiction", "qualification")


def page(request: Request) -> Response:
    kind = params.text(request.query_params, "kind")
    if kind and kind not in KINDS:
        raise params.bad(f"kind: {kind[:40]!r} is not one of {', '.join(KINDS)}")
    with state(request).store() as store:
        pairs = pic.pairs(state(request).picture(store), kind=kind)
    return render(request, "contested.html", title="Contested", pairs=pairs, kind=kind, kinds=KINDS)
