"""Hostile and malformed input: readers and extraction never crash, every failure is a
one-line error naming the report, and long reports are parsed in chunks, not refused."""

import datetime as dt
import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom.errors import ReadError
from sitroom.read import read_paths
from sitroom.record import Report

FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(data=st.binary(max_size=2000))
def test_any_bytes_read_as_a_report_or_one_clear_error(tmp_path, data):
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    [item] = list(read_paths([path]))
    assert isinstance(item, Report | ReadError)
    if isinstance(item, ReadError):
        assert str(path) in str(item) and "\n" not in str(item)


@FAST
@given(lines=st.lists(st.one_of(st.text(max_size=200), st.binary(max_size=200)), max_size=8))
def test_any_json_lines_give_one_item_a_line_and_never_raise(tmp_path, lines):
    path = tmp_path / "r.jsonl"
    with path.open("wb") as handle:
        for line in lines:
            raw = line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")
            handle.write(raw.replace(b"\n", b" ").replace(b"\r", b" ") + b"\n")
    items = list(read_paths([path]))
    assert all(isinstance(i, Report | ReadError) for i in items)
    for item in items:
        if isinstance(item, ReadError):
            assert str(path) in str(item) and "\n" not in str(item)


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400
).filter(lambda t: t.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=_TEXT)
def test_extraction_of_any_text_keeps_its_offsets(pipeline, text):
    record = pipeline.extract(Report("fuzz", text, dt.date(2022, 1, 1), "header"))
    for item in [*record.events, *record.control, *record.claims, *record.aggregates]:
        assert text[item.evidence.start : item.evidence.end] == item.evidence.text
    for toponym in record.toponyms:
        assert 0 <= toponym.start < toponym.end <= len(text)


def test_markup_and_control_characters_are_plain_text(pipeline):
    text = (
        "<div>" * 500
        + "Rebels captured Goma\x00\x07 on Monday.<script>x()</script>"
        + "</div>" * 500
    )
    record = pipeline.extract(Report("html", text, dt.date(2022, 3, 9), "header"))
    assert json.loads(record.to_json())["doc_id"] == "html"


def test_a_long_report_without_punctuation_is_parsed_in_chunks(pipeline):
    words = ["rebels", "captured", "Goma", "and", "then", "moved", "on"]
    text = " ".join(words[i % len(words)] for i in range(60_000))  # ~400 KB, no full stop
    started = time.monotonic()
    record = pipeline.extract(Report("long", text, dt.date(2022, 3, 9), "header"))
    assert time.monotonic() - started < 300
    goma = [t for t in record.toponyms if t.text == "Goma"]
    assert goma and goma[-1].start > 300_000  # the last chunk was read too
    assert all(text[t.start : t.end] == t.text for t in goma)


def test_a_2_mb_sentence_is_read_whole_and_cut_into_short_pieces(tmp_path):
    from sitroom.extract import RUN_ON_CHARS, split_chunks

    words = ["militia", "fighters", "shelled", "Goma", "again", "overnight"]
    text = " ".join(words[i % len(words)] for i in range(300_000))  # ~2 MB, no full stop
    path = tmp_path / "run-on.txt"
    path.write_text(f"date 2023-05-10 {text}", encoding="utf-8")
    started = time.monotonic()
    [report] = list(read_paths([path]))
    chunks = split_chunks(report.text)
    assert time.monotonic() - started < 30
    assert len(report.text) > 2_000_000 and "".join(c for _, c in chunks) == report.text
    assert max(len(c) for _, c in chunks) <= RUN_ON_CHARS


def test_mixed_encodings_are_one_clear_error_naming_the_file(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"date 2023-05-10 Rebels entered Goma " + "Bèni".encode("latin-1"))
    [item] = list(read_paths([path]))
    assert isinstance(item, ReadError) and str(path) in str(item)
    assert "\n" not in str(item)
