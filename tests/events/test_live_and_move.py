"""Seats follow every change on open pages; moving between tables from the page; each
refusal of the registration form in its own words."""

from datetime import timedelta

import pytest
import time_machine
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from cms.asgi import application
from events.models import Registration
from events.services import registration_cancel, registration_create
from tests.factories import UserFactory, workshop_page

BROWSER_HEADERS = [(b"origin", b"http://127.0.0.1:8000"), (b"host", b"127.0.0.1:8000")]


@pytest.fixture
def workshop(demo_site):
    return workshop_page(tables=[("Kultura i dziedzictwo", 2), ("Seniorzy", 1)])


def table(workshop, name):
    return workshop.tables.get(name=name)


def seats_of(message, table):
    return next(row for row in message["tables"] if row["table"] == table.pk)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.asyncio
async def test_an_open_page_learns_the_seats_left_when_someone_registers(workshop, resident):
    seniors = await sync_to_async(table)(workshop, "Seniorzy")
    communicator = WebsocketCommunicator(
        application, f"/ws/spotkania/{workshop.pk}/", headers=BROWSER_HEADERS
    )
    connected, _ = await communicator.connect()
    assert connected

    await sync_to_async(registration_create)(workshop=workshop, table=seniors, user=resident)

    message = await communicator.receive_json_from(timeout=5)
    assert seats_of(message, seniors) == {
        "table": seniors.pk,
        "capacity": 1,
        "confirmed": 1,
        "left": 0,
        "waiting": 0,
    }
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.asyncio
async def test_a_cancellation_reaches_open_pages_with_the_promoted_seat(workshop, resident):
    seniors = await sync_to_async(table)(workshop, "Seniorzy")
    seated = await sync_to_async(registration_create)(
        workshop=workshop, table=seniors, user=resident
    )
    await sync_to_async(registration_create)(
        workshop=workshop, table=seniors, user=await sync_to_async(UserFactory)()
    )
    communicator = WebsocketCommunicator(
        application, f"/ws/spotkania/{workshop.pk}/", headers=BROWSER_HEADERS
    )
    await communicator.connect()

    await sync_to_async(registration_cancel)(registration=seated, by=resident)

    message = await communicator.receive_json_from(timeout=5)
    assert seats_of(message, seniors)["confirmed"] == 1
    assert seats_of(message, seniors)["waiting"] == 0
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.asyncio
async def test_the_seats_feed_of_an_unpublished_meeting_is_refused(demo_site):
    draft = await sync_to_async(workshop_page)(publish=False, live=False)
    communicator = WebsocketCommunicator(
        application, f"/ws/spotkania/{draft.pk}/", headers=BROWSER_HEADERS
    )

    connected, _ = await communicator.connect()

    assert not connected


@pytest.mark.django_db
def test_a_reconnecting_page_fetches_the_current_seats(client, workshop, resident):
    seniors = table(workshop, "Seniorzy")
    registration_create(workshop=workshop, table=seniors, user=resident)

    data = client.get(workshop.url + "miejsca/").json()

    assert seats_of(data, seniors)["left"] == 0
    assert seats_of(data, table(workshop, "Kultura i dziedzictwo"))["left"] == 2


@pytest.mark.django_db
def test_moving_from_the_page_takes_a_free_seat_at_the_other_table(client, workshop, resident):
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=resident)
    client.force_login(resident)

    response = client.post(
        workshop.url + "przenies/", {"table": table(workshop, "Kultura i dziedzictwo").pk}
    )

    assert response.status_code == 302
    registration = Registration.objects.active().get(user=resident)
    assert registration.table.name == "Kultura i dziedzictwo"
    assert registration.status == "potwierdzona"
    page = client.get(workshop.url).content.decode()
    assert "Przeniesiono Cię do stolika „Kultura i dziedzictwo”." in page


@pytest.mark.django_db
def test_moving_to_a_full_table_from_the_page_tells_the_waiting_position(
    client, workshop, resident
):
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=UserFactory())
    registration_create(
        workshop=workshop, table=table(workshop, "Kultura i dziedzictwo"), user=resident
    )
    client.force_login(resident)

    client.post(
        workshop.url + "przenies/", {"table": table(workshop, "Seniorzy").pk, "potwierdz": "1"}
    )

    page = client.get(workshop.url).content.decode()
    assert "Stolik „Seniorzy” jest pełny: jesteś na 1. miejscu jego listy oczekujących." in page


@pytest.mark.django_db
def test_moving_to_a_table_of_another_meeting_posted_by_hand_changes_nothing(
    client, workshop, resident
):
    other = workshop_page(tables=[("Zdrowie", 5)])
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=resident)
    client.force_login(resident)

    response = client.post(workshop.url + "przenies/", {"table": other.tables.get().pk})

    assert response.status_code == 400
    assert Registration.objects.active().get(user=resident).table.name == "Seniorzy"


@pytest.mark.django_db
def test_moving_after_the_deadline_is_refused_with_its_own_message(client, workshop, resident):
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=resident)
    client.force_login(resident)

    with time_machine.travel(workshop.registration_closes_at + timedelta(minutes=1)):
        response = client.post(
            workshop.url + "przenies/", {"table": table(workshop, "Kultura i dziedzictwo").pk}
        )

    assert response.status_code == 400
    assert "Termin zapisów minął." in response.content.decode()
    assert Registration.objects.active().get(user=resident).table.name == "Seniorzy"


# --- each refusal of the registration form, as the person sees it ---


@pytest.mark.django_db
def test_a_logged_out_visitor_is_asked_to_log_in(client, workshop):
    page = client.get(workshop.url).content.decode()

    assert "Zaloguj się, aby się zapisać." in page
    assert 'action="' + workshop.url + 'zapisz/"' not in page


@pytest.mark.django_db
def test_a_logged_out_post_goes_to_the_login_page_and_registers_nobody(client, workshop):
    response = client.post(workshop.url + "zapisz/", {"table": table(workshop, "Seniorzy").pk})

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert not Registration.objects.filter(workshop=workshop).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "message"),
    [
        ("before", "Zapisy jeszcze się nie rozpoczęły."),
        ("after", "Termin zapisów minął."),
    ],
)
def test_registering_outside_the_window_is_refused_on_the_page(
    client, workshop, resident, moment, message
):
    client.force_login(resident)
    when = (
        workshop.registration_opens_at - timedelta(hours=1)
        if moment == "before"
        else workshop.registration_closes_at + timedelta(minutes=1)
    )

    with time_machine.travel(when):
        page = client.get(workshop.url).content.decode()
        response = client.post(workshop.url + "zapisz/", {"table": table(workshop, "Seniorzy").pk})

    assert message in page
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.filter(workshop=workshop).exists()


@pytest.mark.django_db
def test_a_cancelled_meeting_says_so_and_takes_no_registration(client, demo_site, resident):
    cancelled = workshop_page(cancelled=True)
    client.force_login(resident)

    response = client.post(cancelled.url + "zapisz/", {"table": cancelled.tables.get().pk})

    assert response.status_code == 400
    assert "To spotkanie zostało odwołane." in response.content.decode()
    assert not Registration.objects.filter(workshop=cancelled).exists()


@pytest.mark.django_db
def test_registering_twice_is_refused_with_its_own_message(client, workshop, resident):
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=resident)
    client.force_login(resident)

    response = client.post(
        workshop.url + "zapisz/", {"table": table(workshop, "Kultura i dziedzictwo").pk}
    )

    assert response.status_code == 400
    assert "Masz już zgłoszenie na to spotkanie." in response.content.decode()
    assert Registration.objects.filter(user=resident).count() == 1
