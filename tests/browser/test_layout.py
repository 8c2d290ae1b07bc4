"""Every public page, and a resident's account pages, laid out for a phone and for a desktop.

At 390 × 844 (a phone), 1280 × 800 (a laptop), 320 × 640 (WCAG 1.4.10 reflow: 320 CSS
pixels, which is a 1280-pixel window at 400 % zoom) and 640 × 400 (the same window at 200 %):
the page never scrolls sideways, no column of text is squeezed below 20 characters, no
content spills out of its box, the content does not touch the header, and axe finds nothing
(`visit()`). A full-page screenshot of each is saved for review, under
`SCREENSHOT_DIR` (default `test-artifacts/screenshots/`, ignored by git) as
`<width>x<height>/<page>.png`.

One test per viewport, one browser context for it, one log-in: the demo is built once per
viewport and each page is loaded once. A test reports every page that fails, not the first.
"""

import os
from pathlib import Path

import pytest

from demo.gmina import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPEN = "/konsultacje/program-wspolpracy-2027/"
CLOSED = "/konsultacje/program-wspolpracy-2026/"

PUBLIC_PAGES = {
    "strona-glowna": "/",
    "konsultacje": "/konsultacje/",
    "konsultacja-trwajaca": OPEN,
    "porownanie-wersji": OPEN + "porownaj/?od=1&do=2",
    "dyskusja-uwagi": OPEN + "?rodzaj=uwaga",
    "spotkanie-stolikowe": OPEN + "spotkanie-stolikowe/",
    "spotkania": "/spotkania/",
    "organizacje": "/organizacje/",
    "konsultacja-zakonczona": CLOSED,
    "raport": CLOSED + "raport/",
}
ACCOUNT_PAGES = {
    "moje-zgloszenia": "/konto/zgloszenia/",
    "moje-dane": "/konto/dane/",
}

VIEWPORTS = [
    pytest.param({"width": 390, "height": 844}, id="telefon-390"),
    pytest.param({"width": 1280, "height": 800}, id="laptop-1280"),
    pytest.param({"width": 320, "height": 640}, id="reflow-320"),
    pytest.param({"width": 640, "height": 400}, id="zoom-200"),
]

# Elements holding text of their own whose box is narrower than 20 times the width of "0"
# in their font *and* whose text wraps there: a column that squeezes its words. A number
# alone in a narrow table column does not wrap and is not reported.
NARROW_TEXT_COLUMNS = """() => {
    const ruler = document.createElement("canvas").getContext("2d");
    const found = [];
    const selector = "p, li, dd, dt, td, th, caption, figcaption, label, blockquote, summary";
    for (const element of document.querySelectorAll(selector)) {
        const ownText = [...element.childNodes]
            .filter((node) => node.nodeType === Node.TEXT_NODE)
            .map((node) => node.textContent).join("").trim();
        if (!ownText || element.getClientRects().length === 0) continue;
        if (element.closest(".visually-hidden")) continue;
        const style = getComputedStyle(element);
        ruler.font = style.font;
        const zero = ruler.measureText("0").width;
        const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
        const width = element.clientWidth - padding;
        if (width >= 20 * zero) continue;
        const range = document.createRange();
        range.selectNodeContents(element);
        const lineTops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lineTops.size > 1) {
            found.push(`<${element.tagName.toLowerCase()} class="${element.className}"> ` +
                `${Math.round(width)} px < ${Math.round(20 * zero)} px: ${ownText.slice(0, 50)}`);
        }
    }
    return found;
}"""

# Boxes whose content spills out of them sideways (a word wider than its column), outside
# the regions that scroll on purpose.
SPILLING_BOXES = """() => {
    const found = [];
    for (const element of document.querySelectorAll("header *, main *")) {
        const overflow = getComputedStyle(element).overflowX;
        if (["auto", "scroll", "hidden", "clip"].includes(overflow)) continue;
        if (element.closest(".visually-hidden, .table-scroll, .report-table, svg")) continue;
        if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) {
            found.push(`<${element.tagName.toLowerCase()} class="${element.className}"> ` +
                `${element.scrollWidth} px in ${element.clientWidth} px: ` +
                element.textContent.trim().slice(0, 50));
        }
    }
    return found;
}"""

# Space between the header and the first thing on the page, in CSS pixels.
HEADER_GAP = """() => {
    const header = document.querySelector(".site-header").getBoundingClientRect();
    const first = [...document.querySelector("main").children]
        .find((element) => element.getClientRects().length > 0);
    return Math.round(first.getBoundingClientRect().top - header.bottom);
}"""


def screenshot_path(viewport, name) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR", "test-artifacts/screenshots"))
    path = folder / f"{viewport['width']}x{viewport['height']}" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def layout_problems(page, viewport, name) -> list[str]:
    """What is wrong with the page's layout; saves its full-page screenshot either way."""
    problems = []
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width > inner_width:
        problems.append(f"{name}: scrolls sideways ({scroll_width} px wide in {inner_width} px)")
    for box in page.evaluate(SPILLING_BOXES):
        problems.append(f"{name}: content spills out of its box: {box}")
    gap = page.evaluate(HEADER_GAP)
    if gap < 16:
        problems.append(f"{name}: the content starts {gap} px under the header")
    for column in page.evaluate(NARROW_TEXT_COLUMNS):
        problems.append(f"{name}: text column narrower than 20 characters: {column}")
    path = screenshot_path(viewport, name)
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")  # noqa: T201 - the artefact's path, for whoever reviews it
    return problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_fits_the_screen_without_squeezed_text(live_demo, visit, page, viewport):
    page.set_viewport_size(viewport)
    problems = []
    for name, path in PUBLIC_PAGES.items():
        visit(path)
        problems += layout_problems(page, viewport, name)

    visit("/konto/login/")
    page.get_by_label("Adres e-mail").fill("ewa.nowicka@example.org")
    page.get_by_label("Hasło").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Zaloguj").click()
    page.wait_for_url("**/")
    for name, path in ACCOUNT_PAGES.items():
        visit(path)
        # The account menu open: its six links must fit too.
        page.get_by_text("Zalogowano jako Ewa Nowicka", exact=True).click()
        assert page.get_by_role("link", name="Moje dane", exact=True).is_visible()
        problems += layout_problems(page, viewport, name)

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", VIEWPORTS[:1])
def test_a_phone_shows_the_stage_the_deadline_and_how_to_take_part_without_scrolling(
    live_demo, visit, page, viewport
):
    page.set_viewport_size(viewport)
    visit(OPEN)

    current = page.locator(".stages [aria-current='step']")
    assert current.inner_text().startswith("Trwające")
    for text in ("Komentarze i uwagi do", "Skomentuj lub zgłoś uwagę"):
        box = page.get_by_text(text).first.bounding_box()
        assert box["y"] + box["height"] <= viewport["height"], f"“{text}” is below the fold"


@pytest.mark.parametrize(
    ("path", "content"),
    [(OPEN, ".draft .paragraph"), (OPEN + "spotkanie-stolikowe/", ".table-card")],
    ids=["projekt", "spotkanie"],
)
def test_printing_keeps_the_content_and_leaves_out_menus_and_forms(
    live_demo, visit, page, path, content
):
    visit(path)
    page.emulate_media(media="print")

    assert page.locator(content).first.is_visible()
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer nav").is_visible()
    assert all(not form.is_visible() for form in page.locator("main form").all())


def test_a_printed_consultation_shows_the_address_of_its_external_links(live_demo, visit, page):
    visit(OPEN)
    page.emulate_media(media="print")

    link = page.locator("main a[href^='http']").first
    after = link.evaluate("(link) => getComputedStyle(link, '::after').content")
    assert link.get_attribute("href") in after
