"""The ~20 fictional organisations of Nadrzecze (../shared/domain.md §4.5).

Their KRS, NIP and REGON numbers are generated with valid check digits from a fixed seed:
never real numbers, which could belong to a real taxpayer. They enter the directory the
way a coordinator's CSV import brings them in.
"""

import csv
import io
import random

from organisations.models import Organisation, RepresentativeRole
from organisations.services import (
    COLUMNS,
    organisations_import,
    representative_confirm,
    representative_declare,
)
from organisations.validators import NIP_WEIGHTS, REGON9_WEIGHTS, weighted_check

# name, legal form, OPP, areas, district, register number (when not in KRS)
DEMO_ORGANISATIONS = [
    ("Fundacja „Nadrzeczańska Scena”", "fundacja", False, "16", "Śródmieście", ""),
    (
        "Stowarzyszenie Przyjaciół Starego Młyna",
        "stowarzyszenie",
        True,
        "4, 16",
        "Stare Miasto",
        "",
    ),
    ("Klub Sportowy „Wiosło” Nadrzecze", "klub_sportowy", False, "17", "Nadbrzeże", "KS"),
    (
        "Uczniowski Klub Sportowy „Orlik” przy SP nr 7",
        "klub_sportowy",
        False,
        "15, 17",
        "Osiedle Słoneczne",
        "UKS/7/2019",
    ),
    ("Fundacja Rodzina w Centrum", "fundacja", True, "1, 1a, 31", "Śródmieście", ""),
    (
        "Stowarzyszenie „Dom na Skarpie” – pomoc osobom w kryzysie bezdomności",
        "stowarzyszenie",
        True,
        "1, 2",
        "Zawisła",
        "",
    ),
    (
        "Polski Związek Osób Niewidomych – koło terenowe w Nadrzeczu",
        "oddzial",
        False,
        "7",
        "Stare Miasto",
        "PZN/Nad/3",
    ),
    (
        "Stowarzyszenie Seniorów „Złota Jesień”",
        "stowarzyszenie",
        False,
        "10",
        "Osiedle Słoneczne",
        "",
    ),
    (
        "Uniwersytet Trzeciego Wieku w Nadrzeczu",
        "stowarzyszenie",
        True,
        "10, 14",
        "Śródmieście",
        "",
    ),
    (
        "Grupa Sąsiedzka „Osiedle Słoneczne”",
        "stowarzyszenie_zwykle",
        False,
        "13",
        "Osiedle Słoneczne",
        "SZ/14/2023",
    ),
    ("Fundacja Zielony Brzeg", "fundacja", False, "18", "Nadbrzeże", ""),
    (
        "Towarzystwo Opieki nad Zwierzętami – oddział Nadrzecze",
        "oddzial",
        True,
        "18",
        "Zawisła",
        "",
    ),
    (
        "Fundacja „Wspólny Stół” – integracja cudzoziemców",
        "fundacja",
        False,
        "5a, 22",
        "Śródmieście",
        "",
    ),
    (
        "Stowarzyszenie Rodziców Dzieci z Autyzmem „Puzzle”",
        "stowarzyszenie",
        True,
        "6, 7",
        "Łęgi",
        "",
    ),
    (
        "Spółdzielnia Socjalna „Przy Rynku”",
        "spoldzielnia_socjalna",
        False,
        "2, 8",
        "Stare Miasto",
        "",
    ),
    (
        "Parafia pw. św. Józefa – Caritas parafialny",
        "koscielna_osoba_prawna",
        False,
        "3",
        "Łęgi",
        "ROP/218",
    ),
    ("Koło Gospodyń Wiejskich w Nadrzeczu-Łęgach", "kgw", False, "4, 13", "Łęgi", "KGW/0412/2021"),
    ("Centrum Wolontariatu Nadrzecze", "stowarzyszenie", True, "27, 33", "Śródmieście", ""),
    ("Fundacja Edukacji Obywatelskiej „Agora”", "fundacja", False, "14, 22", "Śródmieście", ""),
    (
        "Młodzieżowy Klub Przygody „Kompas”",
        "stowarzyszenie_zwykle",
        False,
        "15, 19",
        "Nadbrzeże",
        "SZ/3/2024",
    ),
]
STREETS = [
    "ul. Młyńska",
    "ul. Rzeczna",
    "ul. Słoneczna",
    "ul. Ogrodowa",
    "al. Wiślana",
    "ul. Łąkowa",
]
IN_KRS = {"fundacja", "stowarzyszenie", "spoldzielnia_socjalna", "oddzial"}


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
    for number, (name, form, opp, areas, district, register) in enumerate(DEMO_ORGANISATIONS):
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
                "tak" if opp else "nie",
                areas,
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
    Organisation.objects.filter(name__in=[entry[0] for entry in DEMO_ORGANISATIONS]).update(
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
