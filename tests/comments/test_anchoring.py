"""Comments stay with the text they were written about, across versions."""

import pytest
from django.test import Client

from comments.services import comment_post
from consultations.models import ConsultationPage
from consultations.services import version_publish

pytestmark = pytest.mark.django_db


def publish_version_2(page, *, change=None, remove=None):
    page = ConsultationPage.objects.get(pk=page.pk)
    stream = page.draft.get_prep_value()
    paragraphs = stream[0]["value"]["paragraphs"]
    if change:
        next(p for p in paragraphs if p["id"] == change)["value"]["text"] = "Nowe brzmienie."
    if remove:
        stream[0]["value"]["paragraphs"] = [p for p in paragraphs if p["id"] != remove]
    page.draft = stream
    page.save_revision().publish()
    version_publish(page=page, label="po konsultacjach")


def test_a_comment_on_a_removed_paragraph_shows_the_text_it_was_written_about(
    consultation, resident, paragraph
):
    comment_post(
        page=consultation, user=resident, text="Za mało środków.", paragraph_id=paragraph["id"]
    )

    publish_version_2(consultation, remove=paragraph["id"])

    html = Client().get(consultation.url).content.decode()
    assert "Za mało środków." in html
    assert "jednostki, której nie ma w najnowszej wersji" in html
    assert paragraph["text"] in html
    assert "Komentarze do jednostek usuniętych przed wersją 2" in html


def test_a_comment_on_a_changed_paragraph_stays_under_it_with_the_old_text(
    consultation, resident, paragraph
):
    comment_post(
        page=consultation, user=resident, text="Za mało środków.", paragraph_id=paragraph["id"]
    )

    publish_version_2(consultation, change=paragraph["id"])

    html = Client().get(f"{consultation.url}?akapit={paragraph['id']}").content.decode()
    assert "Za mało środków." in html
    assert "zmienionego od wersji 1" in html
    assert f'href="{consultation.url}#p-{paragraph["id"]}"' in html
