"""Remarks that reached the city on paper, by e-mail or through ePUAP, typed in by staff."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from comments.models import Channel, Comment, Kind
from comments.services import comment_post

pytestmark = pytest.mark.django_db


def entry_url(consultation):
    return f"/admin/dyskusja/uwagi/{consultation.pk}/dodaj/"


def paper_remark(paragraph, **changes):
    data = {
        "channel": Channel.PAPER,
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "author_name": "Halina Mazur",
        "organisation_name": "Stowarzyszenie Seniorów „Złota Jesień”",
        "paragraph_id": paragraph["id"],
        "proposed_wording": "Dopisać wolontariat senioralny.",
        "justification": "Seniorzy chcą pomagać innym.",
    }
    return {**data, **changes}


def test_a_coordinator_enters_a_paper_remark_with_its_scan(
    client, consultation, coordinator, paragraph
):
    client.force_login(coordinator)
    scan = SimpleUploadedFile("uwaga.pdf", b"%PDF-1.4 skan", content_type="application/pdf")

    response = client.post(entry_url(consultation), {**paper_remark(paragraph), "attachment": scan})

    assert response.status_code == 302
    remark = Comment.objects.get(kind=Kind.REMARK)
    assert remark.channel == Channel.PAPER
    assert remark.user is None and remark.entered_by == coordinator
    assert remark.paragraph_label == paragraph["label"]
    assert remark.current_wording == paragraph["text"]  # taken from the paragraph
    assert remark.attachment and not remark.is_late
    listing = client.get(f"/admin/dyskusja/uwagi/{consultation.pk}/").content.decode()
    assert "Halina Mazur" in listing and "na papierze" in listing


def test_a_remark_received_after_the_closing_moment_is_kept_and_marked_late(
    client, consultation, coordinator, paragraph
):
    consultation.opens_at = timezone.now() - timedelta(days=20)
    consultation.closes_at = timezone.now() - timedelta(days=2)
    consultation.save()
    client.force_login(coordinator)
    late = timezone.localtime() - timedelta(days=1)

    response = client.post(
        entry_url(consultation),
        paper_remark(paragraph, channel=Channel.EMAIL, received_at=late.strftime("%Y-%m-%dT%H:%M")),
        follow=True,
    )

    remark = Comment.objects.get(kind=Kind.REMARK)
    assert remark.is_late and remark.channel == Channel.EMAIL
    assert "po terminie" in response.content.decode()


def test_entered_remarks_stay_out_of_the_online_discussion(
    client, consultation, coordinator, resident, paragraph
):
    comment_post(page=consultation, user=resident, text="Dobry projekt, popieram.")
    client.force_login(coordinator)
    client.post(entry_url(consultation), paper_remark(paragraph))

    html = Client().get(consultation.url).content.decode()

    assert "Dobry projekt, popieram." in html
    assert "Dopisać wolontariat senioralny." not in html


def test_a_date_in_the_future_is_refused_and_the_text_kept(
    client, consultation, coordinator, paragraph
):
    client.force_login(coordinator)
    tomorrow = timezone.localtime() + timedelta(days=1)

    response = client.post(
        entry_url(consultation),
        paper_remark(paragraph, received_at=tomorrow.strftime("%Y-%m-%dT%H:%M")),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "nie może być w przyszłości" in html
    assert "Dopisać wolontariat senioralny." in html
    assert not Comment.objects.exists()


def test_a_remark_needs_an_author(client, consultation, coordinator, paragraph):
    client.force_login(coordinator)

    response = client.post(
        entry_url(consultation), paper_remark(paragraph, author_name="", organisation_name="")
    )

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_residents_cannot_enter_remarks(client, consultation, resident, paragraph):
    client.force_login(resident)

    response = client.post(entry_url(consultation), paper_remark(paragraph))

    assert response.status_code in (302, 403)
    assert not Comment.objects.exists()


def test_a_coordinator_marks_a_formal_defect(client, consultation, coordinator, paragraph):
    client.force_login(coordinator)
    client.post(entry_url(consultation), paper_remark(paragraph))
    remark = Comment.objects.get()

    client.post(
        f"/admin/dyskusja/uwagi/{consultation.pk}/{remark.pk}/wada/",
        {"reason": "formularz bez podpisu"},
    )

    remark.refresh_from_db()
    assert remark.formal_defect == "formularz bez podpisu"
    listing = client.get(f"/admin/dyskusja/uwagi/{consultation.pk}/").content.decode()
    assert "formularz bez podpisu" in listing


def test_the_positions_page_groups_remarks_by_chapter_and_paragraph(
    client, consultation, coordinator, resident, paragraph
):
    comment_post(
        page=consultation,
        user=resident,
        kind=Kind.REMARK,
        paragraph_id=paragraph["id"],
        proposed_wording="Zwiększyć środki na sport.",
    )
    comment_post(page=consultation, user=resident, kind=Kind.REMARK, justification="Ogólnie.")
    client.force_login(coordinator)

    html = client.get(f"/admin/dyskusja/uwagi/{consultation.pk}/").content.decode()

    chapter = consultation.versions.get().chapters[0]["title"]
    assert html.index("cały projekt") < html.index(chapter) < html.index(paragraph["label"])
    assert "0 z 2 uwag rozpatrzonych" in html


def test_saving_a_position_with_no_remark_ticked_says_what_is_missing(
    client, consultation, coordinator, resident
):
    comment_post(page=consultation, user=resident, kind=Kind.REMARK, justification="Ogólnie.")
    client.force_login(coordinator)

    response = client.post(
        f"/admin/dyskusja/uwagi/{consultation.pk}/",
        {"outcome": "uwzgledniono", "justification": "Zapis zostanie zmieniony."},
    )

    assert response.status_code == 400
    assert "Zaznacz co najmniej jedną uwagę" in response.content.decode()


def test_a_refused_position_keeps_the_ticked_remarks_ticked(
    client, consultation, coordinator, resident
):
    remark = comment_post(page=consultation, user=resident, kind=Kind.REMARK, justification="Ok.")
    client.force_login(coordinator)

    response = client.post(
        f"/admin/dyskusja/uwagi/{consultation.pk}/", {"remarks": [remark.pk], "outcome": ""}
    )

    assert response.status_code == 400
    assert f'id="remark-{remark.pk}" checked' in response.content.decode()
