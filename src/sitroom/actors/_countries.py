"""Country actors generated from pycountry and the demonyms in data/countries.yaml."""

from __future__ import annotations

from collections import Counter

from sitroom.actors._load import Entry, bundled, section
from sitroom.errors import DataFileError

_EXTRA_CODES = {"XK"}  # Kosovo: user-assigned, used by the EU, ACLED and GeoNames


def country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries) | _EXTRA_CODES


def short_names() -> dict[str, str]:
    """ISO2 -> the short name news uses ("Russia", "Syria", "Iran")."""
    import pycountry

    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    for code, (short, _demonyms) in _country_file().items():
        if short:
            names[code] = short
    return names


def country_entries() -> list[Entry]:
    """One ``state`` actor per country: short name, pycountry names and demonyms."""
    import pycountry

    path, _text = bundled("countries.yaml")
    table = _country_file()
    counts = Counter(d.casefold() for _short, demonyms in table.values() for d in demonyms)
    names = short_names()
    entries = []
    for code in sorted(names):
        country = pycountry.countries.get(alpha_2=code)
        aliases = [getattr(country, a, None) for a in ("name", "official_name", "common_name")]
        demonyms = [d for d in table.get(code, (None, ()))[1] if counts[d.casefold()] == 1]
        unique = dict.fromkeys(a for a in (*aliases, *demonyms) if a and a != names[code])
        entries.append(Entry(names[code], "state", code, tuple(unique), (), path, 0))
    return entries


def _country_file() -> dict[str, tuple[str | None, tuple[str, ...]]]:
    path, text = bundled("countries.yaml")
    from sitroom.actors._load import compose

    data, _node = compose(path, text)
    table = data.get("countries") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise DataFileError(path, 1, "expected a top-level 'countries' mapping")
    result = {}
    for code, row in table.items():
        if not isinstance(row, list) or not row or not all(isinstance(v, str) for v in row[1:]):
            raise DataFileError(path, None, f"{code}: expected [short name or ~, demonym, ...]")
        result[str(code)] = (row[0], tuple(row[1:]))
    return result


__all__ = ["country_codes", "country_entries", "section", "short_names"]
