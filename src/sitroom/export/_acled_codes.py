"""ACLED's conventions as data (``data/acled.yaml``): event types, inter codes, precisions."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

from sitroom.errors import DataFileError
from sitroom.record import PRECISIONS

_PATH = "sitroom/export/data/acled.yaml"
_SECTIONS = ("event_types", "inter_codes", "identity_militia_words", "geo_precision")


@dataclass(frozen=True)
class AcledCodes:
    event_types: dict[str, str]  # sub-event type -> event type
    inter_codes: dict[str, int]  # sitroom actor kind -> ACLED inter code
    identity_words: frozenset[str]
    geo_precision: dict[str, int]  # sitroom precision -> ACLED geo_precision

    def event_type(self, sub_event_type: str | None) -> str | None:
        return self.event_types.get(sub_event_type or "")

    def inter(self, kind: str | None, name: str | None) -> int | None:
        """ACLED's inter code for an actor of this sitroom kind (None when unknown)."""
        code = self.inter_codes.get(kind or "")
        if code == 3 and name and set(name.casefold().split()) & self.identity_words:
            return 4
        return code

    def precision(self, geo_precision: int) -> str:
        """The sitroom precision of an ACLED geo_precision (1 town, 2 district, 3 admin1)."""
        return {1: "town", 2: "district"}.get(geo_precision, "admin1")


@functools.cache
def acled_codes() -> AcledCodes:
    text = (resources.files("sitroom.export") / "data" / "acled.yaml").read_text("utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(
            _PATH, mark.line + 1 if mark else None, f"not valid YAML: {exc}"
        ) from exc
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value} if node else {}
    for section in _SECTIONS:
        if not isinstance(data, dict) or section not in data:
            raise DataFileError(_PATH, None, f"missing section {section!r}")
    _check(data["event_types"], str, "event_types", lines)
    _check(data["inter_codes"], int, "inter_codes", lines)
    _check(data["geo_precision"], int, "geo_precision", lines)
    unknown = set(data["geo_precision"]) - set(PRECISIONS)
    if unknown:
        raise DataFileError(_PATH, lines["geo_precision"], f"unknown precisions {sorted(unknown)}")
    return AcledCodes(
        event_types=dict(data["event_types"]),
        inter_codes=dict(data["inter_codes"]),
        identity_words=frozenset(w.casefold() for w in data["identity_militia_words"]),
        geo_precision=dict(data["geo_precision"]),
    )


def _check(section: object, kind: type, name: str, lines: dict[str, int]) -> None:
    if not isinstance(section, dict) or not all(
        isinstance(k, str) and isinstance(v, kind) for k, v in section.items()
    ):
        problem = f"section {name!r} must map names to {kind.__name__} values"
        raise DataFileError(_PATH, lines.get(name), problem)
