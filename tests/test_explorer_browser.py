"""The explorer page in a real headless Chromium, on a real uvicorn server over the seed graph.

Needs Debian's ``chromium`` (``apt-get install chromium``) and Playwright's Python package;
Playwright's own browser download is not used. Every request the page makes must go to
127.0.0.1: requests elsewhere are aborted and fail the test through the request log.
Set ``POLICYKG_SCREENSHOT_DIR`` to also keep the screenshots there (the README's come from it).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run",
               "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
WAIT_MS = 60_000

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

NON_BLANK_PIXELS = """() => {
  const canvas = document.querySelector('#graph canvas, #pkg-network canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) count++;
  }
  return count;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def explorer_url(seed_store) -> Iterator[str]:
    """A uvicorn server on a free 127.0.0.1 port serving the API over the seed graph."""
    import uvicorn

    from policykg.api.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store=seed_store), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture()
def page(browser, explorer_url: str) -> Iterator[tuple[object, list[str]]]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route("**/*", lambda route: route.continue_() if _local(route.request.url) else route.abort())
    opened = context.new_page()
    opened.set_default_timeout(WAIT_MS)
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened, requests
    context.close()
    assert not errors, f"script errors on the page: {errors}"


def test_explorer_search_open_agency_and_network(page, explorer_url: str, seed_records, tmp_path: Path) -> None:
    browser_page, requests = page
    browser_page.goto(explorer_url + "/")
    browser_page.fill("#search-q", "印染")
    browser_page.click("#search-form button[type=submit]")
    browser_page.wait_for_selector("#search-results li")
    hits = browser_page.locator("#search-results li").all_text_contents()
    assert hits and all(hit.strip() for hit in hits)

    # A measure found by 印染, then an agency that holds a role in it.
    browser_page.locator("#search-results .entity-link[data-kind=measure]").first.click()
    browser_page.wait_for_selector("#profile-roles .entity-link[data-kind=agency]")
    agency_link = browser_page.locator("#profile-roles .entity-link[data-kind=agency]").first
    agency = agency_link.text_content()
    agency_link.click()
    browser_page.wait_for_function(
        "name => { const t = document.querySelector('#profile-title[data-kind=agency]');"
        " return t && t.textContent.includes(name); }", arg=agency)
    _wait_for_graph(browser_page, "#graph")

    assert int(browser_page.get_attribute("#graph", "data-nodes")) > 1
    assert browser_page.locator("#graph canvas").count() == 1
    assert browser_page.evaluate(NON_BLANK_PIXELS) > 500, "the network canvas is blank"
    # The profile quotes its source sentences, and they are sentences of the seed documents.
    sentences = [text.removeprefix("来源句：") for text in
                 browser_page.locator("#profile-measures .evidence").all_text_contents()]
    assert sentences
    corpus = "".join(doc.text or "" for doc in seed_records)
    assert all(sentence in corpus for sentence in sentences[:10])

    screenshot = tmp_path / "explorer-agency.png"
    browser_page.screenshot(path=str(screenshot), full_page=False)
    assert screenshot.stat().st_size > 10_000
    _keep_screenshot(screenshot)

    # Clicking a measure node in the network opens that measure's profile.
    measure = browser_page.evaluate("""() => {
      const view = window.policykgExplorer.view();
      const node = view.nodes.get({filter: n => n.kind === 'measure'})[0];
      const dom = view.network.canvasToDOM(view.network.getPosition(node.id));
      return {key: node.key, x: dom.x, y: dom.y};
    }""")
    box = browser_page.locator("#graph canvas").bounding_box()
    browser_page.mouse.click(box["x"] + measure["x"], box["y"] + measure["y"])
    browser_page.wait_for_selector("#profile-title[data-kind=measure]")
    assert browser_page.locator("#profile-roles .evidence").count() > 0

    assert len(requests) > 5
    outside = [url for url in requests if not _local(url)]
    assert not outside, f"the page reached out of 127.0.0.1: {outside}"


def test_explorer_runs_a_named_query_as_table_and_graph(page, explorer_url: str, tmp_path: Path) -> None:
    browser_page, requests = page
    browser_page.goto(explorer_url + "/")
    browser_page.wait_for_selector("#query-name option[value=agency_network]", state="attached")
    browser_page.select_option("#query-name", "agency_network")
    browser_page.fill("#query-params input[name=province]", "广东")
    browser_page.click("#query-form button[type=submit]")
    browser_page.wait_for_selector("#result-table tr td")
    rows = browser_page.locator("#result-table tr").count() - 1
    assert rows > 1
    _wait_for_graph(browser_page, "#graph")
    assert int(browser_page.get_attribute("#graph", "data-nodes")) > 2
    # The table's agencies are among the graph's nodes.
    first_source = browser_page.locator("#result-table tr:nth-child(2) td:first-child").text_content()
    in_graph = browser_page.evaluate(
        "name => window.policykgExplorer.view().nodes.get({filter: n => n.key === name}).length", first_source)
    assert in_graph == 1
    screenshot = tmp_path / "explorer-query.png"
    browser_page.screenshot(path=str(screenshot))
    assert screenshot.stat().st_size > 10_000
    assert all(_local(url) for url in requests)


def test_rendered_page_draws_offline(page, explorer_url: str, seed_records, tmp_path: Path) -> None:
    """A /visual page is self-contained: one request, and the network is drawn."""
    browser_page, requests = page
    province = seed_records[0].province
    browser_page.goto(explorer_url + f"/visual/province?province={province}")
    _wait_for_graph(browser_page, "#pkg-network")
    assert int(browser_page.get_attribute("#pkg-network", "data-nodes")) > 1
    assert browser_page.evaluate(NON_BLANK_PIXELS) > 500
    assert len(requests) == 1 and _local(requests[0])
    screenshot = tmp_path / "visual-province.png"
    browser_page.screenshot(path=str(screenshot))
    _keep_screenshot(screenshot)


def _wait_for_graph(browser_page, selector: str) -> None:
    browser_page.wait_for_selector(f"{selector} canvas")
    browser_page.wait_for_function(
        "selector => document.querySelector(selector).getAttribute('data-stabilized') === '1'", arg=selector)


def _local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname == "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _keep_screenshot(path: Path) -> None:
    folder = os.environ.get("POLICYKG_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(folder) / path.name)


def test_api_docs_render_with_the_network_cut_off(page, explorer_url: str) -> None:
    """/docs is Swagger UI served by the app itself: it renders the endpoints with every outside request refused."""
    browser_page, requests = page
    browser_page.goto(explorer_url + "/")
    browser_page.click("header a[href='/docs']")
    browser_page.wait_for_selector(".swagger-ui .opblock-summary-path")
    paths = browser_page.locator(".swagger-ui .opblock-summary-path").all_text_contents()
    assert any("/agencies/{agency}" in path for path in paths)
    assert any("/visual/map" in path for path in paths) and any("/overview" in path for path in paths)
    assert browser_page.locator(".swagger-ui .info .title").first.text_content().startswith("policykg")
    assert any(url.endswith("/openapi.json") for url in requests)
    outside = [url for url in requests if not _local(url)]
    assert not outside, f"the docs page reached out of 127.0.0.1: {outside}"


# Finds a point of an element where a click reaches that element (not a mark drawn over it) and clicks it.
CLICK_POINT = """selector => {
  const target = document.querySelector(selector);
  target.scrollIntoView({block: 'center'});
  const box = target.getBoundingClientRect();
  for (let fy = 0.5; fy > 0.02; fy -= 0.04) for (const sy of [1, -1]) for (let fx = 0.5; fx > 0.02; fx -= 0.04)
    for (const sx of [1, -1]) {
      const x = box.left + box.width * (0.5 + sx * (0.5 - fx)), y = box.top + box.height * (0.5 + sy * (0.5 - fy));
      const hit = document.elementFromPoint(x, y);
      if (hit && (hit === target || target.contains(hit))) return {x, y};
    }
  return null;
}"""


def _click(browser_page, selector: str) -> None:
    point = browser_page.evaluate(CLICK_POINT, selector)
    assert point, f"nothing of {selector} can be clicked"
    browser_page.mouse.click(point["x"], point["y"])


def test_overview_opens_on_the_map_and_matrix_then_a_province_and_a_city(page, explorer_url: str,
                                                                         seed_records, tmp_path: Path) -> None:
    browser_page, requests = page
    browser_page.goto(explorer_url + "/")
    browser_page.wait_for_selector("#overview-map svg path[data-province='广东省']")
    browser_page.wait_for_selector("#matrix-table td.cell")
    provinces = {doc.province for doc in seed_records if doc.province}
    shaded = browser_page.evaluate(
        "() => [...document.querySelectorAll('#overview-map path.pkg-province')]"
        ".filter(p => Number(p.dataset.measures) > 0).map(p => p.dataset.province)")
    assert set(shaded) == provinces
    assert browser_page.locator("#overview-map .pkg-city").count() > 20
    columns = browser_page.locator("#matrix-table th.province").all_text_contents()
    assert set(columns) == provinces
    topics = {t for doc in seed_records for m in doc.measures for t in m.topics}
    assert browser_page.locator("#matrix-table tr").count() - 1 == len(topics)
    totals = browser_page.text_content("#overview-totals")
    assert f"{len(seed_records)} 份文件" in totals and f"{sum(len(d.measures) for d in seed_records)} 项措施" in totals
    screenshot = tmp_path / "explorer-overview.png"
    browser_page.screenshot(path=str(screenshot))
    _keep_screenshot(screenshot)

    # A filter recolours the map: only the provinces with measures of the topic stay shaded.
    browser_page.select_option("#filter-topic", "talent")
    browser_page.wait_for_function("() => document.querySelector('#filter-topic').value === 'talent' && "
                                   "document.querySelector(\"#overview-map path[data-province='山东省']\")")
    talent = {doc.province for doc in seed_records for m in doc.measures if "talent" in m.topics}
    browser_page.wait_for_function(
        "n => [...document.querySelectorAll('#overview-map path.pkg-province')]"
        ".filter(p => Number(p.dataset.measures) > 0).length === n", arg=len(talent))
    browser_page.select_option("#filter-topic", "")
    browser_page.wait_for_function(
        "n => [...document.querySelectorAll('#overview-map path.pkg-province')]"
        ".filter(p => Number(p.dataset.measures) > 0).length === n", arg=len(provinces))

    _click(browser_page, "#overview-map path[data-province='广东省']")
    browser_page.wait_for_function("() => document.querySelector('#graph-heading').textContent.includes('广东省')")
    _wait_for_graph(browser_page, "#graph")
    assert int(browser_page.get_attribute("#graph", "data-nodes")) > 5
    assert browser_page.evaluate(NON_BLANK_PIXELS) > 500

    _click(browser_page, "#overview-map .pkg-city[data-city='东莞市']")
    browser_page.wait_for_selector("#profile-title[data-kind=city]")
    assert "东莞市" in browser_page.text_content("#profile-title")
    assert "大朗毛织" in browser_page.locator("#profile-clusters li").all_text_contents()
    assert browser_page.locator("#profile-city-measures li").count() > 0
    assert all(_local(url) for url in requests)


def test_cluster_map_page_draws_offline_and_lists_a_citys_clusters(page, explorer_url: str, tmp_path: Path) -> None:
    browser_page, requests = page
    browser_page.goto(explorer_url + "/visual/map")
    browser_page.wait_for_selector("#pkg-map .pkg-city[data-city='东莞市'] .pkg-cluster")
    assert browser_page.locator("#pkg-map .pkg-cluster").count() > 40
    assert browser_page.locator("#pkg-map text.pkg-city-label").count() >= 10
    assert len(requests) == 1 and _local(requests[0])
    # One province, zoomed: its cities only, and a click on a city lists its clusters.
    browser_page.goto(explorer_url + "/visual/map?province=广东")
    browser_page.wait_for_selector("#pkg-map .pkg-city[data-city='东莞市'] .pkg-cluster")
    shown = set(browser_page.evaluate("() => [...document.querySelectorAll('#pkg-map .pkg-province-label')]"
                                      ".map(t => t.textContent)"))
    assert len(shown) == 1 and next(iter(shown)).startswith("广东省")
    _click(browser_page, "#pkg-map .pkg-city[data-city='东莞市'] > circle:last-of-type")
    browser_page.wait_for_selector("#pkg-city-clusters li")
    assert "大朗毛织" in browser_page.locator("#pkg-city-clusters li").all_text_contents()
    screenshot = tmp_path / "visual-map.png"
    browser_page.screenshot(path=str(screenshot))
    _keep_screenshot(screenshot)
    assert len(requests) == 2 and all(_local(url) for url in requests)


CJK = re.compile(r"[\u3400-\u9fff]")
# The page's own words (not the graph's data: names of provinces, agencies, measures stay as written).
UI_TEXT = """() => {
  const texts = [];
  const chrome = 'header h1, header span, header a, header button, aside h2, aside button, main h2 > span, main h3,'
    + ' #overview-totals, #overview-scale, .filters label > span, #filter-role option, #filter-topic option,'
    + ' #filter-agency-type option, #visual-kind option, #documents-table th, #matrix-table tr:first-child th:first-child,'
    + ' #graph-panel > .muted, #profile, #table-heading, #graph-heading';
  document.querySelectorAll(chrome).forEach(node => { if (node.textContent.trim()) texts.push(node.textContent.trim()); });
  document.querySelectorAll('[placeholder]').forEach(node => texts.push(node.getAttribute('placeholder')));
  document.querySelectorAll('#overview-panel h2 span[data-i18n], #documents-table td:nth-child(2), #documents-table td:nth-child(3)')
    .forEach(node => texts.push(node.textContent.trim()));
  return texts;
}"""


def test_language_switch_changes_every_visible_string(page, explorer_url: str) -> None:
    browser_page, requests = page
    browser_page.goto(explorer_url + "/")
    browser_page.wait_for_selector("#matrix-table td.cell")
    browser_page.wait_for_selector("#visual-kind option", state="attached")
    assert browser_page.get_attribute("html", "lang") == "zh-CN"
    chinese = browser_page.evaluate(UI_TEXT)
    not_chinese = [text for text in chinese if not CJK.search(text) and not text.isdigit()]
    assert not_chinese == ["English"], not_chinese  # the switch names the other language

    browser_page.click("#lang-switch")
    browser_page.wait_for_function("() => document.documentElement.lang === 'en'")
    english = browser_page.evaluate(UI_TEXT)
    assert len(english) == len(chinese)
    leftover = [text for text in english if CJK.search(text) and text != "中文"]
    assert not leftover, f"Chinese left on the English page: {leftover}"
    unchanged = [a for a, b in zip(chinese, english, strict=True) if a == b and not a.isdigit()]
    assert not unchanged, f"not switched: {unchanged}"
    assert browser_page.text_content("#lang-switch") == "中文"

    # The choice holds when the page is opened again, and the switch goes back.
    browser_page.reload()
    browser_page.wait_for_selector("#matrix-table td.cell")
    browser_page.wait_for_selector("#visual-kind option", state="attached")
    assert browser_page.evaluate(UI_TEXT) == english
    browser_page.click("#lang-switch")
    browser_page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")
    assert browser_page.evaluate(UI_TEXT) == chinese
    assert all(_local(url) for url in requests)
