"""The comparison of versions: from one change to the next, and only the changes."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPARISON = "/konsultacje/program-wspolpracy-2027/porownaj/?od=1&do=2"


def test_a_resident_jumps_between_changes_and_hides_the_unchanged_units(live_demo, visit, page):
    visit(COMPARISON)
    everything = page.locator(".diff__paragraph").count()

    page.get_by_role("link", name="Pokaż tylko zmiany").click()
    page.wait_for_url("**tylko_zmiany=1")
    assert_accessible(page)
    assert 0 < page.locator(".diff__paragraph").count() < everything
    expect(page.locator(".diff__paragraph--same")).to_have_count(0)

    page.get_by_role("link", name="Przejdź do pierwszej zmiany").click()
    page.locator("#zmiana-1").get_by_role("link", name="Następna zmiana").click()
    page.wait_for_url("**#zmiana-2")
    expect(page.locator("#zmiana-2")).to_be_in_viewport()
