"""Crash safety: an ingest killed with SIGKILL at random points, then restarted, leaves
every report stored once and whole (`sitroom check`), and a backup taken meanwhile opens."""

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

SITROOM = str(Path(sys.executable).with_name("sitroom"))
TOWNS = ["Goma", "Bunia", "Beni", "Butembo", "Uvira", "Bukavu", "Kisangani", "Kalemie"]
VERBS = ["captured", "attacked", "entered", "shelled"]


def _corpus(path: Path, n: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            town, verb = rng.choice(TOWNS), rng.choice(VERBS)
            # each text its own (a repeated text would be stored once, as a copy)
            text = (
                f"Rebels {verb} {town} on Monday; {i % 40 + 1} people were killed, officials"
                f" said in statement {i}."
            )
            handle.write(json.dumps({"doc_id": f"r{i}", "date": "2023-05-10", "text": text}) + "\n")


def _stored(db) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet, or its schema not yet written
        return 0


def _sitroom(db, *args, **kw):
    return subprocess.run([SITROOM, "--db", str(db), *args], capture_output=True, text=True, **kw)


def test_killed_ingests_lose_and_duplicate_nothing(tmp_path):
    corpus, db = tmp_path / "corpus.jsonl", tmp_path / "store.sqlite"
    n = 2000
    _corpus(corpus, n)
    rng = random.Random(11)
    kills = 0
    for target in sorted(rng.sample(range(50, n - 200), 3)):
        process = subprocess.Popen(
            [SITROOM, "--db", str(db), "ingest", str(corpus)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # kill it at a random point of the work: once the store holds `target` reports
        while process.poll() is None and _stored(db) < target:
            time.sleep(0.02)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        if kills and db.exists():
            backup = _sitroom(db, "backup", str(tmp_path / f"copy{kills}.sqlite"), timeout=120)
            assert backup.returncode == 0, backup.stderr
    assert kills == 3, "an ingest finished before its kill point"
    final = _sitroom(db, "ingest", str(corpus), timeout=900)
    assert final.returncode == 0, final.stderr
    checked = _sitroom(db, "check", "--json", timeout=300)
    result = json.loads(checked.stdout)
    assert checked.returncode == 0 and result["problems"] == []
    assert result["counts"]["reports"] == n
    with sqlite3.connect(db) as conn:
        ids = [row[0] for row in conn.execute("SELECT doc_id FROM reports")]
    assert len(ids) == len(set(ids)) == n
    for copy in tmp_path.glob("copy*.sqlite"):
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_check_finds_a_half_written_report(tmp_path):
    db = tmp_path / "store.sqlite"
    corpus = tmp_path / "c.jsonl"
    _corpus(corpus, 3)
    assert _sitroom(db, "ingest", str(corpus), timeout=300).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM events WHERE doc_id = 'r0'")
    checked = _sitroom(db, "check", timeout=120)
    assert checked.returncode == 1
    assert "report r0:" in checked.stdout and "events rows" in checked.stdout
