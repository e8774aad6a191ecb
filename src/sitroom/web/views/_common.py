"""What the pages share: rendering a template and reading the store and the picture."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from sitroom.web.state import State


def state(request: Request) -> State:
    return request.app.state.sitroom


def names(request: Request, store: Any) -> dict[str, Any]:
    """The store's catalogue of place and actor names, kept until the store changes."""
    from sitroom.web.queries import catalogue

    return state(request).memo(store, "catalogue", lambda _: catalogue(store.conn))


def render(request: Request, name: str, **context: Any) -> Response:
    context.setdefault("title", "")
    context.setdefault("nav", name.removesuffix(".html"))
    return request.app.state.templates.TemplateResponse(request, name, context)


def pager(request: Request, total: int, limit: int, offset: int) -> dict[str, Any]:
    """Links to the previous and next page of a listing (same filters)."""

    def at(new: int) -> str:
        return str(request.url.include_query_params(offset=new, limit=limit))

    return {
        "total": total,
        "first": offset + 1 if total else 0,
        "last": min(offset + limit, total),
        "prev": at(max(0, offset - limit)) if offset > 0 else None,
        "next": at(offset + limit) if offset + limit < total else None,
    }
