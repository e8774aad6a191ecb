"""``sitroom watch`` on a real folder and a real feed served on 127.0.0.1."""

import functools
import http.server
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sitroom.watch.feeds import parse_feed, plain

SITROOM = str(Path(sys.executable).with_name("sitroom"))
RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test wire</title>
{items}
</channel></rss>"""
ITEM = """<item><title>{title}</title><link>http://127.0.0.1/{slug}</link>
<description>&lt;p&gt;{body}&lt;/p&gt;</description><pubDate>{day}</pubDate></item>"""


def _rss(*items):
    return RSS.format(items="\n".join(ITEM.format(**i) for i in items))


FIRST = {
    "title": "Clashes near Beni",
    "slug": "a",
    "body": "Fighting broke out near Beni on Monday, residents said.",
    "day": "Tue, 09 May 2023 10:00:00 GMT",
}
SECOND = {
    "title": "Rebels take Bunia",
    "slug": "b",
    "body": "Rebels captured Bunia on Tuesday after heavy fighting.",
    "day": "Wed, 10 May 2023 09:00:00 GMT",
}


@pytest.fixture
def feed_server(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    (root / "feed.xml").write_text(_rss(FIRST), encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the test output stays readable
        pass


def test_feed_entries_become_reports_with_day_link_and_plain_text():
    entries = parse_feed(_rss(FIRST, SECOND).encode(), "http://127.0.0.1/feed.xml")
    assert all(entry.summary_only for entry in entries)  # a sentence each: summaries
    reports = [entry.report for entry in entries]
    assert {r.title for r in reports} == {"Rebels take Bunia", "Clashes near Beni"}
    first = next(r for r in reports if r.title == "Clashes near Beni")
    assert first.date.isoformat() == "2023-05-09" and first.url == "http://127.0.0.1/a"
    assert "<p>" not in first.text and "Fighting broke out near Beni" in first.text
    assert plain("a &amp; <b>b</b>") == "a & b"


def test_a_dropped_file_and_a_new_feed_entry_appear_within_two_intervals(tmp_path, feed_server):
    root, url = feed_server
    folder = tmp_path / "inbox"
    folder.mkdir()
    db = tmp_path / "watch.sqlite"
    interval = 3.0
    watcher = subprocess.Popen(
        [SITROOM, "--db", str(db), "watch", str(folder), url, "--interval", str(interval)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _wait(lambda: len(_reports(db)) == 1, 120), "the first feed entry never arrived"
        (folder / "goma.txt").write_text(
            "date 2023-05-11 Rebels captured Goma on Thursday, officials said.", encoding="utf-8"
        )
        (root / "feed.xml").write_text(_rss(FIRST, SECOND), encoding="utf-8")
        dropped = time.monotonic()
        assert _wait(lambda: {"Goma", "Bunia"} <= _places(db), 60)
        assert time.monotonic() - dropped <= 2 * interval + 5  # two passes, and extraction
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
    assert len(_reports(db)) == 3  # the unchanged first entry was not stored twice


def _run(*args):
    return subprocess.run([SITROOM, *args], capture_output=True, text=True, timeout=120)


def _reports(db):
    done = _run("--db", str(db), "reports", "--json")
    return json.loads(done.stdout) if done.returncode == 0 else []


def _places(db):
    done = _run("--db", str(db), "control", "--statements", "--json")
    return {row["place_name"] for row in json.loads(done.stdout)} if done.returncode == 0 else set()


def _wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


ARTICLE = [
    "M23 rebels captured the town of Rutshuru on Friday after two days"
    " of fighting with the army, local officials said.",
    "Thousands of residents fled towards Goma, the officials said, and the army did not"
    " comment on the loss of the town.",
]


def test_a_feed_of_summaries_is_read_from_the_pages_its_links_lead_to(tmp_path, pipeline):
    from pages import saved_page
    from site_server import Answer, serve
    from sitroom.store import Store
    from sitroom.watch import Watcher

    full = " ".join(["Fighting went on in the hills around Masisi, residents said."] * 20)
    with serve() as site:
        page = saved_page(ARTICLE, title="Rebels take Rubaya", published="2023-05-12T08:00:00Z")
        items = [
            {"title": "Rebels take Rubaya", "slug": "rubaya", "body": "M23 took Rubaya.",
             "day": "Fri, 12 May 2023 09:00:00 GMT"},
            {"title": "Gone", "slug": "gone", "body": "A page that is not there any more.",
             "day": "Fri, 12 May 2023 10:00:00 GMT"},
            {"title": "Masisi", "slug": "masisi", "body": full,
             "day": "Fri, 12 May 2023 11:00:00 GMT"},
        ]  # fmt: skip
        feed = _rss(*items).replace("http://127.0.0.1/", site.url("/"))
        site.answers.update(
            {
                "/feed.xml": Answer(feed.encode(), headers={"Content-Type": "application/rss+xml"}),
                "/rubaya": Answer(page.encode(), headers={"Content-Type": "text/html"}),
            }
        )
        problems: list[str] = []
        db = str(tmp_path / "feed.sqlite")
        watcher = Watcher(db, [site.url("/feed.xml")], on_problem=problems.append)
        watcher.pipeline = pipeline
        first = watcher.cycle()
        second = watcher.cycle()
    assert first.counts["added"] == 3 and second.counts["unchanged"] == 3
    assert site.hits("/rubaya") == 1 and site.hits("/gone") == 1  # each link fetched once
    assert site.hits("/masisi") == 0  # the entry carries its article: nothing to follow
    assert problems == [
        f"{site.url('/gone')}: cannot fetch the page: HTTP 404 Not Found;"
        " the feed's summary is read instead"
    ]
    names = {e.report.title: e.report.doc_id for e in parse_feed(feed.encode(), site.base)}
    with Store.open(db, readonly=True) as store:
        rubaya, gone = (store.record(names[title]) for title in ("Rebels take Rubaya", "Gone"))
    assert rubaya.text == "\n".join(ARTICLE) and rubaya.title == "Rebels take Rubaya"
    assert rubaya.date == "2023-05-12" and rubaya.source == "The Daily Courier"
    assert gone.text == "Gone\n\nA page that is not there any more."
    assert {c.place.name for c in rubaya.control} == {"Rutshuru"}
