import pytest

from organisations.models import Organisation
from organisations.services import COLUMNS, organisations_import
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = ";".join(COLUMNS)


def row(
    name="Fundacja Zielony Brzeg",
    form="fundacja",
    krs="0000312847",
    nip="1588139989",
    regon="948939499",
    register="",
    opp="nie",
    areas="18",
    **extra,
):
    values = {
        "nazwa": name,
        "forma_prawna": form,
        "krs": krs,
        "nip": nip,
        "regon": regon,
        "numer_ewidencji": register,
        "opp": opp,
        "sfery": areas,
        "ulica": "ul. Rzeczna 4",
        "kod_pocztowy": "12-345",
        "miejscowosc": "Nadrzecze",
        "dzielnica": "Nadbrzeże",
        "www": "",
        "email": "",
        "opis": "",
        "aktywna": "tak",
        **extra,
    }
    return ";".join(values[column] for column in COLUMNS)


def csv_of(*rows, header=HEADER):
    return "\n".join([header, *rows]) + "\n"


def test_good_rows_create_organisations_with_their_areas():
    report = organisations_import(
        data=csv_of(
            row(),
            row(
                name="Stowarzyszenie Seniorów „Złota Jesień”",
                form="stowarzyszenie",
                krs="0000411223",
                nip="6987973099",
                regon="482141626",
                areas="10, 1a",
                opp="tak",
            ),
        )
    )

    assert (report.created, report.rejected) == (2, [])
    seniors = Organisation.objects.get(krs="0000411223")
    assert seniors.is_public_benefit
    assert seniors.area_numbers == "1a, 10"
    assert seniors.search_name == 'stowarzyszenie seniorow "zlota jesien"'


def test_each_bad_row_is_reported_with_its_line_and_reason_and_the_rest_imported():
    report = organisations_import(
        data=csv_of(
            row(),
            row(name="Fundacja bez KRS", krs="", nip=""),
            row(name="Zły NIP", krs="0000999111", nip="1588139988"),
            row(name="Nieznana sfera", krs="0000999222", nip="", areas="99"),
        )
    )

    assert report.created == 1
    assert [(rejected.line, rejected.name) for rejected in report.rejected] == [
        (3, "Fundacja bez KRS"),
        (4, "Zły NIP"),
        (5, "Nieznana sfera"),
    ]
    assert "KRS" in report.rejected[0].reasons[0]
    assert "cyfrę kontrolną" in report.rejected[1].reasons[0]
    assert "99" in report.rejected[2].reasons[0]
    assert Organisation.objects.count() == 1


def test_a_row_repeating_an_earlier_one_is_rejected_as_a_duplicate():
    report = organisations_import(data=csv_of(row(), row(name="Fundacja Zielony Brzeg (kopia)")))

    assert report.created == 1
    assert report.rejected[0].line == 3
    assert "wierszu 2" in report.rejected[0].reasons[0]


def test_importing_the_same_file_twice_changes_nothing_the_second_time():
    data = csv_of(
        row(),
        row(
            name="Grupa Sąsiedzka",
            form="stowarzyszenie_zwykle",
            krs="",
            nip="",
            regon="",
            register="SZ/14/2023",
            areas="13",
        ),
    )
    organisations_import(data=data)
    before = list(Organisation.objects.values_list("pk", "updated_at").order_by("pk"))

    report = organisations_import(data=data)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert list(Organisation.objects.values_list("pk", "updated_at").order_by("pk")) == before


def test_a_changed_row_updates_the_organisation_with_the_same_krs():
    existing = OrganisationFactory(krs="0000312847", nip="", name="Fundacja Zielony Brzeg")

    report = organisations_import(data=csv_of(row(opp="tak", areas="18, 19")))

    existing.refresh_from_db()
    assert (report.created, report.updated) == (0, 1)
    assert existing.is_public_benefit
    assert existing.nip == "1588139989"
    assert existing.area_numbers == "18, 19"


def test_without_krs_the_organisation_is_matched_by_nip():
    existing = OrganisationFactory(legal_form="klub_sportowy", krs="", nip="1588139989")

    organisations_import(
        data=csv_of(row(name="Klub Sportowy „Wiosło”", form="klub_sportowy", krs=""))
    )

    existing.refresh_from_db()
    assert existing.name == "Klub Sportowy „Wiosło”"
    assert Organisation.objects.count() == 1


def test_krs_and_nip_pointing_at_two_different_organisations_are_refused():
    OrganisationFactory(krs="0000312847", nip="6987973099")
    OrganisationFactory(krs="0000411223", nip="1588139989")

    report = organisations_import(data=csv_of(row(krs="0000312847", nip="1588139989")))

    assert report.updated == 0
    assert "należy do" in report.rejected[0].reasons[0]


def test_a_dry_run_reports_the_same_but_writes_nothing():
    existing = OrganisationFactory(krs="0000312847", nip="", name="Stara nazwa")

    report = organisations_import(
        data=csv_of(row(), row(name="Nowa", krs="0000411223", nip="6987973099")), dry_run=True
    )

    assert (report.created, report.updated) == (1, 1)
    assert Organisation.objects.count() == 1
    existing.refresh_from_db()
    assert existing.name == "Stara nazwa"


def test_comma_separated_files_with_a_byte_order_mark_are_read():
    data = ("\ufeff" + csv_of(row(areas="16"), header=HEADER).replace(";", ",")).encode("utf-8")

    report = organisations_import(data=data)

    assert report.created == 1


def test_a_file_not_in_utf8_is_refused_as_a_whole():
    report = organisations_import(data=csv_of(row(name="Fundacja Łąka")).encode("cp1250"))

    assert report.file_errors and "UTF-8" in report.file_errors[0]
    assert not Organisation.objects.exists()


def test_a_file_without_the_name_column_is_refused_and_says_which_columns_are_expected():
    report = organisations_import(data="krs;nip\n0000312847;1588139989\n")

    assert "nazwa" in report.file_errors[0]
    assert not Organisation.objects.exists()


def test_rows_are_written_in_batches_not_one_by_one(django_assert_max_num_queries):
    # 1 200 organisations with 2 400 area links: one query per row would be 3 600.
    # SQLite allows 999 parameters per statement, so its batches are ~50 rows;
    # PostgreSQL's are 500.
    rows = [
        row(
            name=f"Stowarzyszenie nr {n}",
            form="stowarzyszenie",
            krs=f"{1_000 + n:010d}",
            nip="",
            regon="",
            areas="13, 16",
        )
        for n in range(1_200)
    ]

    with django_assert_max_num_queries(60):
        report = organisations_import(data=csv_of(*rows))

    assert report.created == 1_200
    assert Organisation.areas.through.objects.count() == 2_400
