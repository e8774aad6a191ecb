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


# -- one grammar: global options before or after the command ---------------------------


def test_every_command_that_uses_the_store_takes_db_after_its_name():
    from sitroom.cli.common import WITHOUT_STORE

    for name, command in main.commands.items():
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        if name in WITHOUT_STORE:
            assert "--db" not in options, f"`sitroom {name}` takes --db but never opens a store"
        else:
            assert "--db" in options, f"`sitroom {name} --db X` is refused"
        assert "--quiet" in options, f"`sitroom {name} --quiet` is refused"


def test_db_and_json_mean_the_same_before_and_after_the_command(tmp_path):
    from conftest import SEED_TEXT

    db = str(tmp_path / "s.sqlite")
    stored = run("ingest", str(SEED_TEXT), "--db", db, "--quiet")
    assert stored.returncode == 0 and stored.stderr == ""
    after = run("events", "--db", db, "--json")
    before = run("--db", db, "--json", "events")
    assert after.returncode == before.returncode == 0
    assert json.loads(after.stdout) == json.loads(before.stdout) != []
    assert not (tmp_path / "sitroom.sqlite").exists()


def test_an_option_that_does_not_apply_is_refused_on_one_line(tmp_path):
    for args in (
        ["--json", "ingest", str(tmp_path)],
        ["ingest", str(tmp_path), "--json"],
        ["extract", str(tmp_path), "--db", str(tmp_path / "s.sqlite")],
        ["no-such-command"],
    ):
        result = run(*args)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("error:"), args


# -- faults of the store -----------------------------------------------------------------


def _statements(path, n):
    towns = ["Goma", "Bunia", "Beni", "Butembo", "Uvira", "Bukavu"]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            text = (
                f"Rebels shelled {towns[i % 6]} on Monday, killing {i % 9 + 2} people,"
                f" officials said in their statement number {i}."
            )
            handle.write(json.dumps({"doc_id": f"r{i}", "date": "2023-05-10", "text": text}))
            handle.write("\n")


def test_a_full_disk_ends_the_ingest_with_one_line_and_what_was_stored_is_whole(
    tmp_path, monkeypatch
):
    """SQLite's own SQLITE_FULL, from a cap on the pages the store may grow by (the
    in-process stand-in for a small disk: a real full disk needs a mount)."""
    from click.testing import CliRunner

    from sitroom.store import Store

    corpus, db = tmp_path / "c.jsonl", tmp_path / "s.sqlite"
    _statements(corpus, 120)
    opened = Store.open.__func__

    def small_disk(cls, path, *, readonly=False):
        store = opened(cls, path, readonly=readonly)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 60}")
        return store

    monkeypatch.setattr(Store, "open", classmethod(small_disk))
    full = CliRunner().invoke(main, ["--db", str(db), "ingest", str(corpus)])
    monkeypatch.undo()
    assert full.exit_code == 1, full.output
    [line] = [x for x in full.output.splitlines() if x.startswith("error:")]
    assert "disk is full" in line and "free space" in line and "Traceback" not in full.output
    stored = json.loads(run("--db", str(db), "reports", "--json").stdout)
    assert 0 < len(stored) < 120
    assert run("--db", str(db), "check").returncode == 0
    again = run("--db", str(db), "ingest", str(corpus))
    assert again.returncode == 0, again.stderr
    assert len(json.loads(run("--db", str(db), "reports", "--json").stdout)) == 120


def test_a_damaged_store_is_reported_by_check_not_a_traceback(tmp_path):
    import random
    import sqlite3

    corpus, db = tmp_path / "c.jsonl", tmp_path / "s.sqlite"
    _statements(corpus, 200)
    assert run("--db", str(db), "ingest", str(corpus)).returncode == 0
    with sqlite3.connect(db) as conn:  # one record that is no longer text
        conn.execute("UPDATE reports SET record = CAST(X'80FF00FE' AS TEXT) WHERE doc_id = 'r7'")
    checked = run("--db", str(db), "check")
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert "report r7" in checked.stdout
    size = db.stat().st_size  # and 4 KB of garbage in the middle of the file
    with db.open("r+b") as handle:
        handle.seek(size // 2 - (size // 2) % 4096)
        handle.write(random.Random(3).randbytes(4096))
    for args in (["check"], ["check", "--json"], ["reports"], ["control"], ["events"]):
        result = run("--db", str(db), *args)
        assert "Traceback" not in result.stderr, args
        assert result.returncode in (0, 1, 2), args
        if result.returncode == 2:
            assert result.stderr.count("\n") == 1 and "damaged" in result.stderr, args
    assert run("--db", str(db), "check").returncode == 1


def test_sizes_are_shown_in_mib_as_typed_and_coordinates_without_float_noise(tmp_path):
    helped = run("ingest", "--help")
    assert "[default: 10.0;" in helped.stdout
    big = tmp_path / "big.txt"
    big.write_text("date 2021-01-01 " + "x" * (3 * 1024 * 1024))
    refused = run("--db", str(tmp_path / "s.sqlite"), "ingest", str(big), "--max-report-mb", "2")
    assert "3.0 MiB, over the 2 MiB limit" in refused.stderr
    from conftest import SEED_TEXT

    extracted = run("extract", str(SEED_TEXT))
    record = json.loads(extracted.stdout)
    coordinates = [t[k] for t in record["toponyms"] for k in ("lat", "lon") if t[k] is not None]
    assert coordinates and all(round(c, 5) == c for c in coordinates)


def test_the_first_run_says_it_is_building_the_gazetteer_and_quiet_silences_it(tmp_path):
    import os

    env = dict(os.environ, SITROOM_CACHE=str(tmp_path / "fresh-cache"))
    sample = Path(__file__).resolve().parents[1] / "samples" / "sudan-2023-12-19.txt"
    first = subprocess.run(
        [SITROOM, "places", str(sample)], capture_output=True, text=True, env=env, timeout=600
    )
    assert first.returncode == 0, first.stderr
    assert "building the place gazetteer" in first.stderr and "gazetteer built in" in first.stderr
    assert "Wad Madani" in first.stdout or "Wad Medani" in first.stdout
    (tmp_path / "fresh-cache").rename(tmp_path / "built")
    env["SITROOM_CACHE"] = str(tmp_path / "second")
    (tmp_path / "second").mkdir()
    quiet = subprocess.run(
        [SITROOM, "-q", "places", str(sample)], capture_output=True, text=True, env=env, timeout=600
    )
    assert quiet.returncode == 0 and "gazetteer" not in quiet.stderr


# -- destinations, empty inputs, sources that fail -------------------------------------


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    from conftest import SEED_TEXT

    db = tmp_path_factory.mktemp("small") / "small.sqlite"
    assert run("--db", str(db), "-q", "ingest", str(SEED_TEXT)).returncode == 0
    return db


def test_export_and_backup_put_files_in_an_existing_folder_and_make_none(tmp_path, small_store):
    db = str(small_store)
    folder = tmp_path / "out"
    folder.mkdir()
    exported = run("--db", db, "export", "--format", "acled-csv", "--out", str(folder))
    assert exported.returncode == 0, exported.stderr
    assert (folder / "small.csv").read_text().startswith("data_id,iso,event_id_cnty")
    saved = run("--db", db, "backup", str(folder))
    assert saved.returncode == 0 and (folder / "small.sqlite").exists()
    for args in (
        ["export", "--format", "acled-csv", "--out", str(tmp_path / "missing" / "x.csv")],
        ["export", "--format", "geojson", "--out", str(tmp_path / "nodir") + "/"],
        ["backup", str(tmp_path / "nodir") + "/"],
        ["backup", str(tmp_path / "missing" / "copy.sqlite")],
    ):
        result = run("--db", db, *args)
        assert result.returncode == 2, args
        assert result.stderr.count("\n") == 1 and "no such folder" in result.stderr, args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing made


def test_options_of_another_format_are_refused(small_store):
    refused = run("--db", str(small_store), "export", "--format", "acled-csv", "--layer", "control")
    assert refused.returncode == 2 and "--layer applies to geojson only" in refused.stderr


def test_an_empty_folder_is_the_same_one_line_for_ingest_and_places(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    ingest = ["--db", str(tmp_path / "s.sqlite"), "ingest", str(empty)]
    for args in (ingest, ["places", str(empty)]):
        result = run(*args)
        assert result.returncode == 2, args
        assert result.stderr.strip() == f"error: {empty}: no report found", args


def test_places_reads_every_report_of_a_json_lines_file(tmp_path):
    lines = tmp_path / "two.jsonl"
    lines.write_text(
        json.dumps({"doc_id": "one", "date": "2023-01-02", "text": "Shelling hit Bakhmut."})
        + "\n"
        + json.dumps({"doc_id": "two", "date": "2023-01-03", "text": "Troops left Kupiansk."})
        + "\n"
    )
    result = run("places", str(lines), "--json")
    assert result.returncode == 0, result.stderr
    found = {(row["doc_id"], row["text"]) for row in json.loads(result.stdout)}
    assert found == {("one", "Bakhmut"), ("two", "Kupiansk")}


def test_watch_says_in_its_exit_code_that_its_only_source_failed(tmp_path):
    db = str(tmp_path / "s.sqlite")
    gone = run("--db", db, "watch", str(tmp_path / "gone"), "--cycles", "1", "--interval", "0.1")
    assert gone.returncode == 2 and "no such folder" in gone.stderr
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "r.txt").write_text("date 2023-01-02\nShelling hit Bakhmut on Monday.\n")
    half = run("--db", db, "watch", str(folder), str(tmp_path / "gone"), "--cycles", "1",
               "--interval", "0.1")  # fmt: skip
    assert half.returncode == 1 and "no such folder" in half.stderr


def test_the_plover_export_keeps_every_event_captures_coded_as_occupying(small_store, tmp_path):
    db = str(small_store)
    out = tmp_path / "plover.json"
    assert run("--db", db, "export", "--format", "plover-json", "--out", str(out)).returncode == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    stored = json.loads(run("--db", db, "events", "--json").stdout)
    assert len(exported) == len(stored)
    captures = [
        e for e in exported if e["acled_sub_event_type"] == "Non-state actor overtakes territory"
    ]
    assert captures and all((e["event"], e["mode"]) == ("COERCE", "confiscate") for e in captures)
    assert all(e["event"] for e in exported)


def _on_a_terminal(*args):
    """Run ``sitroom`` with its standard error on a pseudo-terminal: what a person sees."""
    import os
    import pty

    leader, follower = pty.openpty()
    env = dict(os.environ, COLUMNS="140", TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    done = subprocess.Popen(
        [SITROOM, *args], stdout=subprocess.PIPE, stderr=follower, env=env, text=True
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed: the process is gone
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    out = done.stdout.read()
    done.wait(timeout=600)
    return done.returncode, out, seen.decode("utf-8", "replace")


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_a_long_run_shows_its_progress_on_a_terminal_only(tmp_path, command):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, town in (("a", "Aybak"), ("b", "Kunduz")):
        (folder / f"{name}.txt").write_text(
            f"date 2021-08-0{len(name) + 7}\nTaliban fighters captured {town} on Sunday.",
            encoding="utf-8",
        )
    (folder / "bad.txt").write_bytes(b"date 2021-08-09 \xff broken")
    db = ["--db", str(tmp_path / "p.sqlite")] if command == "ingest" else []
    code, out, screen = _on_a_terminal(*db, command, str(folder))
    assert code == 1, screen
    assert "reading" in screen and "extracting" in screen
    assert "2/2" in screen and "1 failed" in screen  # two extracted, the bad file counted
    assert "bad.txt: not UTF-8" in screen  # errors still said, above the bars
    if command == "extract":
        assert len(out.splitlines()) == 2  # the records on stdout, untouched by the bars
    piped = run(*db, command, str(folder))
    quiet = _on_a_terminal(*db, command, str(folder), "--quiet")[2]
    for shown in (piped.stderr, quiet):
        assert "extracting" not in shown and "reports/s" not in shown
