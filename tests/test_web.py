"""The web app in process (Starlette's TestClient) over a real SQLite file, made by
ingesting the reference report and a few short reports with the real pipeline."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from conftest import SEED_TEXT
from sitroom.web import create_app
from sitroom.web.app import routes

SEED_ID = SEED_TEXT.stem
FARAH = "g1142264"  # GeoNames id of Farah (the town) as the gazetteer resolves it
XSS_ID = 'xss_<b>"q"'
XSS_TEXT = (
    'date 2021-08-12 <script>alert("x")</script> Taliban fighters captured Ghazni on '
    'Thursday, a provincial council member said. <img src=x onerror="alert(1)"> Residents '
    'posted <a href="javascript:alert(2)">a link</a> and <div style="background:'
    'url(javascript:alert(3))" onclick="alert(4)">a box</div>.\n'
)
KHERSON_TEXT = (
    "date 2022-03-02 KYIV, Ukraine • Russian forces captured Kherson on Wednesday, the first "
    "major Ukrainian city to fall since the invasion began. Ukrainian troops shelled Russian "
    "positions near Mykolaiv on Tuesday, killing five soldiers, the regional governor said.\n"
)


def build_db(folder: Path, pipeline, *, seed_only: bool = False) -> Path:
    """Ingest the seed and the short reports as ``sitroom ingest`` does (real pipeline,
    real store, picture refreshed by the writer); ``seed_only``: just the seed."""
    from sitroom.extract import version
    from sitroom.read import read_paths
    from sitroom.situation import Sides, refresh
    from sitroom.store import Store, fingerprint

    reports = folder / "reports"
    reports.mkdir()
    (reports / SEED_TEXT.name).write_text(SEED_TEXT.read_text(encoding="utf-8"), "utf-8")
    if not seed_only:
        (reports / f"{XSS_ID}.txt").write_text(XSS_TEXT, encoding="utf-8")
        (reports / "kherson.txt").write_text(KHERSON_TEXT, encoding="utf-8")
    db = folder / "web.sqlite"
    with Store.open(db) as store:
        for report in read_paths([reports]):
            record = pipeline.extract(report)
            store.write(report, record, fingerprint(report, version()))
        refresh(store.conn, Sides())
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline) -> Path:
    return build_db(tmp_path_factory.mktemp("web"), pipeline)


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(str(db)))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# -- pages ---------------------------------------------------------------------------


def test_overview_shows_counts_and_both_contested_places(client):
    page = client.get("/")
    assert page.status_code == 200
    text = _text(page.text)
    assert "3 reports" in text
    assert f'href="/place/{FARAH}"' in page.text
    assert "Kunduz" in text and "contested" in text
    assert 'id="map"' in page.text and 'data-day="2022-03-02"' in page.text


def test_every_page_is_html_with_strict_security_headers(client):
    for url in ["/", "/timeline", "/contested", "/search?q=Farah", f"/place/{FARAH}",
                f"/report/{SEED_ID}"]:  # fmt: skip
        page = client.get(url)
        assert page.status_code == 200, url
        assert page.headers["content-type"].startswith("text/html")
        assert "script-src 'self';" in page.headers["content-security-policy"]
        assert page.headers["x-content-type-options"] == "nosniff"
        assert "<script>" not in page.text.replace(' src="', "")  # no inline script at all


def test_timeline_filters_events_by_country_type_actor_and_days(client):
    ukraine = client.get("/timeline?country=UA")
    assert "Kherson" in ukraine.text and "Kunduz" not in _text(ukraine.text).split("Events")[-1]
    fights = _text(client.get("/timeline?type=FIGHT&country=AF").text)
    assert "FIGHT" in fights and "THREATEN" not in fights
    by_actor = _text(client.get("/timeline?actor=russia").text)
    assert "Kherson" in by_actor and "Doha" not in by_actor
    window = _text(client.get("/timeline?since=2021-08-08&until=2021-08-08").text)
    assert "Events 1–2 of 2" in window


def test_timeline_as_of_before_kunduz_fell_shows_no_holder(client):
    before = _text(client.get("/timeline?as_of=2021-08-07").text)
    assert "Places as of 2021-08-07" in before
    assert "No place has a known holder on this day" in before
    after = client.get("/timeline?as_of=2021-08-08").text
    places = after.split("Places as of")[1].split("Events")[0]
    assert "Kunduz" in places and "Farah" not in places


def _stored_events(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM events").fetchone()[0]


def test_timeline_pages_with_prev_and_next_links(client, db):
    first = client.get("/timeline?limit=3")
    assert f"Events 1–3 of {_stored_events(db)}" in _text(first.text)
    assert 'rel="next"' in first.text and 'rel="prev"' not in first.text
    second = client.get("/timeline?limit=3&offset=3")
    assert 'rel="prev"' in second.text


def test_place_page_has_history_parts_claims_with_speakers_and_sentences(client):
    page = client.get(f"/place/{FARAH}")
    text = _text(page.text)
    assert page.status_code == 200
    assert "Zabihullah Mujahed" in text and "Abdul Naser Farahi" in text
    assert "intelligence department" in text and "military base" in text
    assert "qualification" in text
    assert f'href="/report/{SEED_ID}#s8"' in page.text
    assert f'href="/report/{SEED_ID}#s9"' in page.text
    assert SEED_ID in text  # the reports naming it


def test_unknown_place_and_report_are_404_pages(client):
    for url in ["/place/g999999999", "/report/no-such-report"]:
        page = client.get(url)
        assert page.status_code == 404 and "no " in _text(page.text)


def test_contested_page_shows_both_sides_with_speakers(client):
    page = client.get("/contested")
    text = _text(page.text)
    assert "Zabihullah Mujahed" in text and "Abdul Naser Farahi" in text
    assert text.count("qualification") >= 2
    only = _text(client.get("/contested?kind=contradiction").text)
    assert "Abdul Naser Farahi" not in only
    assert client.get("/contested?kind=bogus").status_code == 400


def test_report_page_marks_items_and_anchors_every_sentence_with_items(client):
    page = client.get(f"/report/{SEED_ID}")
    for n in (1, 5, 7, 8, 9):
        assert f'id="s{n}"' in page.text
    assert re.search(r'<mark class="k-claim"[^>]*>Zabihullah Mujahed</mark>', page.text)
    assert re.search(r'<a href="/place/g\d+" class="mark k-place"[^>]*>Farah</a>', page.text)
    assert re.search(r'<mark class="k-event"[^>]*>traveled</mark>', page.text)
    # Every character of the report is on the page, in order, once.
    stored = (
        sqlite3.connect(client.app.state.sitroom.db_path)
        .execute("SELECT text FROM reports WHERE doc_id = ?", (SEED_ID,))
        .fetchone()[0]
    )
    article = page.text.split('<article class="text">')[1].split("</article>")[0]
    article = re.sub(r'<a class="anchor"[^>]*>§\d+</a>', "", article)
    import html

    assert html.unescape(re.sub(r"<[^>]+>", "", article)) == stored


def test_search_finds_places_actors_and_reports(client):
    text = _text(client.get("/search?q=farah").text)
    assert "Places (1)" in text and "Abdul Naser Farahi" in text
    assert SEED_ID in text
    assert "Places (0)" in _text(client.get("/search?q=zzzz-nothing").text)


# -- API -----------------------------------------------------------------------------


def test_api_picture_on_a_day(client):
    now = client.get("/api/picture?day=2021-08-10").json()
    by_name = {p["place"]: p for p in now["places"]}
    assert by_name["Farah"]["state"] == "contested"
    assert by_name["Farah"]["place_key"] == FARAH
    speakers = {c["speaker"] for c in by_name["Farah"]["claims"]}
    assert {"Zabihullah Mujahed", "Abdul Naser Farahi"} <= speakers
    assert client.get("/api/picture?day=2021-08-07").json()["places"] == []
    ukraine = client.get("/api/picture?day=2022-03-02&country=ua").json()["places"]
    assert [p["place"] for p in ukraine] == ["Kherson"]


def test_api_listings_page_and_filter(client, db):
    total = _stored_events(db)
    assert total > 7
    page = client.get("/api/events?limit=5&offset=0").json()
    assert page["total"] == total and len(page["items"]) == 5 and page["limit"] == 5
    rest = client.get(f"/api/events?limit=5&offset={total - 2}").json()
    assert len(rest["items"]) == 2
    seen = {(e["doc_id"], e["idx"]) for e in page["items"]}
    assert not seen & {(e["doc_id"], e["idx"]) for e in rest["items"]}
    ua = client.get("/api/events?country=UA").json()
    with sqlite3.connect(db) as conn:
        in_ua = conn.execute("SELECT count(*) FROM events WHERE country = 'UA'").fetchone()[0]
    assert 0 < ua["total"] == in_ua < total and {e["country"] for e in ua["items"]} == {"UA"}
    assert client.get("/api/control?type=retained").json()["total"] == 4
    claims = client.get("/api/claims?actor=taliban").json()["items"]
    assert [c["speaker"] for c in claims] == ["Zabihullah Mujahed"]
    farah = client.get(f"/api/control?place={FARAH}").json()
    assert farah["total"] == 4 and {c["place_name"] for c in farah["items"]} == {"Farah"}
    assert client.get("/api/control?place=farah").json()["total"] == 4


def test_api_reports_report_place_contested_search_points(client):
    reports = client.get("/api/reports?q=kherson").json()
    assert [r["doc_id"] for r in reports["items"]] == ["kherson"]
    one = client.get(f"/api/reports/{SEED_ID}").json()
    assert one["text"].startswith(" date 2021-08-10") or "Kunduz" in one["text"]
    assert len(one["claims"]) == 5 and all("sentence" in c for c in one["events"])
    place = client.get(f"/api/places/{FARAH}").json()
    assert place["name"] == "Farah" and place["state"]["state"] == "contested"
    assert {h["part"] for h in place["history"]} >= {"intelligence department", "military base"}
    assert client.get("/api/contested").json()["items"]
    assert client.get("/api/search?q=Kunduz").json()["places"][0]["name"] == "Kunduz"
    points = client.get("/api/events/points?country=AF&since=2021-08-01").json()["items"]
    assert points and all(p["lat"] is not None for p in points)
    assert {p["country"] for p in points} == {"AF"}
    last_week = client.get("/api/events/points").json()["items"]  # no days: the last week
    # "near Mykolaiv": the city, which shares its name with its own oblast
    assert {p["place_name"] for p in last_week} == {"Kherson", "Mykolayiv"}
    summary = client.get("/api/summary").json()
    assert summary["counts"]["reports"] == 3 and summary["first"] <= summary["last"]


def test_api_errors_are_json_with_the_parameter_named(client):
    for url, word in [
        ("/api/events?limit=abc", "limit"),
        ("/api/events?limit=100000", "limit"),
        ("/api/events?since=2021-13-01", "since"),
        ("/api/events?since=2021-08-10&until=2021-08-01", "since"),
        ("/api/events?country=AFG", "country"),
        ("/api/search", "q"),
        ("/api/contested?kind=x", "kind"),
    ]:
        answer = client.get(url)
        assert answer.status_code == 400, url
        assert word in answer.json()["error"], url
    assert client.get("/api/reports/nope").status_code == 404
    assert client.get("/api/places/nope").status_code == 404


def test_openapi_describes_every_api_route(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    served = {r.path.replace(":path", "") for r in routes() if r.path.startswith("/api/")}
    assert set(spec["paths"]) == served
    paged = spec["paths"]["/api/events"]["get"]["parameters"]
    assert {"limit", "offset", "since", "country"} <= {p["name"] for p in paged}


def test_static_vendor_files_are_served_with_their_licences(client):
    for path in ["leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/LICENSE",
                 "topojson-client/topojson-client.min.js", "topojson-client/LICENSE",
                 "world-atlas/countries-50m.json", "world-atlas/LICENSE"]:  # fmt: skip
        assert client.get(f"/static/vendor/{path}").status_code == 200, path
    assert client.get("/static/map.js").status_code == 200


def test_app_never_writes_to_the_store(db, tmp_path):
    before = db.read_bytes()
    fresh = TestClient(create_app(str(db)))
    for url in ["/", "/timeline", f"/place/{FARAH}", "/contested", "/api/picture"]:
        fresh.get(url)
    assert db.read_bytes() == before
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        with fresh.app.state.sitroom.store() as store:
            store.conn.execute("DELETE FROM reports")


def test_a_missing_database_is_a_503_that_says_what_to_do(tmp_path):
    client = TestClient(create_app(str(tmp_path / "none.sqlite")))
    page = client.get("/")
    assert page.status_code == 503 and "sitroom ingest" in page.text
    assert "sitroom ingest" in client.get("/api/summary").json()["error"]


def test_the_picture_is_recomputed_when_the_store_changes(tmp_path, pipeline):
    db = build_db(tmp_path, pipeline)
    client = TestClient(create_app(str(db)))
    assert len(client.get("/api/picture?day=2022-03-02").json()["places"]) == 4
    from sitroom.situation import Sides, refresh
    from sitroom.store import Store

    with Store.open(db) as store:
        with store.conn:
            store.conn.execute("DELETE FROM reports WHERE doc_id = 'kherson'")
        refresh(store.conn, Sides())
    assert len(client.get("/api/picture?day=2022-03-02").json()["places"]) == 3


def test_serve_command_binds_localhost_by_default():
    from sitroom.cli import main

    options = {p.name: p for p in main.commands["serve"].params}
    assert options["host"].default == "127.0.0.1" and options["port"].default == 8000


def test_urls_with_quotes_in_ids_round_trip(client):
    page = client.get("/report/" + quote(XSS_ID, safe=""))
    assert page.status_code == 200
    assert "xss_&lt;b&gt;&#34;q&#34;" in page.text


def test_api_claims_filter_by_place_type_and_country(client):
    farah = client.get(f"/api/claims?place={FARAH}").json()["items"]
    assert {c["speaker"] for c in farah} == {"Zabihullah Mujahed", "Abdul Naser Farahi"}
    assert {c["speaker"] for c in client.get("/api/claims?type=tweeted").json()["items"]} == {
        "Zabihullah Mujahed"
    }
    assert all(
        c["doc_id"] == "kherson" for c in client.get("/api/claims?country=UA").json()["items"]
    )


def test_place_page_lists_the_claims_told_with_it(client):
    page = client.get(f"/place/{FARAH}").text
    told = _text(page.split("Claims told with it")[1].split("Control statements")[0])
    assert "Zabihullah Mujahed" in told and "tweeted" in told
    assert "Abdul Naser Farahi" in told and "said" in told
    assert "Zalmay Khalilzad" not in told  # a claim of the same report about something else


@pytest.mark.parametrize("key", [FARAH, "n:AF:farah"])
def test_a_place_is_read_through_indexes_never_a_table_scan(db, key):
    """Every query of the place page and API looks the place's rows up (the place-key
    indexes): a scan of events or claims costs hundreds of ms on a large store. The one
    scan allowed is of ``t``, the few sentences told at the place."""
    from sitroom.web import queries
    from sitroom.web.params import Filters, Page

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    asked: list[str] = []
    conn.set_trace_callback(asked.append)  # each statement with its parameters filled in
    queries.place_name(conn, key)
    queries.place_rows(conn, key, "events")
    queries.place_rows(conn, key, "control")
    queries.place_reports(conn, key)
    queries.claims(conn, Filters(place=key), Page(200, 0))
    conn.set_trace_callback(None)
    scans = [
        (sql[:80], step[3])
        for sql in asked
        for step in conn.execute(f"EXPLAIN QUERY PLAN {sql}")
        if step[3].startswith("SCAN") and step[3] != "SCAN t"
    ]
    conn.close()
    assert len(asked) >= 8 and scans == []


def test_api_picture_known_then_leaves_out_what_was_reported_later(client):
    """Kunduz fell on 2021-08-08, but the report saying so is of 2021-08-10."""
    hindsight = client.get("/api/picture?day=2021-08-09").json()["places"]
    assert [p["place"] for p in hindsight] == ["Kunduz"]
    assert client.get("/api/picture?day=2021-08-09&known=then").json()["places"] == []
    then = client.get("/api/picture?day=2021-08-10&known=then").json()
    assert then["known"] == "then" and {p["place"] for p in then["places"]} == {"Farah", "Kunduz"}
    assert client.get("/api/picture?known=maybe").status_code == 400


def test_sitroom_serve_answers_on_localhost(db):
    """The real command, as a user runs it: binds 127.0.0.1, serves the overview."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sitroom = str(Path(sys.executable).with_name("sitroom"))
    server = subprocess.Popen(
        [sitroom, "serve", "--db", str(db), "--port", str(port)], stderr=subprocess.PIPE
    )
    try:
        deadline, page = time.monotonic() + 60, None
        while page is None:
            assert server.poll() is None, server.stderr.read().decode()
            assert time.monotonic() < deadline, "sitroom serve did not answer"
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
            except OSError:
                time.sleep(0.2)
        assert b"Kunduz" in page
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert b"http://127.0.0.1:" in server.stderr.read()


def test_sitroom_serve_without_a_database_is_one_clear_line(tmp_path):
    import subprocess
    import sys

    sitroom = str(Path(sys.executable).with_name("sitroom"))
    result = subprocess.run(
        [sitroom, "serve", "--db", str(tmp_path / "none.sqlite")], capture_output=True, text=True
    )
    assert result.returncode != 0 and "no such database" in result.stderr


# -- the ACLED reference layer --------------------------------------------------------

ACLED_CSV = (
    "event_id_cnty,event_date,event_type,sub_event_type,country,iso,admin1,location,"
    "latitude,longitude,source,notes,fatalities\n"
    "AFG1,2021-08-08,Battles,Non-state actor overtakes territory,Afghanistan,4,Kunduz,Kunduz,"
    '36.7286,68.8681,Pajhwok,"Taliban took <b>Kunduz</b> city.",3\n'
    "AFG2,2021-08-09,Battles,Armed clash,Afghanistan,4,Kunduz,Kunduz,36.7286,68.8681,"
    "Pajhwok,Clashes at the airport.,1\n"
    "AFG3,2021-08-09,Battles,Armed clash,Afghanistan,4,Kunduz,Kunduz,36.7286,68.8681,"
    "Pajhwok,More clashes.,0\n"
    "SDN1,2021-08-09,Protests,Peaceful protest,Sudan,729,Khartoum,Khartoum,15.5518,32.5324,"
    "Sudan Tribune,Protest in Khartoum.,0\n"
    "AFG4,2021-08-20,Battles,Armed clash,Afghanistan,4,Kunduz,Kunduz,36.7286,68.8681,"
    "Tolo News,Clashes again.,2\n"
    "AFG5,2021-08-09,Battles,Armed clash,Afghanistan,4,,,,,Pajhwok,Somewhere in the north.,0\n"
)  # the week to 2021-08-10: three points (a capture, two clashes, a protest); AFG5 no point


def acled_store(folder: Path, csv_text: str | None = ACLED_CSV) -> Path:
    """A store of its own in ``folder``; ``csv_text`` imported by the real importer."""
    from sitroom.export.acled_import import import_acled
    from sitroom.store import Store

    db = folder / "acled-layer.sqlite"
    Store.open(db).close()
    if csv_text is not None:
        (folder / "acled.csv").write_text(csv_text, encoding="utf-8")
        assert import_acled(db, folder / "acled.csv").rows == csv_text.count("\n") - 1
    return db


@pytest.fixture(scope="module")
def acled_client(tmp_path_factory) -> TestClient:
    return TestClient(create_app(str(acled_store(tmp_path_factory.mktemp("acled-layer")))))


def _points(client: TestClient, query: str) -> dict:
    answer = client.get("/api/reference/points" + query)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_reference_points_are_acled_rows_per_location_and_type(acled_client):
    found = _points(acled_client, "?since=2021-08-01&until=2021-08-31")
    assert (found["total"], found["points"]) == (5, 3)  # AFG5 has no point on the map
    clash, *others = found["items"]  # most events first
    assert (clash["sub_event_type"], clash["n"], clash["location"]) == ("Armed clash", 3, "Kunduz")
    assert (clash["lat"], clash["lon"], clash["country_code"]) == (36.7286, 68.8681, "AF")
    assert clash["last"] == "2021-08-20"
    assert clash["latest"] == {"event_id_cnty": "AFG4", "event_date": "2021-08-20",
                               "fatalities": 2, "notes": "Clashes again.",
                               "source": "Tolo News"}  # fmt: skip
    assert {p["sub_event_type"] for p in others} == {"Non-state actor overtakes territory",
                                                     "Peaceful protest"}  # fmt: skip
    taken = next(p for p in others if p["location"] == "Kunduz")
    assert taken["latest"]["notes"] == "Taliban took <b>Kunduz</b> city."  # kept verbatim


def test_reference_points_follow_the_days_and_the_country(acled_client):
    week = _points(acled_client, "?since=2021-08-04&until=2021-08-10")
    clash = next(p for p in week["items"] if p["sub_event_type"] == "Armed clash")
    assert (clash["n"], clash["last"], clash["latest"]["event_id_cnty"]) == (
        2,
        "2021-08-09",
        "AFG3",
    )
    early = _points(acled_client, "?until=2021-08-08")
    assert [p["sub_event_type"] for p in early["items"]] == ["Non-state actor overtakes territory"]
    sudan = _points(acled_client, "?since=2021-08-01&until=2021-08-31&country=sd")
    assert [p["location"] for p in sudan["items"]] == ["Khartoum"] and sudan["total"] == 1
    assert _points(acled_client, "?since=2021-08-01&country=UA")["items"] == []
    latest_week = _points(acled_client, "")  # no days: the week up to ACLED's last day
    assert (latest_week["since"], latest_week["until"]) == ("2021-08-14", "2021-08-20")
    assert [(p["sub_event_type"], p["n"]) for p in latest_week["items"]] == [("Armed clash", 1)]


@pytest.mark.parametrize(
    ("query", "word"),
    [("since=yesterday", "since"), ("until=2021-02-30", "until"), ("country=AFG", "country"),
     ("since=2021-08-10&until=2021-08-01", "since"), ("country=1%27--", "country")],
)  # fmt: skip
def test_reference_points_name_a_bad_parameter_in_a_400(acled_client, query, word):
    answer = acled_client.get(f"/api/reference/points?{query}")
    assert answer.status_code == 400
    assert word in answer.json()["error"]


def test_without_an_acled_import_no_points_and_the_box_is_disabled(tmp_path, acled_client):
    empty = TestClient(create_app(str(acled_store(tmp_path, None))))
    assert _points(empty, "") == {"since": None, "until": None, "total": 0, "points": 0,
                                  "items": []}  # fmt: skip
    assert _points(empty, "?since=2021-08-01&country=AF")["items"] == []
    page = empty.get("/").text
    assert re.search(r'id="reference"\s+disabled', page)
    assert "no ACLED export imported" in _text(page) and "sitroom import-acled FILE.csv" in page
    shown = acled_client.get("/").text
    assert 'id="reference"' in shown and not re.search(r'id="reference"\s+disabled', shown)
    assert "sitroom import-acled" not in shown
    assert 'id="reference"' not in acled_client.get("/timeline").text  # the overview's only


@pytest.mark.parametrize(("country", "total"), [(None, 5), ("AF", 4)])
def test_reference_points_are_read_through_indexes_on_either_plan(
    acled_client, monkeypatch, country, total
):
    """A span holding few rows is looked up on the day index (with a country too), a wide
    one counted in one pass of the points index (``0006_acled_reference_points``); neither
    reads the table row by row beyond each point's latest row; both answer the same."""
    from sitroom.web import reference
    from sitroom.web.params import Filters

    db = acled_client.app.state.sitroom.db_path
    answers, plans = [], []
    for share in (1, 10**6):  # 1: every span is narrow; 10**6: every span is wide
        monkeypatch.setattr(reference, "_WIDE_SHARE", share)
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        asked: list[str] = []
        conn.set_trace_callback(asked.append)
        wanted = Filters(since="2021-08-01", until="2021-08-31", country=country)
        answers.append(reference.points(conn, wanted))
        conn.set_trace_callback(None)
        steps = [s[3] for sql in asked for s in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
        conn.close()
        scans = [s for s in steps if s.startswith("SCAN") and "COVERING INDEX" not in s
                 and s.split()[1] in ("a", "b", "acled_events")]  # fmt: skip
        assert scans == [], (share, steps)
        plans.append(" | ".join(steps))
    assert "SEARCH a USING INDEX acled_events_date" in plans[0]  # the rows counted, by day
    assert re.search(r"(SCAN|SEARCH) a USING COVERING INDEX acled_events_points", plans[1])
    assert answers[0] == answers[1] and answers[0]["total"] == total


# -- one "now", and how old each place's knowledge is -----------------------------------


def test_the_command_line_and_the_web_agree_on_the_latest_day(client, db):
    import json
    import subprocess
    import sys

    sitroom = str(Path(sys.executable).with_name("sitroom"))
    done = subprocess.run(
        [sitroom, "--db", str(db), "control", "--json"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    cli_day = json.loads(done.stdout)["day"]
    summary = client.get("/api/summary").json()
    assert cli_day == summary["day"] == summary["last"] == "2022-03-02"  # the newest report
    farah = {p["place"]: p for p in json.loads(done.stdout)["places"]}["Farah"]
    assert (farah["last_reported"], farah["age_days"], farah["stale"]) == ("2021-08-10", 204, True)
    table = subprocess.run(
        [sitroom, "--db", str(db), "control"], capture_output=True, text=True
    ).stdout
    assert "2021-08-10 (204 d," in _text(table).replace("│", " ").replace("  ", " ")


def test_the_place_page_says_how_old_its_knowledge_is(client):
    page = _text(client.get(f"/place/{FARAH}").text)
    assert "On 2022-03-02" in page
    assert "last reported 2021-08-10, 204 days before this view (stale" in page
    fresh = _text(client.get(f"/place/{FARAH}?as_of=2021-08-10").text)
    assert "last reported 2021-08-10, the day of this view" in fresh and "stale" not in fresh
