"""Links as input: ``sitroom ingest URL`` against a site served on 127.0.0.1 by the test."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from site_server import Answer, serve
from sitroom.errors import ReadError
from sitroom.read import read_paths
from sitroom.read.links import fetch, report_from_url, url_doc_id
from sitroom.record import Report

SITROOM = str(Path(sys.executable).with_name("sitroom"))
HTML = {"Content-Type": "text/html; charset=utf-8"}
STORY = [
    "KABUL, Aug 9 (Courier) - Taliban fighters captured the city of Aybak on Monday,"
    " the provincial governor said.",
    "Residents said government forces withdrew from the city overnight without a fight.",
]


@pytest.fixture
def site():
    from pages import saved_page

    with serve() as site:
        page = saved_page(
            STORY,
            title="Taliban take Aybak",
            published="2021-08-09T10:00:00Z",
            url="https://courier.example/world/aybak",
        ).encode("utf-8")
        site.answers.update(
            {
                "/world/aybak": Answer(page, headers=HTML),
                "/old/aybak": Answer(status=301, headers={"Location": "/world/aybak"}),
                "/plain.txt": Answer(
                    b"date 2023-05-11\nRebels captured Goma on Thursday, officials said.",
                    headers={"Content-Type": "text/plain; charset=utf-8"},
                ),
                "/slow": Answer(page, headers=HTML, delay=3.0),
                "/huge": Answer(b"<p>" + b"word " * 400_000 + b"</p>", headers=HTML, length=False),
                "/huge-declared": Answer(b"x" * 2_000_000, headers=HTML),
                "/photo.png": Answer(b"\x89PNG\r\n", headers={"Content-Type": "image/png"}),
                "/loop": Answer(status=302, headers={"Location": "/loop"}),
                "/elsewhere": Answer(status=302, headers={"Location": "ftp://127.0.0.1/x"}),
                "/empty": Answer(b"<html><body><nav>Home</nav></body></html>", headers=HTML),
            }
        )
        yield site


def test_a_link_is_read_as_the_page_it_serves_with_its_url_as_name(site):
    link = site.url("/old/aybak")  # redirected to the story
    report = report_from_url(link)
    assert isinstance(report, Report), report
    assert report.text == "\n".join(STORY)
    assert report.date == dt.date(2021, 8, 9) and report.date_source == "metadata"
    assert report.url == "https://courier.example/world/aybak"  # the page's canonical URL
    assert report.source == "The Daily Courier" and report.title == "Taliban take Aybak"
    assert report.doc_id == url_doc_id(link) and report.doc_id.startswith("127-0-0-1-")
    assert url_doc_id(link) != url_doc_id(site.url("/world/aybak"))
    assert report.path == link  # errors about this report name the link
    assert site.hits("/old/aybak") == 1 and site.hits("/world/aybak") == 1
    assert all(agent.startswith("sitroom/") for _path, agent in site.requests)


def test_plain_text_links_keep_their_date_header(site):
    report = report_from_url(site.url("/plain.txt"))
    assert isinstance(report, Report), report
    assert report.date == dt.date(2023, 5, 11) and report.text.startswith("Rebels captured Goma")
    assert report.source == site.base.removeprefix("http://")  # no site name: the host


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/missing", "HTTP 404"),
        ("/slow", "no answer within 0.5 s"),
        ("/huge", "larger than the 1 MiB limit"),
        ("/huge-declared", "1.9 MiB, over the 1 MiB limit"),
        ("/photo.png", "image/png is not a report sitroom reads"),
        ("/loop", "redirect"),
        ("/elsewhere", "not http(s)"),
        ("/empty", "no article text"),
    ],
)
def test_each_way_a_link_fails_is_one_line_naming_it(site, path, says):
    error = report_from_url(site.url(path), timeout=0.5, max_bytes=1024 * 1024)
    assert isinstance(error, ReadError)
    line = str(error)
    assert line.startswith(site.url(path) + ": ") and says in line, line
    assert "\n" not in line


def test_only_http_links_are_fetched():
    with pytest.raises(ReadError, match="must be an http"):
        fetch("file:///etc/passwd")
    [error] = read_paths(["ftp://127.0.0.1/report.html"])
    assert isinstance(error, ReadError) and "http(s)" in str(error)


def test_ingest_of_a_link_stores_it_once_and_an_unchanged_page_does_nothing(site, tmp_path):
    db = str(tmp_path / "links.sqlite")
    link = site.url("/world/aybak")
    first = _run("--db", db, "ingest", link, site.url("/missing"))
    assert first.returncode == 1, first.stderr  # one link failed, the other was stored
    assert f"error: {site.url('/missing')}: cannot fetch the page: HTTP 404" in first.stderr
    assert "1 added" in first.stderr
    [stored] = json.loads(_run("--db", db, "reports", "--json").stdout)
    assert stored["doc_id"] == url_doc_id(link) and stored["date"] == "2021-08-09"
    assert stored["source"] == "The Daily Courier"
    control = json.loads(_run("--db", db, "control", "--statements", "--json").stdout)
    assert {row["place_name"] for row in control} == {"Aībak"}  # the gazetteer's name
    again = _run("--db", db, "ingest", link)
    assert again.returncode == 0 and "0 added, 0 replaced, 1 unchanged" in again.stderr
    assert site.hits("/world/aybak") == 2  # fetched again, found unchanged, not re-extracted


def test_a_link_that_cannot_be_had_is_nothing_done(site, tmp_path):
    done = _run("--db", str(tmp_path / "s.sqlite"), "ingest", site.url("/slow"), "--timeout", "0.5")
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        f"error: {site.url('/slow')}: cannot fetch the page: no answer within 0.5 s"
    )


def _run(*args):
    return subprocess.run([SITROOM, *args], capture_output=True, text=True, timeout=300)
