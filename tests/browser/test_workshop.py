"""The workshop page and its registration form in a real browser, checked with axe."""

import pytest
from playwright.sync_api import expect

from demo.gmina import DEMO_PASSWORD
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
        "Wolne miejsca: 9 z 10"
    )
    assert_accessible(page)


def test_a_second_reader_sees_the_seat_taken_without_reloading(live_demo, browser, live_server_url):
    workshop = workshop_page(tables=[("Kultura i dziedzictwo", 12), ("Seniorzy", 1)])
    seniors = f"#stolik-{workshop.tables.get(name='Seniorzy').pk}"

    def reader():
        context = browser.new_context(locale="pl-PL", viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        return tab

    def logged_in(tab, email):
        tab.goto(f"{live_server_url}/konto/login/?next={workshop.url}")
        tab.get_by_label("Adres e-mail").fill(email)
        tab.get_by_label("Hasło").fill(DEMO_PASSWORD)
        tab.get_by_role("button", name="Zaloguj").click()
        tab.wait_for_url(f"**{workshop.url}")
        return tab

    jan = logged_in(reader(), "jan.wroblewski@example.org")  # reading, not registering
    seniors_choice = jan.locator(".choice").filter(has_text="Seniorzy")
    expect(jan.locator("[data-workshop-seats][data-live='on']")).to_have_count(1)
    expect(jan.locator(seniors)).to_contain_text("Wolne miejsca: 1 z 1")
    expect(jan.locator(seniors).get_by_text("pełny — lista oczekujących")).to_be_hidden()
    expect(seniors_choice.get_by_text("pełny — lista oczekujących")).to_be_hidden()

    ewa = logged_in(reader(), "ewa.nowicka@example.org")
    ewa.get_by_label("Seniorzy").check()
    ewa.get_by_role("button", name="Zapisz się").click()
    expect(ewa.get_by_text("Masz miejsce przy stoliku „Seniorzy”.").first).to_be_visible()

    # Jan's page, open all along, shows the table full.
    expect(jan.locator(seniors)).to_contain_text("Wolne miejsca: 0 z 1")
    expect(jan.locator(seniors).get_by_text("pełny — lista oczekujących")).to_be_visible()
    expect(seniors_choice.get_by_text("pełny — lista oczekujących")).to_be_visible()
    assert jan.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert_accessible(jan)

    # Ewa moves to the other table: the seat comes back on Jan's page.
    ewa.get_by_role("radio", name="Kultura i dziedzictwo").check()
    ewa.get_by_role("button", name="Przenieś").click()
    expect(ewa.get_by_text("Przeniesiono Cię do stolika „Kultura i dziedzictwo”.")).to_be_visible()
    expect(jan.locator(seniors)).to_contain_text("Wolne miejsca: 1 z 1")
    expect(seniors_choice.get_by_text("pełny — lista oczekujących")).to_be_hidden()
    assert_accessible(ewa)
