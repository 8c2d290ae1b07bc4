"""Posting a comment or a remark: who, when, what, and nothing typed is ever lost."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html

from comments.models import Comment, Kind, Status
from comments.services import comment_post
from tests.comments.helpers import form_data, post_comment

pytestmark = pytest.mark.django_db

TEXT = "Proponuję dopisać kluby seniora w każdej dzielnicy."


def test_a_resident_comments_on_the_whole_draft(client, consultation, resident):
    client.force_login(resident)

    response = post_comment(client, consultation, comment=TEXT)

    assert response.status_code == 302
    comment = Comment.objects.on_page(consultation).get()
    assert (comment.user, comment.paragraph_id, comment.status) == (resident, "", Status.PUBLISHED)
    assert TEXT in client.get(consultation.url).content.decode()


def test_a_comment_on_a_paragraph_keeps_its_identifier_text_and_version(
    client, consultation, resident, paragraph
):
    client.force_login(resident)

    post_comment(client, consultation, query=f"?akapit={paragraph['id']}", comment=TEXT)

    comment = Comment.objects.on_page(consultation).get()
    assert comment.paragraph_id == paragraph["id"]
    assert comment.paragraph_label == paragraph["label"]
    assert comment.paragraph_text == paragraph["text"]
    assert comment.version.number == 1


def test_the_margin_counts_comments_per_paragraph(client, consultation, resident, paragraph):
    comment_post(page=consultation, user=resident, text=TEXT, paragraph_id=paragraph["id"])

    html = Client().get(consultation.url).content.decode()

    assert f"1 komentarz do {paragraph['label']}" in html


def test_logged_out_posting_keeps_the_text_through_the_log_in(client, consultation, resident):
    client.force_login(resident)
    data = form_data(client, consultation.url, comment=TEXT)
    client.logout()  # the session expired while typing

    response = client.post(consultation.url + "dyskusja/dodaj/", data)

    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert not Comment.objects.on_page(consultation).exists()
    client.force_login(resident)
    assert TEXT in client.get(consultation.url).content.decode()


def test_posting_after_the_consultation_closed_is_refused_and_the_text_comes_back(
    client, consultation, resident
):
    client.force_login(resident)
    data = form_data(client, consultation.url, comment=TEXT)

    with time_machine.travel(consultation.closes_at + timedelta(minutes=1)):
        response = client.post(consultation.url + "dyskusja/dodaj/", data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Konsultacje zakończyły się" in html
    assert TEXT in html
    assert not Comment.objects.on_page(consultation).exists()


def test_a_blocked_person_is_refused_with_the_reason(client, consultation, resident, moderator):
    from comments.services import commenter_block

    commenter_block(user=resident, moderator=moderator, reason="obraźliwe wpisy")
    client.force_login(resident)

    html = client.get(consultation.url).content.decode()

    assert "zablokował(a) Ci możliwość komentowania: obraźliwe wpisy" in html


def test_too_many_posts_are_refused_with_a_message_and_the_text_kept(
    client, consultation, resident, settings
):
    settings.COMMENT_RATE_LIMIT = (2, 600)
    client.force_login(resident)
    post_comment(client, consultation, comment="Pierwszy.")
    post_comment(client, consultation, comment="Drugi.")

    response = post_comment(client, consultation, comment=TEXT)

    html = response.content.decode()
    assert "Odczekaj kilka minut" in html
    assert TEXT in html
    assert Comment.objects.on_page(consultation).count() == 2


def test_a_remark_without_a_proposal_or_justification_is_refused_with_the_text_kept(
    client, consultation, resident, paragraph
):
    client.force_login(resident)

    response = post_comment(
        client,
        consultation,
        query=f"?akapit={paragraph['id']}",
        kind=Kind.REMARK,
        current_wording="Treść do zmiany zachowana w formularzu.",
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Uwaga wymaga proponowanego brzmienia lub uzasadnienia" in html
    assert "Treść do zmiany zachowana w formularzu." in html


def test_a_formal_remark_shows_the_consultation_forms_fields(
    client, consultation, resident, paragraph
):
    client.force_login(resident)

    post_comment(
        client,
        consultation,
        query=f"?akapit={paragraph['id']}",
        kind=Kind.REMARK,
        proposed_wording="Dodać wolontariat senioralny.",
        justification="Seniorzy chcą działać.",
    )

    html = client.get(consultation.url).content.decode()
    remark = Comment.objects.on_page(consultation).get()
    assert remark.kind == Kind.REMARK and remark.fragment == paragraph["label"]
    assert "Uwaga formalna" in html
    assert "Proponowane brzmienie" in html and "Dodać wolontariat senioralny." in html


def test_a_reply_deeper_than_three_levels_is_refused_and_nothing_is_written(
    client, consultation, resident, other_resident
):
    comment = comment_post(page=consultation, user=resident, text="Poziom 0")
    for level in range(1, 4):
        comment = comment_post(
            page=consultation, user=other_resident, text=f"Poziom {level}", parent=comment
        )
    client.force_login(resident)

    response = post_comment(client, consultation, reply_to=str(comment.pk), comment="Za głęboko")

    assert response.status_code == 400
    assert "odpowiedz wyżej" in response.content.decode()
    assert Comment.objects.on_page(consultation).count() == 4


def test_a_reply_to_a_comment_of_another_consultation_is_refused(
    client, consultation, resident, demo_site
):
    from consultations.models import ConsultationPage

    elsewhere = ConsultationPage.objects.get(slug="program-wspolpracy-2027")
    foreign = comment_post(page=elsewhere, user=resident, text="Gdzie indziej")
    client.force_login(resident)

    response = post_comment(client, consultation, reply_to=str(foreign.pk), comment=TEXT)

    assert response.status_code == 400
    assert "już nie istnieje" in response.content.decode()  # not in this discussion
    assert not Comment.objects.on_page(consultation).exists()


def test_with_pre_moderation_a_comment_waits_and_only_its_author_sees_it(
    client, consultation, resident
):
    ConsultationPageModel = type(consultation)
    ConsultationPageModel.objects.filter(pk=consultation.pk).update(comments_premoderated=True)
    client.force_login(resident)

    post_comment(client, consultation, comment=TEXT)

    assert Comment.objects.on_page(consultation).get().status == Status.AWAITING
    assert "czeka na moderację" in client.get(consultation.url).content.decode()
    assert TEXT not in Client().get(consultation.url).content.decode()


def test_posting_needs_a_csrf_token(consultation, resident):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    data = form_data(client, consultation.url, comment=TEXT)  # without the CSRF token

    response = client.post(consultation.url + "dyskusja/dodaj/", data)

    assert response.status_code == 403
    assert not Comment.objects.on_page(consultation).exists()


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert('x')</script>",
        '<img src=x onerror="alert(1)">',
        "javascript:alert(1)",
        '<a href="javascript:alert(1)">kliknij</a>',
        "<svg onload=alert(1)><circle/></svg>",
        '"><iframe src="https://zlo.example"></iframe>',
    ],
)
def test_hostile_text_renders_inert(client, consultation, resident, payload):
    comment_post(page=consultation, user=resident, text=f"Uwaga {payload} koniec")

    html = Client().get(consultation.url).content.decode()
    body = html[html.index('class="comment__body"') :][:600]

    for tag in ("<script", "<img", "<svg", "<iframe"):
        assert tag not in body.lower()
    assert not re.search(r"<a[^>]+href=\"javascript", body)
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", body)


def test_an_organisation_name_with_markup_renders_as_text(client, consultation, resident):
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(name='Fundacja <script>alert(1)</script> "Ala"')
    organisation.representatives.create(user=resident, role="zarzad", confirmed_at=timezone.now())

    comment_post(page=consultation, user=resident, text=TEXT, organisation=organisation)

    html = Client().get(consultation.url).content.decode()
    assert "Fundacja &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_on_behalf_of_an_organisation_needs_a_confirmed_representation(consultation, resident):
    from django.core.exceptions import ValidationError

    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    organisation.representatives.create(user=resident, role="zarzad")  # not confirmed

    with pytest.raises(ValidationError) as refusal:
        comment_post(page=consultation, user=resident, text=TEXT, organisation=organisation)

    assert refusal.value.code == "not_representative"


def test_a_reply_claiming_another_paragraph_than_its_thread_is_refused(
    consultation, resident, other_resident, paragraph
):
    from django.core.exceptions import ValidationError

    root = comment_post(page=consultation, user=resident, text="O całym projekcie")

    with pytest.raises(ValidationError) as refusal:
        comment_post(
            page=consultation,
            user=other_resident,
            text="Odpowiedź",
            parent=root,
            paragraph_id=paragraph["id"],
        )

    assert refusal.value.code == "bad_parent"
    assert Comment.objects.on_page(consultation).count() == 1


def test_the_heading_counts_comments_on_the_whole_draft_and_on_paragraphs(
    consultation, resident, paragraph
):
    comment_post(page=consultation, user=resident, text="O całości")
    comment_post(page=consultation, user=resident, text="O jednostce", paragraph_id=paragraph["id"])

    html = Client().get(consultation.url).content.decode()

    assert 'Komentarze i uwagi <span class="count">(2)</span>' in html


def test_a_name_with_markup_renders_as_text(consultation):
    from tests.factories import UserFactory

    hostile = UserFactory(first_name='<img src=x onerror="alert(1)">', last_name="<b>Kowal</b>")
    comment_post(page=consultation, user=hostile, text=TEXT)

    html = Client().get(consultation.url).content.decode()

    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "<b>Kowal</b>" not in html


def test_a_form_left_open_for_hours_comes_back_with_the_text_and_a_fresh_timestamp(
    client, consultation, resident
):
    client.force_login(resident)
    data = form_data(client, consultation.url, comment=TEXT)

    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        response = client.post(consultation.url + "dyskusja/dodaj/", data)
        assert response.status_code == 400
        assert "Formularz był otwarty bardzo długo" in response.content.decode()
        assert TEXT in response.content.decode()
        again = querydict_from_html(response.content.decode(), form_id="comment-form")
        assert client.post(consultation.url + "dyskusja/dodaj/", again).status_code == 302


def test_a_reply_to_an_absurd_comment_number_is_an_error_not_a_crash(
    client, consultation, resident
):
    client.force_login(resident)

    page = client.get(consultation.url + "?odpowiedz=99999999999999999999")
    response = post_comment(client, consultation, reply_to="99999999999999999999", comment=TEXT)

    assert page.status_code == 200
    assert response.status_code == 400
    assert not Comment.objects.on_page(consultation).exists()
