"""Demo consultations of Nadrzecze: the 2027 cooperation programme (open), the 2026 one
(closed) and a multi-year programme (announced). Dates are computed from today, so the
open one is open whenever somebody tries the demo. Text in our own words (domain.md §4.4).
"""

from datetime import timedelta

from django.utils import timezone

from consultations.models import ConsultationPage
from consultations.services import version_publish

P = "paragraph"

PROGRAMME_2027 = [
    (
        "Rozdział 1. Postanowienia ogólne",
        [
            (
                "§ 1 ust. 1",
                "Program określa cele, zasady, formy i zakres współpracy Gminy Miasta Nadrzecze z organizacjami działającymi na rzecz mieszkańców miasta w roku 2027.",
            ),
            (
                "§ 1 ust. 2",
                "Ilekroć w programie jest mowa o: 1) ustawie – rozumie się przez to ustawę z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie; 2) organizacjach – rozumie się przez to organizacje pozarządowe i podmioty z art. 3 ust. 3 ustawy działające na terenie miasta; 3) radzie – rozumie się przez to Radę Działalności Pożytku Publicznego Miasta Nadrzecza.",
            ),
        ],
    ),
    (
        "Rozdział 2. Cel główny i cele szczegółowe programu",
        [
            (
                "§ 2 ust. 1",
                "Celem głównym programu jest budowanie partnerstwa miasta i organizacji, tak aby wspólnie lepiej odpowiadać na potrzeby mieszkańców i rozwijać aktywność obywatelską.",
            ),
            (
                "§ 2 ust. 2",
                "Cele szczegółowe: 1) wzmacnianie oddolnych inicjatyw i małych organizacji; 2) upowszechnianie wolontariatu, w tym wśród młodzieży i seniorów; 3) poszerzanie dostępu mieszkańców do usług społecznych prowadzonych przez organizacje; 4) zwiększanie udziału organizacji w tworzeniu polityk miejskich.",
            ),
        ],
    ),
    (
        "Rozdział 3. Zasady współpracy",
        [
            (
                "§ 3",
                "Współpraca opiera się na zasadach pomocniczości, suwerenności stron, partnerstwa, efektywności, uczciwej konkurencji i jawności. Miasto powierza organizacjom zadania, które potrafią one wykonać blisko mieszkańców, i jawnie informuje o środkach i kryteriach.",
            ),
        ],
    ),
    (
        "Rozdział 4. Zakres przedmiotowy",
        [
            (
                "§ 4",
                "Współpraca dotyczy zadań publicznych należących do zadań własnych gminy, w sferach określonych w art. 4 ust. 1 ustawy.",
            ),
        ],
    ),
    (
        "Rozdział 5. Formy współpracy",
        [
            (
                "§ 5 ust. 1",
                "Formy finansowe: powierzanie i wspieranie zadań w drodze otwartych konkursów ofert; zlecanie zadań z pominięciem konkursu w trybie art. 19a ustawy; umowy wieloletnie; inicjatywa lokalna.",
            ),
            (
                "§ 5 ust. 2",
                "Formy pozafinansowe: wzajemne informowanie się o planach; konsultowanie projektów aktów prawa miejscowego; wspólne zespoły doradcze; bezpłatne udostępnianie sal w Centrum Aktywności Lokalnej „Przystań”; szkolenia i doradztwo; promocja działań organizacji w serwisie miejskim.",
            ),
        ],
    ),
    (
        "Rozdział 6. Priorytetowe zadania publiczne",
        [
            (
                "§ 6 pkt 1",
                "Kultura: wydarzenia wzmacniające tożsamość dzielnic; edukacja kulturalna dzieci.",
            ),
            (
                "§ 6 pkt 2",
                "Sport: całoroczne szkolenie dzieci i młodzieży; rekreacja dla osób z niepełnosprawnościami.",
            ),
            (
                "§ 6 pkt 3",
                "Pomoc społeczna: punkt pomocy osobom w kryzysie bezdomności; wsparcie rodzin opiekujących się osobą zależną.",
            ),
            (
                "§ 6 pkt 4",
                "Zdrowie: profilaktyka uzależnień; wsparcie psychologiczne dla młodzieży.",
            ),
            ("§ 6 pkt 5", "Seniorzy: kluby seniora w dzielnicach."),
        ],
    ),
    (
        "Rozdział 7. Okres realizacji programu",
        [
            ("§ 7", "Program obowiązuje od dnia 1 stycznia do dnia 31 grudnia 2027 r."),
        ],
    ),
    (
        "Rozdział 8. Sposób realizacji programu",
        [
            (
                "§ 8",
                "Program realizuje Prezydent Miasta przez właściwe komórki urzędu i jednostki miejskie, we współpracy z radą. Konkursy ogłasza się w BIP, na stronie miasta i w serwisie dla organizacji; oferty składa się przez generator ofert.",
            ),
        ],
    ),
    (
        "Rozdział 9. Wysokość środków planowanych na realizację programu",
        [
            (
                "§ 9",
                "Na realizację programu planuje się przeznaczyć nie mniej niż 12 900 000 zł; ostateczną kwotę określi uchwała budżetowa na 2027 r.",
            ),
        ],
    ),
    (
        "Rozdział 10. Sposób oceny realizacji programu",
        [
            (
                "§ 10",
                "Wskaźniki: liczba ogłoszonych konkursów, złożonych ofert i zawartych umów; kwota dotacji; liczba organizacji, które otrzymały dotacje; liczba adresatów zadań; liczba projektów aktów skonsultowanych z organizacjami. Sprawozdanie publikuje się w BIP do dnia 31 maja 2028 r.",
            ),
        ],
    ),
    (
        "Rozdział 11. Informacja o sposobie tworzenia programu oraz o przebiegu konsultacji",
        [
            (
                "§ 11",
                "Projekt przygotował zespół roboczy z udziałem przedstawicieli rady, organizacji i urzędu, na podstawie propozycji zebranych na spotkaniu stolikowym. Przebieg konsultacji zostanie opisany po ich zakończeniu.",
            ),
        ],
    ),
    (
        "Rozdział 12. Tryb powoływania i zasady działania komisji konkursowych",
        [
            (
                "§ 12 ust. 1",
                "Komisję powołuje Prezydent; zasiadają w niej przedstawiciele urzędu oraz osoby wskazane przez organizacje, które nie składają ofert w danym konkursie.",
            ),
            (
                "§ 12 ust. 2",
                "Członkowie komisji podpisują oświadczenie o braku konfliktu interesów; komisja ocenia oferty według kryteriów z ogłoszenia i sporządza protokół.",
            ),
        ],
    ),
    (
        "Rozdział 13. Postanowienia końcowe",
        [
            ("§ 13", "W sprawach nieuregulowanych w programie stosuje się przepisy ustawy."),
        ],
    ),
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


def seed_consultations(*, index, coordinator, plenipotentiary, child) -> None:
    """`child` is cms.demo._child: looks the page up by slug, else adds and publishes it.
    The coordinator prepares and numbers versions; the plenipotentiary approves (publishes)."""
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
        draft=draft_of(PROGRAMME_2027),
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
                for title, paragraphs in PROGRAMME_2027
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
        change_note="Uwzględniono propozycje ze spotkania stolikowego: wolontariat senioralny i ekologia.",
    )


def _areas(*numbers):
    from organisations.models import PublicTaskArea

    return PublicTaskArea.objects.filter(number__in=numbers)
