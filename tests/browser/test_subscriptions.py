"""Following a consultation and the newsletter in a real browser, without JavaScript
needed: every page on the way passes axe."""

import re

import pytest
from django.core import mail

from subscriptions import tokens
from subscriptions.models import Follow
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def site_path(body: str, part: str) -> str:
    url = re.search(rf"https?://\S*{re.escape(part)}\S*/", body).group(0)
    return "/" + url.split("/", 3)[3]


def test_a_visitor_follows_a_consultation_by_e_mail_and_confirms_it(live_demo, visit, page):
    mail.outbox = []
    visit("/konsultacje/program-wspolpracy-2027/")

    page.get_by_role("link", name="Obserwuj konsultacje").click()
    page.wait_for_url("**/powiadomienia/obserwuj/*/")  # subscriptions:follow
    assert_accessible(page)
    page.get_by_label("Twój adres e-mail").fill("ewa.kaminska@example.org")
    page.get_by_role("button", name="Wyślij link potwierdzający").click()
    assert page.get_by_role("heading", name="Sprawdź skrzynkę e-mail").is_visible()
    assert_accessible(page)

    (message,) = mail.outbox
    visit(site_path(message.body, "/powiadomienia/potwierdz/"))
    page.get_by_role("button", name="Potwierdź").click()

    assert page.get_by_text("Potwierdzone.").is_visible()
    assert_accessible(page)
    assert Follow.objects.get(email="ewa.kaminska@example.org").confirmed_at is not None


def test_the_newsletter_unsubscribe_and_error_pages_pass_axe(live_demo, visit, page):
    visit("/newsletter/")
    page.get_by_role("button", name="Zapisz się").click()  # empty: errors by the field
    assert page.get_by_label("Adres e-mail").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    token = tokens.unsubscribe_token(email="biuro@zlota-jesien.example.org")
    visit(f"/powiadomienia/wypisz/{token}/")
    page.get_by_role("button", name="Wypisz mnie z newslettera").click()
    assert page.get_by_text("Gotowe").is_visible()
    assert_accessible(page)

    visit("/powiadomienia/wypisz/zepsuty-link/", expect_status=400)
    assert page.get_by_role("heading", name="Ten link nie działa").is_visible()
