"""The demo's invented people: the five accounts published in the README (with roles) and
the residents who write comments and register for the meeting (`data/mieszkancy.json`).
All are made through `cms.services.account_create`, like every account."""

from dataclasses import dataclass

from anyascii import anyascii

from cms.models import User
from cms.services import account_create, role_assign
from core.roles import COORDINATORS, MODERATORS, PLENIPOTENTIARIES
from demo.data import load_json

DEMO_PASSWORD = "Nadrzecze-demo-2026"  # noqa: S105 - published in the README on purpose


@dataclass(frozen=True)
class DemoPerson:
    email: str
    first_name: str
    last_name: str
    role: str | None


DEMO_PEOPLE = [
    DemoPerson("koordynator@nadrzecze.example", "Marta", "Zielińska", COORDINATORS),
    DemoPerson("pelnomocnik@nadrzecze.example", "Anna", "Wiśniewska", PLENIPOTENTIARIES),
    DemoPerson("moderator@nadrzecze.example", "Tomasz", "Lewandowski", MODERATORS),
    DemoPerson("ewa.nowicka@example.org", "Ewa", "Nowicka", None),
    DemoPerson("jan.wroblewski@example.org", "Jan", "Wróblewski", None),
]


def seed_people() -> dict[str, User]:
    """The README's accounts by e-mail, with their roles."""
    people = {}
    for person in DEMO_PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = account_create(
                email=person.email,
                password=DEMO_PASSWORD,
                first_name=person.first_name,
                last_name=person.last_name,
                email_verified=True,
            )
        if person.role:
            role_assign(user=user, role=person.role)
        people[person.email] = user
    return people


def resident(first: str, last: str) -> User:
    """The invented resident `first last` (first.last@example.org, no password), made once."""
    email = f"{anyascii(first).lower()}.{anyascii(last).lower()}@example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = account_create(
            email=email,
            password=None,
            first_name=first,
            last_name=last,
            email_verified=True,
        )
    return user


def residents() -> dict[str, User]:
    """The residents of `data/mieszkancy.json` by full name, made in the file's order."""
    return {
        f"{person['first_name']} {person['last_name']}": resident(
            person["first_name"], person["last_name"]
        )
        for person in load_json("mieszkancy.json")
    }
