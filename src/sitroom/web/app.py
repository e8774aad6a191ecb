"""The ASGI app: routes, templates (autoescaped), static files, security headers, errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Receive, Scope, Send

from sitroom.errors import StoreError
from sitroom.web.guard import Guard, Limits
from sitroom.web.state import State
from sitroom.web.views import api, contested, overview, place, report, search, timeline

HERE = Path(__file__).resolve().parent
# No inline script anywhere: data reaches the map through /api/, never through the page.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
    " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
    " form-action 'self'; frame-ancestors 'none'"
)


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name: report text is shown, never run
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


class _Headers:
    """Security headers on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, sending)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _wants_json(request):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": exc.status_code, "message": exc.detail, "title": "Error", "nav": ""},
        status_code=exc.status_code,
    )  # fmt: skip


async def _store_error(request: Request, exc: Exception) -> Response:
    return await _http_error(request, HTTPException(503, str(exc)))


def routes() -> list[Route | Mount]:
    return [
        Route("/", overview.page, name="overview"),
        Route("/timeline", timeline.page, name="timeline"),
        Route("/place/{key:path}", place.page, name="place"),
        Route("/contested", contested.page, name="contested"),
        Route("/report/{doc_id:path}", report.page, name="report"),
        Route("/search", search.page, name="search"),
        *api.routes(),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]


def create_app(
    db_path: str, *, token: str | None = None, limits: Limits | None = None
) -> Starlette:
    """The situation room over the store at ``db_path`` (opened read-only per request);
    with ``token``, only for requests that carry it (``sitroom.web.guard``)."""
    app = Starlette(
        routes=routes(),
        exception_handlers={HTTPException: _http_error, StoreError: _store_error},
    )
    app.state.sitroom = State(str(db_path))
    app.state.templates = _templates()
    app.add_middleware(Guard, token=token, limits=limits or Limits())
    app.add_middleware(_Headers)  # outermost: the guard's own answers carry the headers too
    return app
