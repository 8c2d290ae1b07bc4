"""What authors and readers do with a comment: edit, delete, agree, disagree."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client

from comments.models import Comment, Reaction
from comments.services import comment_delete, comment_edit, comment_post, reaction_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(consultation, resident):
    return comment_post(page=consultation, user=resident, text="Kluby seniora w dzielnicach.")


def test_the_author_edits_within_fifteen_minutes_and_it_shows_edited(
    client, consultation, comment, resident
):
    client.force_login(resident)

    client.post(
        f"{consultation.url}dyskusja/{comment.pk}/edytuj/",
        {"comment": "Kluby seniora w każdej dzielnicy."},
    )

    html = Client().get(consultation.url).content.decode()
    assert "Kluby seniora w każdej dzielnicy." in html
    assert "(edytowano)" in html


def test_editing_after_fifteen_minutes_is_refused(comment, resident):
    with (
        time_machine.travel(comment.submit_date + timedelta(minutes=16)),
        pytest.raises(ValidationError) as refusal,
    ):
        comment_edit(comment=comment, user=resident, text="Późna zmiana")

    assert refusal.value.code == "edit_expired"


def test_someone_else_cannot_edit(client, consultation, comment, other_resident):
    client.force_login(other_resident)

    response = client.post(
        f"{consultation.url}dyskusja/{comment.pk}/edytuj/", {"comment": "Podmiana"}
    )

    assert response.status_code == 403
    assert Comment.objects.get(pk=comment.pk).comment == "Kluby seniora w dzielnicach."


def test_deleting_leaves_a_placeholder_and_the_replies(
    consultation, comment, resident, other_resident
):
    comment_post(page=consultation, user=other_resident, text="Popieram kluby.", parent=comment)

    comment_delete(comment=comment, user=resident)

    html = Client().get(consultation.url).content.decode()
    assert "Komentarz usunięty przez autora." in html
    assert "Kluby seniora w dzielnicach." not in html
    assert "Popieram kluby." in html


def test_one_reaction_per_person_switching_moves_the_count(comment, other_resident):
    reaction_set(comment=comment, user=other_resident, value=Reaction.Value.AGREE)
    reaction_set(comment=comment, user=other_resident, value=Reaction.Value.AGREE)
    comment = reaction_set(comment=comment, user=other_resident, value=Reaction.Value.DISAGREE)

    assert (comment.agree_count, comment.disagree_count) == (0, 1)
    assert Reaction.objects.filter(comment=comment).count() == 1


def test_taking_a_reaction_back(comment, other_resident):
    reaction_set(comment=comment, user=other_resident, value=Reaction.Value.AGREE)

    comment = reaction_set(comment=comment, user=other_resident, value=None)

    assert (comment.agree_count, comment.disagree_count) == (0, 0)


def test_authors_do_not_react_to_themselves(comment, resident):
    with pytest.raises(ValidationError):
        reaction_set(comment=comment, user=resident, value=Reaction.Value.AGREE)


def test_agreeing_through_the_page_shows_the_pressed_button(
    client, consultation, comment, other_resident
):
    client.force_login(other_resident)

    client.post(f"{consultation.url}dyskusja/{comment.pk}/reakcja/", {"value": "zgadzam-sie"})

    html = client.get(consultation.url).content.decode()
    assert 'aria-pressed="true"' in html
    assert 'Zgadzam się (<span data-count="agree">1</span>)' in html
