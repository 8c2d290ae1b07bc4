"""The ~20 fictional organisations of Nadrzecze (../shared/domain.md §4.5).

Their KRS, NIP and REGON numbers are generated with valid check digits from a fixed seed:
never real numbers, which could belong to a real taxpayer. They enter the directory the
way a coordinator's CSV import brings them in. The list is `data/organizacje.json`.
"""

import csv
import io
import random

from demo.data import load_json
from organisations.models import Organisation, RepresentativeRole
from organisations.services import (
    COLUMNS,
    organisations_import,
    representative_confirm,
    representative_declare,
)
from organisations.validators import NIP_WEIGHTS, REGON9_WEIGHTS, weighted_check

STREETS = [
    "ul. Młyńska",
    "ul. Rzeczna",
    "ul. Słoneczna",
    "ul. Ogrodowa",
    "al. Wiślana",
    "ul. Łąkowa",
]
IN_KRS = {"fundacja", "stowarzyszenie", "spoldzielnia_socjalna", "oddzial"}


def demo_organisations() -> list[dict]:
    """Name, legal form, public benefit status, art. 4 areas, district and register number
    (when not in KRS) of each organisation, from its data file."""
    return load_json("organizacje.json")


def _with_check_digit(rng: random.Random, weights, *, ten_is_zero: bool) -> str:
    while True:
        body = "".join(str(rng.randint(1 if not i else 0, 9)) for i in range(len(weights)))
        check = weighted_check(body, weights)
        if check == 10 and not ten_is_zero:
            continue
        return body + str(0 if check == 10 else check)


def fictional_nip(rng: random.Random) -> str:
    """A NIP with a valid check digit, made up from `rng` (not looked up anywhere)."""
    return _with_check_digit(rng, NIP_WEIGHTS, ten_is_zero=False)


def fictional_regon(rng: random.Random) -> str:
    return _with_check_digit(rng, REGON9_WEIGHTS, ten_is_zero=True)


def fictional_krs(rng: random.Random) -> str:
    return f"0000{rng.randint(100000, 999999)}"


def demo_csv() -> str:
    rng = random.Random(20260701)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    for number, entry in enumerate(demo_organisations()):
        name, form, district = entry["name"], entry["legal_form"], entry["district"]
        register = entry["register_number"]
        in_krs = form in IN_KRS and not register
        krs = fictional_krs(rng) if in_krs else ""
        nip = fictional_nip(rng) if in_krs else ""
        regon = fictional_regon(rng) if in_krs else ""
        slug = f"org{number + 1:02d}"
        writer.writerow(
            [
                name,
                form,
                krs,
                nip,
                regon,
                register,
                "tak" if entry["public_benefit"] else "nie",
                entry["areas"],
                f"{rng.choice(STREETS)} {rng.randint(1, 60)}",
                f"12-3{rng.randint(10, 99)}",
                "Nadrzecze",
                district,
                f"https://{slug}.nadrzecze.example/",
                f"kontakt@{slug}.example.org",
                f"{name} działa na rzecz mieszkańców dzielnicy {district}.",
                "tak",
            ]
        )
    return out.getvalue()


def seed_organisations(*, coordinator, residents) -> None:
    organisations_import(data=demo_csv())
    Organisation.objects.filter(name__in=[entry["name"] for entry in demo_organisations()]).update(
        is_demo=True
    )
    seniors = Organisation.objects.get(name="Stowarzyszenie Seniorów „Złota Jesień”")
    rowers = Organisation.objects.get(name="Klub Sportowy „Wiosło” Nadrzecze")
    ewa, jan = residents
    if not seniors.representatives.filter(user=ewa).exists():
        representative = representative_declare(
            user=ewa, organisation=seniors, role=RepresentativeRole.BOARD_MEMBER
        )
        representative_confirm(representative=representative, by=coordinator)
    if not rowers.representatives.filter(user=jan).exists():
        representative_declare(user=jan, organisation=rowers, role=RepresentativeRole.PROXY)
