"""The offline gazetteer: a SQLite index built once from package data, then read-only."""

from __future__ import annotations

import difflib
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import NamedTuple

from sitroom.errors import GazetteerError
from sitroom.places.build import BUILD_VERSION, build
from sitroom.places.normalize import name_key, skeleton, unarticled

KINDS = ("region", "country", "admin1", "admin2", "town")
_COLUMNS = (
    "p.id, p.geonameid, p.name, p.kind, p.country, p.admin1_code, p.admin1, p.admin2, "
    "p.lat, p.lon, p.population, p.capital_id, p.is_capital, p.names"
)
_LOCK = threading.Lock()
# A spelling variant shares the consonants and is this close (difflib ratio); shorter
# skeletons only match without their articles. 0.75 took Panjwa'i for Panjab (measured).
VARIANT_MIN_CONSONANTS = 3
VARIANT_MIN_RATIO = 0.8
# Looked-up names kept in memory (candidates and all) before the memo starts afresh.
MEMO_NAMES = 200_000


class Candidate(NamedTuple):
    """One gazetteer entry a name may refer to (a tuple: made by the dozen for every new
    name a report brings, about five times faster than a frozen dataclass)."""

    id: int
    geonameid: int | None
    name: str
    kind: str  # region | country | admin1 | admin2 | town
    country: str | None
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    capital_id: int | None = None
    is_capital: bool = False  # a country's capital town
    names: int = 0  # how many alternate names GeoNames lists: a proxy for prominence
    main: bool = True  # matched the place's own name, not an alternate one

    @property
    def precision(self) -> str:
        return {"admin2": "district"}.get(self.kind, self.kind)


def cache_dir() -> Path:
    """``$SITROOM_CACHE`` if set, else ``~/.cache/sitroom``."""
    env = os.environ.get("SITROOM_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "sitroom"


def gazetteer_path(directory: Path | None = None) -> Path:
    return (directory or cache_dir()) / f"gazetteer-v{BUILD_VERSION}.sqlite"


class Gazetteer:
    """Read-only access to the built index. Open with :func:`load_gazetteer`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            version = self._conn.execute("SELECT value FROM meta WHERE key='build_version'")
            found = version.fetchone()
        except sqlite3.Error as exc:
            raise GazetteerError(
                f"{path}: cannot read the gazetteer ({exc}); delete it to rebuild"
            ) from exc
        if not found or found[0] != str(BUILD_VERSION):
            raise GazetteerError(f"{path}: built by another version; delete it to rebuild")
        self._memo: dict[str, list[Candidate]] = {}

    def close(self) -> None:
        self._conn.close()

    def lookup(self, name: str) -> list[Candidate]:
        """Every place called ``name`` (any spelling the index knows), biggest first."""
        key = name_key(name)
        if key not in self._memo:
            if len(self._memo) >= MEMO_NAMES:  # a long-running worker meets new names forever
                self._memo.clear()
            rows = self._conn.execute(
                f"SELECT {_COLUMNS}, n.main FROM names n JOIN places p ON p.id = n.place_id "
                "WHERE n.key = ? ORDER BY p.population DESC",
                (key,),
            ).fetchall()
            self._memo[key] = [_candidate(row) for row in rows]
        return self._memo[key]

    def similar(self, name: str, country: str) -> list[Candidate]:
        """Towns and districts of ``country`` under a transliteration variant of ``name``:
        the same once Arabic articles are dropped ("Al Fasher" ~ "El Fasher"), or with the
        same consonants and a close spelling ("Umm Rawaba" ~ "Umm Ruwaba"), biggest first."""
        key = unarticled(name_key(name))
        shape = skeleton(key)
        if not shape:
            return []
        rows = self._conn.execute(
            f"SELECT {_COLUMNS}, n.main, s.key FROM skeletons s "
            "JOIN places p ON p.id = s.place_id "
            "JOIN names n ON n.key = s.key AND n.place_id = s.place_id "
            "WHERE s.skeleton = ? AND s.country = ? ORDER BY p.population DESC",
            (shape, country.upper()),
        ).fetchall()
        out: dict[int, Candidate] = {}
        for row in rows:
            other = unarticled(row[-1])
            close = len(shape) >= VARIANT_MIN_CONSONANTS and (
                difflib.SequenceMatcher(None, key, other).ratio() >= VARIANT_MIN_RATIO
            )
            if row[0] not in out and (other == key or close):
                out[row[0]] = _candidate(row[:-1])
        return list(out.values())

    def get(self, place_id: int) -> Candidate | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS}, 1 FROM places p WHERE p.id = ?", (place_id,)
        ).fetchone()
        return _candidate(row) if row else None

    def country(self, iso2: str) -> Candidate | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS}, 1 FROM places p WHERE p.kind = 'country' AND p.country = ?",
            (iso2.upper(),),
        ).fetchone()
        return _candidate(row) if row else None

    def admin1s(self, iso2: str) -> list[Candidate]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS}, 1 FROM places p WHERE p.kind = 'admin1' AND p.country = ? "
            "ORDER BY p.name",
            (iso2.upper(),),
        ).fetchall()
        return [_candidate(row) for row in rows]

    def admin1(self, iso2: str, code: str) -> Candidate | None:
        """The admin1 of a country by its GeoNames code (US states: postal code)."""
        row = self._conn.execute(
            f"SELECT {_COLUMNS}, 1 FROM places p WHERE p.kind = 'admin1' AND p.country = ? "
            "AND p.admin1_code = ?",
            (iso2.upper(), code),
        ).fetchone()
        return _candidate(row) if row else None

    def capitals(self, iso2: str) -> dict[str, Candidate]:
        """Admin1 name -> the town taken as its capital (see ``build`` for how)."""
        out = {}
        for admin in self.admin1s(iso2):
            town = self.get(admin.capital_id) if admin.capital_id else None
            if town is not None:
                out[admin.name] = town
        return out


def _candidate(row: tuple) -> Candidate:
    return Candidate(*row[:12], is_capital=bool(row[12]), names=row[13], main=bool(row[14]))


def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """Open the gazetteer, building it first (about 30 s here) if this version is not built yet."""
    path = gazetteer_path(directory)
    if not path.exists():
        with _LOCK:
            if not path.exists():
                from sitroom.notices import notice

                notice(
                    "building the place gazetteer from the bundled GeoNames data (first run"
                    " only; about half a minute)..."
                )
                started = time.monotonic()
                build(path)
                notice(f"gazetteer built in {time.monotonic() - started:.0f} s: {path}")
    return Gazetteer(path)
