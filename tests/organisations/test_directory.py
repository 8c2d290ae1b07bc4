import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def names_on(response) -> list[str]:
    return [organisation.name for organisation in response.context["page"].object_list]


def test_search_finds_a_name_typed_without_polish_letters(client, demo_site):
    response = client.get("/organizacje/", {"q": "zlota jesien"})

    assert names_on(response) == ["Stowarzyszenie Seniorów „Złota Jesień”"]


def test_filters_by_legal_form_area_and_public_benefit_status(client, demo_site):
    response = client.get("/organizacje/", {"forma": "fundacja", "opp": "tak"})
    assert names_on(response) == ["Fundacja Rodzina w Centrum"]

    response = client.get("/organizacje/", {"sfera": "10"})
    assert set(names_on(response)) == {
        "Stowarzyszenie Seniorów „Złota Jesień”",
        "Uniwersytet Trzeciego Wieku w Nadrzeczu",
    }


def test_no_match_explains_what_to_try(client, demo_site):
    response = client.get("/organizacje/", {"q": "nie ma takiej organizacji"})

    html = response.content.decode()
    assert "Nie znaleziono organizacji" in html
    assert "0 organizacji" in html


def test_the_directory_is_paged_and_keeps_the_filters_in_page_links(client, db):
    for number in range(30):
        OrganisationFactory(name=f"Fundacja nr {number:02d}", legal_form="fundacja")

    response = client.get("/organizacje/", {"forma": "fundacja", "strona": 2})

    assert len(names_on(response)) == 5
    assert "?forma=fundacja&amp;strona=1" in response.content.decode()


def test_inactive_organisations_are_neither_listed_nor_shown(client, db):
    closed = OrganisationFactory(name="Fundacja Zamknięta", is_active=False)

    assert names_on(client.get("/organizacje/", {"q": "zamknieta"})) == []
    assert client.get(closed.get_absolute_url()).status_code == 404


def test_an_outdated_address_redirects_to_the_current_one(client, db):
    organisation = OrganisationFactory(name="Fundacja Zielony Brzeg")

    response = client.get(f"/organizacje/{organisation.pk}-stara-nazwa/")

    assert response.status_code == 301
    assert response["Location"] == f"/organizacje/{organisation.pk}-fundacja-zielony-brzeg/"


def _queries_for_directory_page(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get("/organizacje/").status_code == 200
    return len(context.captured_queries)


def test_the_directory_page_costs_the_same_queries_with_many_organisations(client, db):
    OrganisationFactory.create_batch(3, areas=["13", "16"])
    _queries_for_directory_page(client)  # the first request creates the gmina's settings row
    few = _queries_for_directory_page(client)

    OrganisationFactory.create_batch(60, areas=["13", "16", "17"])
    many = _queries_for_directory_page(client)

    assert many == few
