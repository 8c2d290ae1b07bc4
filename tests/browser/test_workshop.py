"""The workshop page and its registration form in a real browser, checked with axe."""

import pytest
from playwright.sync_api import expect

from cms.demo import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible
from tests.factories import workshop_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_registers_for_a_table(live_demo, visit, page, live_server_url):
    workshop = workshop_page(tables=[("Kultura i dziedzictwo", 12), ("Seniorzy", 10)])
    visit(workshop.url)
    expect(page.get_by_text("Zaloguj się, aby się zapisać.")).to_be_visible()

    page.goto(f"{live_server_url}/konto/login/?next={workshop.url}")
    page.get_by_label("Adres e-mail").fill("ewa.nowicka@example.org")
    page.get_by_label("Hasło").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Zaloguj").click()
    page.wait_for_url(f"**{workshop.url}")
    assert_accessible(page)

    page.get_by_role("button", name="Zapisz się").click()  # no table chosen
    expect(page.locator(".field__errors")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Seniorzy").check()
    page.get_by_label("Potrzeby związane z dostępnością").fill("pętla indukcyjna")
    page.get_by_role("button", name="Zapisz się").click()

    expect(page.get_by_text("Masz miejsce przy stoliku „Seniorzy”.").first).to_be_visible()
    expect(page.locator("#stolik-" + str(workshop.tables.get(name="Seniorzy").pk))).to_contain_text(
        "1 z 10 zajętych"
    )
    assert_accessible(page)
