"""The whole life of a draft in a real browser: import, two public versions, a resident reads."""

import docx
import pytest
from playwright.sync_api import expect

from demo.gmina import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible
from tests.factories import consultation_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = """Rozdział 1. Postanowienia ogólne
§ 1. Program określa cele, zasady i formy współpracy Gminy Miasta Nadrzecze z organizacjami.
§ 2. Program obowiązuje od 1 stycznia do 31 grudnia 2028 r.
Rozdział 2. Priorytetowe zadania publiczne
§ 3. Priorytetem są zajęcia sportowe dla dzieci i młodzieży.
§ 4. Wspierane będą kluby seniora w dzielnicach.
"""


@pytest.fixture
def word_file(tmp_path):
    document = docx.Document()
    for line in DRAFT.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "projekt-programu-2028.docx"
    document.save(path)
    return path


def log_in(page, live_server_url, email, next_path):
    page.goto(f"{live_server_url}/konto/login/?next={next_path}")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label("Hasło").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Zaloguj").click()
    page.wait_for_url(f"**{next_path}")


def publish_page(page):
    page.get_by_role("button", name="Więcej akcji").click()
    page.get_by_role("button", name="Opublikuj").click()
    page.wait_for_url("**/admin/pages/*/")  # back to the explorer


def publish_version(page, live_server_url, consultation, label):
    page.goto(f"{live_server_url}/admin/konsultacje/{consultation.pk}/wersje/")
    page.get_by_label("Etykieta").fill(label)
    page.get_by_label("Co się zmieniło").fill(f"{label} – opis zmian")
    page.get_by_role("button", name="Opublikuj wersję").click()
    page.get_by_text("jest publiczna").wait_for()


def test_import_publish_two_versions_then_a_resident_reads_and_compares(
    live_demo, browser, page, visit, live_server_url, word_file
):
    consultation = consultation_page(
        publish=False,
        slug="program-wspolpracy-2028",
        title="Program współpracy na 2028 rok",
        draft=[],
        is_cooperation_programme=False,
    )
    edit_path = f"/admin/pages/{consultation.pk}/edit/"
    log_in(page, live_server_url, "pelnomocnik@nadrzecze.example", edit_path)

    # Import the .docx: a preview first, nothing saved until confirmed.
    page.get_by_role("button", name="Akcje").click()
    page.get_by_role("link", name="Importuj projekt z pliku").click()
    page.get_by_label("Plik").set_input_files(word_file)
    page.get_by_role("button", name="Podgląd").click()
    expect(page.get_by_text("Nic jeszcze nie zapisano.")).to_be_visible()
    expect(page.get_by_text("Wspierane będą kluby seniora w dzielnicach.")).to_be_visible()
    page.get_by_role("button", name="Zapisz jako wersję roboczą strony").click()
    page.wait_for_url(f"**{edit_path}")
    expect(page.get_by_text("Zaimportowano projekt")).to_be_visible()

    # Publish the page, then number what is live as version 1.
    publish_page(page)
    publish_version(page, live_server_url, consultation, "projekt do konsultacji")

    # Edit one paragraph in the editor, publish, number version 2.
    page.goto(live_server_url + edit_path)
    paragraph = page.locator('textarea[name="draft-1-value-paragraphs-1-value-text"]')
    assert paragraph.input_value() == "Wspierane będą kluby seniora w dzielnicach."
    paragraph.fill("Wspierane będą kluby seniora i wolontariat senioralny w dzielnicach.")
    publish_page(page)
    publish_version(page, live_server_url, consultation, "po konsultacjach")

    # A resident, not logged in, finds the consultation, follows a paragraph link, compares.
    reader = browser.new_context(locale="pl-PL").new_page()
    reader.set_default_timeout(15_000)
    reader.goto(live_server_url + "/konsultacje/")
    assert_accessible(reader)
    reader.get_by_role("link", name="Program współpracy na 2028 rok").click()
    reader.wait_for_url("**/konsultacje/program-wspolpracy-2028/")
    assert_accessible(reader)
    expect(reader.get_by_text("po konsultacjach").first).to_be_visible()
    reader.get_by_role("link", name="Odnośnik do § 4").click()
    anchor = reader.url.split("#")[1]
    assert anchor.startswith("p-")
    assert "wolontariat senioralny" in reader.locator(f"#{anchor}").inner_text()

    reader.get_by_label("Porównaj wersję").select_option("1")
    reader.get_by_label("z wersją").select_option("2")
    reader.get_by_role("button", name="Porównaj", exact=True).click()
    reader.wait_for_url("**/porownaj/?od=1&do=2")
    assert_accessible(reader)
    changed = reader.locator(".diff__paragraph--changed", has_text="§ 4")
    assert "i wolontariat senioralny" in changed.locator("ins").inner_text()
    reader.context.close()
