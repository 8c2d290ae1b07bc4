"""Every paragraph of an open consultation offers "Skomentuj ten fragment", a link that
names its paragraph and leads to the comment form about it (issue 17, item 16)."""

from datetime import timedelta

import lxml.html
import pytest
from django.utils import timezone

from consultations.models import ConsultationPage

pytestmark = pytest.mark.django_db


def actions(client, page):
    document = lxml.html.fromstring(client.get(page.url).content.decode())
    return document.xpath("//a[@class='paragraph__comment']")


def test_each_paragraph_has_a_comment_action_naming_its_number(client, consultation):
    found = actions(client, consultation)

    assert [" ".join(link.text_content().split()) for link in found] == [
        "Skomentuj ten fragment (§ 1)",
        "Skomentuj ten fragment (§ 2)",
        "Skomentuj ten fragment (§ 3)",
    ]


def test_the_action_leads_to_the_form_about_its_paragraph(client, consultation, paragraph):
    link = actions(client, consultation)[1]

    assert link.get("href") == f"?akapit={paragraph['id']}#formularz"


def test_a_closed_consultation_offers_no_comment_action(client, consultation):
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - timedelta(hours=1)
    )

    assert actions(client, consultation) == []
