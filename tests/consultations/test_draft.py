import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.models import ConsultationIndexPage, ConsultationPage
from consultations.services import version_publish
from tests.factories import UserFactory, consultation_page

pytestmark = pytest.mark.django_db


def paragraph_ids(page) -> dict[str, str]:
    """label → stable identifier, from the published page."""
    page = ConsultationPage.objects.get(pk=page.pk)
    return {p["label"]: p["id"] for chapter in page.chapters for p in chapter["paragraphs"]}


def test_every_paragraph_gets_an_anchor_and_a_copyable_link(client, demo_site):
    page = consultation_page(paragraphs=2)
    version_publish(page=page, label="projekt do konsultacji")
    ids = paragraph_ids(page)

    html = client.get(page.url).content.decode()

    for identifier in ids.values():
        assert f'id="p-{identifier}"' in html
        assert f'href="#p-{identifier}"' in html
    assert "Spis treści projektu" in html


def test_paragraph_identifiers_survive_inserting_removing_and_reordering(demo_site):
    page = consultation_page(paragraphs=4)
    before = paragraph_ids(page)
    # What the editor sends back: the stream as JSON data, with the ids it was given.
    stream = page.draft.get_prep_value()
    first, _second, third, fourth = stream[0]["value"]["paragraphs"]
    inserted = {"type": "paragraph", "value": {"label": "§ 2a", "text": "Nowy paragraf."}}
    stream[0]["value"]["paragraphs"] = [third, first, inserted, fourth]  # § 2 removed
    page.draft = stream

    page.save_revision().publish()

    after = paragraph_ids(page)
    assert after["§ 1"] == before["§ 1"]
    assert after["§ 3"] == before["§ 3"]
    assert after["§ 4"] == before["§ 4"]
    assert "§ 2" not in after
    assert after["§ 2a"] not in before.values()
    assert list(after) == ["§ 3", "§ 1", "§ 2a", "§ 4"]


def test_the_cooperation_programme_check_lists_missing_statutory_chapters(demo_site):
    page = consultation_page(paragraphs=1)

    missing = page.missing_programme_chapters()

    assert len(missing) == 11
    assert "Zasady współpracy" in missing


def test_the_demo_programme_has_all_eleven_statutory_chapters(demo_site):
    programme = ConsultationPage.objects.get(slug="program-wspolpracy-2027")

    assert programme.missing_programme_chapters() == []


def _queries_for(client, page) -> int:
    client.get(page.url)  # warm up: site settings row, caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_page_costs_the_same_queries_with_10_or_200_paragraphs(client, demo_site):
    short = consultation_page(paragraphs=10, slug="krotki")
    long = consultation_page(paragraphs=40, chapters=5, slug="dlugi")
    for page in (short, long):
        version_publish(page=page, label="projekt")
        version_publish(page=page, label="po konsultacjach")

    assert _queries_for(client, short) == _queries_for(client, long)
    assert client.get(long.url).content.decode().count('class="paragraph"') == 200


def test_a_new_cooperation_programme_starts_with_the_statutory_chapters():
    page = ConsultationPage(title="Program współpracy na 2028 rok")

    titles = [chapter["title"] for chapter in page.chapters]

    assert page.missing_programme_chapters() == []
    assert titles[0] == "Rozdział 1. Postanowienia ogólne"
    assert titles[-1] == "Rozdział 13. Postanowienia końcowe"


def request_with_messages(rf):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = rf.get("/admin/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_the_editor_is_warned_while_a_statutory_chapter_is_missing(rf, demo_site):
    from django.contrib.messages import get_messages

    from consultations.wagtail_hooks import warn_about_missing_programme_chapters

    page = consultation_page(paragraphs=1, is_cooperation_programme=True)
    request = request_with_messages(rf)

    warn_about_missing_programme_chapters(request, page)

    [warning] = [str(message) for message in get_messages(request)]
    assert "art. 5a ust. 4" in warning
    assert "Zasady współpracy" in warning


def test_other_acts_are_not_checked_for_programme_chapters(rf, demo_site):
    from django.contrib.messages import get_messages

    from consultations.wagtail_hooks import warn_about_missing_programme_chapters

    page = consultation_page(paragraphs=1, is_cooperation_programme=False)
    request = request_with_messages(rf)

    warn_about_missing_programme_chapters(request, page)

    assert list(get_messages(request)) == []


def test_a_paragraph_added_by_code_without_an_identifier_gets_one_that_lasts(demo_site):
    page = consultation_page()
    stream = page.draft.get_prep_value()
    stream[0]["value"]["paragraphs"].append(
        {"type": "paragraph", "value": {"label": "§ 9", "text": "Dopisany przez skrypt."}}
    )
    page.draft = stream
    page.save_revision().publish()

    first = ConsultationPage.objects.get(pk=page.pk).chapters[0]["paragraphs"][-1]["id"]
    ConsultationPage.objects.get(pk=page.pk).save_revision().publish()
    again = ConsultationPage.objects.get(pk=page.pk).chapters[0]["paragraphs"][-1]["id"]

    assert first and first == again


def test_a_new_consultation_is_not_pre_ticked_as_a_cooperation_programme():
    assert ConsultationPage().is_cooperation_programme is False


def test_a_slug_made_from_a_polish_title_is_transliterated(demo_site):
    page = consultation_page(
        publish=False, slug="", title="Program opieki nad zwierzętami i głos mieszkańców"
    )

    page.refresh_from_db()
    assert page.slug == "program-opieki-nad-zwierzetami-i-glos-mieszkancow"


def test_a_slug_typed_with_polish_letters_in_the_editor_is_transliterated(demo_site):
    form_class = ConsultationPage.get_edit_handler().get_form_class()
    form = form_class(
        instance=ConsultationPage(),
        parent_page=ConsultationIndexPage.objects.get(),
        for_user=UserFactory(),
        data={"title": "Zwierzęta łąki", "slug": "zwierzęta-łąki", "draft-count": "0"},
    )
    form.is_valid()

    assert form.cleaned_data["slug"] == "zwierzeta-laki"
