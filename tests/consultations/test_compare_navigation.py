"""The comparison of two versions leads from one change to the next and can leave out the
units that did not change (issue 17, item 11)."""

import lxml.html
import pytest

from consultations.diff import compare
from consultations.services import version_publish
from tests.factories import consultation_page

pytestmark = pytest.mark.django_db


def paragraphs(*texts):
    return [
        {
            "id": "c1",
            "title": "Rozdział 1",
            "paragraphs": [
                {"id": f"p{index}", "label": f"§ {index}", "text": text}
                for index, text in enumerate(texts, start=1)
            ],
        }
    ]


def test_changed_units_are_numbered_in_document_order_and_unchanged_ones_are_not():
    old = paragraphs("Bez zmian.", "Kwota 12 mln zł.", "Bez zmian też.", "Termin do 30 czerwca.")
    new = paragraphs("Bez zmian.", "Kwota 13 mln zł.", "Bez zmian też.", "Termin do 31 lipca.")

    assert [change.number for change in compare(old, new)] == [0, 1, 0, 2]


@pytest.fixture
def two_versions(demo_site):
    """A draft of four paragraphs whose second version changes the second and the fourth."""
    page = consultation_page(paragraphs=4)
    version_publish(page=page, label="projekt do konsultacji")
    stream = page.draft.get_prep_value()
    units = stream[0]["value"]["paragraphs"]
    units[1]["value"]["text"] = "Dotacje do 13 mln zł rocznie."
    units[3]["value"]["text"] = "Sprawozdanie do 31 lipca."
    page.draft = stream
    page.save_revision().publish()
    version_publish(page=page, label="po konsultacjach")
    return page


def comparison(client, page, **extra):
    response = client.get(page.url + "porownaj/", {"od": 1, "do": 2, **extra})
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def test_each_change_links_to_the_next_one_without_javascript(client, two_versions):
    document = comparison(client, two_versions)

    first, second = document.get_element_by_id("zmiana-1"), document.get_element_by_id("zmiana-2")
    assert [link.get("href") for link in first.xpath(".//p[@class='diff__nav']//a")] == [
        "#zmiana-2"
    ]
    assert [link.get("href") for link in second.xpath(".//p[@class='diff__nav']//a")] == [
        "#zmiana-1",
        "#zmiany",
    ]
    assert "Zmiana 1 z 2" in first.text_content()


def test_the_summary_counts_the_changes_and_leads_to_the_first(client, two_versions):
    document = comparison(client, two_versions)

    summary = document.get_element_by_id("zmiany")
    assert "2 zmienione jednostki" in " ".join(summary.text_content().split())
    assert "#zmiana-1" in [link.get("href") for link in summary.xpath(".//a")]


def test_all_units_are_shown_by_default(client, two_versions):
    document = comparison(client, two_versions)

    assert len(document.xpath("//li[contains(@class, 'diff__paragraph')]")) == 4


def test_only_the_changed_units_are_shown_when_asked(client, two_versions):
    document = comparison(client, two_versions, tylko_zmiany="1")

    shown = document.xpath("//li[contains(@class, 'diff__paragraph')]")
    assert [item.get("id") for item in shown] == ["zmiana-1", "zmiana-2"]
    toggle = document.get_element_by_id("zmiany").xpath(".//a")[-1]
    assert toggle.text_content() == "Pokaż cały tekst"
    assert "tylko_zmiany" not in toggle.get("href")


def test_the_form_keeps_the_choice_to_hide_unchanged_units(client, two_versions):
    document = comparison(client, two_versions, tylko_zmiany="1")

    assert document.get_element_by_id("compare-only-changes").get("checked") is not None
