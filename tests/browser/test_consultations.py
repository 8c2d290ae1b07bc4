import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_opens_the_open_consultation_and_follows_a_paragraph_link(
    live_demo, visit, page
):
    visit("/konsultacje/")
    open_group = page.locator("section", has=page.get_by_role("heading", name="Trwające"))
    open_group.get_by_role("link", name="Program współpracy Gminy Nadrzecze").click()

    page.wait_for_url("**/konsultacje/program-wspolpracy-2027/")
    assert_accessible(page)
    assert page.get_by_text("Trwające", exact=True).is_visible()
    page.get_by_role("link", name="Rozdział 6. Priorytetowe zadania publiczne").click()
    assert page.url.split("#")[1].startswith("c-")

    page.get_by_role("link", name="Odnośnik do § 6 pkt 5").click()

    anchor = page.url.split("#")[1]
    assert anchor.startswith("p-")
    assert "Seniorzy: kluby seniora" in page.locator(f"#{anchor}").inner_text()


def test_filtering_the_index_by_year_shows_an_empty_state_that_passes_axe(live_demo, visit, page):
    visit("/konsultacje/?rok=1999")

    assert page.get_by_role("heading", name="Żadna konsultacja nie pasuje do filtrów").is_visible()


def test_a_resident_compares_the_two_public_versions(live_demo, visit, page):
    visit("/konsultacje/program-wspolpracy-2027/")

    page.get_by_label("Porównaj wersję").select_option("1")
    page.get_by_label("z wersją").select_option("2")
    page.get_by_role("button", name="Porównaj", exact=True).click()

    page.wait_for_url("**/porownaj/?od=1&do=2")
    assert_accessible(page)
    changed = page.locator(".diff__paragraph--changed", has_text="§ 6 pkt 5")
    assert "dzielnicach; wolontariat senioralny." in changed.locator("ins").inner_text()
    assert "jednostka usunięta" not in page.content()
    page.get_by_role("link", name="Program współpracy Gminy Nadrzecze").click()
    page.get_by_role("link", name="wersja 1: projekt zespołu roboczego").click()
    assert page.get_by_text("Czytasz wersję 1").is_visible()
    assert_accessible(page)
