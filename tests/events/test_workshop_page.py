"""The workshop page: tables with seats taken, and registering through the form."""

import re

import pytest
from django.test import Client
from django.utils.html import strip_tags

from events.models import Registration
from events.services import registration_create
from tests.factories import UserFactory, workshop_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(demo_site):
    return workshop_page(tables=[("Kultura i dziedzictwo", 2), ("Seniorzy", 1)])


def table(workshop, name):
    return workshop.tables.get(name=name)


def card_text(html, table):
    """What a reader sees of one table's card."""
    card = html.split(f'id="stolik-{table.pk}"', 1)[1].split("</li>", 1)[0]
    visible = re.sub(r"<span [^>]*hidden>.*?</span>", "", card, flags=re.S)
    return " ".join(strip_tags(visible).split())


def test_the_page_shows_tables_moderators_and_seats_taken(workshop):
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=UserFactory())

    html = Client().get(workshop.url).content.decode()

    assert "Kultura i dziedzictwo" in html
    assert "Marta Zielińska (Biuro Dialogu Społecznego)" in html
    assert "Wolne miejsca: 2 z 2" in card_text(html, table(workshop, "Kultura i dziedzictwo"))
    seniors = card_text(html, table(workshop, "Seniorzy"))
    assert "Wolne miejsca: 0 z 1 pełny — lista oczekujących" in seniors
    assert "lista oczekujących:" not in seniors
    culture = card_text(html, table(workshop, "Kultura i dziedzictwo"))
    assert "pełny" not in culture
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
    assert "numerem 1 na liście oczekujących" in client.get(workshop.url).content.decode()

    other = Client()
    other.force_login(seated.user)
    other.post(workshop.url + "anuluj/", {"potwierdz": "1"})

    assert Registration.objects.get(user=resident).status == "potwierdzona"


def test_the_meeting_page_refuses_to_cancel_once_the_meeting_has_started(
    client, workshop, resident
):
    from datetime import timedelta

    import time_machine

    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=resident)
    client.force_login(resident)

    with time_machine.travel(workshop.starts_at + timedelta(minutes=30)):
        response = client.post(workshop.url + "anuluj/", follow=True)

    assert Registration.objects.get(user=resident).status == "potwierdzona"
    assert "spotkanie już się rozpoczęło" in response.content.decode()
    assert "Anuluj moje zgłoszenie" not in response.content.decode()


def editor_form(workshop, *, tables, delete=()):
    """The page editor's form as a coordinator submits it with these table rows."""
    from cms.services import role_assign
    from core.roles import COORDINATORS

    coordinator = UserFactory()
    role_assign(user=coordinator, role=COORDINATORS)
    form_class = type(workshop).get_edit_handler().get_form_class()
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
                f"tables-{n}-DELETE": "on" if row in delete else "",
                f"tables-{n}-name": row.name,
                f"tables-{n}-capacity": str(row.capacity),
                f"tables-{n}-city_moderator_name": row.city_moderator_name,
                f"tables-{n}-city_moderator_affiliation": row.city_moderator_affiliation,
                f"tables-{n}-ngo_moderator_name": row.ngo_moderator_name,
                f"tables-{n}-ngo_moderator_affiliation": row.ngo_moderator_affiliation,
            }
        )
    return form_class(
        data, instance=workshop, parent_page=workshop.get_parent(), for_user=coordinator
    )


def test_the_editor_refuses_to_remove_a_table_that_has_registrations(workshop, resident):
    seniors = table(workshop, "Seniorzy")
    registration_create(workshop=workshop, table=seniors, user=resident)

    form = editor_form(
        workshop, tables=list(workshop.tables.order_by("sort_order")), delete=[seniors]
    )

    assert not form.is_valid()
    assert "Stolik „Seniorzy” ma zgłoszenia (1)" in " ".join(form.non_field_errors())


def test_the_editor_refuses_to_drop_a_table_added_after_it_was_opened(workshop, resident):
    seniors = table(workshop, "Seniorzy")
    registration_create(workshop=workshop, table=seniors, user=resident)
    opened_before = [table(workshop, "Kultura i dziedzictwo")]  # Seniorzy not in the form

    form = editor_form(workshop, tables=opened_before)

    assert not form.is_valid()
    assert "Stolik „Seniorzy” ma zgłoszenia (1)" in " ".join(form.non_field_errors())


def test_the_editor_removes_a_table_whose_registrations_were_cancelled(workshop, resident):
    from events.services import registration_cancel

    seniors = table(workshop, "Seniorzy")
    registration = registration_create(workshop=workshop, table=seniors, user=resident)
    registration_cancel(registration=registration, by=resident)

    form = editor_form(
        workshop, tables=list(workshop.tables.order_by("sort_order")), delete=[seniors]
    )

    assert form.is_valid(), form.errors


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


@pytest.mark.parametrize("capacity", ["-1", "0"])
def test_the_admin_refuses_a_table_without_a_seat(client, workshop, capacity):
    from cms.services import role_assign
    from core.roles import COORDINATORS
    from tests.admin_forms import page_editor_data

    coordinator = UserFactory()
    role_assign(user=coordinator, role=COORDINATORS)
    client.force_login(coordinator)
    seniors = table(workshop, "Seniorzy")
    row = next(
        key[: -len("-id")]
        for key, value in page_editor_data(client, workshop).items()
        if key.startswith("tables-") and key.endswith("-id") and value == str(seniors.pk)
    )
    data = page_editor_data(client, workshop, **{f"{row}-capacity": capacity})
    data["action-publish"] = "action-publish"

    response = client.post(f"/admin/pages/{workshop.pk}/edit/", data)

    assert response.status_code == 200  # the editor again, with the error
    assert "Upewnij się, że ta wartość jest większa lub równa 1." in response.content.decode()
    seniors.refresh_from_db()
    assert seniors.capacity == 1


@pytest.mark.parametrize(("confirmed", "status"), [(True, 302), (False, 400)])
def test_only_a_confirmed_representative_registers_on_behalf_of_an_organisation(
    client, workshop, resident, confirmed, status
):
    from django.utils import timezone

    from organisations.models import Representative
    from tests.factories import OrganisationFactory

    association = OrganisationFactory(name="Stowarzyszenie Seniorów „Złota Jesień”")
    Representative.objects.create(
        user=resident,
        organisation=association,
        role="zarzad",
        confirmed_at=timezone.now() if confirmed else None,
    )
    client.force_login(resident)

    response = client.post(
        workshop.url + "zapisz/",
        {"table": table(workshop, "Seniorzy").pk, "organisation": association.pk},
    )

    assert response.status_code == status
    registered = Registration.objects.filter(user=resident, organisation=association).exists()
    assert registered is confirmed


@pytest.mark.parametrize("deleting", ["workshop", "its consultation"])
def test_the_admin_refuses_to_delete_a_meeting_people_registered_for(
    client, demo_site, resident, deleting
):
    from tests.factories import consultation_page

    consultation = consultation_page()
    meeting = workshop_page(parent=consultation)
    registration_create(workshop=meeting, table=meeting.tables.get(), user=resident)
    city_admin = UserFactory(is_superuser=True, is_staff=True)  # may delete any page
    client.force_login(city_admin)
    target = meeting if deleting == "workshop" else consultation

    response = client.post(f"/admin/pages/{target.pk}/delete/", follow=True)

    assert "Na spotkanie na tej stronie zapisały się osoby (1)." in response.content.decode()
    assert Registration.objects.filter(workshop=meeting).exists()
