"""Text output of the situation commands (``--json`` prints the same data whole)."""

from __future__ import annotations

from typing import Any

from sitroom.situation.assess import Pair


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{title} ({len(rows)})")
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    add_columns(table, columns, cells)
    for row in cells:
        table.add_row(*row)
    Console(width=max(140, Console().width)).print(table)


# A column is at least as wide as its longest word (up to this many characters), so that
# rich wraps its cells at spaces and never splits "heavy-weapons" or a day in two.
LONGEST_UNBROKEN = 28


def add_columns(table: Any, columns: list[str], rows: list[list[str]]) -> None:
    """Add ``columns`` to a rich ``table``, each wide enough for its longest word."""
    for i, column in enumerate(columns):
        words = [w for row in rows for w in row[i].split()] + column.split()
        widest = max((len(w) for w in words), default=1)
        table.add_column(column, overflow="fold", min_width=min(widest, LONGEST_UNBROKEN))


def _cut(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_places(places: list[dict[str, Any]], day: str) -> None:
    rows = []
    for place in places:
        holders = "; ".join(
            f"{h['holder']} {h['status']} since {h['since']}" for h in place["holders"]
        )
        parts = "; ".join(f"{p['part']}: {p['holder']} ({p['state']})" for p in place["parts"])
        claims = "; ".join(
            f"{c['speaker']} (s{c['sentence']}): {c['holder']} {c['status']}"
            for c in place["claims"]
        )
        age = place["age_days"]
        reported = f"{place['last_reported']} ({age} d{', stale' if place['stale'] else ''})"
        rows.append([place["place"], place["country"], place["state"], holders, parts,
                     reported if place["last_reported"] else "",
                     "; ".join(place["reasons"]), claims])  # fmt: skip
    columns = ["place", "country", "state", "holder", "parts", "last reported", "why", "claims"]
    _table(f"control on {day}", columns, rows)


def print_timeline(entries: list[dict[str, Any]]) -> None:
    rows = [
        [e["place"], e["part"], e["holder"], e["status"], e["since"], e["until"], e["state"],
         ", ".join(e["sources"]), ", ".join(e["speakers"])]
        for e in entries
    ]  # fmt: skip
    columns = [
        "place",
        "part",
        "holder",
        "status",
        "since",
        "until",
        "state",
        "sources",
        "speakers",
    ]
    _table("timeline", columns, rows)


def _side(position: dict[str, Any]) -> str:
    where = f"{position['part']}: " if position["part"] else ""
    said = "; ".join(
        f"{s['speaker'] or 'reporter'} [{s['doc_id']} s{s['sentence']}] {_cut(s['text'], 60)}"
        for s in position["statements"]
    )
    return f"{where}{position['holder']} {position['status']} — {said}"


def print_pairs(pairs: list[Pair]) -> None:
    rows = []
    for pair in pairs:
        data = pair.as_json()
        kind = str(data["kind"]) + (" (counter-claim)" if data["counter_claim"] else "")
        kind += " (denial)" if data["denial"] else ""
        rows.append([data["place"], kind, data["since"], _side(data["a"]), _side(data["b"])])  # type: ignore[arg-type]
    _table("contested", ["place", "kind", "since", "one side", "other side"], rows)


def print_checks(checks: list[dict[str, Any]]) -> None:
    rows = []
    for check in checks:
        known = ", ".join(f"{k['place']} {k['since']} ({k['state']})" for k in check["known"])
        claim = f"{check['actor']} {check['verb']} {check['count']}"
        claim += f" of {check['of']}" if check["of"] else ""
        claim += f" {check['category']}"
        claim += f" in {check['period_days']} days" if check["period_days"] else ""
        rows.append([claim, f"{check['verdict']}: {check['summary']}", known,
                     f"{check['doc_id']} s{check['sentence']}"])  # fmt: skip
    _table("aggregate checks", ["claim", "verdict", "places known", "source"], rows)


def print_incidents(incidents: list[dict[str, Any]]) -> None:
    rows = [
        [i["date"], i["type"], i["place"], i["actor1"], i["actor2"], len(i["reports"]),
         ", ".join(i["reports"])]
        for i in incidents
    ]  # fmt: skip
    _table("incidents", ["date", "type", "place", "actor1", "actor2", "reports", "doc_ids"], rows)
