"""“Skomentuj ten fragment” shows itself where it is needed: with a mouse when the
paragraph is hovered or the link has keyboard focus, and always on a touch screen."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE = "/konsultacje/program-wspolpracy-2027/"


def opacity(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).opacity")


def test_with_a_mouse_the_action_appears_on_keyboard_focus_and_on_hover(live_demo, visit, page):
    visit(PAGE)
    action = page.get_by_role("link", name="Skomentuj ten fragment (§ 1 ust. 1)")
    assert opacity(action) == "0"

    action.focus()
    assert opacity(action) == "1"

    page.locator("body").click(position={"x": 1, "y": 1})
    page.locator(".paragraph").first.hover()
    assert opacity(action) == "1"


def test_on_a_touch_screen_the_action_is_always_shown(live_demo, browser, live_server_url):
    context = browser.new_context(
        locale="pl-PL", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    phone = context.new_page()
    phone.goto(live_server_url + PAGE)

    action = phone.get_by_role("link", name="Skomentuj ten fragment (§ 1 ust. 1)")
    expect(action).to_be_visible()
    assert opacity(action) == "1"
    context.close()
