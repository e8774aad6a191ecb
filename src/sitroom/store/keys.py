"""The place key: which place a stored row is about, written once for Python and SQL.

A place is its GeoNames id when resolved (``g1142264``), else its country and its name
in lower case (``n:SY:old city``). The SQL form is the expression the store's indexes
and triggers are built on; a query that compares it (with any table alias) is answered
from those indexes.
"""

from __future__ import annotations


def place_key(geonameid: int | None, country: str | None, name: str) -> str:
    """The key of a place, as ``place_key_sql`` computes it in SQLite."""
    if geonameid is not None:
        return f"g{geonameid}"
    lowered = "".join(c.lower() if c.isascii() else c for c in name)  # as SQLite's lower()
    return f"n:{country or ''}:{lowered}"


def place_key_sql(row: str = "", *, name: str = "place_name") -> str:
    """The key as an SQL expression over a row's ``geonameid``, ``country`` and ``name``
    columns; ``row`` is a table alias or ``NEW``/``OLD`` in a trigger."""
    p = f"{row}." if row else ""
    return (
        f"COALESCE('g' || {p}geonameid, 'n:' || COALESCE({p}country, '') || ':'"
        f" || lower({p}{name}))"
    )


def name_key_sql(row: str = "", *, name: str = "place_name") -> str:
    """The key of an unresolved place (country and name) as SQL: the second branch of
    ``place_key_sql``."""
    p = f"{row}." if row else ""
    return f"'n:' || COALESCE({p}country, '') || ':' || lower({p}{name})"
