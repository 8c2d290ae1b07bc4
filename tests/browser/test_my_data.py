"""A resident sees and downloads their data, then deletes their account: both pages pass axe."""

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "ewa.nowicka@example.org"


def test_a_resident_downloads_their_data_then_deletes_the_account(live_demo, visit, page):
    visit("/konto/login/")
    page.get_by_label("Adres e-mail").fill(EMAIL)
    page.get_by_label("Hasło").fill(live_demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Zaloguj").click()
    page.get_by_text("Zalogowano jako Ewa Nowicka", exact=True).click()  # the account menu
    page.get_by_role("link", name="Moje dane").click()
    page.wait_for_url("**/konto/dane/")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Pobierz moje dane (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["account"][0]["email"] == EMAIL

    page.get_by_role("link", name="Usuń moje konto").click()
    page.wait_for_url("**/konto/usun/")
    assert_accessible(page)
    page.get_by_label("Twoje hasło").fill(live_demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Usuń moje konto na zawsze").click()

    assert page.get_by_text("Twoje konto zostało usunięte.").is_visible()
    assert not get_user_model().objects.filter(email=EMAIL).exists()
