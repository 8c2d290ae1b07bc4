"""A consultation's page leads to the meetings published under it (issue 17, item 16)."""

import pytest
from django.test import Client
from django.utils.html import strip_tags

from tests.factories import consultation_page, workshop_page

pytestmark = pytest.mark.django_db


def test_the_consultation_page_links_to_its_table_meeting(demo_site):
    consultation = consultation_page(title="Program współpracy z organizacjami na 2028 r.")
    meeting = workshop_page(parent=consultation, title="Spotkanie stolikowe o programie 2028")

    html = Client().get(consultation.url).content.decode()

    box = html.split('aria-labelledby="meetings-title"', 1)[1].split("</section>", 1)[0]
    assert "Spotkania w ramach konsultacji" in strip_tags(box)
    assert f'href="{meeting.url}"' in box
    assert "Spotkanie stolikowe o programie 2028" in box
    assert "Zobacz stoliki i zapisz się" in box


def test_a_meeting_elsewhere_or_not_yet_published_is_not_listed(demo_site):
    consultation = consultation_page()
    workshop_page(title="Spotkanie innej konsultacji")
    workshop_page(parent=consultation, title="Spotkanie w przygotowaniu", publish=False)

    html = Client().get(consultation.url).content.decode()

    assert "Spotkania w ramach konsultacji" not in html
    assert "Spotkanie innej konsultacji" not in html
    assert "Spotkanie w przygotowaniu" not in html
