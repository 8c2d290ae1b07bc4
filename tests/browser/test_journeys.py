import re

import pytest
from django.core import mail

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_demo, visit, page, live_server_url):
    return page


def test_home_page_leads_to_the_consultations_index(site, visit, page):
    visit("/")
    assert page.locator("html").get_attribute("lang") == "pl"

    page.get_by_role("link", name="Zobacz konsultacje").click()

    page.wait_for_url("**/konsultacje/")
    assert page.get_by_role("heading", level=1).inner_text() == "Konsultacje"
    assert page.get_by_role("heading", name="Trwające").is_visible()
    assert_accessible(page)


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(site, visit, page):
    visit("/konsultacje/")

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    assert skip_link.inner_text() == "Przejdź do treści głównej"
    assert skip_link.is_visible()

    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


def test_sign_up_confirm_the_address_and_log_in(site, visit, page, live_server_url):
    visit("/konto/signup/")
    page.get_by_label("Imię").fill("Katarzyna")
    page.get_by_label("Nazwisko").fill("Dąbrowska")
    page.get_by_label("Adres e-mail").fill("katarzyna.dabrowska@example.org")
    page.get_by_label("Hasło", exact=False).first.fill("Stary-Mlyn-2026")
    page.get_by_label("Hasło (ponownie)").fill("Stary-Mlyn-2026")
    page.get_by_role("button", name="Załóż konto").click()

    page.wait_for_url("**/konto/confirm-email/")
    assert_accessible(page)
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/konto/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("/konto/", 1)[1]

    visit("/konto/" + path)
    page.get_by_role("button", name="Potwierdź").click()
    page.wait_for_url(live_server_url + "/")

    page.get_by_text("Zalogowano jako Katarzyna Dąbrowska", exact=True).click()  # the account menu
    page.get_by_role("button", name="Wyloguj się").click()
    page.get_by_role("link", name="Zaloguj się").click()
    assert_accessible(page)
    page.get_by_label("Adres e-mail").fill("katarzyna.dabrowska@example.org")
    page.get_by_label("Hasło").fill("Stary-Mlyn-2026")
    page.get_by_role("button", name="Zaloguj").click()

    page.wait_for_url(live_server_url + "/**")
    assert page.get_by_text("Zalogowano jako Katarzyna Dąbrowska", exact=True).is_visible()
    assert_accessible(page)


def test_failed_log_in_is_announced_and_keeps_the_address(site, visit, page):
    visit("/konto/login/")
    page.get_by_label("Adres e-mail").fill("ewa.nowicka@example.org")
    page.get_by_label("Hasło").fill("nie-to-haslo")
    page.get_by_role("button", name="Zaloguj").click()

    alert = page.get_by_role("alert")
    assert "niepoprawne" in alert.inner_text()
    assert page.get_by_label("Adres e-mail").input_value() == "ewa.nowicka@example.org"
    assert_accessible(page)


def test_language_switch_shows_the_site_in_english(site, visit, page):
    visit("/")

    page.get_by_role("button", name="English").click()

    page.wait_for_selector("html[lang=en]")
    assert page.get_by_role("link", name="See consultations").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    ["/spotkania/", "/deklaracja-dostepnosci/", "/ochrona-danych/", "/konto/password/reset/"],
)
def test_site_shell_pages_pass_axe(site, visit, path):
    visit(path)


def test_not_found_page_passes_axe(site, visit):
    visit("/nie-ma-takiej-strony/", expect_status=404)


def test_the_accessibility_check_fails_on_an_unlabelled_field(page):
    page.set_content(
        '<!DOCTYPE html><html lang="pl"><head><title>Próba</title></head>'
        '<body><main><input type="text" name="q"></main></body></html>'
    )

    with pytest.raises(AssertionError, match="label"):
        assert_accessible(page)
