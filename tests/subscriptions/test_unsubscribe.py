"""Unsubscribing works from the link alone: no log-in. A GET only asks (mail scanners
follow links); the page's POST carries a CSRF token; the one-click POST of RFC 8058, sent
by the mail client itself, needs none. A damaged link gets a Polish error page."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from subscriptions import tokens
from subscriptions.models import Follow, NewsletterSubscription
from subscriptions.notifications import send_due_notifications
from tests.factories import FollowFactory, NewsletterSubscriptionFactory, consultation_page
from tests.subscriptions.helpers import unsubscribe_path

pytestmark = pytest.mark.django_db

EWA = "ewa.kaminska@example.org"


@pytest.fixture
def ewa(consultation):
    return FollowFactory(page=consultation, email=EWA)


@pytest.fixture
def link(consultation, ewa, mailoutbox):
    """The unsubscribe address of a real notification e-mail."""
    send_due_notifications(now=consultation.opens_at + timedelta(minutes=1))
    (message,) = mailoutbox
    return unsubscribe_path(message)


def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_the_link_first_asks_then_stops_the_e_mails_about_this_consultation(consultation, link):
    client = csrf_client()

    page = client.get(link)
    assert page.status_code == 200
    assert "Program współpracy na 2028 rok" in page.content.decode()
    assert Follow.objects.filter(email=EWA).exists()

    done = client.post(
        link, {"scope": "this", "csrfmiddlewaretoken": page.cookies["csrftoken"].value}
    )

    assert done.status_code == 200
    assert "nie będziemy już wysyłać" in done.content.decode()
    assert not Follow.objects.filter(email=EWA).exists()


def test_one_click_unsubscribe_from_the_mail_client_needs_no_csrf_token(consultation, link):
    response = csrf_client().post(link, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not Follow.objects.filter(email=EWA).exists()


def test_a_page_post_without_its_csrf_token_is_refused(consultation, link):
    response = csrf_client().post(link, {"scope": "this"})

    assert response.status_code == 403
    assert Follow.objects.filter(email=EWA).exists()


def test_stopping_one_consultation_keeps_the_others_and_the_newsletter(consultation, link):
    other = consultation_page(slug="program-2029", title="Program współpracy na 2029 rok")
    FollowFactory(page=other, email=EWA)
    NewsletterSubscriptionFactory(email=EWA)

    Client().post(link, {"scope": "this"})

    assert list(Follow.objects.filter(email=EWA).values_list("page", flat=True)) == [other.pk]
    assert NewsletterSubscription.objects.filter(email=EWA).exists()


def test_stopping_everything_ends_every_follow_and_the_newsletter(consultation, link):
    other = consultation_page(slug="program-2029", title="Program współpracy na 2029 rok")
    FollowFactory(page=other, email=EWA)
    NewsletterSubscriptionFactory(email=EWA)

    response = Client().post(link, {"scope": "all"})

    assert "nie będziemy już wysyłać żadnych powiadomień" in response.content.decode()
    assert not Follow.objects.filter(email=EWA).exists()
    assert not NewsletterSubscription.objects.filter(email=EWA).exists()


def test_a_logged_in_follow_is_stopped_by_the_link_too(consultation, resident, mailoutbox):
    FollowFactory(page=consultation, user=resident, email=resident.email)
    token = tokens.unsubscribe_token(email=resident.email, page_id=consultation.pk)

    Client().post(f"/powiadomienia/wypisz/{token}/", {"List-Unsubscribe": "One-Click"})

    assert not Follow.objects.exists()


def test_a_tampered_link_shows_a_polish_error_page(consultation, link):
    tampered = link[:-4] + ("A" if link[-4] != "A" else "B") + link[-3:]

    response = Client().get(tampered)

    assert response.status_code == 400
    assert "Ten link nie działa" in response.content.decode()
    assert Client().post(tampered, {"List-Unsubscribe": "One-Click"}).status_code == 400
    assert Follow.objects.filter(email=EWA).exists()


def test_a_confirmation_link_cannot_unsubscribe(consultation, ewa):
    token = tokens.confirm_follow_token(email=EWA, page_id=consultation.pk)

    response = Client().post(f"/powiadomienia/wypisz/{token}/", {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 400
    assert Follow.objects.filter(email=EWA).exists()


def test_an_expired_confirmation_link_says_so(consultation, time_machine):
    token = tokens.confirm_follow_token(email=EWA, page_id=consultation.pk)
    time_machine.move_to(timezone.now() + tokens.CONFIRM_MAX_AGE + timedelta(days=1))

    response = Client().get(f"/powiadomienia/potwierdz/{token}/")

    assert response.status_code == 400
    assert "starszy niż 7 dni" in response.content.decode()
