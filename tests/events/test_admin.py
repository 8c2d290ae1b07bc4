"""The coordinator's tools for a table meeting in the Wagtail admin: registrations per table,
exports, the attendance list and an e-mail to everybody at a table."""

import csv
import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.html import strip_tags
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from cms.services import role_assign
from core.roles import COORDINATORS, MODERATORS
from events.services import registration_cancel, registration_create
from tests.factories import UserFactory, workshop_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(demo_site):
    return workshop_page(
        slug="stoliki-2028", tables=[("Kultura i dziedzictwo", 2), ("Sport i rekreacja", 2)]
    )


@pytest.fixture
def coordinator(db):
    user = UserFactory(
        first_name="Marta", last_name="Zielińska", email="marta.zielinska@nadrzecze.example"
    )
    role_assign(user=user, role=COORDINATORS)
    return user


def table(workshop, name):
    return workshop.tables.get(name=name)


ASCII = str.maketrans("ąćęłńóśźż", "acelnoszz")


def person(first_name, last_name):
    email = f"{first_name}.{last_name}@stoliki.example.org".lower().translate(ASCII)
    return UserFactory(first_name=first_name, last_name=last_name, email=email)


def register(workshop, table_name, first_name, last_name, minutes, **fields):
    """Registrations a given number of minutes apart, so the waiting list has an order."""
    with time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=False):
        return registration_create(
            workshop=workshop,
            table=table(workshop, table_name),
            user=person(first_name, last_name),
            **fields,
        )


@pytest.fixture
def registrations(workshop):
    """Culture: two seats taken, two waiting, one cancelled; sport: one seat taken."""
    culture = "Kultura i dziedzictwo"
    made = {
        "halina": register(
            workshop,
            culture,
            "Halina",
            "Dudek",
            1,
            organisation_name="Stowarzyszenie Seniorów „Złota Jesień”",
            accessibility_needs="Pętla indukcyjna",
        ),
        "jan": register(workshop, culture, "Jan", "Wróbel", 2),
        "anna": register(workshop, culture, "Anna", "Kowalczyk", 3),
        "piotr": register(workshop, culture, "Piotr", "Mazur", 4),
        "zofia": register(workshop, "Sport i rekreacja", "Zofia", "Lis", 5),
    }
    other = register(workshop, culture, "Karol", "Wiśniewski", 6)
    registration_cancel(registration=other, by=other.user)
    return made


def text(response):
    return " ".join(strip_tags(response.content.decode()).split())


def text_of(html):
    return " ".join(strip_tags(html).split())


def test_a_coordinator_sees_each_table_with_its_seats_and_its_waiting_list_in_order(
    client, workshop, registrations, coordinator
):
    client.force_login(coordinator)

    html = client.get(f"/admin/spotkania/{workshop.pk}/zgloszenia/").content.decode()

    culture = text_of(html).split("Sport i rekreacja", 1)[0]
    assert "Zajęte miejsca: 2 z 2" in culture
    confirmed = culture.split("Potwierdzone", 1)[1].split("Lista oczekujących", 1)[0]
    assert "Halina Dudek" in confirmed and "Jan Wróbel" in confirmed
    assert "Pętla indukcyjna" in confirmed
    waiting = culture.split("Lista oczekujących", 1)[1]
    assert re.search(r"1 Anna Kowalczyk.* 2 Piotr Mazur", waiting)
    assert "1 anulowane zgłoszenie" in waiting and "Karol Wiśniewski" in waiting
    sport = text_of(html).split("Sport i rekreacja", 1)[1]
    assert "Zajęte miejsca: 1 z 2" in sport and "Zofia Lis" in sport


def test_someone_who_cannot_edit_the_meeting_page_is_refused(client, workshop, registrations):
    moderator = UserFactory(first_name="Tomasz", last_name="Lewandowski")
    role_assign(user=moderator, role=MODERATORS)  # in the admin, but edits no pages
    client.force_login(moderator)

    for url in (
        f"/admin/spotkania/{workshop.pk}/zgloszenia/",
        f"/admin/spotkania/{workshop.pk}/zgloszenia.csv",
        f"/admin/spotkania/{workshop.pk}/stolik/{table(workshop, 'Sport i rekreacja').pk}"
        "/lista-obecnosci/",
    ):
        response = client.get(url)

        assert response.status_code in (302, 403)  # Wagtail's admin redirects to its dashboard
        assert "Halina Dudek" not in response.content.decode()


def test_a_resident_is_kept_out_of_the_admin(client, workshop, registrations):
    client.force_login(registrations["halina"].user)

    response = client.get(f"/admin/spotkania/{workshop.pk}/zgloszenia/")

    assert response.status_code in (302, 403)


def test_the_meeting_page_in_the_admin_leads_to_its_registrations(client, workshop, coordinator):
    client.force_login(coordinator)

    html = client.get(f"/admin/pages/{workshop.pk}/edit/").content.decode()

    assert f'href="/admin/spotkania/{workshop.pk}/zgloszenia/"' in html
    assert "Zgłoszenia" in html


def test_the_list_of_meetings_shows_how_full_each_one_is(
    client, workshop, registrations, coordinator
):
    client.force_login(coordinator)

    page = text(client.get("/admin/spotkania/"))

    assert re.search(r"Spotkanie stolikowe – program współpracy 2028.*? 3 z 4 75%", page)


def read_csv(client, workshop):
    response = client.get(f"/admin/spotkania/{workshop.pk}/zgloszenia.csv")
    assert response["Content-Disposition"] == 'attachment; filename="zgloszenia-stoliki-2028.csv"'
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(client, workshop):
    response = client.get(f"/admin/spotkania/{workshop.pk}/zgloszenia.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="zgloszenia-stoliki-2028.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [["" if cell is None else str(cell) for cell in row] for row in sheet.values]


def test_the_csv_and_xlsx_carry_every_registration_with_the_same_columns(
    client, workshop, registrations, coordinator
):
    client.force_login(coordinator)

    rows = read_csv(client, workshop)
    sheet = read_xlsx(client, workshop)

    assert rows[0] == [
        "Stolik",
        "Status",
        "Miejsce na liście oczekujących",
        "Imię i nazwisko",
        "E-mail",
        "Organizacja",
        "Organizacja potwierdzona",
        "Potrzeby dotyczące dostępności",
        "Data zgłoszenia",
    ]
    assert sheet == rows
    by_name = {row[3]: row for row in rows[1:]}
    assert len(by_name) == 6
    assert by_name["Halina Dudek"][:3] == ["Kultura i dziedzictwo", "potwierdzone miejsce", ""]
    assert by_name["Halina Dudek"][5:8] == [
        "Stowarzyszenie Seniorów „Złota Jesień” (niepotwierdzona)",
        "nie",
        "Pętla indukcyjna",
    ]
    assert by_name["Piotr Mazur"][1:3] == ["na liście oczekujących", "2"]
    assert by_name["Karol Wiśniewski"][1] == "zgłoszenie anulowane"
    assert by_name["Zofia Lis"][0] == "Sport i rekreacja"


def test_only_a_confirmed_representatives_organisation_is_exported_as_confirmed(
    client, workshop, coordinator
):
    from organisations.models import Representative
    from tests.factories import OrganisationFactory

    foundation = OrganisationFactory(name="Fundacja Rodzina w Centrum")
    ewa = person("Ewa", "Nowicka")
    Representative.objects.create(
        user=ewa, organisation=foundation, role="zarzad", confirmed_at=timezone.now()
    )
    registration_create(
        workshop=workshop,
        table=table(workshop, "Sport i rekreacja"),
        user=ewa,
        organisation=foundation,
    )
    register(
        workshop,
        "Sport i rekreacja",
        "Adam",
        "Zając",
        1,
        organisation_name="Fundacja Rodzina w Centrum",
    )
    client.force_login(coordinator)

    by_name = {row[3]: row for row in read_csv(client, workshop)[1:]}

    assert by_name["Ewa Nowicka"][5:7] == ["Fundacja Rodzina w Centrum", "tak"]
    assert by_name["Adam Zając"][5:7] == ["Fundacja Rodzina w Centrum (niepotwierdzona)", "nie"]


def test_the_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas(
    client, workshop, coordinator
):
    register(
        workshop,
        "Sport i rekreacja",
        "Adam",
        "Zając",
        1,
        organisation_name='=HYPERLINK("http://zlo.example";"Kliknij")',
        accessibility_needs="@SUMA(A1:A9)",
    )
    client.force_login(coordinator)

    row = read_csv(client, workshop)[1]

    assert row[5] == '\'=HYPERLINK("http://zlo.example";"Kliknij") (niepotwierdzona)'
    assert row[7] == "'@SUMA(A1:A9)"


def test_the_attendance_list_numbers_the_people_with_a_seat_and_leaves_room_to_sign(
    client, workshop, registrations, coordinator
):
    client.force_login(coordinator)
    culture = table(workshop, "Kultura i dziedzictwo")

    response = client.get(f"/admin/spotkania/{workshop.pk}/stolik/{culture.pk}/lista-obecnosci/")

    html = response.content.decode()
    assert "@media print" in html and "size: A4" in html
    assert 'class="w-' not in html  # a plain page, without the admin around it
    page = text(response)
    assert "Lista obecności" in page and "Kultura i dziedzictwo" in page
    assert "Urząd Miasta Nadrzecze, ul. Rynek 1, sala sesyjna" in page
    assert "Marta Zielińska (Biuro Dialogu Społecznego)" in page
    confirmed, waiting = page.split("Lista oczekujących", 1)
    assert "Nr Imię i nazwisko Organizacja Podpis" in confirmed
    assert (
        "1 Halina Dudek Stowarzyszenie Seniorów „Złota Jesień” (niepotwierdzona) 2 Jan Wróbel"
        in confirmed
    )
    assert "Anna Kowalczyk" not in confirmed and "Karol Wiśniewski" not in page
    assert re.search(r"1 Anna Kowalczyk.* 2 Piotr Mazur", waiting)


def test_an_email_to_a_table_reaches_each_person_with_a_seat_once_and_nobody_else(
    client, workshop, registrations, coordinator, mailoutbox
):
    client.force_login(coordinator)
    culture = table(workshop, "Kultura i dziedzictwo")
    mailoutbox.clear()

    response = client.post(
        f"/admin/spotkania/{workshop.pk}/stolik/{culture.pk}/wiadomosc/",
        {"subject": "Materiały przed spotkaniem", "message": "Prosimy o lekturę.", "send": "1"},
        follow=True,
    )

    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "halina.dudek@stoliki.example.org",
        "jan.wrobel@stoliki.example.org",
    ]
    assert all(len(mail.to) == 1 for mail in mailoutbox)
    assert all(mail.reply_to == ["marta.zielinska@nadrzecze.example"] for mail in mailoutbox)
    assert mailoutbox[0].subject == "Materiały przed spotkaniem"
    assert "Prosimy o lekturę." in mailoutbox[0].body
    assert "Wiadomość wysłano do 2 osób." in text(response)
    entry = PageLogEntry.objects.get(page=workshop, action="events.table_message")
    assert entry.user == coordinator and entry.data["recipients"] == 2


def test_an_email_to_a_table_can_include_its_waiting_list(
    client, workshop, registrations, coordinator, mailoutbox
):
    client.force_login(coordinator)
    culture = table(workshop, "Kultura i dziedzictwo")
    mailoutbox.clear()

    client.post(
        f"/admin/spotkania/{workshop.pk}/stolik/{culture.pk}/wiadomosc/",
        {
            "subject": "Zmiana sali",
            "message": "Spotykamy się w sali 12.",
            "include_waiting": "on",
            "send": "1",
        },
    )

    assert len(mailoutbox) == 4
    assert "zofia.lis@stoliki.example.org" not in {mail.to[0] for mail in mailoutbox}


def test_previewing_an_email_shows_how_many_it_will_reach_and_sends_nothing(
    client, workshop, registrations, coordinator, mailoutbox
):
    client.force_login(coordinator)
    culture = table(workshop, "Kultura i dziedzictwo")
    url = f"/admin/spotkania/{workshop.pk}/stolik/{culture.pk}/wiadomosc/"
    mailoutbox.clear()

    assert "2 osoby mają miejsce przy tym stoliku" in text(client.get(url))
    preview = client.post(
        url,
        {"subject": "Zmiana sali", "message": "Sala 12.", "include_waiting": "on", "preview": "1"},
    )

    assert "Wiadomość trafi do 4 osób." in text(preview)
    assert mailoutbox == []
