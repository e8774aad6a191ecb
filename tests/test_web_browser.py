"""What a person sees: the real app served on 127.0.0.1, driven in Debian's headless
Chromium through Playwright (``make browser`` installs chromium; never `playwright
install`). Screenshots go to test-artifacts/web/."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from sitroom.web import create_app
from test_web import SEED_ID, build_db

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "web"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    """The app over a store holding the reference report, on a free local port."""
    db = build_db(tmp_path_factory.mktemp("browser"), pipeline, seed_only=True)
    yield from _serve(db)


def _serve(db):
    """The app over ``db`` on a free local port, in a thread, until the generator closes."""
    port = _free_port()
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    assert shutil.which("chromium") or Path(CHROMIUM).exists(), (
        "Debian's chromium is missing: run `make browser` (apt-get install -y chromium)"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    # Offline: any request that leaves 127.0.0.1 fails the test.
    outside: list[str] = []
    opened.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith("http://127.0.0.1") else None,
    )
    yield opened
    context.close()
    assert not errors, f"errors in the page: {errors}"
    assert not outside, f"requests beyond 127.0.0.1: {outside}"


def _label(page, name: str):
    return page.locator(".leaflet-marker-icon.place-label", has_text=name)


def test_overview_map_click_farah_to_both_claims_and_the_sentence(server, page):
    page.goto(server + "/")
    _label(page, "Kunduz").wait_for(timeout=10_000)
    _label(page, "Farah").wait_for(timeout=10_000)
    page.wait_for_selector("path.leaflet-interactive")  # country outlines and markers drawn
    page.wait_for_function("() => document.querySelectorAll('svg path').length > 100")
    page.screenshot(path=ARTIFACTS / "overview.png")

    _label(page, "Farah").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5_000)
    assert "Zabihullah Mujahed" in popup.inner_text()
    assert "Abdul Naser Farahi" in popup.inner_text()
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
    )
    page.screenshot(path=ARTIFACTS / "farah-popup.png")

    claim = popup.locator("li.claim", has_text="Abdul Naser Farahi")
    claim.get_by_role("link", name="the sentence").click()
    page.wait_for_url(f"**/report/{SEED_ID}#s9")
    target = page.locator(".sent:target")
    assert target.get_attribute("id") == "s9"
    assert "still retained control" in target.inner_text()
    assert target.is_visible()
    page.screenshot(path=ARTIFACTS / "sentence.png")


def test_as_of_slider_before_kunduz_fell_shows_it_not_yet_taken(server, page):
    page.goto(server + "/")
    _label(page, "Kunduz").wait_for(timeout=10_000)
    bounds = page.evaluate(
        "() => { const s = document.getElementById('asof'); return [s.min, s.max, s.value]; }"
    )
    assert bounds == ["0", "9", "9"]  # a week before 2021-08-08 .. 2021-08-10, at the last

    def slide_to(index: int, day: str) -> None:
        page.locator("#asof").fill(str(index))
        page.wait_for_selector(f'#map[data-shown="{day}"]')
        assert page.locator("#asof-day").inner_text() == day

    slide_to(6, "2021-08-07")
    assert _label(page, "Kunduz").count() == 0 and _label(page, "Farah").count() == 0
    assert "No place has a known holder on 2021-08-07" in page.locator("#map-places").inner_text()
    page.screenshot(path=ARTIFACTS / "overview-as-of-2021-08-07.png")
    slide_to(7, "2021-08-08")
    assert _label(page, "Kunduz").count() == 1 and _label(page, "Farah").count() == 0
    taken = page.locator('#map-places li[data-place="Kunduz"]').inner_text()
    assert "Taliban captured" in taken
    page.screenshot(path=ARTIFACTS / "overview-as-of-2021-08-08.png")
    # As known then: the report telling of Kunduz's fall came out on 2021-08-10.
    page.locator("#asof-then").check()
    page.wait_for_function(
        "() => document.querySelectorAll('#map-places li[data-place]').length === 0"
    )
    page.wait_for_selector('#map[data-shown="2021-08-08"]')
    assert _label(page, "Kunduz").count() == 0

    page.goto(server + "/timeline?as_of=2021-08-07")
    page.wait_for_selector('#map[data-shown="2021-08-07"]')
    assert _label(page, "Kunduz").count() == 0
    assert "No place has a known holder on 2021-08-07" in page.locator("#map-places").inner_text()
    page.screenshot(path=ARTIFACTS / "as-of-2021-08-07.png", full_page=True)


@pytest.fixture(scope="module")
def acled_server(tmp_path_factory, pipeline):
    """The app over the reference report plus a small ACLED export, on a free port."""
    from sitroom.export.acled_import import import_acled
    from test_web import ACLED_CSV

    folder = tmp_path_factory.mktemp("browser-acled")
    db = build_db(folder, pipeline, seed_only=True)
    (folder / "acled.csv").write_text(ACLED_CSV, encoding="utf-8")
    import_acled(db, folder / "acled.csv")
    yield from _serve(db)


def test_the_acled_reference_layer_is_drawn_apart_with_its_notes_as_text(acled_server, page):
    page.goto(acled_server + "/")
    page.wait_for_selector('#map[data-shown="2021-08-10"]')
    assert page.locator(".acled-point").count() == 0  # off until asked for
    page.locator("#reference").check()
    # the week up to the day shown: Kunduz (a capture, two clashes) and a Khartoum protest
    page.wait_for_selector('#map[data-reference="3"]', state="attached")
    assert page.locator(".acled-point").count() == 3
    # Under Kunduz's own dot, round it: its corner takes the click.
    page.locator('.acled-point[title^="ACLED: Non-state"]').click(position={"x": 3, "y": 3})
    popup = page.locator(".acled-popup")
    popup.wait_for(timeout=10_000)
    assert "Non-state actor overtakes territory" in popup.inner_text()
    assert "source: Pajhwok" in popup.inner_text() and "<b>Kunduz</b>" in popup.inner_text()
    assert "Kunduz, Kunduz, Afghanistan" in popup.inner_text()
    assert "2021-08-04 – 2021-08-10, last 2021-08-08" in popup.inner_text()
    assert popup.locator("b", has_text="Kunduz").count() == 0  # the notes' markup is text
    page.screenshot(path=ARTIFACTS / "acled-reference-layer.png")
    page.locator("#asof").fill("6")  # as of 2021-08-07: nothing of ACLED's in that week
    page.wait_for_selector('#map[data-reference="0"]', state="attached")
    assert page.locator(".acled-point").count() == 0
    page.locator("#asof").fill("7")  # 2021-08-08: the capture of Kunduz
    page.wait_for_selector('#map[data-reference="1"]', state="attached")
    assert page.locator('.acled-point[title^="ACLED: Non-state"]').count() == 1
    page.locator("#reference").uncheck()
    page.wait_for_function("() => document.querySelectorAll('.acled-point').length === 0")


def test_without_an_acled_import_the_reference_box_is_disabled_with_a_note(server, page):
    page.goto(server + "/")
    page.wait_for_selector('#map[data-shown="2021-08-10"]')
    box = page.locator("#reference")
    assert box.is_disabled()
    note = page.locator("#reference-note")
    assert note.is_visible() and "sitroom import-acled FILE.csv" in note.inner_text()
    assert page.locator(".acled-point").count() == 0


@pytest.fixture(scope="module")
def later_server(tmp_path_factory, pipeline):
    """The reference report (2021) and a report of 2022: the store's now is 2022-03-02."""
    db = build_db(tmp_path_factory.mktemp("later"), pipeline)
    yield from _serve(db)


def test_places_not_reported_for_a_month_are_drawn_apart_and_say_their_age(later_server, page):
    page.goto(later_server + "/")
    _label(page, "Kherson").wait_for(timeout=10_000)
    _label(page, "Farah").wait_for(timeout=10_000)
    stale = page.locator("path.place-dot.stale")
    fresh = page.locator("path.place-dot:not(.stale)")
    assert stale.count() >= 2 and fresh.count() >= 1  # Farah, Kunduz; Kherson
    assert stale.first.get_attribute("stroke-dasharray") == "3 3"
    assert fresh.first.get_attribute("stroke-dasharray") is None
    farah = page.locator("li[data-place='Farah']")
    assert farah.get_attribute("data-stale") == "true"
    assert "last reported 2021-08-10, 204 days before this view (stale)" in farah.inner_text()
    kherson = page.locator("li[data-place='Kherson']")
    assert kherson.get_attribute("data-stale") is None
    assert "the day of this view" in kherson.inner_text()
    page.screenshot(path=ARTIFACTS / "stale.png")


def test_a_day_is_shown_with_its_outlines_and_the_map_says_what_its_layers_hold(server, page):
    page.goto(server + "/")
    page.wait_for_selector('#map[data-shown="2021-08-10"]')
    assert page.locator("#map").get_attribute("data-outlines") == "drawn"
    status = page.locator("#map-status").inner_text()
    assert "with a known holder on 2021-08-10" in status and "event point" in status
    # every event of the week lies inside the first frame
    inside = page.evaluate(
        """() => {
          const box = document.getElementById('map').getBoundingClientRect();
          const dots = [...document.querySelectorAll('path.leaflet-interactive')]
            .filter(p => p.getAttribute('stroke') === '#6e40c9');
          return [dots.length, dots.every(p => {
            const r = p.getBoundingClientRect();
            return r.left >= box.left && r.right <= box.right
              && r.top >= box.top && r.bottom <= box.bottom;
          })];
        }"""
    )
    assert inside[0] > 0 and inside[1]
    page.locator("#asof").fill("0")  # 2021-08-01: no event that week
    page.wait_for_selector('#map[data-shown="2021-08-01"]')
    assert (
        "no events in the week 2021-07-26 to 2021-08-01" in page.locator("#map-status").inner_text()
    )
