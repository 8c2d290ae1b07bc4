import pytest
from django.core.exceptions import ValidationError

from consultations.diff import ADDED, CHANGED, REMOVED, SAME, compare, word_diff
from consultations.models import ConsultationPage
from consultations.services import version_publish
from tests.factories import consultation_page

pytestmark = pytest.mark.django_db


def chapters(*paragraphs):
    return [
        {
            "id": "c1",
            "title": "Rozdział 1",
            "paragraphs": [
                {"id": identifier, "label": label, "text": text}
                for identifier, label, text in paragraphs
            ],
        }
    ]


def test_word_diff_marks_only_the_words_that_changed():
    segments = word_diff(
        "Kluby seniora w dzielnicach.", "Kluby seniora i wolontariat w dzielnicach."
    )

    assert [(s.kind, s.text) for s in segments if s.kind != "same"] == [("added", "i wolontariat ")]


def test_paragraphs_are_matched_by_identifier_even_when_renumbered():
    old = chapters(("a", "§ 1", "Cel główny."), ("b", "§ 2", "Zasady."))
    new = chapters(("b", "§ 1", "Zasady."), ("a", "§ 2", "Cel główny."))

    changes = compare(old, new)

    assert [(c.id, c.status, c.old_label, c.new_label) for c in changes] == [
        ("b", CHANGED, "§ 2", "§ 1"),
        ("a", CHANGED, "§ 1", "§ 2"),
    ]


def test_added_removed_changed_and_unchanged_paragraphs_in_document_order():
    old = chapters(
        ("a", "§ 1", "Bez zmian."), ("b", "§ 2", "Do usunięcia."), ("c", "§ 3", "Kwota 12 mln zł.")
    )
    new = chapters(
        ("a", "§ 1", "Bez zmian."), ("c", "§ 3", "Kwota 13 mln zł."), ("d", "§ 4", "Nowy.")
    )

    changes = compare(old, new)

    assert [(c.id, c.status) for c in changes] == [
        ("a", SAME),
        ("b", REMOVED),
        ("c", CHANGED),
        ("d", ADDED),
    ]
    removed_and_added = [(s.kind, s.text) for s in changes[2].segments if s.kind != "same"]
    assert removed_and_added == [("removed", "12"), ("added", "13")]


def test_publishing_a_version_snapshots_the_live_draft(demo_site):
    page = consultation_page(paragraphs=2)
    first = version_publish(page=page, label="projekt do konsultacji")
    stream = page.draft.get_prep_value()
    stream[0]["value"]["paragraphs"][0]["value"]["text"] = "Zmieniona treść."
    page.draft = stream
    page.save_revision()  # an editorial draft, not published

    second = version_publish(page=page, label="bez zmian publicznych")

    assert (first.number, second.number) == (1, 2)
    assert second.chapters == first.chapters


def test_the_public_page_shows_the_newest_version_not_unversioned_edits(client, demo_site):
    page = consultation_page(paragraphs=1)
    version_publish(page=page, label="projekt do konsultacji")
    stream = page.draft.get_prep_value()
    stream[0]["value"]["paragraphs"][0]["value"]["text"] = (
        "Poprawka redakcyjna, jeszcze niepubliczna."
    )
    page.draft = stream
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert "Treść paragrafu 1." in html
    assert "jeszcze niepubliczna" not in html


def test_a_version_of_an_empty_draft_is_refused(demo_site):
    page = consultation_page(draft=[])

    with pytest.raises(ValidationError):
        version_publish(page=page, label="pusty")


def test_older_versions_stay_readable_and_any_two_can_be_compared(client, demo_site):
    programme = ConsultationPage.objects.get(slug="program-wspolpracy-2027")

    first = client.get(programme.url + "wersja/1/")
    comparison = client.get(programme.url + "porownaj/", {"od": 1, "do": 2})

    assert "Seniorzy: kluby seniora w dzielnicach." in first.content.decode()
    html = comparison.content.decode()
    assert "wolontariat senioralny" in html and "<ins>" in html and "<del>" in html
    assert "nowa jednostka" in html
    assert client.get(programme.url + "wersja/9/").status_code == 404
    assert client.get(programme.url + "porownaj/", {"od": 1, "do": "x"}).status_code == 404


def test_coordinators_publish_versions_from_the_admin(client, demo_site):
    from cms.services import role_assign
    from core.roles import COORDINATORS
    from tests.factories import UserFactory

    coordinator = UserFactory()
    role_assign(user=coordinator, role=COORDINATORS)
    client.force_login(coordinator)
    page = consultation_page(paragraphs=1)

    client.post(f"/admin/konsultacje/{page.pk}/wersje/", {"label": "projekt do konsultacji"})

    assert page.versions.get().published_by == coordinator
