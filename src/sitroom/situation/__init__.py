"""The situation picture, built from stored records only (never from raw text).

    sides = Sides()                          # actor dictionary + sides.yaml, loaded lazily
    picture = load(store.conn, sides)        # place key -> control segments, kept fresh
    picture_on(picture, "2021-08-10")        # each place's state on a day
    timeline(picture, "Kunduz")              # a place's history
    contested(picture)                       # contradictions and qualifications
    check_aggregates(store.conn, picture, sides, load_gazetteer())
    merge_events(store.conn)                 # one incident, every report behind it

The writer keeps the stored picture fresh with ``refresh`` after writing reports (only
the places those reports touch) or ``rebuild``; ``compute(..., until=DAY)`` recomputes it
from scratch as it stood on any day.
"""

from sitroom.situation.aggregates import check_aggregates
from sitroom.situation.assess import Pair, assess, pairs
from sitroom.situation.derived import Picture, compute, load, rebuild, refresh
from sitroom.situation.merge import Incident, merge_events
from sitroom.situation.picture import contested, latest_day, picture_on, timeline
from sitroom.situation.sides import Sides
from sitroom.situation.statements import Statement, load_statements
from sitroom.situation.timeline import Segment, build_segments

__all__ = [
    "Incident",
    "Pair",
    "Picture",
    "Segment",
    "Sides",
    "Statement",
    "assess",
    "build_segments",
    "check_aggregates",
    "compute",
    "contested",
    "latest_day",
    "load",
    "load_statements",
    "merge_events",
    "pairs",
    "picture_on",
    "rebuild",
    "refresh",
    "timeline",
]
