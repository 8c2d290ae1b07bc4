# ruff: noqa: E501  (demo text reads better unwrapped)
"""The table meeting of the demo 2027 programme consultation (../shared/domain.md §4.3).

Eight thematic tables with two moderators each (one from the city, one from the NGO
sector), the areas of art. 4 they cover and their questions to start with; registration
open, its deadline a few days away. Invented people register through
events.services.registration_create, like everybody else, until the seniors' table is
full and three of them wait in line. The dates are computed from the day of seeding.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from comments.demo import _person  # the demo's find-or-create of an invented resident
from events.models import WorkshopPage, WorkshopTable
from events.services import registration_create
from organisations.models import Organisation, PublicTaskArea, RepresentativeRole
from organisations.services import representative_confirm, representative_declare

SLUG = "spotkanie-stolikowe"

DESCRIPTION = (
    "Zapraszamy organizacje pozarządowe i mieszkańców do wspólnej pracy nad projektem programu "
    "współpracy na 2027 rok. Każdy uczestnik wybiera jeden stolik tematyczny. Przy każdym "
    "stoliku pracują dwie osoby moderujące: z urzędu i ze strony społecznej; wnioski ze "
    "stolików trafią do raportu z konsultacji."
)

ACCESSIBILITY = (
    "Sala na parterze, wejście bez progów od ul. Przewozowej, drzwi automatyczne.\n"
    "Pętla indukcyjna w sali; toaleta dostosowana do potrzeb osób z niepełnosprawnościami.\n"
    "Dwa miejsca parkingowe dla osób z niepełnosprawnościami przed budynkiem.\n"
    "Tłumacza polskiego języka migowego zapewnimy, jeśli zgłosicie taką potrzebę przy zapisie."
)

# name, art. 4 points, questions to start with, seats,
# (city-side moderator, unit), (NGO-side moderator, organisation)
TABLES = [
    (
        "Kultura i dziedzictwo",
        ["4", "5", "16"],
        "Jakie wydarzenia kulturalne powinny mieć wsparcie wieloletnie?\nJak ułatwić małym organizacjom dostęp do miejskich sal?",
        12,
        ("Joanna Michalak", "Wydział Kultury"),
        ("Łukasz Sobczak", "Fundacja „Nadrzeczańska Scena”"),
    ),
    (
        "Sport i rekreacja",
        ["17", "15"],
        "Czy konkursy na szkolenie dzieci i młodzieży powinny trwać dłużej niż rok?\nJak dzielić czas na obiektach miejskich?",
        12,
        ("Rafał Kaczmarek", "Wydział Sportu i Turystyki"),
        ("Beata Grabowska", "Klub Sportowy „Wiosło” Nadrzecze"),
    ),
    (
        "Promocja miasta, turystyka i środowisko",
        ["18", "19", "30"],
        "Jakie działania ekologiczne mogą prowadzić organizacje na terenach zielonych?\nCo z ochroną zwierząt bezdomnych?",
        10,
        ("Dorota Pietrzak", "Wydział Ochrony Środowiska"),
        ("Marcin Jabłoński", "Fundacja Zielony Brzeg"),
    ),
    (
        "Rodzina, polityka społeczna, integracja i aktywizacja mieszkańców",
        ["1", "1a", "2", "5a", "13", "31", "32"],
        "Jak wspierać rodziny w kryzysie?\nJak włączać cudzoziemców w życie osiedli?",
        14,
        ("Iwona Krawczyk", "Miejski Ośrodek Pomocy Rodzinie"),
        ("Hanna Mazur", "Fundacja Rodzina w Centrum"),
    ),
    (
        "Ochrona zdrowia i niepełnosprawność",
        ["6", "7", "32"],
        "Jakie programy profilaktyki zlecać organizacjom?\nCzego brakuje osobom z niepełnosprawnościami w dostępie do usług?",
        12,
        ("Grzegorz Adamczyk", "Wydział Zdrowia i Spraw Społecznych"),
        ("Monika Zając", "Stowarzyszenie Rodziców Dzieci z Autyzmem „Puzzle”"),
    ),
    (
        "Seniorzy",
        ["10"],
        "Kluby seniora, wolontariat senioralny, przeciwdziałanie samotności.",
        10,
        ("Elżbieta Wróbel", "Wydział Zdrowia i Spraw Społecznych"),
        ("Zofia Baran", "Uniwersytet Trzeciego Wieku w Nadrzeczu"),
    ),
    (
        "Wolontariat i wzmacnianie organizacji",
        ["27", "33"],
        "Jak ma działać lokalne centrum wolontariatu?\nCzego organizacje potrzebują od miasta poza dotacjami?",
        10,
        ("Marta Zielińska", "Biuro Dialogu Społecznego i Współpracy z NGO"),
        ("Kamil Szewczyk", "Centrum Wolontariatu Nadrzecze"),
    ),
    (
        "Procedury konkursowe i generator ofert",
        [],
        "Terminy konkursów, karta oceny oferty, rozliczanie dotacji.",
        14,
        ("Andrzej Kubiak", "Biuro Dialogu Społecznego i Współpracy z NGO"),
        ("Natalia Witkowska", "Fundacja Edukacji Obywatelskiej „Agora”"),
    ),
]
FULL_TABLE = "Seniorzy"  # ten seats, thirteen people: three wait in line

# first name, last name, table, organisation they act for ("" = themselves), accessibility needs
PARTICIPANTS = [
    ("Halina", "Sadowska", "Seniorzy", "", "Pętla indukcyjna – noszę aparat słuchowy."),
    ("Stanisław", "Borkowski", "Seniorzy", "Uniwersytet Trzeciego Wieku w Nadrzeczu", ""),
    ("Krystyna", "Urbańska", "Seniorzy", "", ""),
    ("Henryk", "Czarnecki", "Seniorzy", "", "Miejsce przy stoliku dla osoby na wózku."),
    ("Teresa", "Sikora", "Seniorzy", "", ""),
    ("Zbigniew", "Ostrowski", "Seniorzy", "", ""),
    ("Danuta", "Malinowska", "Seniorzy", "", ""),
    ("Jerzy", "Głowacki", "Seniorzy", "", ""),
    ("Barbara", "Pietrzyk", "Seniorzy", "", ""),
    ("Wiesław", "Jasiński", "Seniorzy", "", ""),
    ("Irena", "Szulc", "Seniorzy", "", ""),
    ("Ryszard", "Laskowski", "Seniorzy", "", ""),
    ("Bożena", "Kalinowska", "Seniorzy", "", ""),
    ("Anna", "Kowalczyk", "Kultura i dziedzictwo", "Stowarzyszenie Przyjaciół Starego Młyna", ""),
    ("Piotr", "Zieliński", "Kultura i dziedzictwo", "", ""),
    ("Aleksandra", "Wilk", "Kultura i dziedzictwo", "Fundacja „Nadrzeczańska Scena”", ""),
    ("Bartosz", "Mróz", "Kultura i dziedzictwo", "", ""),
    (
        "Michał",
        "Kamiński",
        "Sport i rekreacja",
        "Uczniowski Klub Sportowy „Orlik” przy SP nr 7",
        "",
    ),
    ("Karolina", "Górska", "Sport i rekreacja", "", ""),
    ("Dawid", "Rutkowski", "Sport i rekreacja", "", ""),
    (
        "Agnieszka",
        "Lewandowska",
        "Promocja miasta, turystyka i środowisko",
        "Towarzystwo Opieki nad Zwierzętami – oddział Nadrzecze",
        "",
    ),
    ("Sebastian", "Kołodziej", "Promocja miasta, turystyka i środowisko", "", ""),
    (
        "Katarzyna",
        "Wójcik",
        "Rodzina, polityka społeczna, integracja i aktywizacja mieszkańców",
        "Fundacja „Wspólny Stół” – integracja cudzoziemców",
        "",
    ),
    (
        "Paweł",
        "Jankowski",
        "Rodzina, polityka społeczna, integracja i aktywizacja mieszkańców",
        "",
        "",
    ),
    (
        "Justyna",
        "Cieślak",
        "Rodzina, polityka społeczna, integracja i aktywizacja mieszkańców",
        "Stowarzyszenie „Dom na Skarpie” – pomoc osobom w kryzysie bezdomności",
        "",
    ),
    ("Magdalena", "Szymańska", "Ochrona zdrowia i niepełnosprawność", "", ""),
    (
        "Adam",
        "Wysocki",
        "Ochrona zdrowia i niepełnosprawność",
        "Polski Związek Osób Niewidomych – koło terenowe w Nadrzeczu",
        "Materiały w druku powiększonym lub elektronicznie przed spotkaniem.",
    ),
    ("Joanna", "Kozłowska", "Wolontariat i wzmacnianie organizacji", "", ""),
    (
        "Filip",
        "Sawicki",
        "Wolontariat i wzmacnianie organizacji",
        "Grupa Sąsiedzka „Osiedle Słoneczne”",
        "",
    ),
    ("Krzysztof", "Dąbrowski", "Procedury konkursowe i generator ofert", "", ""),
    (
        "Tomasz",
        "Woźniak",
        "Procedury konkursowe i generator ofert",
        "Spółdzielnia Socjalna „Przy Rynku”",
        "",
    ),
    ("Ewelina", "Marciniak", "Procedury konkursowe i generator ofert", "", ""),
]


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    """`days` after today, at a local hour (Europe/Warsaw)."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _tables(coordinator) -> list[WorkshopTable]:
    areas = {area.number: area for area in PublicTaskArea.objects.all()}
    return [
        WorkshopTable(
            sort_order=order,
            name=name,
            areas=[areas[number] for number in numbers],
            guiding_questions=questions,
            capacity=capacity,
            city_moderator_name=city[0],
            city_moderator_affiliation=city[1],
            city_moderator_user=coordinator if city[0] == coordinator.get_full_name() else None,
            ngo_moderator_name=ngo[0],
            ngo_moderator_affiliation=ngo[1],
        )
        for order, (name, numbers, questions, capacity, city, ngo) in enumerate(TABLES)
    ]


def seed_workshop(*, consultation, coordinator, publisher, child) -> WorkshopPage:
    """The meeting under `consultation`; `child` is cms.demo._child (finds the page by slug,
    else adds and publishes it). People are registered only into a new, empty meeting whose
    registration is open, so seeding again changes nothing."""
    workshop = child(
        consultation,
        WorkshopPage,
        slug=SLUG,
        user=publisher,
        title="Spotkanie stolikowe „Razem o programie 2027”",
        description=DESCRIPTION,
        starts_at=_at(8, 16),  # while the consultation (9 more days) is still open
        ends_at=_at(8, 19),
        venue_address="Centrum Aktywności Lokalnej „Przystań”, ul. Przewozowa 12, 12-345 Nadrzecze",
        venue_room="sala widowiskowa (parter)",
        venue_accessibility=ACCESSIBILITY,
        registration_opens_at=_at(-3, 9),
        registration_closes_at=_at(4, 12),
        proposals_close_at=_at(2, 12),
        contact="Marta Zielińska, Biuro Dialogu Społecznego i Współpracy z NGO, "
        "dialog@nadrzecze.example, tel. +48 12 345 67 10",
        tables=_tables(coordinator),
    )
    if workshop.registrations.exists() or not workshop.registration_is_open():
        return workshop
    tables = {table.name: table for table in workshop.tables.all()}
    organisations = {
        organisation.name: organisation
        for organisation in Organisation.objects.filter(
            name__in={entry[3] for entry in PARTICIPANTS if entry[3]}
        )
    }
    for first, last, table, organisation_name, needs in PARTICIPANTS:
        person = _person(first, last)
        organisation = organisations.get(organisation_name)
        if organisation is not None:  # registering for it needs a confirmed representative
            representative = organisation.representatives.filter(user=person).first()
            if representative is None:
                representative = representative_declare(
                    user=person, organisation=organisation, role=RepresentativeRole.BOARD_MEMBER
                )
            representative_confirm(representative=representative, by=coordinator)
        registration_create(
            workshop=workshop,
            table=tables[table],
            user=person,
            organisation=organisation,
            organisation_name="" if organisation else organisation_name,
            accessibility_needs=needs,
        )
    return workshop
