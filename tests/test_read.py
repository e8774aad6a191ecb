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


# -- saved web pages -------------------------------------------------------------------


def _seed_body():
    from conftest import SEED_TEXT

    [report] = _read(SEED_TEXT)
    return report


def test_a_saved_page_gives_its_article_and_metadata_without_the_site_around_it(tmp_path):
    from pages import saved_page

    seed = _seed_body()
    page = tmp_path / "envoy.html"
    page.write_text(
        saved_page(
            seed.text.split("\n"),
            title="Envoy warns Taliban as cities fall",
            published="2021-08-10T14:05:00Z",
            url="https://courier.example/world/2021/08/10/envoy",
        ),
        encoding="utf-8",
    )
    [report] = _read(page)
    assert isinstance(report, Report), report
    assert report.text == seed.text
    assert (report.doc_id, report.date, report.date_source) == (
        "envoy",
        dt.date(2021, 8, 10),
        "metadata",
    )
    assert report.title == "Envoy warns Taliban as cities fall"
    assert report.url == "https://courier.example/world/2021/08/10/envoy"
    assert report.source == "The Daily Courier"
    for furniture in ("Download PDF", "cookies", "Related", "reader123", "Floods", "©", "Photo"):
        assert furniture not in report.text


def test_a_page_without_a_day_in_its_metadata_takes_its_dateline(tmp_path):
    from pages import saved_page

    page = tmp_path / "goma.htm"
    text = (
        "GOMA, Congo, June 13, 2022 (Reuters) - Rebels of the M23 movement captured the town"
        " of Bunagana on Monday after two days of fighting with the army, officials said."
    )
    page.write_text(saved_page([text], title="Rebels take border town", published=None))
    [report] = _read(page)
    assert report.date == dt.date(2022, 6, 13) and report.date_source == "dateline"
    assert report.text == text  # a one-paragraph page: the site's furniture still left out


def test_a_page_with_no_article_is_one_error_and_folders_read_pages(tmp_path):
    (tmp_path / "empty.html").write_text(
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    (tmp_path / "notes.txt").write_text("date 2022-01-01 Shelling hit Bakhmut.")
    found = _read(tmp_path)
    errors = [r for r in found if isinstance(r, ReadError)]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'empty.html'}: no article text found in this page"
    ]
    assert [r.doc_id for r in found if isinstance(r, Report)] == ["notes"]


def test_the_reference_report_saved_as_a_page_gives_the_same_record(tmp_path, pipeline):
    from dataclasses import replace

    from pages import saved_page

    seed = _seed_body()
    page = tmp_path / "envoy.html"
    page.write_text(
        saved_page(seed.text.split("\n"), title="Envoy warns", published="2021-08-10T09:00:00Z")
    )
    [read] = _read(page)
    from_text = pipeline.extract(seed)
    from_page = pipeline.extract(replace(read, doc_id=seed.doc_id))
    for layer in ("events", "control", "claims", "aggregates"):
        assert getattr(from_page, layer) == getattr(from_text, layer), layer
    assert from_text.events and from_text.control and from_text.claims


# -- PDF reports -----------------------------------------------------------------------

_LEFT = [
    [
        "Fighting between the army and the Rapid Support Forces continued in El Fasher on"
        " 10 May, partners said.",
        "Shelling hit the Abu Shouk camp, killing at least 12 civilians.",
    ],
    ["Humanitarian convoys reached Tawila on 11 May after a week of delays."],
]
_RIGHT = [
    [
        "More than 40,000 people have fled toward Tawila since April, partners reported.",
        "Water trucking resumed in two camps.",
    ],
    ["The main road to Mellit remains closed to aid agencies."],
]


def test_a_two_column_pdf_is_read_column_by_column_without_its_headers_and_footers(tmp_path):
    from pdfs import HEADER, two_column_report

    path = tmp_path / "sitrep-7.pdf"
    two_column_report(path, _LEFT, _RIGHT)
    [report] = _read(path)
    assert isinstance(report, Report), report
    expected = [
        "SUDAN: Humanitarian Situation Report",
        "Issued on 12 May 2024 by the Sample Relief Agency",
        *_LEFT[0],
        *_RIGHT[0],
        *_LEFT[1],
        *_RIGHT[1],
    ]
    assert report.text.split("\n") == expected
    assert HEADER not in report.text and "Page 1" not in report.text
    assert (report.doc_id, report.date, report.date_source) == (
        "sitrep-7",
        dt.date(2024, 5, 12),
        "front matter",
    )


def test_a_pdf_without_text_or_not_a_pdf_is_one_error_naming_the_file(tmp_path):
    from pdfs import without_text

    scan = tmp_path / "scan.pdf"
    without_text(scan)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not really a PDF\n")
    errors = _read(tmp_path)
    assert [type(e) for e in errors] == [ReadError, ReadError]
    assert str(errors[0]).startswith(f"{broken}: not a readable PDF")
    assert str(errors[1]) == f"{scan}: this PDF has no text layer (a scan?); sitroom does no OCR"


def test_the_reference_report_as_a_pdf_gives_the_same_record(tmp_path, pipeline):
    from dataclasses import replace

    from pdfs import one_column

    seed = _seed_body()
    path = tmp_path / "envoy.pdf"
    one_column(path, seed.text.split("\n"), created=dt.date(2021, 8, 10))
    [read] = _read(path)
    assert read.text == seed.text
    assert (read.date, read.date_source) == (dt.date(2021, 8, 10), "metadata")
    from_text = pipeline.extract(seed)
    from_pdf = pipeline.extract(replace(read, doc_id=seed.doc_id))
    for layer in ("events", "control", "claims", "aggregates"):
        assert getattr(from_pdf, layer) == getattr(from_text, layer), layer
