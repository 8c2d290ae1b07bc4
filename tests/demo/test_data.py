"""The demo's data files (demo/data/) fit together: a city employee who edits one of them
learns from these tests when a name or a paragraph no longer matches the others."""

import pytest
from django.core.management import call_command

from demo.data import load_json

DRAFT_LABELS = {
    paragraph["label"]
    for chapter in load_json("program-wspolpracy-2027.json")
    for paragraph in chapter["paragraphs"]
}
DIRECTORY = {organisation["name"] for organisation in load_json("organizacje.json")}
RESIDENTS = {
    f"{person['first_name']} {person['last_name']}" for person in load_json("mieszkancy.json")
}


def test_every_paragraph_a_remark_of_the_2026_report_names_is_in_the_draft():
    named = {remark["paragraph"] for remark in load_json("raport-2026.json")["remarks"]} - {""}

    assert named - DRAFT_LABELS == set()


def test_every_organisation_of_the_2026_report_is_in_the_directory():
    named = {remark["organisation"] for remark in load_json("raport-2026.json")["remarks"]} - {""}

    assert named - DIRECTORY == set()


def test_every_online_remark_of_the_2026_report_comes_from_a_demo_resident():
    online = {
        remark["author"]
        for remark in load_json("raport-2026.json")["remarks"]
        if remark["channel"] == "online"
    }

    assert online - RESIDENTS == set()


def test_every_organisation_a_meeting_participant_acts_for_is_in_the_directory():
    named = {
        participant["organisation"]
        for participant in load_json("spotkanie-stolikowe.json")["participants"]
    } - {""}

    assert named - DIRECTORY == set()


@pytest.mark.django_db
def test_every_discussion_thread_the_file_puts_on_a_paragraph_is_anchored_to_it():
    from comments.models import Comment
    from consultations.models import ConsultationPage

    discussion = load_json("dyskusja-2027.json")
    on_paragraphs = [
        entry
        for entry in [*discussion["threads"], *discussion["remarks"], discussion["hidden_comment"]]
        if entry["paragraph"]
    ]
    call_command("seed_demo", force=True)
    page = ConsultationPage.objects.get(slug="program-wspolpracy-2027")

    anchored = Comment.objects.on_page(page).filter(level=0).exclude(paragraph_id="")
    assert anchored.count() == len(on_paragraphs)
