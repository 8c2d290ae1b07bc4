import pytest
from django.core.exceptions import ValidationError

from organisations.models import Representative
from organisations.services import representative_confirm, representative_declare
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seniors(db):
    return OrganisationFactory(name="Stowarzyszenie Seniorów „Złota Jesień”", areas=["10"])


def test_declaring_makes_a_representative_who_is_not_confirmed_yet(resident, seniors):
    representative = representative_declare(user=resident, organisation=seniors, role="zarzad")

    assert not representative.is_confirmed
    assert representative.status_label == "jeszcze niepotwierdzony"


def test_a_coordinator_confirms_a_declared_representative(resident, seniors):
    coordinator = UserFactory()
    representative = representative_declare(user=resident, organisation=seniors, role="zarzad")

    representative_confirm(representative=representative, by=coordinator)

    representative.refresh_from_db()
    assert representative.is_confirmed
    assert representative.confirmed_by == coordinator


def test_a_person_may_represent_several_organisations(resident, seniors):
    rowers = OrganisationFactory(name="Klub Sportowy „Wiosło” Nadrzecze")

    representative_declare(user=resident, organisation=seniors, role="zarzad")
    representative_declare(user=resident, organisation=rowers, role="czlonek")

    assert resident.representations.count() == 2


def test_declaring_the_same_organisation_twice_is_refused(resident, seniors):
    representative_declare(user=resident, organisation=seniors, role="zarzad")

    with pytest.raises(ValidationError, match="Już zgłosiłeś"):
        representative_declare(user=resident, organisation=seniors, role="czlonek")


def test_declaring_through_the_organisation_page(client, resident, seniors):
    client.force_login(resident)

    response = client.post(
        f"/organizacje/{seniors.pk}/reprezentuje/", {"role": "pelnomocnik"}, follow=True
    )

    html = response.content.decode()
    assert Representative.objects.get(user=resident, organisation=seniors).role == "pelnomocnik"
    assert "Koordynator potwierdzi" in html
    assert "nie potwierdził jeszcze" in html


def test_signed_out_visitors_are_sent_to_log_in_to_declare(client, seniors):
    response = client.post(f"/organizacje/{seniors.pk}/reprezentuje/", {"role": "zarzad"})

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert not Representative.objects.exists()


def test_my_organisations_shows_an_unconfirmed_representative_as_such(client, resident, seniors):
    representative_declare(user=resident, organisation=seniors, role="zarzad")
    client.force_login(resident)

    html = client.get("/organizacje/moje/").content.decode()

    assert "Stowarzyszenie Seniorów „Złota Jesień”" in html
    assert "jeszcze niepotwierdzony" in html


def test_only_confirmed_representatives_are_named_on_the_public_page(client, seniors):
    confirmed = UserFactory(first_name="Halina", last_name="Mazur")
    declared = UserFactory(first_name="Robert", last_name="Kaczmarek")
    representative_confirm(
        representative=representative_declare(user=confirmed, organisation=seniors, role="zarzad"),
        by=UserFactory(),
    )
    representative_declare(user=declared, organisation=seniors, role="zarzad")

    html = client.get(seniors.get_absolute_url()).content.decode()

    assert "Halina Mazur" in html
    assert "Robert Kaczmarek" not in html


def test_the_admin_list_of_declarations_confirms_with_one_button(client, resident, seniors):
    from cms.services import role_assign
    from core.roles import COORDINATORS

    coordinator = UserFactory()
    role_assign(user=coordinator, role=COORDINATORS)
    representative = representative_declare(user=resident, organisation=seniors, role="zarzad")
    client.force_login(coordinator)
    pending = client.get("/admin/baza-ngo/do-potwierdzenia/").content.decode()
    assert resident.email in pending

    client.post(f"/admin/baza-ngo/potwierdz/{representative.pk}/")

    representative.refresh_from_db()
    assert representative.is_confirmed
    assert representative.confirmed_by == coordinator


def test_residents_cannot_confirm_anybody(client, resident, seniors):
    representative = representative_declare(user=resident, organisation=seniors, role="zarzad")
    client.force_login(resident)

    client.post(f"/admin/baza-ngo/potwierdz/{representative.pk}/")

    representative.refresh_from_db()
    assert not representative.is_confirmed
