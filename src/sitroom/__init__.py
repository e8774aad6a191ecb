"""sitroom: a situation room built from the news."""

from sitroom.record import (
    Aggregate,
    Claim,
    Control,
    Event,
    Evidence,
    Place,
    Report,
    SituationRecord,
    Toponym,
)

__all__ = [
    "Aggregate",
    "Claim",
    "Control",
    "Event",
    "Evidence",
    "Place",
    "Report",
    "SituationRecord",
    "Toponym",
]
