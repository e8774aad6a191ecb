import datetime as dt
import json

from sitroom.errors import ReadError
from sitroom.read import read_paths
from sitroom.record import Report


def _read(path):
    return list(read_paths([path]))


def test_reference_header_on_same_line_is_stripped(tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(
        "  date 2022-03-04 TOWNVILLE, Somewhere • Something happened.\nMore.", encoding="utf-8"
    )
    [report] = _read(path)
    assert isinstance(report, Report)
    assert report.date == dt.date(2022, 3, 4)
    assert report.date_source == "header"
    assert report.text.startswith("TOWNVILLE, Somewhere")
    assert report.doc_id == "r1"


def test_seed_text_matches_gold_text(tmp_path):
    from conftest import SEED_GOLD, SEED_TEXT

    [report] = _read(SEED_TEXT)
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    assert report.text == gold["text"]
    assert report.date.isoformat() == gold["date"]
    assert report.doc_id == gold["doc_id"]


def test_dateline_gives_the_date_when_there_is_no_header(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(
        "BAGHDAD, Iraq (March 3, 2004) — Officials said the road reopened.", encoding="utf-8"
    )
    [report] = _read(path)
    assert report.date == dt.date(2004, 3, 3)
    assert report.date_source == "dateline"


def test_report_without_a_date_is_read_with_null_date(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("Officials said the road reopened after repairs.", encoding="utf-8")
    [report] = _read(path)
    assert isinstance(report, Report)
    assert report.date is None and report.date_source is None


def test_jsonl_keeps_text_verbatim_and_reports_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"doc_id": "a", "date": "2021-01-02", "text": "  Leading spaces kept."}),
        "{not json",
        json.dumps({"doc_id": "c", "date": "2021-13-40", "text": "Bad date."}),
        json.dumps({"date": None, "text": "No id here."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["Report", "ReadError", "ReadError", "Report"]
    assert items[0].text == "  Leading spaces kept."
    assert str(items[1]).startswith(f"{path}:2: not valid JSON")
    assert f"{path}:3" in str(items[2])
    assert items[3].doc_id == "batch-4"


def test_folders_are_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("date 2020-01-01 One.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("date 2020-01-02 Two.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("date 2020-01-03 Hidden.", encoding="utf-8")
    assert [r.doc_id for r in _read(tmp_path)] == ["a", "c"]


def test_bad_inputs_each_get_one_clear_error(tmp_path):
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02 date")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("date 2020-01-01 Caf\xe9".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("date 2020-01-01 " + "word " * 1000, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    results = list(read_paths([binary, latin, empty, missing]))
    results += list(read_paths([big], max_bytes=1000))
    assert all(isinstance(r, ReadError) for r in results)
    messages = [str(r) for r in results]
    assert "binary" in messages[0] and str(binary) in messages[0]
    assert "not UTF-8" in messages[1] and "offset 19" in messages[1]
    assert "empty" in messages[2]
    assert "no such file" in messages[3]
    assert "over the" in messages[4] and "limit" in messages[4]
    assert all("\n" not in m for m in messages)
