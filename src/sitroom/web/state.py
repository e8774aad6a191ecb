"""What every request shares: the database path, the sides of the conflict and the
situation picture, cached until the database file changes. Connections are read-only
and opened per request (SQLite connections are cheap; one thread each)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sitroom.store import Store

_MEMO_SIZE = 64


class State:
    """The app's one shared object (``request.app.state.sitroom``)."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._sides: Any = None
        self._picture: Any = None
        self._stamp: tuple[Any, ...] | None = None
        self._lock = threading.Lock()
        self._memo: dict[Any, Any] = {}

    @contextmanager
    def store(self) -> Iterator[Store]:
        store = Store.open(self.db_path, readonly=True)
        try:
            yield store
        finally:
            store.close()

    def sides(self) -> Any:
        if self._sides is None:
            from sitroom.situation import Sides

            self._sides = Sides()
        return self._sides

    def _file_stamp(self) -> tuple[Any, ...]:
        """Changes whenever a writer commits (the main file or its write-ahead log)."""
        stamp: list[Any] = []
        for suffix in ("", "-wal"):
            try:
                info = os.stat(self.db_path + suffix)
            except FileNotFoundError:
                stamp.append(None)
            else:
                stamp.append((info.st_mtime_ns, info.st_size))
        return tuple(stamp)

    def picture(self, store: Store) -> Any:
        """The current picture (place key -> segments), recomputed when the file changed."""
        from sitroom.situation import load

        stamp = self._file_stamp()
        with self._lock:
            if self._picture is None or stamp != self._stamp:
                self._picture = load(store.conn, self.sides())
                self._stamp = stamp
                self._memo = {}
            return self._picture

    def memo(self, store: Store, key: Any, compute: Callable[[Any], Any]) -> Any:
        """``compute(picture)``, kept while the store does not change (a few dozen kept:
        the picture on the days people look at, the contradictions, the search catalogue)."""
        picture = self.picture(store)
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        value = compute(picture)
        with self._lock:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.pop(next(iter(self._memo)))
            self._memo[key] = value
        return value
