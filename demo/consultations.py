"""Demo consultations of Nadrzecze: the 2027 cooperation programme (open), the 2026 one
(closed) and a multi-year programme (announced). Dates are computed from today, so the
open one is open whenever somebody tries the demo. Text in our own words (domain.md §4.4);
the draft programme is `data/program-wspolpracy-2027.json`, chapter by chapter.
"""

from datetime import timedelta

from django.utils import timezone

from consultations.models import ConsultationPage
from consultations.services import version_publish
from demo.data import load_json
from demo.pages import child
from organisations.models import PublicTaskArea

P = "paragraph"


def programme_2027() -> list[tuple[str, list[tuple[str, str]]]]:
    """The draft as (chapter title, [(paragraph label, text)]) from its data file."""
    return [
        (
            chapter["title"],
            [(paragraph["label"], paragraph["text"]) for paragraph in chapter["paragraphs"]],
        )
        for chapter in load_json("program-wspolpracy-2027.json")
    ]


def draft_of(chapters) -> list:
    return [
        (
            "chapter",
            {
                "title": title,
                "paragraphs": [(P, {"label": label, "text": text}) for label, text in paragraphs],
            },
        )
        for title, paragraphs in chapters
    ]


NOTICE = {
    "goal": "Poznanie opinii organizacji o projekcie programu przed przekazaniem go Radzie Miasta.",
    "addressees": "ngo",
    "forms": ["komentarze", "formularz", "opinia_rdpp"],
    "responsible_unit": "Biuro Dialogu Społecznego i Współpracy z NGO",
    "contact_person": "Marta Zielińska, pełnomocniczka Prezydenta ds. współpracy z organizacjami",
    "contact_email": "dialog@nadrzecze.example",
    "contact_phone": "+48 12 345 67 10",
    "is_cooperation_programme": True,
}


def seed_consultations(*, index, coordinator, plenipotentiary) -> None:
    """The three consultations under `index`. The coordinator prepares and numbers versions;
    the plenipotentiary approves (publishes)."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    current = child(
        index,
        ConsultationPage,
        slug="program-wspolpracy-2027",
        user=plenipotentiary,
        title="Program współpracy Gminy Nadrzecze z organizacjami pozarządowymi na 2027 rok",
        subject="Projekt uchwały Rady Miasta Nadrzecza w sprawie przyjęcia Programu współpracy "
        "Gminy Miasta Nadrzecze z organizacjami pozarządowymi oraz podmiotami, o których mowa "
        "w art. 3 ust. 3 ustawy, na rok 2027.",
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=9),
        draft=draft_of(programme_2027()),
        **NOTICE,
    )
    child(
        index,
        ConsultationPage,
        slug="program-wspolpracy-2026",
        user=plenipotentiary,
        title="Program współpracy Gminy Nadrzecze z organizacjami pozarządowymi na 2026 rok",
        subject="Projekt programu współpracy na rok 2026.",
        opens_at=now - timedelta(days=370),
        closes_at=now - timedelta(days=356),
        draft=draft_of(
            [
                (title, [(label, text.replace("2027", "2026")) for label, text in paragraphs])
                for title, paragraphs in programme_2027()
            ]
        ),
        **NOTICE,
    )
    child(
        index,
        ConsultationPage,
        slug="wieloletni-program-wspolpracy",
        user=plenipotentiary,
        title="Wieloletni program współpracy na lata 2028–2031",
        subject="Projekt wieloletniego programu współpracy na lata 2028–2031.",
        opens_at=now + timedelta(days=20),
        closes_at=now + timedelta(days=41),
        draft=[],
        **NOTICE,
    )
    if not current.areas.exists():
        current.areas.set(_areas("13", "27", "33"))
        current.produced_by = "Biuro Dialogu Społecznego i Współpracy z NGO – Marta Zielińska"
        current.council_opinion_requested_on = timezone.localdate() - timedelta(days=3)
        current.save_revision(user=coordinator).publish(user=plenipotentiary)
    if not current.versions.exists():
        _two_versions(current, coordinator, plenipotentiary)
    closed = ConsultationPage.objects.get(slug="program-wspolpracy-2026")
    if not closed.versions.exists():
        closed.council_opinion_requested_on = timezone.localdate() - timedelta(days=355)
        closed.council_opinion_received_on = timezone.localdate() - timedelta(days=346)
        closed.council_opinion = (
            "Rada Działalności Pożytku Publicznego Miasta Nadrzecza pozytywnie opiniuje projekt "
            "programu i rekomenduje zwiększenie środków na inicjatywę lokalną."
        )
        closed.save_revision(user=coordinator).publish(user=plenipotentiary)
        version_publish(page=closed, label="projekt do konsultacji", by=coordinator)


def _two_versions(page: ConsultationPage, coordinator, plenipotentiary) -> None:
    """Version 1 from the working group; version 2 after the table meeting's proposals,
    edited the way an editor edits: the stream keeps its paragraph ids."""
    version_publish(
        page=page,
        label="projekt zespołu roboczego",
        by=coordinator,
        change_note="Projekt przygotowany przez zespół roboczy.",
    )
    page = ConsultationPage.objects.get(pk=page.pk)
    stream = page.draft.get_prep_value()
    priorities = next(
        chapter for chapter in stream if chapter["value"]["title"].startswith("Rozdział 6.")
    )
    for paragraph in priorities["value"]["paragraphs"]:
        if paragraph["value"]["label"] == "§ 6 pkt 5":
            paragraph["value"]["text"] = (
                "Seniorzy: kluby seniora w dzielnicach; wolontariat senioralny."
            )
    priorities["value"]["paragraphs"].append(
        {
            "type": P,
            "value": {
                "label": "§ 6 pkt 6",
                "text": "Ekologia: edukacja klimatyczna i opieka nad zwierzętami bezdomnymi.",
            },
        }
    )
    page.draft = stream
    page.save_revision(user=coordinator).publish(user=plenipotentiary)
    version_publish(
        page=page,
        label="projekt do konsultacji",
        by=coordinator,
        change_note=(
            "Uwzględniono propozycje ze spotkania stolikowego: wolontariat senioralny i ekologia."
        ),
    )


def _areas(*numbers):
    return PublicTaskArea.objects.filter(number__in=numbers)
