"""The demo home page on a phone: what is open now is seen without scrolling."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="pl-PL", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def bottom(locator) -> float:
    box = locator.bounding_box()
    assert box is not None, "not rendered"
    return box["y"] + box["height"]


def test_on_a_phone_the_open_consultation_and_its_meeting_registration_are_above_the_fold(
    live_demo, phone, live_server_url
):
    phone.goto(live_server_url + "/")
    assert_accessible(phone)
    opened = phone.locator("section[aria-labelledby=home-open]")

    title = opened.get_by_role("link", name="Program współpracy Gminy Nadrzecze").first
    deadline = opened.locator("[data-home-deadline]").first
    draft = opened.get_by_role("link", name="Przeczytaj projekt i zgłoś uwagi").first
    register = opened.get_by_role("link", name="Zapisz się na spotkanie").first

    for element in (title, deadline, draft, register):
        assert bottom(element) <= PHONE["height"], element
    assert "Uwagi do" in deadline.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth <= innerWidth")
