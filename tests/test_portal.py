"""The portal as a reader meets it: a real server, real headless Chromium (Debian's ``chromium``,
driven by Playwright) over the home, document, report, record, vote, State, query, ontology,
vocabulary and dataset pages. Every page renders without console errors or page errors, a crawl of
every local link on them finds no 404, and each page is saved as a screenshot in the folder the
README names (``UNGA_LD_SCREENSHOTS``, else build/screenshots/)."""

from __future__ import annotations

import os
import shutil
import urllib.parse
from pathlib import Path

import pytest
import requests
from playwright.sync_api import sync_playwright

from tests.conftest import ROOT, facts
from tests.test_serve import serving

CHROMIUM = os.environ.get("UNGA_LD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(os.environ.get("UNGA_LD_SCREENSHOTS") or ROOT / "build" / "screenshots")
# Chromium as the machine allows it: no sandbox under root, no calls home on a closed network
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPORT = facts("004_a2d8dbfef73a8e4a")  # the First Committee report A/73/505, read by hand
DRAFT = REPORT["proposals"][0]["symbol"]  # A/C.1/73/L.27/Rev.1
PAGES = {
    "home": "/",
    "search": "/search?q=France",
    "resolution": "/document/A/RES/77/37",
    "changes": "/document/A/RES/77/36?since=A/RES/76/19",
    "report": "/document/A/73/505",
    "record": "/document/A/48/PV.46",
    "draft": f"/document/{DRAFT}",
    "vote": f"/vote/first-committee/73/31/{DRAFT}",
    "state": "/state/FRA",
    "states": "/states",
    "query": "/query?name=votes-on-draft",
    "ontology": "/ontology",
    "vocabularies": "/vocabulary/",
    "dataset": "/dataset",
    "graph": "/graph/states",
}


@pytest.fixture(scope="module")
def server(published, tmp_path_factory):
    log = tmp_path_factory.mktemp("log") / "access.log"
    with serving(published, log, "--rate", "1000", "--burst", "1000") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} not found: tools/system-packages.sh installs Debian's chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def rendered(server, browser) -> dict[str, dict]:
    """Each page loaded once in Chromium: its console errors, page errors, links, and a screenshot."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, path in PAGES.items():
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        problems: list[str] = []
        page.on("console", lambda m, p=problems: p.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e, p=problems: p.append(f"page error: {e}"))
        page.on("requestfailed", lambda r, p=problems: p.append(f"request failed: {r.url}"))
        answer = page.goto(server + path, wait_until="load")
        assert answer is not None
        links = page.eval_on_selector_all("a[href]", "nodes => nodes.map(n => n.href)")
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
        out[name] = {
            "status": answer.status,
            "problems": problems,
            "links": links,
            "title": page.title(),
            "seats": {k: page.locator(f"svg circle.seat.{k}").count() for k in ("favour", "against", "abstention")},
            "text": page.inner_text("main"),
        }
        page.close()
    return out


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_renders_without_errors(rendered, name):
    page = rendered[name]
    assert page["status"] == 200, name
    assert page["problems"] == [], name
    assert page["title"].endswith("UNGA-LD") and page["text"].strip()
    assert (SHOTS / f"{name}.png").stat().st_size > 10_000


def test_a_crawl_of_every_local_link_finds_no_404(server, rendered):
    local = set()
    for page in rendered.values():
        for link in page["links"]:
            parts = urllib.parse.urlsplit(link)
            if link.startswith(server) and not parts.path.startswith("/dumps/"):
                local.add(urllib.parse.urlunsplit(parts._replace(fragment="")))
    assert len(local) > 300  # the pages link States, documents, votes and terms
    missing = []
    with requests.Session() as session:
        for url in sorted(local):
            status = session.get(url, timeout=30).status_code
            if status == 404:
                missing.append(url)
    assert missing == []
    # the dumps the pages link are there too (HEAD: no need to move their bytes)
    dumps = {link for page in rendered.values() for link in page["links"] if "/dumps/" in link}
    assert dumps and all(requests.head(url, timeout=10).status_code == 200 for url in dumps)


def test_the_vote_chart_shows_the_reports_totals(rendered):
    vote = REPORT["proposals"][0]["vote"]
    seats = rendered["vote"]["seats"]
    assert (seats["favour"], seats["against"], seats["abstention"]) == (vote["yes"], vote["no"], vote["abstain"])
    assert f"{vote['yes']}" in rendered["vote"]["text"] and "Russian Federation" not in rendered["vote"]["title"]


def test_the_vote_page_names_the_states_as_links(rendered, server):
    against = REPORT["proposals"][0]["vote"]["against"]
    text = rendered["vote"]["text"]
    assert all(name in text for name in against if not name.startswith("the former"))
    assert server + "/state/FRA" in rendered["vote"]["links"]


def test_the_document_page_links_the_original_its_votes_and_states(rendered, server):
    links = rendered["resolution"]["links"]
    assert "https://undocs.org/A/RES/77/37" in links
    assert any(link.startswith(server + "/state/") for link in links)
    assert any(link.startswith(server + "/vote/") for link in rendered["report"]["links"])


def test_the_query_page_shows_a_table(rendered):
    text = rendered["query"]["text"]
    # votes-on-draft on A/C.1/73/L.27/Rev.1: France voted against it (the report, read by hand)
    assert "France" in text and "against" in text


def test_a_phone_sized_page_fits_its_width(server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server + PAGES["resolution"], wait_until="load")
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(SHOTS / "resolution-phone.png"))
    page.close()
    assert width <= 400
