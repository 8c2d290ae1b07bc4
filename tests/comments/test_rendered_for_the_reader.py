"""The discussion's HTML is drawn for the one who reads it: in their language (also when it
comes from the cache) and, in a live update, with their own reactions and actions."""

import pytest
from django.test import Client

from comments.services import comment_post, reaction_set

pytestmark = pytest.mark.django_db


def reader_in(language: str) -> Client:
    client = Client()
    client.cookies["django_language"] = language
    return client


def test_polish_readers_get_polish_threads_after_an_english_reader(consultation, resident):
    comment_post(page=consultation, user=resident, text="Więcej ławek przy rzece.")

    english = reader_in("en").get(consultation.url).content.decode()
    polish = reader_in("pl").get(consultation.url).content.decode()

    assert "I agree" in english
    assert "Zgadzam się" in polish
    assert "I agree" not in polish and ">Reply<" not in polish


def test_english_readers_get_english_threads_after_a_polish_reader(consultation, resident):
    comment_post(page=consultation, user=resident, text="Więcej ławek przy rzece.")

    reader_in("pl").get(consultation.url)
    english = reader_in("en").get(consultation.url).content.decode()

    assert "I agree" in english and "Zgadzam się" not in english


def test_the_fragment_a_signed_in_reader_fetches_keeps_their_pressed_reaction(
    client, consultation, resident, other_resident
):
    from comments.models import Reaction

    comment = comment_post(page=consultation, user=resident, text="Więcej ławek przy rzece.")
    reaction_set(comment=comment, user=other_resident, value=Reaction.Value.AGREE)
    client.force_login(other_resident)

    html = client.get(f"{consultation.url}dyskusja/{comment.pk}/").json()["html"]

    assert 'aria-pressed="true"' in html
    assert "csrfmiddlewaretoken" in html  # the buttons post, not links to the log-in page
    assert "/konto/login/" not in html and "data-react=" not in html


def test_the_fragment_shows_the_author_their_own_actions(client, consultation, resident):
    comment = comment_post(page=consultation, user=resident, text="Więcej ławek przy rzece.")
    client.force_login(resident)

    html = client.get(f"{consultation.url}dyskusja/{comment.pk}/").json()["html"]

    actions = f"/dyskusja/{consultation.pk}/{comment.pk}/"
    assert f"{actions}edytuj/" in html and f"{actions}usun/" in html


def test_a_live_update_is_drawn_in_the_sites_language_whoever_wrote_it(
    consultation, resident, django_capture_on_commit_callbacks, monkeypatch
):
    from django.utils import translation

    from comments import events

    sent = []
    monkeypatch.setattr(events, "broadcast", lambda group, message: sent.append(message))
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        comment_post(page=consultation, user=resident, text="Więcej ławek przy rzece.")

    assert sent[0]["lang"] == "pl"
    assert "Zgadzam się" in sent[0]["html"]
