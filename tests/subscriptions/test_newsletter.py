"""The NGO newsletter: double opt-in at /newsletter/, and one e-mail about each new
consultation and each new table meeting, on its first publication only, to confirmed
subscribers only."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cms.management.commands.periodic import PERIODIC_COMMANDS
from consultations.models import ConsultationPage
from subscriptions.models import NewsletterSubscription
from subscriptions.notifications import send_due_notifications
from tests.factories import NewsletterSubscriptionFactory, consultation_page, workshop_page
from tests.subscriptions.helpers import html_of, link

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribers(demo_site):
    """Two confirmed organisations and one that never confirmed."""
    return [
        NewsletterSubscriptionFactory(email="biuro@zlota-jesien.example.org"),
        NewsletterSubscriptionFactory(email="kontakt@zielone-nadrzecze.example.org"),
        NewsletterSubscriptionFactory(email="nie-potwierdzila@example.org", confirmed_at=None),
    ]


def recipients(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def test_signing_up_needs_the_confirmation_link(
    demo_site, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/newsletter/",
            {"email": "biuro@zlota-jesien.example.org", "organisation_name": "Złota Jesień"},
        )
    assert "Sprawdź skrzynkę" in response.content.decode()
    subscription = NewsletterSubscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.organisation_name == "Złota Jesień"

    (message,) = mailoutbox
    confirm = link(message, "/newsletter/potwierdz/")
    assert confirm in html_of(message)
    client = Client()
    client.get(confirm)
    assert NewsletterSubscription.objects.get().confirmed_at is None
    client.post(confirm)
    assert NewsletterSubscription.objects.get().confirmed_at is not None


def test_the_sign_up_form_has_labels_and_the_privacy_information(demo_site):
    html = Client().get("/newsletter/").content.decode()

    assert '<label for="id_email">' in html
    assert '<label for="id_organisation_name">' in html
    assert "Administratorem Twoich danych" in html


def test_a_new_consultation_is_announced_to_confirmed_subscribers_only(
    subscribers, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        consultation_page(slug="program-2029", title="Program współpracy na 2029 rok")

    assert recipients(mailoutbox) == [
        "biuro@zlota-jesien.example.org",
        "kontakt@zielone-nadrzecze.example.org",
    ]
    message = mailoutbox[0]
    assert message.subject == "Nowe konsultacje: Program współpracy na 2029 rok"
    assert "http://127.0.0.1:8000/konsultacje/program-2029/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_new_workshop_is_announced_to_confirmed_subscribers_only(
    subscribers, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workshop_page(title="Spotkanie stolikowe – program współpracy 2029")

    assert recipients(mailoutbox) == [
        "biuro@zlota-jesien.example.org",
        "kontakt@zielone-nadrzecze.example.org",
    ]
    assert mailoutbox[0].subject.startswith(
        "Nowe spotkanie: Spotkanie stolikowe – program współpracy 2029"
    )


def test_publishing_again_announces_nothing(
    subscribers, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = consultation_page(slug="program-2029", title="Program współpracy na 2029 rok")
    mailoutbox.clear()
    NewsletterSubscriptionFactory(email="nowa@example.org")  # joined after the announcement

    page = ConsultationPage.objects.get(pk=page.pk)  # as the editor loads it
    page.title = "Program współpracy na 2029 rok (poprawiony)"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    send_due_notifications()

    assert mailoutbox == []


def test_a_consultation_scheduled_for_later_is_announced_when_it_goes_live(
    subscribers, mailoutbox, django_capture_on_commit_callbacks, time_machine
):
    page = consultation_page(
        slug="program-2029", title="Program współpracy na 2029 rok", publish=False, live=False
    )
    page.go_live_at = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert mailoutbox == []

    time_machine.move_to(timezone.now() + timedelta(hours=3))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", verbosity=0)

    assert len(mailoutbox) == 2


def test_the_periodic_sweep_sends_an_announcement_whose_task_was_lost(subscribers, mailoutbox):
    consultation_page(slug="program-2029", title="Program współpracy na 2029 rok")  # no commit

    call_command("send_consultation_notifications", verbosity=0)
    call_command("send_consultation_notifications", verbosity=0)

    assert len(mailoutbox) == 2


def test_the_sweep_runs_with_the_site_s_periodic_jobs():
    assert "send_consultation_notifications" in PERIODIC_COMMANDS
