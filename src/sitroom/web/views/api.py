"""The JSON API under /api/: everything the pages show, paged and filtered the same way.
Its OpenAPI description is ``/api/openapi.json`` (``sitroom.web.openapi``)."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from sitroom.web import params, queries, reference
from sitroom.web import picture as pic
from sitroom.web.openapi import spec
from sitroom.web.views._common import names, state
from sitroom.web.views.contested import KINDS


def _json(data: Any) -> JSONResponse:
    return JSONResponse(data)


def _listing(request: Request, query: Any) -> JSONResponse:
    filters = params.Filters.read(request.query_params)
    page = params.Page.read(request.query_params)
    with state(request).store() as store:
        rows, total = query(store.conn, filters, page)
    return _json({"total": total, "limit": page.limit, "offset": page.offset, "items": rows})


def events(request: Request) -> JSONResponse:
    return _listing(request, queries.events)


def control(request: Request) -> JSONResponse:
    return _listing(request, queries.control)


def claims(request: Request) -> JSONResponse:
    return _listing(request, queries.claims)


def event_points(request: Request) -> JSONResponse:
    filters = params.Filters.read(request.query_params)
    with state(request).store() as store:
        return _json({"items": queries.event_points(store.conn, filters)})


def reference_points(request: Request) -> JSONResponse:
    """The ACLED reference layer for the map (``sitroom.web.reference``): days and country
    as for sitroom's own points; no export imported, no points."""
    filters = params.Filters.read(request.query_params)
    with state(request).store() as store:
        return _json(reference.points(store.conn, filters))


def summary(request: Request) -> JSONResponse:
    with state(request).store() as store:
        picture = state(request).picture(store)
        counts = queries.counts(store.conn)
        first, last = queries.day_range(store.conn)
    counts["places"] = len(picture)
    day = pic.default_day(picture, last)
    return _json({"counts": counts, "first": first, "last": last, "day": day})


def picture(request: Request) -> JSONResponse:
    day = params.day(request.query_params, "day")
    country = params.Filters.read(request.query_params).country
    with state(request).store() as store:
        found = state(request).picture(store)
        day = day or pic.default_day(found, queries.day_range(store.conn)[1])
        known = params.text(request.query_params, "known") or "now"
        if known not in ("now", "then"):
            raise params.bad(f"known: {known[:40]!r} is not 'now' or 'then'")
        view = pic.known_then if known == "then" else pic.on_day
        places = view(state(request), store, day, country) if day else []
    return _json({"day": day, "known": known, "places": places})


def reports(request: Request) -> JSONResponse:
    q = params.text(request.query_params, "q")
    page = params.Page.read(request.query_params)
    with state(request).store() as store:
        rows, total = queries.reports(store.conn, q, page)
    return _json({"total": total, "limit": page.limit, "offset": page.offset, "items": rows})


def report(request: Request) -> JSONResponse:
    doc_id = request.path_params["doc_id"]
    with state(request).store() as store:
        found = queries.report(store.conn, doc_id)
        if found is None:
            raise HTTPException(404, f"no report {doc_id!r}")
        found.update(queries.items(store.conn, doc_id))
    return _json(found)


def place(request: Request) -> JSONResponse:
    key = request.path_params["key"]
    day = params.day(request.query_params, "day")
    with state(request).store() as store:
        found = state(request).picture(store)
        where = queries.place_name(store.conn, key)
        if where is None:
            raise HTTPException(404, f"no place {key!r}")
        events = queries.place_rows(store.conn, key, "events")
        statements = queries.place_rows(store.conn, key, "control")
        reports_ = queries.place_reports(store.conn, key)
        last = queries.day_range(store.conn)[1]  # the store's now, as everywhere
    scope = {key: found[key]} if key in found else {}
    day = day or pic.default_day(scope, last)
    now = pic.places_on(scope, day) if day else []
    return _json(
        {
            "place_key": key,
            **where,
            "day": day,
            "state": now[0] if now else None,
            "history": pic.history(found, key),
            "contested": pic.pairs(found, key=key),
            "control": statements,
            "events": events,
            "reports": reports_,
        }
    )


def contested(request: Request) -> JSONResponse:
    kind = params.text(request.query_params, "kind")
    if kind and kind not in KINDS:
        raise params.bad(f"kind: {kind[:40]!r} is not one of {', '.join(KINDS)}")
    page = params.Page.read(request.query_params)
    with state(request).store() as store:
        found = pic.all_pairs(state(request), store, kind)
    items = found[page.offset : page.offset + page.limit]
    return _json({"total": len(found), "limit": page.limit, "offset": page.offset, "items": items})


def search(request: Request) -> JSONResponse:
    q = params.text(request.query_params, "q")
    if not q:
        raise params.bad("q: give something to search for")
    with state(request).store() as store:
        return _json(queries.search(store.conn, q, names(request, store)))


def openapi(request: Request) -> JSONResponse:
    return _json(spec())


def routes() -> list[Route]:
    return [
        Route("/api/openapi.json", openapi, name="api_openapi"),
        Route("/api/summary", summary, name="api_summary"),
        Route("/api/picture", picture, name="api_picture"),
        Route("/api/events", events, name="api_events"),
        Route("/api/events/points", event_points, name="api_event_points"),
        Route("/api/reference/points", reference_points, name="api_reference_points"),
        Route("/api/control", control, name="api_control"),
        Route("/api/claims", claims, name="api_claims"),
        Route("/api/reports", reports, name="api_reports"),
        Route("/api/reports/{doc_id:path}", report, name="api_report"),
        Route("/api/places/{key:path}", place, name="api_place"),
        Route("/api/contested", contested, name="api_contested"),
        Route("/api/search", search, name="api_search"),
    ]
