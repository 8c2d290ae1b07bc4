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
