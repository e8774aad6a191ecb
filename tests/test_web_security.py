"""Hostile input through the web app: report text full of markup shows as text, inert;
filters and paths that try SQL find nothing and change nothing."""

from __future__ import annotations

import html
import re
import sqlite3
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from sitroom.web import create_app
from test_web import FARAH, SEED_ID, XSS_ID, build_db

_SCRIPTS_WE_SERVE = {
    "/static/vendor/leaflet/leaflet.js",
    "/static/vendor/topojson-client/topojson-client.min.js",
    "/static/map.js",
}


class _Tags(HTMLParser):
    """Every tag and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def live_markup(html: str) -> list[str]:
    """What in a page could run or load something we did not put there."""
    parser = _Tags()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        if tag == "script" and attrs.get("src") not in _SCRIPTS_WE_SERVE:
            found.append(f"<script {attrs}>")
        if tag in {"img", "iframe", "object", "embed", "div"} and tag != "div":
            found.append(f"<{tag}>")
        if tag == "div" and ("style" in attrs or "onclick" in attrs):
            found.append(f"<div {attrs}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=…>")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                found.append(f"<{tag} {name}={value}>")
    return found


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline):
    return build_db(tmp_path_factory.mktemp("web-security"), pipeline)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(str(db)))


def test_the_check_would_see_live_markup():
    page = '<p><script>x()</script><img src=x onerror="y()"><a href="javascript:z()">a</a></p>'
    assert len(live_markup(page)) == 4


def test_report_full_of_markup_shows_it_as_text(client):
    page = client.get("/report/" + quote(XSS_ID, safe=""))
    assert page.status_code == 200
    assert live_markup(page.text) == []
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    assert 'href="javascript:' not in page.text and "<img" not in page.text
    shown = html.unescape(re.sub(r"<[^>]+>", "", page.text))
    assert '<img src=x onerror="alert(1)">' in shown  # shown, as text
    assert "Ghazni" in page.text  # and the report is still read


def test_no_page_that_quotes_the_report_carries_live_markup(client):
    for url in ["/", "/timeline", "/timeline?place=Ghazni", "/contested", "/search?q=alert",
                "/search?q=script", "/place/" + quote("n:AF:ghazni", safe="")]:  # fmt: skip
        page = client.get(url)
        assert page.status_code in (200, 404), url
        assert live_markup(page.text) == [], url


def test_search_terms_are_echoed_as_text(client):
    page = client.get("/search", params={"q": '"><script>alert(1)</script>'})
    assert live_markup(page.text) == []
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page.text


def test_error_messages_echo_input_as_text(client):
    page = client.get("/timeline", params={"since": "<script>alert(1)</script>"})
    assert page.status_code == 400 and live_markup(page.text) == []
    assert "&lt;script&gt;" in page.text


def test_api_answers_are_json_never_html(client):
    answer = client.get("/api/reports/" + quote(XSS_ID, safe=""))
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "<script>" in answer.json()["text"]  # the data itself is kept verbatim


INJECTIONS = [
    "' OR 1=1 --",
    "x' OR 'a'='a",
    '" OR ""="',
    "%",
    "__%__",
    "Farah' --",
    "1; DROP TABLE reports; --",
    "') UNION SELECT doc_id, text FROM reports --",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_sql_in_filters_finds_nothing_and_changes_nothing(client, db, value):
    for name in ("type", "actor", "place", "doc"):
        for route in ("/api/events", "/api/control", "/api/claims"):
            answer = client.get(route, params={name: value})
            assert answer.status_code == 200, (route, name)
            assert answer.json()["total"] == 0, (route, name, value)
        page = client.get("/timeline", params={name: value})
        assert page.status_code == 200 and "No events." in page.text
    assert client.get("/api/search", params={"q": value}).json()["places"] == []
    assert client.get("/api/reports", params={"q": value}).json()["total"] == 0
    assert client.get("/place/" + quote(value, safe="")).status_code == 404
    assert client.get("/api/places/" + quote(value, safe="")).status_code == 404
    assert client.get("/report/" + quote(value, safe="")).status_code == 404
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 3


@pytest.mark.parametrize(
    "query",
    [
        {"limit": "1; DROP TABLE events"},
        {"offset": "0 OR 1=1"},
        {"since": "2021-01-01' OR '1'='1"},
        {"country": "AF' --"},
        {"limit": "-1"},
    ],
)
def test_sql_in_typed_parameters_is_a_400(client, query):
    answer = client.get("/api/events", params=query)
    assert answer.status_code == 400
    assert next(iter(query)) in answer.json()["error"]


def test_the_filters_still_find_what_is_there(client):
    """The injection tests pass only because nothing matched: the same filters do match."""
    assert client.get("/api/control", params={"place": "Farah"}).json()["total"] == 4
    assert client.get("/api/events", params={"doc": SEED_ID}).json()["total"] == 14
    assert client.get("/api/events", params={"actor": "taliban"}).json()["total"] > 0
    assert client.get(f"/place/{FARAH}").status_code == 200


HOSTILE = [*INJECTIONS, '"><script>alert(1)</script>', "javascript:alert(1)", "\u0000", "é" * 150]
PAGE_PARAMS = {  # the HTML pages and the query parameters each reads
    "/": ["day"],
    "/timeline": [
        "since",
        "until",
        "type",
        "actor",
        "country",
        "place",
        "doc",
        "as_of",
        "limit",
        "offset",
    ],
    "/contested": ["kind"],
    "/search": ["q"],
    "/place/{key}": [],
    "/report/{doc_id}": [],
    f"/place/{FARAH}": ["as_of"],
}


def _every_route_and_parameter():
    from sitroom.web.openapi import spec

    for path, item in spec()["paths"].items():
        names = [p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"]
        yield path, names
    yield from PAGE_PARAMS.items()


def test_every_route_and_parameter_survives_hostile_values(client, db):
    """Every documented parameter of every API route and page, and every path parameter,
    given SQL, markup and odd characters: a clear 4xx or an answer, never a 500, never
    live markup, never a change to the store."""
    tried = 0
    for path, names in _every_route_and_parameter():
        for value in HOSTILE:
            asks = [path.replace("{doc_id}", quote(value, safe="")).replace(
                "{key}", quote(value, safe=""))] if "{" in path else []  # fmt: skip
            asks += [(path, {name: value}) for name in names if "{" not in path]
            for ask in asks:
                answer = client.get(ask[0], params=ask[1]) if isinstance(ask, tuple) else (
                    client.get(ask))  # fmt: skip
                tried += 1
                assert answer.status_code < 500, (ask, answer.text[:200])
                if path.startswith("/api/"):
                    assert answer.headers["content-type"] == "application/json", ask
                else:
                    assert live_markup(answer.text) == [], ask
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 3
    assert tried > 500


# -- who may ask, and how much --------------------------------------------------------

TOKEN = "a-long-test-token-0123456789"


@pytest.fixture(scope="module")
def guarded(db):
    return TestClient(create_app(str(db), token=TOKEN), follow_redirects=False)


def test_a_guarded_server_refuses_requests_without_its_token(guarded):
    for path in ("/", "/api/summary", "/static/map.js", "/place/" + FARAH):
        answer = guarded.get(path)
        assert answer.status_code == 401, path
        assert "content-security-policy" in answer.headers
    assert guarded.get("/api/summary", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/?token=wrong").status_code == 401


def test_the_token_opens_every_route_as_a_header_or_once_as_a_cookie(guarded):
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert guarded.get("/api/summary", headers=bearer).status_code == 200
    visit = guarded.get(f"/timeline?token={TOKEN}&type=FIGHT")
    assert visit.status_code == 303 and visit.headers["location"] == "/timeline?type=FIGHT"
    assert "HttpOnly" in visit.headers["set-cookie"]
    browser = TestClient(guarded.app, cookies={"sitroom_token": TOKEN})
    assert browser.get("/").status_code == 200
    assert browser.get("/api/picture").status_code == 200


def test_requests_that_carry_a_body_or_a_huge_address_are_refused(client):
    assert client.get("/api/summary", headers={"Content-Length": "5"}).status_code == 413
    assert client.get("/search?q=" + "x" * 5000).status_code == 414
    assert client.get("/api/summary", headers={"X-Filler": "y" * 20000}).status_code == 431
    assert client.post("/api/summary", content=b"").status_code == 405  # read-only


def test_request_limits_are_configurable(db):
    from sitroom.web.guard import Limits

    small = TestClient(create_app(str(db), limits=Limits(max_url_bytes=300)))
    assert small.get("/search?q=" + "x" * 400).status_code == 414
    assert small.get("/search?q=Farah").status_code == 200


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
     ("0.0.0.0", False), ("192.168.1.4", False), ("example.org", False), ("::", False)],
)  # fmt: skip
def test_only_loopback_addresses_count_as_this_machine(host, loopback):
    from sitroom.web.guard import is_loopback

    assert is_loopback(host) is loopback


def _serve(db, env, *args):
    import subprocess
    import sys
    from pathlib import Path

    sitroom = str(Path(sys.executable).with_name("sitroom"))
    return subprocess.run(
        [sitroom, "serve", "--db", str(db), *args], capture_output=True, text=True, env=env,
        timeout=60,
    )  # fmt: skip


def test_serving_beyond_this_machine_needs_a_token(db):
    import os

    env = {k: v for k, v in os.environ.items() if k != "SITROOM_TOKEN"}
    refused = _serve(db, env, "--host", "0.0.0.0", "--port", "1")
    assert refused.returncode != 0 and "SITROOM_TOKEN" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    short = _serve(db, {**env, "SITROOM_TOKEN": "short"}, "--host", "0.0.0.0", "--port", "1")
    assert short.returncode != 0 and "16 characters" in short.stderr
