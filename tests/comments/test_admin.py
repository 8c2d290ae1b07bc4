"""The moderation queue and the positions on remarks, in the Wagtail admin."""

import pytest
from django.test import Client

from comments.models import Comment, Kind, Outcome, Status
from comments.services import comment_post, report_create

pytestmark = pytest.mark.django_db


def test_the_queue_lists_reported_comments_and_a_moderator_hides_one(
    client, consultation, resident, other_resident, moderator
):
    comment = comment_post(page=consultation, user=resident, text="Spam spam spam")
    report_create(comment=comment, user=other_resident, reason="reklama")
    client.force_login(moderator)

    html = client.get("/admin/dyskusja/kolejka/").content.decode()
    assert "Spam spam spam" in html and "reklama" in html

    client.post(
        "/admin/dyskusja/kolejka/",
        {"comment": comment.pk, "action": "ukryj", "reason": "reklama"},
    )
    assert Comment.objects.get(pk=comment.pk).status == Status.HIDDEN
    assert "reklama" in client.get("/admin/dyskusja/dziennik/").content.decode()


def test_residents_have_no_queue(client, resident):
    client.force_login(resident)

    response = client.get("/admin/dyskusja/kolejka/")

    assert response.status_code in (302, 403)


def test_a_coordinator_gives_one_position_to_two_identical_remarks(
    client, consultation, resident, other_resident, coordinator, paragraph
):
    remarks = [
        comment_post(
            page=consultation,
            user=person,
            kind=Kind.REMARK,
            paragraph_id=paragraph["id"],
            proposed_wording="Zwiększyć środki na sport.",
            justification="Więcej dzieci trenuje.",
        )
        for person in (resident, other_resident)
    ]
    client.force_login(coordinator)

    client.post(
        f"/admin/dyskusja/uwagi/{consultation.pk}/",
        {
            "remarks": [remark.pk for remark in remarks],
            "outcome": Outcome.PARTLY_ACCEPTED,
            "justification": "Środki zwiększono o 10%.",
        },
    )

    html = Client().get(consultation.url).content.decode()
    assert html.count("Stanowisko urzędu: częściowo uwzględniono") == 2
    assert "Środki zwiększono o 10%." in html
    progress = client.get(f"/admin/dyskusja/uwagi/{consultation.pk}/").content.decode()
    assert "2 z 2 uwag rozpatrzonych" in progress


def test_the_export_marks_hidden_comments_and_neutralises_formulas(
    client, consultation, resident, moderator, coordinator
):
    import csv
    import io

    from openpyxl import load_workbook

    from comments.services import comment_hide

    comment_post(page=consultation, user=resident, text='=HYPERLINK("http://zlo.example")')
    hidden = comment_post(page=consultation, user=resident, text="Obraźliwy wpis")
    comment_hide(comment=hidden, moderator=moderator, reason="obraźliwy")
    client.force_login(coordinator)

    response = client.get(f"/admin/dyskusja/eksport/{consultation.pk}.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    workbook = load_workbook(
        io.BytesIO(client.get(f"/admin/dyskusja/eksport/{consultation.pk}.xlsx").content)
    )

    by_text = {row[10]: row for row in rows[1:]}
    assert '\'=HYPERLINK("http://zlo.example")' in by_text
    assert by_text["Obraźliwy wpis"][4] == "ukryty przez moderatora"
    assert workbook.active.max_row == len(rows)


def test_residents_cannot_export(client, consultation, resident):
    client.force_login(resident)

    response = client.get(f"/admin/dyskusja/eksport/{consultation.pk}.csv")

    assert response.status_code in (302, 403)


def test_a_moderator_blocks_from_the_queue_and_unblocks_later(
    client, consultation, resident, other_resident, moderator
):
    from comments.models import CommentingBlock, ModerationAction, ModerationLogEntry

    comment = comment_post(page=consultation, user=resident, text="Reklama, reklama")
    report_create(comment=comment, user=other_resident, reason="reklama")
    client.force_login(moderator)
    client.post(
        "/admin/dyskusja/kolejka/", {"comment": comment.pk, "action": "zablokuj", "reason": "spam"}
    )
    block = CommentingBlock.objects.get(user=resident)
    assert "spam" in client.get("/admin/dyskusja/kolejka/").content.decode()

    client.post(f"/admin/dyskusja/odblokuj/{block.pk}/", {"reason": "wyjaśnione"})

    assert not CommentingBlock.objects.filter(user=resident).exists()
    assert ModerationLogEntry.objects.filter(
        action=ModerationAction.UNBLOCK, subject_user=resident, reason="wyjaśnione"
    ).exists()
