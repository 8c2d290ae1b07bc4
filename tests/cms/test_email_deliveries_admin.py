"""Staff see the e-mail deliveries in the admin, read-only: sent, waiting for another
attempt, failed with the server's answer. Residents do not."""

import pytest
from django.utils import timezone

from cms.models import EmailDelivery, User

pytestmark = pytest.mark.django_db

LIST = "/admin/poczta/doreczenia/"


@pytest.fixture
def coordinator(demo_site):
    return User.objects.get(email="koordynator@nadrzecze.example")


@pytest.fixture
def deliveries():
    sent = EmailDelivery.objects.create(
        message_id="<1@nadrzecze.example>",
        recipient="ewa.kaminska@example.org",
        status=EmailDelivery.Status.SENT,
        attempts=1,
        sent_at=timezone.now(),
    )
    failed = EmailDelivery.objects.create(
        message_id="<2@nadrzecze.example>",
        recipient="nieistniejacy@zlota-jesien.example.org",
        status=EmailDelivery.Status.FAILED,
        attempts=6,
        last_error="550 5.1.1 <nieistniejacy@zlota-jesien.example.org>: skrzynka nie istnieje",
    )
    return sent, failed


def test_the_coordinator_sees_a_failed_delivery(client, coordinator, deliveries):
    client.force_login(coordinator)

    response = client.get(LIST, {"status": "failed"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "nieistniejacy@zlota-jesien.example.org" in html
    assert "ewa.kaminska@example.org" not in html


def test_the_details_show_the_servers_answer(client, coordinator, deliveries):
    client.force_login(coordinator)

    response = client.get(f"{LIST}inspect/{deliveries[1].pk}/")

    assert "skrzynka nie istnieje" in response.content.decode()


def test_a_delivery_cannot_be_edited_in_the_admin(client, coordinator, deliveries):
    client.force_login(coordinator)

    response = client.post(f"{LIST}edit/{deliveries[1].pk}/", {"status": "sent"})

    assert response.status_code in (302, 403)
    deliveries[1].refresh_from_db()
    assert deliveries[1].status == EmailDelivery.Status.FAILED


def test_a_delivery_cannot_be_deleted_in_the_admin(client, coordinator, deliveries):
    client.force_login(coordinator)

    client.post(f"{LIST}delete/{deliveries[0].pk}/")

    assert EmailDelivery.objects.filter(pk=deliveries[0].pk).exists()


def test_a_resident_cannot_see_the_deliveries(client, resident, deliveries):
    client.force_login(resident)

    response = client.get(LIST)

    assert response.status_code in (302, 403)
