import re

import pytest

pytestmark = pytest.mark.django_db


def test_home_page_is_served_in_polish(client, demo_site):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert "Konsultacje w Nadrzeczu" in html
    assert "Przejdź do treści głównej" in html


def test_skip_link_points_at_the_main_landmark(client, demo_site):
    html = client.get("/").content.decode()

    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main" tabindex="-1"' in html


def test_consultations_index_without_consultations_explains_what_will_appear(client, demo_site):
    from consultations.models import ConsultationPage

    for consultation in ConsultationPage.objects.all():
        consultation.delete()

    response = client.get("/konsultacje/")

    assert response.status_code == 200
    assert "Nie ma jeszcze konsultacji" in response.content.decode()


def test_main_menu_marks_the_current_section(client, demo_site):
    html = client.get("/konsultacje/").content.decode()

    assert '<a href="/konsultacje/" aria-current="page">Konsultacje</a>' in html
    assert '<a href="/spotkania/">Spotkania</a>' in html


def test_footer_links_to_accessibility_statement_and_privacy_notice(client, demo_site):
    html = client.get("/spotkania/").content.decode()

    assert '<a href="/deklaracja-dostepnosci/">Deklaracja dostępności</a>' in html
    assert '<a href="/ochrona-danych/">Ochrona danych osobowych (RODO)</a>' in html


def test_footer_links_to_the_source_code_of_the_running_site(client, demo_site, settings):
    settings.SOURCE_CODE_URL = "https://git.nadrzecze.example/it/konsultacje"

    html = client.get("/spotkania/").content.decode()

    assert '<a href="https://git.nadrzecze.example/it/konsultacje">Kod źródłowy</a>' in html


def test_every_page_names_its_accessibility_statement_in_a_meta_tag(client, demo_site, settings):
    settings.SITE_URL = "https://konsultacje.nadrzecze.example"

    html = client.get("/konsultacje/").content.decode()

    assert (
        '<meta name="deklaracja-dostępności" '
        'content="https://konsultacje.nadrzecze.example/deklaracja-dostepnosci/">' in html
    )


def test_language_switch_serves_the_site_in_english(client, demo_site):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/konsultacje/"}, follow=True
    )

    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert '<h2 id="group-trwajace">Open</h2>' in html


def test_unknown_address_answers_404_in_polish(client, demo_site):
    response = client.get("/nie-ma-takiej-strony/")

    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.content.decode()


def test_an_english_browser_still_gets_the_polish_site_until_english_is_chosen(client, demo_site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="pl">' in response.content.decode()
    assert response["Content-Language"] == "pl"


def test_in_english_the_polish_documents_are_marked_as_polish(client, demo_site):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = client.get("/").content.decode()

    assert '<html lang="en">' in html
    assert '<h1 id="page-title" lang="pl">Konsultacje w Nadrzeczu</h1>' in html


@pytest.mark.parametrize(
    "path",
    [
        "/konsultacje/program-wspolpracy-2027/dyskusja/99999999999999999999/",
        "/konsultacje/program-wspolpracy-2027/wersja/99999999999999999999/",
        "/organizacje/99999999999999999999-fundacja/",
    ],
)
def test_an_absurdly_long_number_in_an_address_is_not_found_not_an_error(client, demo_site, path):
    assert client.get(path).status_code == 404


def test_every_page_names_the_sites_icon_and_the_icon_is_served(client, demo_site):
    html = client.get("/").content.decode()

    [href] = re.findall(r'<link rel="icon" href="([^"]+)"', html)
    response = client.get(href)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"<svg")
