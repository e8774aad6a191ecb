"""The CLI through its real entry point (the installed ``sitroom`` script)."""

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from sitroom.cli import main

SITROOM = str(Path(sys.executable).with_name("sitroom"))


def run(*args, env=None, input=None):
    return subprocess.run(
        [SITROOM, *args], capture_output=True, text=True, env=env, input=input, timeout=600
    )


def test_every_command_has_help_text():
    for name, command in main.commands.items():
        assert command.help and command.help.strip(), f"`sitroom {name}` has no help text"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"`sitroom {name} {param.opts[0]}` has no help text"


def test_readme_lists_every_command():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert name in readme, f"README does not mention `sitroom {name}`"


def test_python_dash_m_works_like_the_command():
    result = subprocess.run(
        [sys.executable, "-m", "sitroom", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "ingest" in result.stdout


def test_listing_without_a_database_is_one_clear_line(tmp_path):
    result = run("--db", str(tmp_path / "none.sqlite"), "events")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no such database" in result.stderr


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The seed report and a batch with one bad file, ingested into a real SQLite file."""
    from conftest import SEED_TEXT

    folder = tmp_path_factory.mktemp("batch")
    (folder / "seed.txt").write_text(SEED_TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"date 2021-01-01 \xff\xfe broken")
    db = folder / "store.sqlite"
    first = run("--db", str(db), "ingest", str(folder))
    second = run("--db", str(db), "ingest", str(folder / "seed.txt"))
    return db, first, second


def test_batch_with_a_bad_file_stores_the_rest_and_exits_1(ingested):
    db, first, _ = ingested
    assert first.returncode == 1, first.stderr
    assert "broken.txt: not UTF-8" in first.stderr
    assert "1 added" in first.stderr and "1 failed" in first.stderr
    reports = json.loads(run("--db", str(db), "reports", "--json").stdout)
    assert [r["doc_id"] for r in reports] == ["seed"]


def test_reingesting_the_same_report_changes_nothing(ingested):
    db, _, second = ingested
    assert second.returncode == 0, second.stderr
    assert "0 added, 0 replaced, 1 unchanged" in second.stderr


def test_listings_print_tables_and_json(ingested):
    db, _, _ = ingested
    control = json.loads(run("--db", str(db), "control", "--statements", "--json").stdout)
    assert {c["place_name"] for c in control} >= {"Kunduz", "Farah"}
    claims = run("--db", str(db), "claims")
    assert claims.returncode == 0 and "speaker" in claims.stdout
    shown = json.loads(run("--db", str(db), "show", "seed", "--json").stdout)
    assert shown["doc_id"] == "seed" and shown["events"]


def test_extract_writes_one_record_a_report(tmp_path):
    from conftest import SEED_TEXT

    out = tmp_path / "out.jsonl"
    result = run("extract", str(SEED_TEXT), "--out", str(out))
    assert result.returncode == 0, result.stderr
    [line] = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert set(record) >= {
        "doc_id",
        "date",
        "events",
        "toponyms",
        "control",
        "claims",
        "aggregates",
    }
    assert record["date"] == "2021-08-10"


def test_a_50_mb_report_is_refused_with_one_line_and_nothing_stored(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.write(b"date 2021-01-01 ")
        handle.truncate(50 * 1024 * 1024)
    db = tmp_path / "s.sqlite"
    result = run("--db", str(db), "ingest", str(big))
    assert result.returncode == 2
    [line] = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert "huge.txt" in line and "over the" in line
    assert json.loads(run("--db", str(db), "reports", "--json").stdout) == []


def test_more_reports_than_max_batch_is_one_line_and_nothing_stored(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(4):
        (folder / f"r{i}.txt").write_text(f"date 2023-05-0{i + 1} Rebels shelled Goma.\n")
    db = tmp_path / "s.sqlite"
    refused = run("--db", str(db), "ingest", str(folder), "--max-batch", "3")
    assert refused.returncode == 2
    [line] = refused.stderr.strip().splitlines()
    assert "more than 3 reports" in line and "reports" in line and "--max-batch" in line
    assert json.loads(run("--db", str(db), "reports", "--json").stdout) == []
    taken = run("--db", str(db), "ingest", str(folder), "--max-batch", "4")
    assert taken.returncode == 0, taken.stderr
    assert len(json.loads(run("--db", str(db), "reports", "--json").stdout)) == 4


def test_eval_prints_the_headline_last(tmp_path):
    from conftest import SEED_GOLD

    result = run("eval", str(SEED_GOLD), "--metric", "toponyms")
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("headline: toponyms acc@161km")


_LONG_PROSE = (
    "Militia fighters took the hill village of Dorva on Tuesday after two days of fighting,"
    " a local official said. The army withdrew its last units from the district overnight."
    " Shelling hit the market in Kessa, killing four people, residents said. Aid convoys"
    " have not reached the valley since the bridge was destroyed in March. The rebels say"
    " they now control most of the road between Dorva and the provincial capital.\n\n"
)


def test_a_report_over_its_time_budget_fails_with_one_line_and_the_others_are_stored(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    # "a-" sorts first: the long report meets the pipeline's one-time loading, not the short
    (folder / "a-long.txt").write_text("date 2023-05-02\n" + _LONG_PROSE * 500)  # ~200 KB
    (folder / "b-short.txt").write_text("date 2023-05-03\n" + _LONG_PROSE)
    db = tmp_path / "s.sqlite"
    result = run("--db", str(db), "ingest", str(folder), "--budget", "0.3")
    assert result.returncode == 1, result.stderr
    [line] = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert "a-long.txt" in line and "time budget" in line and "Traceback" not in result.stderr
    stored = json.loads(run("--db", str(db), "reports", "--json").stdout)
    assert [r["doc_id"] for r in stored] == ["b-short"]


def test_with_no_time_at_all_nothing_is_stored_and_the_exit_code_is_2(tmp_path):
    db = tmp_path / "s.sqlite"
    report = tmp_path / "r.txt"
    report.write_text("date 2023-05-03\n" + _LONG_PROSE)
    result = run("--db", str(db), "ingest", str(report), "--budget", "0")
    assert result.returncode == 2
    assert "time budget" in result.stderr
    assert json.loads(run("--db", str(db), "reports", "--json").stdout) == []
