"""Query parameters read and checked in one place: a bad value is a 400 with a message
that names the parameter, never a stack trace and never a piece of SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
_TEXT_MAX = 200


def bad(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


def day(params: QueryParams, name: str) -> str | None:
    value = (params.get(name) or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise bad(f"{name}: {value[:40]!r} is not a day; write YYYY-MM-DD") from None


def integer(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    value = (params.get(name) or "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise bad(f"{name}: {value[:40]!r} is not a whole number") from None
    if not low <= number <= high:
        raise bad(f"{name}: {number} is outside {low}..{high}")
    return number


def text(params: QueryParams, name: str) -> str | None:
    value = (params.get(name) or "").strip()
    if len(value) > _TEXT_MAX:
        raise bad(f"{name}: longer than {_TEXT_MAX} characters")
    return value or None


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    @classmethod
    def read(cls, params: QueryParams) -> Page:
        return cls(
            limit=integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
            offset=integer(params, "offset", 0, 0, 10**9),
        )


@dataclass(frozen=True)
class Filters:
    """What the timeline and the item APIs filter on; every field optional."""

    since: str | None = None
    until: str | None = None
    type: str | None = None  # PLOVER type, PLOVER mode or ACLED sub-event type
    actor: str | None = None
    country: str | None = None
    place: str | None = None
    doc: str | None = None

    @classmethod
    def read(cls, params: QueryParams) -> Filters:
        since, until = day(params, "since"), day(params, "until")
        if since and until and since > until:
            raise bad(f"since {since} is after until {until}")
        country = text(params, "country")
        if country and not (len(country) == 2 and country.isalpha()):
            raise bad(f"country: {country[:40]!r} is not an ISO 3166 alpha-2 code")
        return cls(
            since=since,
            until=until,
            type=text(params, "type"),
            actor=text(params, "actor"),
            country=country.upper() if country else None,
            place=text(params, "place"),
            doc=text(params, "doc"),
        )

    def query(self) -> dict[str, str]:
        """The filters as query parameters again (for links to the next page)."""
        return {k: v for k, v in self.__dict__.items() if v}
