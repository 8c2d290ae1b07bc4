"""The table meeting of the demo 2027 programme consultation (../shared/domain.md §4.3).

Eight thematic tables with two moderators each (one from the city, one from the NGO
sector), the areas of art. 4 they cover and their questions to start with; registration
open, its deadline a few days away. Invented people register through
events.services.registration_create, like everybody else, until the seniors' table is
full and three of them wait in line. The dates are computed from the day of seeding.
The texts, tables and participants are in `data/spotkanie-stolikowe.json`.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from demo.data import load_json
from demo.pages import child
from demo.people import resident
from events.models import WorkshopPage, WorkshopTable
from events.services import registration_create
from organisations.models import Organisation, PublicTaskArea, RepresentativeRole
from organisations.services import representative_confirm, representative_declare

SLUG = "spotkanie-stolikowe"

# The meeting's texts, its tables and the people who register: a city employee edits the file.
MEETING = "spotkanie-stolikowe.json"
FULL_TABLE = "Seniorzy"  # ten seats, thirteen people: three wait in line


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    """`days` after today, at a local hour (Europe/Warsaw)."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _tables(coordinator) -> list[WorkshopTable]:
    areas = {area.number: area for area in PublicTaskArea.objects.all()}
    return [
        WorkshopTable(
            sort_order=order,
            name=table["name"],
            areas=[areas[number] for number in table["areas"]],
            guiding_questions="\n".join(table["guiding_questions"]),
            capacity=table["capacity"],
            city_moderator_name=table["city_moderator"]["name"],
            city_moderator_affiliation=table["city_moderator"]["affiliation"],
            city_moderator_user=(
                coordinator
                if table["city_moderator"]["name"] == coordinator.get_full_name()
                else None
            ),
            ngo_moderator_name=table["ngo_moderator"]["name"],
            ngo_moderator_affiliation=table["ngo_moderator"]["affiliation"],
        )
        for order, table in enumerate(load_json(MEETING)["tables"])
    ]


def seed_workshop(*, consultation, coordinator, publisher) -> WorkshopPage:
    """The meeting under `consultation` (found by its slug, else added and published).
    People are registered only into a new, empty meeting whose registration is open, so
    seeding again changes nothing."""
    meeting = load_json(MEETING)
    workshop = child(
        consultation,
        WorkshopPage,
        slug=SLUG,
        user=publisher,
        title="Spotkanie stolikowe „Razem o programie 2027”",
        description=meeting["description"],
        starts_at=_at(8, 16),  # while the consultation (9 more days) is still open
        ends_at=_at(8, 19),
        venue_address=(
            "Centrum Aktywności Lokalnej „Przystań”, ul. Przewozowa 12, 12-345 Nadrzecze"
        ),
        venue_room="sala widowiskowa (parter)",
        venue_accessibility="\n".join(meeting["venue_accessibility"]),
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
            name__in={entry["organisation"] for entry in meeting["participants"]} - {""}
        )
    }
    for entry in meeting["participants"]:
        person = resident(entry["first_name"], entry["last_name"])
        organisation_name = entry["organisation"]
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
            table=tables[entry["table"]],
            user=person,
            organisation=organisation,
            organisation_name="" if organisation else organisation_name,
            accessibility_needs=entry["accessibility_needs"],
        )
    return workshop
