"""Scale-out benchmark: the same corpus through four engines, in one run.

1. single process: ``Pipeline.extract_many`` (full extraction),
2. bare spaCy with two processes: ``nlp.pipe(texts, n_process=2)`` (no extraction),
3. Dask LocalCluster with 1 worker, full extraction,
4. Dask LocalCluster with 2 workers, full extraction.

Reports reports/s and words/s for each, the Dask(2) / bare(n_process=2) ratio (issue
target: >= 0.85) and the peak memory of each Dask worker. Cluster start-up is timed
apart from extraction (the workers load their pipeline on a warm-up batch first).

    .venv/bin/python bench/scale.py [--limit 240] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import BenchError, corpus_files, load_corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "eval" / "dev"


def _rate(name: str, seconds: float, reports: int, words: int) -> dict:
    return {
        "engine": name,
        "seconds": round(seconds, 2),
        "reports_per_s": round(reports / seconds, 1),
        "words_per_s": round(words / seconds),
    }


def _worker_rss_mb(client) -> dict[str, float]:  # noqa: ANN001 - a distributed Client
    import resource

    def peak() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    return {addr: round(mb, 1) for addr, mb in client.run(peak).items()}


def _warm(reports: list) -> None:
    """On a worker: load its pipeline and extract a few reports (not timed)."""
    from sitroom.scale.worker import worker_pipeline

    for _ in worker_pipeline().extract_many(reports):
        pass


def run(limit: int) -> dict:
    from distributed import Client

    from sitroom.extract import Pipeline
    from sitroom.nlp import load_nlp
    from sitroom.scale import extract_with_dask
    from sitroom.scale.dask import local_cluster

    corpus = load_corpus(corpus_files([DEFAULT_CORPUS]), limit)
    reports, words = corpus.reports, corpus.words
    texts = [r.text for r in reports]
    rows = []

    nlp = load_nlp()
    pipeline = Pipeline(nlp=nlp)
    list(pipeline.extract_many(corpus.spare[:16]))  # warm: model, gazetteer, actors
    start = time.perf_counter()
    list(pipeline.extract_many(reports))
    rows.append(_rate("single process (full)", time.perf_counter() - start, len(reports), words))

    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=2, batch_size=16):
        pass
    bare = _rate("nlp.pipe n_process=2 (bare)", time.perf_counter() - start, len(reports), words)
    rows.append(bare)

    memory = {}
    startup = {}
    for workers in (1, 2):
        began = time.perf_counter()
        with local_cluster(workers) as cluster, Client(cluster) as client:
            # every worker loads its pipeline and meets some words before the clock starts
            client.run(_warm, corpus.spare[16:32])
            list(
                extract_with_dask(
                    corpus.spare[32 : 32 + 4 * workers], scheduler=cluster.scheduler_address
                )
            )
            startup[workers] = round(time.perf_counter() - began, 2)
            start = time.perf_counter()
            list(extract_with_dask(reports, scheduler=cluster.scheduler_address))
            seconds = time.perf_counter() - start
            memory[workers] = _worker_rss_mb(client)
        rows.append(_rate(f"dask {workers} worker(s) (full)", seconds, len(reports), words))
    ratio = rows[-1]["words_per_s"] / bare["words_per_s"]
    speedup = rows[-1]["words_per_s"] / rows[0]["words_per_s"]
    return {
        "dask2_speedup_over_single": round(speedup, 3),
        "reports": len(reports),
        "words": words,
        "rows": rows,
        "dask2_over_bare_n2": round(ratio, 3),
        "startup_s": startup,
        "worker_peak_rss_mb": memory,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=240, help="reports in the timed sample")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    try:
        result = run(args.limit)
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
        f" dask(2) / single process = {result['dask2_speedup_over_single']}"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
