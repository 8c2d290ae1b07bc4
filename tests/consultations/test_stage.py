"""The consultation's stage as a timeline at the top of its page
(consultations/includes/stage.html): the current step is marked for everybody, and while
the consultation is open the deadline and how to take part come right under it."""

from datetime import timedelta

import lxml.html
import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from consultations.models import ConsultationPage

pytestmark = pytest.mark.django_db  # a Wagtail page looks up its content type when built

NOW = timezone.now()


def stage_html(opens_in_days, closes_in_days, report=False):
    consultation = ConsultationPage(
        title="Program współpracy na 2027 rok",
        opens_at=NOW + timedelta(days=opens_in_days),
        closes_at=NOW + timedelta(days=closes_in_days),
        report_published_at=NOW if report else None,
    )
    context = {
        "page": consultation,
        "status": consultation.status(),
        "report_deadline": None,
        "discussion": True,
    }
    with translation.override("pl"):
        return lxml.html.fromstring(render_to_string("consultations/includes/stage.html", context))


@pytest.mark.parametrize(
    ("opens", "closes", "report", "current", "done"),
    [
        (3, 17, False, "Zapowiedziane", []),
        (-3, 11, False, "Trwające", ["Zapowiedziane"]),
        (-20, -6, False, "Zakończone", ["Zapowiedziane", "Trwające"]),
        (-60, -46, True, "Raport opublikowany", ["Zapowiedziane", "Trwające", "Zakończone"]),
    ],
    ids=["before", "during", "after", "report"],
)
def test_the_timeline_marks_the_current_stage_and_those_behind_it(
    opens, closes, report, current, done
):
    html = stage_html(opens, closes, report)

    steps = html.xpath("//ol[@class='stages']/li")
    assert [step.xpath("string(span[@class='stages__name'])") for step in steps] == [
        "Zapowiedziane",
        "Trwające",
        "Zakończone",
        "Raport opublikowany",
    ]
    marked = html.xpath("//li[@aria-current='step']")
    assert [step.xpath("string(span[@class='stages__name'])") for step in marked] == [current]
    assert [
        step.xpath("string(span[@class='stages__name'])")
        for step in steps
        if "stages__step--done" in step.get("class")
    ] == done


def test_an_open_consultation_says_its_deadline_and_how_to_take_part():
    html = stage_html(-3, 11)

    assert "Komentarze i uwagi do" in html.xpath("string(//p[@class='take-part__deadline'])")
    assert [link.text_content() for link in html.xpath("//ul[@class='take-part__actions']//a")] == [
        "Skomentuj lub zgłoś uwagę",
        "Przeczytaj projekt",
        "Inne formy i kontakt",
    ]


def test_a_closed_consultation_asks_nothing_of_the_reader():
    html = stage_html(-20, -6)

    assert not html.xpath("//*[contains(@class, 'take-part')]")
