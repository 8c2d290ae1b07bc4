"""The discussion's own addresses, keyed by the page's id (comments/urls.py), and the old
addresses under the consultation page, which links already out keep using."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from comments.models import Comment
from comments.services import comment_post
from tests.comments.helpers import form_data

pytestmark = pytest.mark.django_db

TEXT = "Proszę o dopisanie świetlic środowiskowych do priorytetów."


def test_a_resident_posts_a_comment_at_the_discussion_address(client, consultation, resident):
    client.force_login(resident)
    data = form_data(client, consultation.url, comment=TEXT)

    response = client.post(f"/dyskusja/{consultation.pk}/dodaj/", data)

    comment = Comment.objects.on_page(consultation).get()
    assert response.status_code == 302
    assert response["Location"] == f"{consultation.url}#k-{comment.pk}"


def test_the_form_posts_to_the_discussion_address(client, consultation, resident):
    client.force_login(resident)

    html = client.get(consultation.url).content.decode()

    assert f'action="/dyskusja/{consultation.pk}/dodaj/#bledy-komentarza"' in html


def test_a_comment_links_its_actions_to_the_discussion_address(client, consultation, resident):
    comment = comment_post(page=consultation, user=resident, text=TEXT)
    client.force_login(resident)

    html = client.get(consultation.url).content.decode()

    assert f'href="/dyskusja/{consultation.pk}/{comment.pk}/edytuj/"' in html
    assert f"{consultation.url}dyskusja/{comment.pk}/" not in html


def test_the_old_fragment_address_under_the_page_still_answers(consultation, resident):
    comment = comment_post(page=consultation, user=resident, text=TEXT)

    response = Client().get(f"{consultation.url}dyskusja/{comment.pk}/")

    assert response.status_code == 200
    assert TEXT in response.json()["html"]


def test_the_discussion_address_leads_to_the_discussion_on_the_page(consultation):
    response = Client().get(reverse("comments:discussion", args=[consultation.pk]))

    assert response.status_code == 302
    assert response["Location"] == f"{consultation.url}#dyskusja"


def test_a_draft_consultation_has_no_discussion_address(consultation, resident):
    comment = comment_post(page=consultation, user=resident, text=TEXT)
    consultation.unpublish()

    response = Client().get(f"/dyskusja/{consultation.pk}/{comment.pk}/")

    assert response.status_code == 404


def test_a_private_consultation_keeps_its_comments_private_at_the_discussion_address(
    consultation, resident
):
    comment = comment_post(page=consultation, user=resident, text=TEXT)
    PageViewRestriction.objects.create(
        page=consultation, restriction_type=PageViewRestriction.LOGIN
    )

    response = Client().get(f"/dyskusja/{consultation.pk}/{comment.pk}/")

    assert response.status_code == 404


def test_the_changes_feed_answers_at_the_discussion_address(consultation, resident):
    comment = comment_post(page=consultation, user=resident, text=TEXT)

    response = Client().get(
        f"/dyskusja/{consultation.pk}/zmiany/", {"od": "2000-01-01T00:00:00+00:00"}
    )

    assert response.json() == {"ids": [comment.pk]}
