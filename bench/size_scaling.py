"""Size scaling: the cost of ingesting one report as the report grows.

    .venv/bin/python bench/size_scaling.py [--sizes 10,100,1000] [--corpus FILE.jsonl]
                                           [--json OUT]

The same prose at each size: the first articles of ``--corpus`` (default
``../shared/eval/dev/control_news.jsonl``, real long-form news) joined up to 10 KB, and
repeated to reach 100 KB and 1 MB. Repetition is the hard case, not the easy one: every
place, actor and statement recurs, so whatever is compared pairwise (topic chains,
merges, contradiction pairs, per-place loops) grows with the square of the text if it
is not bounded.

Each size runs in a process of its own: the pipeline is loaded and warmed up (one
untimed ingest of a short report) before the clock starts; the clock then times one
``ingest_reports`` of the report into a new SQLite store in a temporary folder:
parsing, extraction, the write and the refresh of the picture. Peak memory is that
process's resident high-water mark (``VmHWM``) over the timed ingest, reset after the
warm-up (Linux ``/proc/self/clear_refs``); elsewhere it is the process's peak so far.

Printed per size: seconds, milliseconds per KB, peak MB and the cost per KB relative
to the smallest size. Issue target: at 1 MB within 1.5x of the cost per KB at 10 KB,
and a 1 MB report ingested in under a minute.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "eval" / "dev" / "control_news.jsonl"
BASE_CHARS = 10_000
TARGET_RATIO = 1.5


class BenchError(Exception):
    """A problem with the bench's input: reported on one line, exit code 2."""


def base_prose(corpus: Path) -> str:
    """The first articles of a JSON Lines corpus, joined, cut to ``BASE_CHARS``."""
    if not corpus.is_file():
        raise BenchError(f"no corpus at {corpus} (see --corpus)")
    prose = ""
    with corpus.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                text = json.loads(line).get("text") or ""
            except (json.JSONDecodeError, AttributeError) as exc:
                raise BenchError(f"{corpus}:{number}: not a JSON object with 'text'") from exc
            prose += text.strip() + "\n\n"
            if len(prose) >= BASE_CHARS:
                return prose[:BASE_CHARS]
    raise BenchError(f"{corpus}: fewer than {BASE_CHARS} characters of text")


def prose_of(base: str, kilobytes: int) -> str:
    size = kilobytes * 1000
    return (base * (size // len(base) + 1))[:size]


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(kilobytes: int, corpus: Path) -> dict:
    """Time one ingest of the prose at this size (in this process)."""
    from sitroom.extract import Pipeline
    from sitroom.ingest import ingest_reports
    from sitroom.record import Report
    from sitroom.store import Store

    base = base_prose(corpus)
    day = dt.date(2017, 1, 1)
    pipeline = Pipeline()
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as folder:
        with Store.open(Path(folder) / "warm.sqlite") as store:
            ingest_reports(store, [Report("warm", base[:3000], day)], pipeline=pipeline)
        report = Report(f"prose-{kilobytes}kb", prose_of(base, kilobytes), day)
        reset = _reset_peak()
        with Store.open(Path(folder) / "timed.sqlite") as store:
            start = time.perf_counter()
            result = ingest_reports(store, [report], pipeline=pipeline)
            seconds = time.perf_counter() - start
    if result.failures:
        raise BenchError(f"{kilobytes} KB: {result.failures[0]}")
    return {
        "kilobytes": kilobytes,
        "seconds": round(seconds, 2),
        "ms_per_kb": round(seconds * 1000 / kilobytes, 2),
        "peak_mb": round(_peak_mb(), 1),
        "peak_is_own": reset,
    }


def run_all(sizes: list[int], corpus: Path) -> list[dict]:
    rows = []
    for kilobytes in sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(kilobytes), "--corpus", str(corpus)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
            raise BenchError(f"{kilobytes} KB run failed: {last}")
        rows.append(json.loads(done.stdout))
        print(f"  {kilobytes:>6} KB done in {rows[-1]['seconds']} s", file=sys.stderr)
    smallest = rows[0]["ms_per_kb"]
    for row in rows:
        row["ratio"] = round(row["ms_per_kb"] / smallest, 2)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="KB, comma-separated")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, metavar="OUT")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process's size
    args = parser.parse_args(argv)
    try:
        if args.one:
            print(json.dumps(run_one(args.one, args.corpus)))
            return 0
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
        if not sizes or sizes[0] < 1:
            parser.error("--sizes takes positive whole numbers of KB")
        rows = run_all(sizes, args.corpus)
    except (BenchError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{'size':>8} {'seconds':>8} {'ms/KB':>7} {'peak MB':>8} {'x 10 KB':>8}")
    for row in rows:
        print(
            f"{row['kilobytes']:>5} KB {row['seconds']:>8} {row['ms_per_kb']:>7} "
            f"{row['peak_mb']:>8} {row['ratio']:>8}"
        )
    worst = max(row["ratio"] for row in rows)
    print(f"largest cost per KB / smallest: {worst} (target <= {TARGET_RATIO})")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "target_ratio": TARGET_RATIO}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
