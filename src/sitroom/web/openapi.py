"""The OpenAPI 3.1 description of /api/, written from one table of routes and parameters
(a test holds it equal to the routes the app serves)."""

from __future__ import annotations

from typing import Any

_DAY = {"type": "string", "format": "date"}
_STR = {"type": "string"}


def _param(name: str, schema: dict, doc: str, where: str = "query") -> dict[str, Any]:
    return {"name": name, "in": where, "required": where == "path", "schema": schema,
            "description": doc}  # fmt: skip


_PAGE = [
    _param("limit", {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}, "Page size."),
    _param("offset", {"type": "integer", "minimum": 0, "default": 0}, "Items to skip."),
]
_FILTERS = [
    _param("since", _DAY, "First day (YYYY-MM-DD)."),
    _param("until", _DAY, "Last day (YYYY-MM-DD)."),
    _param("type", _STR, "Event: PLOVER type, mode or ACLED sub-event type; control: status."),
    _param("actor", _STR, "Part of an actor's, holder's or speaker's name (any case)."),
    _param("country", _STR, "ISO 3166 alpha-2 country code."),
    _param("place", _STR, "A place name (any case) or place key."),
    _param("doc", _STR, "Only this report's items."),
]
_REFERENCE_FILTERS = [p for p in _FILTERS if p["name"] in ("since", "until", "country")]
_DAY_PARAM = [_param("day", _DAY, "The day (default: the latest day known).")]

# path -> (summary, parameters, paged)
ROUTES: dict[str, tuple[str, list[dict[str, Any]], bool]] = {
    "/api/openapi.json": ("This description.", [], False),
    "/api/summary": ("Counts of stored items and the days they span.", [], False),
    "/api/picture": (
        "Each place's control state on a day: holders, parts, state, reasons, claims.",
        [
            *_DAY_PARAM,
            _param("country", _STR, "ISO 3166 alpha-2 country code."),
            _param(
                "known",
                {"type": "string", "enum": ["now", "then"], "default": "now"},
                "now: the day as all reports tell it (hindsight); then: as the reports"
                " published by that day told it.",
            ),
        ],
        False,
    ),
    "/api/events": ("Stored events, latest first, with their sentence.", _FILTERS, True),
    "/api/events/points": (
        "Events for the map: one point per place and type (no days given: the last week).",
        _FILTERS,
        False,
    ),
    "/api/reference/points": (
        "The ACLED reference layer (`sitroom import-acled`) for the map: one point per location"
        " and sub-event type (at most 2000, most events first) with its count, last day and"
        " latest event (id, notes, source); `total` events and `points` in all (no days given:"
        " the week up to ACLED's last day; nothing imported: no items).",
        _REFERENCE_FILTERS,
        False,
    ),
    "/api/control": ("Control statements as each report states them.", _FILTERS, True),
    "/api/claims": ("Attributed claims: who said what, how.", _FILTERS, True),
    "/api/reports": (
        "Stored reports, latest first.",
        [_param("q", _STR, "Text to look for.")],
        True,
    ),
    "/api/reports/{doc_id}": (
        "One report: text and every extracted item with its span.",
        [_param("doc_id", _STR, "The report's id.", "path")],
        False,
    ),
    "/api/places/{key}": (
        "One place: state, control history, contradictions, events, reports.",
        [
            _param("key", _STR, "Place key: g<GeoNames id> or n:<CC>:<name>.", "path"),
            *_DAY_PARAM,
        ],  # fmt: skip
        False,
    ),
    "/api/contested": (
        "Contradictions and qualifications, both sides with speakers and sentences.",
        [_param("kind", {"type": "string", "enum": ["contradiction", "qualification"]}, "Kind.")],
        True,
    ),
    "/api/search": (
        "Places, actors and reports matching a text.",
        [{**_param("q", _STR, "Text to look for."), "required": True}],
        False,
    ),
}


def spec() -> dict[str, Any]:
    paths = {}
    for path, (summary, parameters, paged) in ROUTES.items():
        paths[path] = {
            "get": {
                "summary": summary,
                "parameters": parameters + (_PAGE if paged else []),
                "responses": {
                    "200": {"description": "JSON", "content": {"application/json": {}}},
                    "400": {"description": "A parameter is wrong; `error` says which."},
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "sitroom",
            "version": _version(),
            "description": "The situation room's data, read-only.",
        },  # fmt: skip
        "paths": paths,
    }


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sitroom")
    except PackageNotFoundError:
        return "unknown"
