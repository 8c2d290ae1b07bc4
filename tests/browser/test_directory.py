import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_the_directory_and_open_an_organisation(live_demo, visit, page):
    visit("/organizacje/")
    assert page.get_by_role("status").inner_text() == "Znaleziono 20 organizacji"

    page.get_by_label("Nazwa").fill("zlota jesien")
    page.get_by_role("button", name="Szukaj").click()

    assert page.get_by_role("status").inner_text() == "Znaleziono 1 organizację"
    assert_accessible(page)
    page.get_by_role("link", name="Stowarzyszenie Seniorów „Złota Jesień”").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Stowarzyszenie Seniorów „Złota Jesień”"
    )
    assert page.get_by_text("Ewa Nowicka – członek zarządu").is_visible()
    assert_accessible(page)


def test_filters_and_paging_pass_axe(live_demo, visit, page):
    visit("/organizacje/?forma=fundacja&opp=tak&sfera=1")

    assert page.get_by_role("status").inner_text() == "Znaleziono 1 organizację"


def test_a_resident_declares_they_represent_an_organisation(live_demo, visit, page):
    visit("/konto/login/?next=/organizacje/")
    page.get_by_label("Adres e-mail").fill("jan.wroblewski@example.org")
    page.get_by_label("Hasło").fill(live_demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Zaloguj").click()
    page.get_by_label("Nazwa").fill("Agora")
    page.get_by_role("button", name="Szukaj").click()
    page.get_by_role("link", name="Fundacja Edukacji Obywatelskiej „Agora”").click()

    page.get_by_label("Działam w imieniu tej organizacji jako").select_option("pelnomocnik")
    page.get_by_role("button", name="Reprezentuję tę organizację").click()

    assert page.get_by_role("status").get_by_text("Koordynator potwierdzi").is_visible()
    assert_accessible(page)
    visit("/organizacje/moje/")
    row = page.get_by_role("row", name="Fundacja Edukacji Obywatelskiej „Agora”")
    assert "jeszcze niepotwierdzony" in row.inner_text()
