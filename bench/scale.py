"""Scale-out benchmark: the same corpus through four engines, in one run.

1. single process: ``Pipeline.extract_many`` (full extraction), and bare ``nlp.pipe`` in
   one process beside it (what spaCy's own two processes are measured against),
2. bare spaCy with two processes: ``nlp.pipe(texts, n_process=2)`` (no extraction),
3. Dask LocalCluster with 1 worker, full extraction,
4. Dask LocalCluster with 2 workers, full extraction.

"Bare" is the model package's pipeline as shipped (``sitroom.nlp.load_model``). sitroom
parses with the same pipeline made cheaper (``load_nlp``: the same annotations, its
attribute ruler and lemmatizer memoised), so the bench also times bare ``nlp.pipe`` of
that one, in one and two processes: against it, the Dask ratio shows what extraction and
Dask add to sitroom's own parse.

Reports reports/s and words/s for each, the Dask(2) / bare(n_process=2) ratio (issue
target: >= 0.85), the same against sitroom's parse, and the peak memory of each Dask
worker.

Every engine starts cold in a process of its own (the single and bare runs in a
subprocess, the Dask workers as spawned by their cluster), meets the same warm-up
reports (from outside the sample) before the clock starts, and parses the timed texts
for the first time; each engine runs ``--repeat`` times in turns and keeps its best.
spaCy runs 10-20 % faster on texts whose words it has met before,
so an engine that inherited a vocabulary grown on the timed texts (``n_process`` forks
its workers from the calling process) would be measured at an advantage. Cluster
start-up is timed apart from extraction.

    .venv/bin/python bench/scale.py [--limit 240] [--repeat 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import BenchError, corpus_files, load_corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "eval" / "dev"
WARMUP_REPORTS = 64
ENGINES = ("single", "bare1", "bare2", "parse1", "parse2", "dask1", "dask2")
NAMES = {
    "single": "single process (full)",
    "bare1": "nlp.pipe one process (bare)",
    "bare2": "nlp.pipe n_process=2 (bare)",
    "parse1": "sitroom's nlp.pipe one process",
    "parse2": "sitroom's nlp.pipe n_process=2",
    "dask1": "dask 1 worker(s) (full)",
    "dask2": "dask 2 worker(s) (full)",
}


def _rate(name: str, seconds: float, reports: int, words: int) -> dict:
    return {
        "engine": name,
        "seconds": round(seconds, 2),
        "reports_per_s": round(reports / seconds, 1),
        "words_per_s": round(words / seconds),
    }


def _corpus(limit: int):  # noqa: ANN202 - (timed reports, warm-up reports, words)
    corpus = load_corpus(corpus_files([DEFAULT_CORPUS]), limit)
    spare = corpus.spare
    step = max(1, len(spare) // WARMUP_REPORTS)
    return corpus.reports, spare[::step][:WARMUP_REPORTS], corpus.words


def _worker_rss_mb(client) -> dict[str, float]:  # noqa: ANN001 - a distributed Client
    import resource

    def peak() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    return {addr: round(mb, 1) for addr, mb in client.run(peak).items()}


def _warm(reports: list) -> None:
    """On a worker: load its pipeline and extract the warm-up reports (not timed)."""
    from sitroom.scale.worker import worker_pipeline

    for _ in worker_pipeline().extract_many(reports):
        pass


def run_engine(engine: str, limit: int) -> dict:
    """One engine, timed in this (fresh) process."""
    reports, warmup, words = _corpus(limit)
    if engine in ("single", "bare1", "bare2", "parse1", "parse2"):
        from sitroom.extract import Pipeline
        from sitroom.nlp import load_model, load_nlp

        nlp = load_model() if engine.startswith("bare") else load_nlp()
        if engine == "single":
            pipeline = Pipeline(nlp=nlp)
            list(pipeline.extract_many(warmup))
            start = time.perf_counter()
            list(pipeline.extract_many(reports))
        else:
            list(nlp.pipe([r.text for r in warmup], batch_size=16))
            texts = [r.text for r in reports]
            start = time.perf_counter()
            for _ in nlp.pipe(texts, n_process=int(engine[-1]), batch_size=16):
                pass
        return _rate(NAMES[engine], time.perf_counter() - start, len(reports), words)

    from distributed import Client

    from sitroom.scale import extract_with_dask
    from sitroom.scale.dask import local_cluster

    workers = int(engine[-1])
    began = time.perf_counter()
    with local_cluster(workers) as cluster, Client(cluster) as client:
        client.run(_warm, warmup)  # every worker loads its pipeline and meets some words
        # and the engine's own first-time costs (pyarrow imports on both sides), untimed
        list(extract_with_dask(warmup[: 2 * workers], scheduler=cluster.scheduler_address))
        startup = time.perf_counter() - began
        start = time.perf_counter()
        list(extract_with_dask(reports, scheduler=cluster.scheduler_address))
        seconds = time.perf_counter() - start
        memory = _worker_rss_mb(client)
    row = _rate(NAMES[engine], seconds, len(reports), words)
    row.update(startup_s=round(startup, 2), worker_peak_rss_mb=memory)
    return row


def _in_subprocess(engine: str, limit: int) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--engine", engine, "--limit", str(limit)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"engine {engine} failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(limit: int, repeat: int = 1) -> dict:
    """Every engine ``repeat`` times, in turns; each keeps its best run (this machine's
    speed drifts by 10 % over minutes, which one pass would lay on some engines only)."""
    reports, _, words = _corpus(limit)
    rows: dict[str, dict] = {}
    for _ in range(max(1, repeat)):
        for engine in ENGINES:
            row = _in_subprocess(engine, limit)
            if engine not in rows or row["words_per_s"] > rows[engine]["words_per_s"]:
                rows[engine] = row
    bare, parse, dask2 = rows["bare2"], rows["parse2"], rows["dask2"]
    return {
        "reports": len(reports),
        "words": words,
        "rows": [rows[engine] for engine in ENGINES],
        "dask2_over_bare_n2": round(dask2["words_per_s"] / bare["words_per_s"], 3),
        "dask2_over_sitroom_parse_n2": round(dask2["words_per_s"] / parse["words_per_s"], 3),
        "dask2_speedup_over_single": round(dask2["words_per_s"] / rows["single"]["words_per_s"], 3),
        "startup_s": {n: rows[f"dask{n}"]["startup_s"] for n in (1, 2)},
        "worker_peak_rss_mb": {n: rows[f"dask{n}"]["worker_peak_rss_mb"] for n in (1, 2)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=240, help="reports in the timed sample")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each engine (best kept)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--engine", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.engine:  # one engine, in the fresh process run() started
            print(json.dumps(run_engine(args.engine, args.limit)))
            return 0
        result = run(args.limit, args.repeat)
    except BenchError as exc:
        print(f"bench scale: error: {exc}", file=sys.stderr)
        return 2
    for row in result["rows"]:
        print(
            f"{row['engine']:32} {row['seconds']:7.2f} s {row['reports_per_s']:7.1f} reports/s"
            f" {row['words_per_s']:8d} words/s"
        )
    print(f"worker peak RSS (MB): {result['worker_peak_rss_mb']}")
    print(f"cluster start-up incl. warm-up (s): {result['startup_s']}")
    print(
        f"bench scale: dask(2) / bare n_process=2 = {result['dask2_over_bare_n2']},"
        f" dask(2) / sitroom's parse n_process=2 = {result['dask2_over_sitroom_parse_n2']},"
        f" dask(2) / single process = {result['dask2_speedup_over_single']}"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
