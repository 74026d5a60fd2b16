"""The demo page and the docs in a real browser (Debian's chromium, headless), against a live
server, with the network cut. Screenshots go to tests/output/."""
from __future__ import annotations

import base64
from pathlib import Path

import pytest

from .live_server import OUTPUT, chrome, serving

TEXT = ("🚒 東京 Fire in Riverton\n\n"
        "Mayor Elena Vasquez said 12 people were injured in Riverton on Monday when a fire 🔥 "
        "spread through the 𠀋 market. \"We will rebuild the market together,\" Vasquez said.\n\n"
        "Officials in Texas said the Red Cross sent help to Riverton.")
DEVSET_ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "devset" / "seed-000.txt"
WAIT = 20

# Runs in the page: annotate the textarea's text with the JavaScript client, then compare the
# page's highlights with the answer. Returns what differs (empty lists when all is exact).
CHECK_HIGHLIGHTS = """
const done = arguments[arguments.length - 1];
(async () => {
  const { AnnotationClient, rangeToSpan, spanToRange } = await import('/client/index.js');
  const sent = document.getElementById('text').value;
  const format = document.getElementById('format').value;
  const answer = await new AnnotationClient().annotate(sent, { format });
  // For HTML the offsets refer to the extracted text the answer returns.
  const text = answer.text ?? sent;
  const article = document.getElementById('article');
  const wrong = [];
  if (article.textContent !== text) wrong.push('the article text differs from the text annotated');
  const spans = [];
  (function walk(value) {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      if (Number.isInteger(value.start) && typeof value.text === 'string') spans.push(value);
      Object.values(value).forEach(walk);
    }
  })(answer);
  for (const span of spans) {
    const shown = spanToRange(article, span).toString();
    if (shown !== span.text || text.slice(span.start, span.end) !== span.text) {
      wrong.push(`span ${span.start}-${span.end}: ${JSON.stringify(shown)} != ${JSON.stringify(span.text)}`);
    }
  }
  // Per entry: the stretches its marks cover, and the stretches of its spans, merged.
  const merge = (intervals) => intervals.sort((a, b) => a[0] - b[0]).reduce((out, [s, e]) => {
    if (out.length && s <= out[out.length - 1][1]) out[out.length - 1][1] = Math.max(out[out.length - 1][1], e);
    else out.push([s, e]);
    return out;
  }, []);
  const marked = {};
  for (const mark of article.querySelectorAll('mark')) {
    const range = document.createRange();
    range.selectNodeContents(mark);
    const { start, end } = rangeToSpan(article, range);
    for (const key of mark.dataset.keys.split(' ')) (marked[key] ??= []).push([start, end]);
  }
  const expected = {};
  const add = (key, span) => span && (expected[key] ??= []).push([span.start, span.end]);
  for (const e of [...answer.actors, ...answer.locations]) e.mentions.forEach((m) => add(e.id, m));
  for (const c of answer.casualties) { add(c.id, c.count.span ?? c.evidence); add(c.id, c.evidence); }
  for (const region of answer.ignored) add('ignored', region);
  for (const q of answer.quotes) { add(q.id, q.span); add(q.id, q.speaker?.mention); add(q.id, q.cue); }
  for (const key of new Set([...Object.keys(marked), ...Object.keys(expected)])) {
    const got = JSON.stringify(merge(marked[key] ?? []));
    const want = JSON.stringify(merge(expected[key] ?? []));
    if (got !== want) wrong.push(`${key}: marks ${got}, spans ${want}`);
  }
  return { wrong, format, spans: spans.length, marks: article.querySelectorAll('mark').length,
           actors: answer.actors.map((a) => a.name), quotes: answer.quotes.length };
})().then(done, (error) => done({ error: String(error) }));
"""


@pytest.fixture(scope="module")
def live_url(app):
    with serving(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chrome(tmp_path_factory.mktemp("chromium"))
    driver.set_script_timeout(WAIT)
    OUTPUT.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def _wait(driver, condition):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, WAIT).until(condition)


def _visible(driver, element_id):
    return _wait(driver, lambda d: d.find_element("id", element_id).is_displayed()
                 and d.find_element("id", element_id))


def _console_problems(driver) -> list[str]:
    """Errors in the browser console: a CSP violation, a failed load, a script error."""
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]]


def _open(driver, url):
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(url)


def _annotate(driver, live_url, text):
    _open(driver, live_url + "/")
    driver.execute_script("document.getElementById('text').value = arguments[0];", text)
    driver.find_element("id", "annotate").click()
    _visible(driver, "result")
    _wait(driver, lambda d: d.find_element("id", "annotate").is_enabled())


def _check_highlights(driver) -> dict:
    report = driver.execute_async_script(CHECK_HIGHLIGHTS)
    assert "error" not in report, report
    assert report["wrong"] == [], report["wrong"][:10]
    return report


def _screenshot(driver, name):
    """The whole page, not only the viewport (Chrome DevTools' full-page capture)."""
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 8000),
                 "scale": 1}})
    (OUTPUT / name).write_bytes(base64.b64decode(shot["data"]))


def test_demo_highlights_sit_exactly_on_the_spans_with_emoji_and_cjk(browser, live_url):
    _annotate(browser, live_url, TEXT)
    report = _check_highlights(browser)
    assert "Elena Vasquez" in report["actors"] and report["quotes"] >= 1
    assert report["spans"] >= 8 and report["marks"] >= 6
    speaker_marks = browser.find_elements("css selector", "#article mark.speaker")
    assert speaker_marks, "the quote's speaker is highlighted"
    assert _console_problems(browser) == []
    _screenshot(browser, "demo-emoji-cjk.png")


PAGE = ("<!doctype html><html><head><title>Flood in Riverton</title></head><body><nav>Home</nav>"
        "<article><h1>Flood in Riverton</h1><p>Mayor Elena Vasquez said on Monday that 12 "
        "people were injured in Riverton 🌊 when the river rose.</p><p>\"We will rebuild,\" "
        "Vasquez said.</p></article><footer>© Example News</footer></body></html>")


def test_an_opened_html_file_is_annotated_as_html_on_its_extracted_text(browser, live_url,
                                                                       tmp_path):
    page = tmp_path / "flood.html"
    page.write_text(PAGE, encoding="utf-8")
    _open(browser, live_url + "/")
    browser.find_element("id", "file").send_keys(str(page))
    _wait(browser, lambda d: d.find_element("id", "text").get_property("value") == PAGE)
    assert browser.find_element("id", "format").get_property("value") == "html"
    browser.find_element("id", "annotate").click()
    _visible(browser, "result")
    report = _check_highlights(browser)
    assert report["format"] == "html" and "Elena Vasquez" in report["actors"]
    shown = browser.find_element("id", "article").text
    assert "Flood in Riverton" in shown and "<p>" not in shown and "Home" not in shown


def test_selecting_an_entry_by_keyboard_highlights_all_its_mentions(browser, live_url):
    from selenium.webdriver.common.keys import Keys

    _annotate(browser, live_url, TEXT)
    browser.execute_script("document.getElementById('article').focus()")
    browser.switch_to.active_element.send_keys(Keys.TAB)
    button = browser.switch_to.active_element
    assert button.get_attribute("data-key") == "A1", "Tab leads from the text to the first entry"
    button.send_keys(Keys.ENTER)
    assert button.get_attribute("aria-pressed") == "true"
    selected = browser.find_elements("css selector", "#article mark.selected")
    of_key = browser.find_elements("css selector", '#article mark[data-keys~="A1"]')
    assert selected and len(selected) == len(of_key)
    assert {mark.text for mark in selected} <= {"Elena Vasquez", "Vasquez"}


def test_a_problem_answer_shows_its_title_and_detail(browser, live_url):
    browser.get(live_url + "/")
    browser.execute_script("document.getElementById('text').value = arguments[0];", TEXT)
    for box in browser.find_elements("css selector", "input[name=layer]:checked"):
        box.click()
    browser.find_element("id", "annotate").click()
    problem = _visible(browser, "problem")
    assert browser.find_element("id", "problem-title").text == "Unprocessable Content"
    assert browser.find_element("id", "problem-detail").text
    assert "layers" in problem.text
    assert not browser.find_element("id", "result").is_displayed()


def test_copy_as_curl_shows_a_command_for_this_server(browser, live_url):
    browser.get(live_url + "/")
    browser.execute_script("document.getElementById('text').value = arguments[0];", "It's a test.")
    browser.find_element("id", "curl").click()
    command = _visible(browser, "curl-command").text
    assert command.startswith(f"curl -sS '{live_url}/v1/annotate'")
    assert "'\\''" in command and '"offsets":"utf16"' in command


def test_the_demo_is_readable_at_320_pixels(browser, live_url):
    _annotate(browser, live_url, TEXT)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 320, "height": 900, "deviceScaleFactor": 1, "mobile": True})
    try:
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 320, f"the page is {width} px wide at 320 px"
        browser.save_screenshot(str(OUTPUT / "demo-320px.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_docs_render_offline_and_try_it_out_answers(browser, live_url):
    from selenium.webdriver.common.by import By

    _open(browser, live_url + "/docs")
    title = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".swagger-ui .info .title"))
    assert "Article annotation API" in title[0].text
    paths = {e.text for e in browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
    assert {"/v1/annotate", "/v1/annotate/batch", "/readyz"} <= paths
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map((entry) => entry.name)")
    assert loaded and all(url.startswith(live_url) for url in loaded), loaded
    assert _console_problems(browser) == []
    _screenshot(browser, "docs.png")
    _try_it_out(browser)
    _expand_model(browser, "AnnotateResponse")
    assert _console_problems(browser) == []


def _expand_model(browser, name):
    from selenium.webdriver.common.by import By

    model = browser.find_element(By.ID, f"model-{name}")
    model.find_element(By.CSS_SELECTOR, "button").click()
    _wait(browser, lambda d: "text_sha256" in model.text)


def _try_it_out(browser):
    from selenium.webdriver.common.by import By

    block = browser.find_element(By.ID, "operations-annotate-post_v1_annotate")
    block.find_element(By.CSS_SELECTOR, ".opblock-summary").click()
    _wait(browser, lambda d: block.find_elements(By.CSS_SELECTOR, ".try-out__btn"))[0].click()
    _wait(browser, lambda d: block.find_elements(By.CSS_SELECTOR, ".execute"))[0].click()
    status = _wait(browser, lambda d: block.find_elements(
        By.CSS_SELECTOR, ".live-responses-table tr.response .response-col_status"))
    assert status[0].text.strip().startswith("200"), status[0].text


@pytest.mark.skipif(not DEVSET_ARTICLE.exists(), reason="the shared dev set is not beside the repo")
def test_the_dev_set_article_is_highlighted_exactly(browser, live_url):
    _annotate(browser, live_url, DEVSET_ARTICLE.read_text(encoding="utf-8"))
    report = _check_highlights(browser)
    assert report["spans"] >= 20
    # Select the first casualty record: its figure and evidence sentence light up in the text.
    browser.find_element("css selector", "#list-casualties button").click()
    assert browser.find_elements("css selector", "#article mark.selected")
    _screenshot(browser, "demo-devset.png")


STORY_ANSWER = {  # the contract's shape, invented figures
    "claims": [
        {"id": "K1", "category": "killed", "victims": {"text": "villagers", "actor_id": None},
         "figures": [{"article": "r1", "value": 15, "low": 15, "high": None,
                      "qualifier": "at_least", "source": {"text": "officials"}, "outlet": "Daily A"},
                     {"article": "r2", "value": 30, "low": None, "high": 30,
                      "qualifier": "at_most", "source": None, "outlet": "Daily B"}],
         "agreement": "conflicting", "low": 15, "high": 30, "conservative": 15},
        {"id": "K2", "category": "injured", "victims": None,
         "figures": [{"article": "r1", "value": 4, "low": 4, "high": 4, "qualifier": "exact",
                      "source": None, "outlet": None}],
         "agreement": "single", "low": 4, "high": 4, "conservative": 4},
    ],
    "duplicates": [["r2", "r3"]],
}

RENDER_CLAIMS = """
const done = arguments[arguments.length - 1];
import('/static/story.js').then(({ renderClaims }) => {
  const table = document.getElementById('claims');
  const summary = renderClaims(table, arguments[0]);
  document.getElementById('story-result').hidden = false;
  done({ summary, rows: [...table.tBodies[0].rows].map((row) => ({
    conflicting: row.classList.contains('conflicting'),
    cells: [...row.cells].map((c) => c.textContent) })) });
}, (error) => done({ error: String(error) }));
"""


def test_the_claims_ledger_table_marks_conflicts_in_words(browser, live_url):
    _open(browser, live_url + "/")
    result = browser.execute_async_script(RENDER_CLAIMS, STORY_ANSWER)
    assert "error" not in result, result
    assert result["summary"] == {"claims": 2, "duplicates": ["r2 = r3"]}
    first, second = result["rows"]
    assert first["conflicting"] and "conflicting" in first["cells"][4]
    assert first["cells"][3] == "at least 15, source: officials (Daily A)at most 30 (Daily B)"
    assert first["cells"][5] == "15–30" and first["cells"][6] == "15"
    assert not second["conflicting"] and second["cells"][4] == "single"
    _screenshot(browser, "demo-claims.png")


def test_sending_a_story_shows_the_ledger_or_the_problem(browser, live_url, app):
    _open(browser, live_url + "/")
    browser.find_element("css selector", "#story summary").click()
    for outlet, text in (("Daily A", TEXT), ("Daily B", TEXT.replace("12", "14"))):
        browser.execute_script("document.getElementById('text').value = arguments[0];", text)
        browser.find_element("id", "outlet").clear()
        browser.find_element("id", "outlet").send_keys(outlet)
        browser.find_element("id", "story-add").click()
    assert len(browser.find_elements("css selector", "#story-articles li")) == 2
    browser.find_element("id", "story-send").click()
    if any(rule.rule == "/v1/stories" for rule in app.url_map.iter_rules()):
        _visible(browser, "story-result")
        assert browser.find_elements("css selector", "#claims tbody tr")
    else:  # the stories endpoint is not in this build: its 404 problem is shown
        _visible(browser, "problem")
        assert browser.find_element("id", "problem-title").text == "Not Found"
