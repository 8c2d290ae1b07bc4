"""The workshop page: tables with seats taken, and registering through the form."""

import pytest
from django.test import Client

from events.models import Registration
from events.services import registration_create
from tests.factories import UserFactory, workshop_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(demo_site):
    return workshop_page(tables=[("Kultura i dziedzictwo", 2), ("Seniorzy", 1)])


def table(workshop, name):
    return workshop.tables.get(name=name)


def test_the_page_shows_tables_moderators_and_seats_taken(workshop):
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=UserFactory())

    html = Client().get(workshop.url).content.decode()

    assert "Kultura i dziedzictwo" in html
    assert "Marta Zielińska (Biuro Dialogu Społecznego)" in html
    assert "1 z 1 zajętych" in html
    assert "Zaloguj się, aby się zapisać." in html


def test_a_resident_registers_through_the_form(client, workshop, resident):
    client.force_login(resident)

    response = client.post(
        workshop.url + "zapisz/",
        {"table": table(workshop, "Seniorzy").pk, "waitlist": "on", "accessibility_needs": ""},
    )

    assert response.status_code == 302
    registration = Registration.objects.get(user=resident)
    assert registration.status == "potwierdzona"
    assert "Masz miejsce przy stoliku „Seniorzy”" in client.get(workshop.url).content.decode()


def test_a_full_table_without_the_waiting_list_is_refused_with_its_own_message(
    client, workshop, resident
):
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=UserFactory())
    client.force_login(resident)

    response = client.post(workshop.url + "zapisz/", {"table": table(workshop, "Seniorzy").pk})

    assert response.status_code == 400
    assert "Przy tym stoliku nie ma już wolnych miejsc." in response.content.decode()
    assert not Registration.objects.filter(user=resident).exists()


def test_a_table_of_another_meeting_posted_by_hand_is_refused(client, workshop, resident):
    other = workshop_page(tables=[("Zdrowie", 5)])
    client.force_login(resident)

    response = client.post(workshop.url + "zapisz/", {"table": other.tables.get().pk})

    assert response.status_code == 400
    assert not Registration.objects.filter(user=resident).exists()


def test_the_waiting_list_position_is_shown_and_cancelling_promotes(client, workshop, resident):
    seated = registration_create(
        workshop=workshop, table=table(workshop, "Seniorzy"), user=UserFactory()
    )
    client.force_login(resident)
    client.post(
        workshop.url + "zapisz/", {"table": table(workshop, "Seniorzy").pk, "waitlist": "on"}
    )
    assert "numerem 1 na liście rezerwowej" in client.get(workshop.url).content.decode()

    other = Client()
    other.force_login(seated.user)
    other.post(workshop.url + "anuluj/")

    assert Registration.objects.get(user=resident).status == "potwierdzona"


def test_the_editor_refuses_to_remove_a_table_that_has_registrations(workshop, resident):
    from cms.roles import COORDINATORS
    from cms.services import role_assign
    from tests.factories import UserFactory as Staff

    seniors = table(workshop, "Seniorzy")
    registration_create(workshop=workshop, table=seniors, user=resident)
    coordinator = Staff()
    role_assign(user=coordinator, role=COORDINATORS)
    form_class = type(workshop).get_edit_handler().get_form_class()
    tables = list(workshop.tables.order_by("sort_order"))
    data = {
        "title": workshop.title,
        "slug": workshop.slug,
        "starts_at": workshop.starts_at.strftime("%Y-%m-%d %H:%M"),
        "ends_at": workshop.ends_at.strftime("%Y-%m-%d %H:%M"),
        "registration_opens_at": workshop.registration_opens_at.strftime("%Y-%m-%d %H:%M"),
        "registration_closes_at": workshop.registration_closes_at.strftime("%Y-%m-%d %H:%M"),
        "tables-TOTAL_FORMS": str(len(tables)),
        "tables-INITIAL_FORMS": str(len(tables)),
        "tables-MIN_NUM_FORMS": "1",
        "tables-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(tables):
        data.update(
            {
                f"tables-{n}-id": str(row.pk),
                f"tables-{n}-ORDER": str(n),
                f"tables-{n}-DELETE": "on" if row == seniors else "",
                f"tables-{n}-name": row.name,
                f"tables-{n}-capacity": str(row.capacity),
                f"tables-{n}-city_moderator_name": row.city_moderator_name,
                f"tables-{n}-city_moderator_affiliation": row.city_moderator_affiliation,
                f"tables-{n}-ngo_moderator_name": row.ngo_moderator_name,
                f"tables-{n}-ngo_moderator_affiliation": row.ngo_moderator_affiliation,
            }
        )

    form = form_class(
        data, instance=workshop, parent_page=workshop.get_parent(), for_user=coordinator
    )

    assert not form.is_valid()
    assert "Stolik „Seniorzy” ma zgłoszenia (1)" in " ".join(form.non_field_errors())


def test_a_new_workshop_can_be_previewed_before_it_is_saved(rf, demo_site, resident):
    from events.models import EventIndexPage, WorkshopPage, WorkshopTable

    draft = WorkshopPage(
        title="Nowe spotkanie",
        tables=[WorkshopTable(name="Kultura", capacity=5)],
    )
    draft.set_url_path(EventIndexPage.objects.get())
    request = rf.get("/")
    request.user = resident

    context = draft.get_context(request)

    assert [table.name for table in context["tables"]] == ["Kultura"]
