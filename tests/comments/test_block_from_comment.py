"""A moderator blocks a person from their comment in the discussion or from the moderation
log, not only from the queue: after a confirmation page, with a reason (issue 17, item 16)."""

import lxml.html
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from comments.models import CommentingBlock, ModerationAction, ModerationLogEntry
from comments.services import comment_hide, comment_post
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(consultation, resident):
    return comment_post(page=consultation, user=resident, text="Kupię tanio rower, pisz na priv.")


def block_url(comment):
    return reverse("comments_admin:block", args=[comment.user_id]) + f"?komentarz={comment.pk}"


def block_links(client, consultation):
    document = lxml.html.fromstring(client.get(consultation.url).content.decode())
    return [
        link.get("href")
        for link in document.xpath("//div[@class='comment__actions']//a")
        if "zablokuj" in link.get("href")
    ]


def test_a_moderator_sees_block_the_author_next_to_a_comment(
    client, consultation, comment, moderator
):
    client.force_login(moderator)

    assert block_links(client, consultation) == [block_url(comment)]


def test_a_resident_sees_no_block_action(client, consultation, comment, other_resident):
    client.force_login(other_resident)

    assert block_links(client, consultation) == []


def test_the_block_page_asks_before_blocking(client, comment, moderator):
    client.force_login(moderator)

    response = client.get(block_url(comment))

    assert response.status_code == 200
    assert "Tak, zablokuj tę osobę" in response.content.decode()
    assert not CommentingBlock.objects.exists()


def test_confirming_blocks_the_person_and_returns_to_the_comment(
    client, consultation, comment, moderator, resident
):
    client.force_login(moderator)

    response = client.post(block_url(comment), {"reason": "Ogłoszenia handlowe (pkt 4)."})

    assert response.status_code == 302
    assert response["Location"] == f"{consultation.url}#k-{comment.pk}"
    assert CommentingBlock.objects.get().user == resident
    entry = ModerationLogEntry.objects.get(action=ModerationAction.BLOCK)
    assert (entry.subject_user, entry.moderator) == (resident, moderator)


def test_blocking_without_a_reason_is_refused(client, comment, moderator):
    client.force_login(moderator)

    response = client.post(block_url(comment), {"reason": " "})

    assert response.status_code == 400
    assert "Podaj powód blokady." in response.content.decode()
    assert not CommentingBlock.objects.exists()


def test_a_resident_cannot_block_anyone(client, comment, other_resident):
    client.force_login(other_resident)

    response = client.post(block_url(comment), {"reason": "Nie lubię go."})

    assert response.status_code == 302  # to the log-in form: the admin is not for residents
    assert not CommentingBlock.objects.exists()


def test_an_admin_user_without_the_moderate_permission_cannot_block(client, comment):
    editor = UserFactory(first_name="Piotr", last_name="Kowalczyk")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    response = client.post(block_url(comment), {"reason": "Nie lubię go."})

    assert response.status_code == 302  # Wagtail's answer to PermissionDenied: admin home
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not CommentingBlock.objects.exists()


def test_the_moderation_log_offers_to_block_the_author_of_a_hidden_comment(
    client, comment, moderator
):
    comment_hide(comment=comment, moderator=moderator, reason="Ogłoszenie handlowe.")
    client.force_login(moderator)

    document = lxml.html.fromstring(client.get(reverse("comments_admin:log")).content.decode())

    assert block_url(comment) in [link.get("href") for link in document.xpath("//td//a")]


def test_the_moderation_page_of_a_comment_offers_to_block_its_author(
    client, consultation, comment, moderator
):
    client.force_login(moderator)

    response = client.get(f"{consultation.url}dyskusja/{comment.pk}/moderuj/")

    document = lxml.html.fromstring(response.content.decode())
    assert block_url(comment) in [link.get("href") for link in document.xpath("//main//a")]
