"""Following a consultation from its page: a link for anonymous readers (their page comes
from the cache, which refuses pages with a CSRF token), double opt-in by e-mail, one
button for logged-in people, and limits that keep the form from flooding an inbox."""

import pytest
from django.test import Client
from django.urls import reverse

from subscriptions.models import Follow
from tests.factories import FollowFactory
from tests.subscriptions.helpers import html_of, link

pytestmark = pytest.mark.django_db


def follow_url(page):
    """The old address under the page, which e-mails and cached pages already have."""
    return page.url + "obserwuj/"


def test_an_anonymous_reader_gets_a_link_to_follow_and_the_page_is_still_cached(consultation):
    first = Client().get(consultation.url)
    second = Client().get(consultation.url)

    html = first.content.decode()
    link = reverse("subscriptions:follow", args=[consultation.pk])
    assert f'<a class="button button--primary" href="{link}">' in html
    assert "Obserwuj konsultacje" in html
    assert "csrfmiddlewaretoken" not in html
    assert second["X-Page-Cache"] == "hit"


def test_following_by_e_mail_sends_a_confirmation_link_and_stores_an_unconfirmed_request(
    consultation, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(follow_url(consultation), {"email": "Ewa.Kaminska@example.org"})

    assert response.status_code == 200
    assert "Sprawdź skrzynkę" in response.content.decode()
    follow = Follow.objects.get(page=consultation)
    assert (follow.email, follow.confirmed_at) == ("ewa.kaminska@example.org", None)
    (message,) = mailoutbox
    assert message.to == ["ewa.kaminska@example.org"]
    assert "Program współpracy na 2028 rok" in message.subject
    assert "/powiadomienia/potwierdz/" in message.body
    assert "/powiadomienia/potwierdz/" in html_of(message)
    assert "List-Unsubscribe" not in message.extra_headers  # not a list e-mail


def test_the_confirmation_link_asks_first_and_confirms_only_on_the_button(
    consultation, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(follow_url(consultation), {"email": "ewa.kaminska@example.org"})
    confirm = link(mailoutbox[0], "/powiadomienia/potwierdz/")
    client = Client()

    shown = client.get(confirm)
    assert shown.status_code == 200
    assert "Potwierdź" in shown.content.decode()
    assert Follow.objects.get().confirmed_at is None

    done = client.post(confirm)
    assert "Potwierdzone" in done.content.decode()
    assert Follow.objects.get().confirmed_at is not None


def test_the_answer_does_not_reveal_that_an_address_already_follows(consultation):
    FollowFactory(page=consultation, email="jan.wrobel@example.org")

    known = Client().post(follow_url(consultation), {"email": "jan.wrobel@example.org"})
    unknown = Client().post(follow_url(consultation), {"email": "zofia.lis@example.org"})

    assert known.status_code == unknown.status_code == 200
    assert known.content.decode().replace("jan.wrobel", "X") == unknown.content.decode().replace(
        "zofia.lis", "X"
    )


def test_one_address_gets_at_most_three_confirmation_e_mails_a_day(
    consultation, mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            response = Client(REMOTE_ADDR=f"192.0.2.{n + 1}").post(
                follow_url(consultation), {"email": "ofiara@example.org"}
            )
        assert response.status_code == 200  # the same answer every time

    assert len(mailoutbox) == 3


def test_one_connection_may_send_ten_sign_ups_an_hour(consultation):
    client = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(10):
        response = client.post(follow_url(consultation), {"email": f"osoba{n}@example.org"})
        assert response.status_code == 200

    refused = client.post(follow_url(consultation), {"email": "osoba10@example.org"})

    assert refused.status_code == 429
    assert "Spróbuj ponownie za godzinę" in refused.content.decode()
    assert not Follow.objects.filter(email="osoba10@example.org").exists()


def test_an_invalid_address_is_announced_next_to_its_field(consultation):
    response = Client().post(follow_url(consultation), {"email": "ewa-at-example"})

    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'id="id_email_errors"' in html
    assert not Follow.objects.exists()


def test_a_logged_in_resident_follows_at_once_and_stops_with_the_same_button(
    consultation, resident, client
):
    client.force_login(resident)

    page = client.get(consultation.url).content.decode()
    assert 'name="action" value="follow"' in page
    response = client.post(follow_url(consultation), {"action": "follow"})
    assert response.status_code == 302
    follow = Follow.objects.get(page=consultation)
    assert follow.user == resident
    assert follow.email == "ewa.kaminska@example.org"
    assert follow.confirmed_at is not None

    page = client.get(consultation.url).content.decode()
    assert "Przestań obserwować" in page
    client.post(follow_url(consultation), {"action": "unfollow"})
    assert not Follow.objects.exists()


def test_a_resident_who_followed_by_e_mail_is_recognised_when_logged_in(
    consultation, resident, client
):
    FollowFactory(page=consultation, email="ewa.kaminska@example.org")
    client.force_login(resident)

    page = client.get(consultation.url).content.decode()

    assert 'name="action" value="unfollow"' in page


def test_a_logged_in_reader_follows_at_the_follow_address(client, consultation, resident):
    client.force_login(resident)

    response = client.post(f"/powiadomienia/obserwuj/{consultation.pk}/", {"action": "follow"})

    assert response.status_code == 302
    assert Follow.objects.filter(page=consultation, user=resident).exists()
