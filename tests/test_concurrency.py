"""The dashboard and its API keep answering, without errors, while an ingest writes to
the same store: the real ``sitroom serve`` on 127.0.0.1 and a real ``sitroom ingest``,
each its own process, with a bounded number of concurrent requests."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from test_crash import _corpus

SITROOM = str(Path(sys.executable).with_name("sitroom"))
ROUTES = [
    "/",
    "/timeline",
    "/contested",
    "/search?q=Goma",
    "/api/summary",
    "/api/picture",
    "/api/events?limit=50",
    "/api/control",
    "/api/reports?limit=20",
]
CLIENTS = 4
MAX_REQUESTS = 400
MAX_SECONDS = 240


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _reports(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
        return conn.execute("SELECT count(*) FROM reports").fetchone()[0]


def _ask(url: str) -> tuple[int | str, float]:
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            answer.read()
            status: int | str = answer.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError as exc:
        status = f"{type(exc).__name__}: {exc}"
    return status, time.perf_counter() - began


def test_dashboard_answers_every_request_while_an_ingest_writes(tmp_path):
    first, rest, db = tmp_path / "first.jsonl", tmp_path / "rest.jsonl", tmp_path / "live.sqlite"
    _corpus(first, 20)
    _corpus(rest, 600)
    seeded = subprocess.run([SITROOM, "--db", str(db), "ingest", str(first)], capture_output=True)
    assert seeded.returncode == 0, seeded.stderr
    port = _port()
    server = subprocess.Popen(
        [SITROOM, "serve", "--db", str(db), "--port", str(port)], stderr=subprocess.DEVNULL
    )
    ingest = None
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while _ask(base + "/api/summary")[0] != 200:
            assert server.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.2)
        seeded_count = _reports(db)
        ingest = subprocess.Popen(
            [SITROOM, "--db", str(db), "ingest", str(rest)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 120
        while _reports(db) == seeded_count:  # the requests start once the writer writes
            assert ingest.poll() is None and time.monotonic() < deadline, "ingest wrote nothing"
            time.sleep(0.05)
        before = _reports(db)
        results: list[tuple[int | str, float, bool]] = []
        stop = time.monotonic() + MAX_SECONDS

        def client(worker: int) -> None:
            for n in range(MAX_REQUESTS // CLIENTS):
                if time.monotonic() > stop or ingest.poll() is not None:
                    return
                status, seconds = _ask(base + ROUTES[(worker + n) % len(ROUTES)])
                results.append((status, seconds, ingest.poll() is None))

        with ThreadPoolExecutor(CLIENTS) as pool:
            list(pool.map(client, range(CLIENTS)))
        during = _reports(db)
        assert ingest.wait(timeout=600) == 0, ingest.stderr.read().decode()
    finally:
        if ingest is not None and ingest.poll() is None:
            ingest.kill()
        server.terminate()
        server.wait(timeout=10)
    errors = [status for status, _, _ in results if status != 200]
    assert errors == []
    served_while_writing = sum(writing for _, _, writing in results)
    assert served_while_writing >= 50, "the ingest ended before the requests could meet it"
    assert during > before, "the store did not grow while the requests were served"
    latencies = sorted(seconds for _, seconds, _ in results)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(
        f"concurrency: {len(results)} requests ({served_while_writing} while the ingest wrote"
        f" {during - before} reports), 0 errors, p99 {p99 * 1000:.0f} ms"
    )
