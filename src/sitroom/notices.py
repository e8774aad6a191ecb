"""Messages for a person waiting on a long step that happens once (building the place
gazetteer on first run), on stderr; ``sitroom --quiet`` silences them."""

from __future__ import annotations

import sys

_state = {"quiet": False}


def set_quiet(quiet: bool) -> None:
    _state["quiet"] = quiet


def notice(message: str) -> None:
    if not _state["quiet"]:
        print(f"sitroom: {message}", file=sys.stderr, flush=True)
