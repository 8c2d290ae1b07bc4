"""E-mail to people who follow a thread or made a remark; unsubscribing needs no log-in."""

import re

import pytest
from django.core import mail
from django.test import Client

from comments.models import Comment, Kind, Outcome
from comments.services import comment_post, position_set

pytestmark = pytest.mark.django_db


def test_a_follower_is_emailed_about_a_reply_with_an_unsubscribe_link(
    consultation, resident, other_resident, django_capture_on_commit_callbacks
):
    root = comment_post(page=consultation, user=resident, text="Pytanie o lokale.", followup=True)
    with django_capture_on_commit_callbacks(execute=True):
        comment_post(page=consultation, user=other_resident, text="Odpowiadam.", parent=root)

    assert [message.to for message in mail.outbox] == [[resident.email]]
    message = mail.outbox[0]
    assert "Odpowiadam." in message.body
    assert "Nowa odpowiedź w dyskusji" in message.subject
    link = re.search(r"https?://\S+/dyskusja/wypisz/\S+/", message.body).group(0)

    anonymous = Client()
    path = "/" + link.split("/", 3)[3]
    assert anonymous.get(path).status_code == 200
    assert Comment.objects.get(pk=root.pk).followup  # a GET (a mail scanner) changes nothing
    anonymous.post(path)
    assert not Comment.objects.get(pk=root.pk).followup


def test_no_email_without_following(
    consultation, resident, other_resident, django_capture_on_commit_callbacks
):
    root = comment_post(page=consultation, user=resident, text="Pytanie.", followup=False)
    with django_capture_on_commit_callbacks(execute=True):
        comment_post(page=consultation, user=other_resident, text="Odpowiedź.", parent=root)

    assert mail.outbox == []


def test_a_forged_unsubscribe_link_is_not_found(client):
    assert client.get("/dyskusja/wypisz/podrobiony-token/").status_code == 404


def remark_answered(consultation, resident, coordinator, capture, *, paragraph_id=""):
    """A resident's remark (on a paragraph, or on the whole draft) and the city's position,
    with the e-mails that go out after the commit."""
    remark = comment_post(
        page=consultation,
        user=resident,
        kind=Kind.REMARK,
        paragraph_id=paragraph_id,
        proposed_wording="Dodać kluby seniora.",
        justification="Brakuje ich.",
    )
    with capture(execute=True):
        position_set(
            remarks=[remark], outcome=Outcome.ACCEPTED, justification="Dopisano.", by=coordinator
        )


def test_the_author_of_a_remark_is_emailed_the_citys_position(
    consultation, resident, coordinator, paragraph, django_capture_on_commit_callbacks
):
    remark_answered(
        consultation,
        resident,
        coordinator,
        django_capture_on_commit_callbacks,
        paragraph_id=paragraph["id"],
    )

    assert [message.to for message in mail.outbox] == [[resident.email]]
    assert "uwzględniono" in mail.outbox[0].body
    assert "Dopisano." in mail.outbox[0].body


def test_the_position_email_names_the_paragraph_the_remark_is_about(
    consultation, resident, coordinator, paragraph, django_capture_on_commit_callbacks
):
    remark_answered(
        consultation,
        resident,
        coordinator,
        django_capture_on_commit_callbacks,
        paragraph_id=paragraph["id"],
    )

    assert f"Fragment: {paragraph['label']}\n" in mail.outbox[0].body


def test_the_position_email_says_the_remark_is_about_the_whole_draft(
    consultation, resident, coordinator, django_capture_on_commit_callbacks
):
    remark_answered(consultation, resident, coordinator, django_capture_on_commit_callbacks)

    assert "Fragment: cały projekt\n" in mail.outbox[0].body
