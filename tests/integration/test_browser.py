"""`pravo serve` driven in a real browser: Debian's headless Chromium through Playwright.

Searches «Интелавто», opens a result (the chunk marked in the whole document), asks which decree
approved the programme, opens the citation (the quote marked at its offsets), and looks at the
documents view. Screenshots of the three views go to a temporary folder, and to
``docs/screenshots/`` when ``PRAVO_UPDATE_SCREENSHOTS=1`` (that is how the README's were made).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.integration.serve_helpers import running_serve

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: apt-get install chromium (.ci/run does)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from tests.conftest import FIXTURES

    root = tmp_path_factory.mktemp("browser")
    shutil.copytree(FIXTURES / "corpus", root / "corpus")
    with running_serve(root, index=root / "corpus") as url:
        yield url


@pytest.fixture(scope="module")
def page():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="ru-RU")
        page.set_default_timeout(30_000)
        yield page
        browser.close()


def _shot(page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / name), full_page=True)
    if os.environ.get("PRAVO_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / name, SCREENSHOTS / name)


def test_search_ask_and_documents_in_the_browser(server, page, tmp_path):
    page.goto(server)
    # «Поиск»: results with the query's word marked; a result opens the document at its chunk
    page.locator("#search-query textarea, #search-query input").first.fill("Интелавто")
    page.locator("#search-button").click()
    first = page.locator("#search-results .pravo-hit").first
    first.wait_for()
    assert page.locator("#search-results .pravo-hit").count() >= 2
    assert "интелавто" in page.locator("#search-results mark.pravo-term").first.inner_text().lower()
    first.locator(".pravo-title").click()
    target = page.locator("#search-document mark.pravo-target")
    target.wait_for()
    whole = page.locator("#search-document .pravo-doc").inner_text()
    assert len(whole) > len(target.inner_text()) and target.inner_text().strip() in whole
    assert target.is_visible() and target.inner_text().strip()
    _shot(page, tmp_path, "search.png")

    # «Вопрос»: an answer with a clickable marker; the citation opens its source with the quote marked
    page.get_by_role("tab", name="Вопрос").click()
    page.locator("#ask-question textarea, #ask-question input").first.fill(
        "Какое постановление одобрило программу Интелавто?"
    )
    page.locator("#ask-button").click()
    marker = page.locator("#ask-answer a.pravo-cite").first
    marker.wait_for()
    assert "443" in page.locator("#ask-answer .pravo-answer").inner_text()
    quote = page.locator("#ask-answer .pravo-citation blockquote").first.inner_text()
    marker.click()
    cited = page.locator("#ask-document mark.pravo-target")
    cited.wait_for()
    assert " ".join(cited.inner_text().split()) == " ".join(quote.split())
    assert cited.is_visible()
    _shot(page, tmp_path, "ask.png")

    # «Документы»: the three documents with requisites, a filter, the index status
    page.get_by_role("tab", name="Документы").click()
    rows = page.locator("#docs-table tr.pravo-docrow")
    rows.first.wait_for()
    assert rows.count() == 3
    status = page.locator("#index-status")
    status.locator("dl").wait_for()
    assert "Документов" in status.inner_text() and "3" in status.inner_text()
    page.locator("#docs-filter textarea, #docs-filter input").first.fill("443")
    page.locator("#docs-filter textarea, #docs-filter input").first.press("Enter")
    page.wait_for_function("document.querySelectorAll('#docs-table tr.pravo-docrow').length === 1")
    assert "443" in rows.first.inner_text()
    rows.first.click()
    page.locator("#docs-document .pravo-doc").wait_for()
    assert "Интелавто" in page.locator("#docs-document").inner_text()
    _shot(page, tmp_path, "documents.png")

    # adding a document from the browser: uploaded, indexed by the server, listed, and its text escaped
    upload = tmp_path / "upload-test.txt"
    upload.write_text("<b>Не жирный</b> текст о Квазиморфе <script>window.pravoPwned = 1</script>", encoding="utf-8")
    page.get_by_text("Добавить документы").click()
    page.locator("#docs-upload-files input[type=file]").set_input_files(str(upload))
    page.locator("#docs-upload-files").get_by_text("upload-test.txt").first.wait_for()
    page.locator("#docs-upload").click()
    page.locator("#docs-upload-result .pravo-msg").wait_for()
    assert "Новых: 1" in page.locator("#docs-upload-result").inner_text()
    page.locator("#docs-filter textarea, #docs-filter input").first.fill("upload")
    page.locator("#docs-filter textarea, #docs-filter input").first.press("Enter")
    uploaded = page.locator("#docs-table tr.pravo-docrow", has_text="upload-test")
    uploaded.wait_for()
    assert rows.count() == 1
    uploaded.click()
    page.wait_for_function("document.querySelector('#docs-document .pravo-doc').innerText.includes('Квазиморф')")
    assert "<script>window.pravoPwned = 1</script>" in page.locator("#docs-document .pravo-doc").inner_text()
    assert page.evaluate("window.pravoPwned") is None
