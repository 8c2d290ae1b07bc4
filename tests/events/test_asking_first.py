"""Full tables are marked, and the page asks before a step that cannot be undone: giving up
a confirmed seat for a full table's waiting list, and cancelling (issue 17, item 6)."""

import re

import pytest
from django.utils.html import strip_tags

from events.models import Registration
from events.services import registration_create
from tests.factories import UserFactory, workshop_page

pytestmark = pytest.mark.django_db

FULL = "pełny — lista oczekujących"


@pytest.fixture
def workshop(demo_site):
    return workshop_page(tables=[("Kultura i dziedzictwo", 2), ("Seniorzy", 1)])


def table(workshop, name):
    return workshop.tables.get(name=name)


def visible_choice(html, table):
    """What a reader sees beside one table's radio button."""
    labels = re.findall(r'<label for="id_table_\d+">(.*?)</label>', html, flags=re.S)
    for text in labels:
        if f'data-full-choice="{table.pk}"' in text:
            text = re.sub(r"<span [^>]*hidden>.*?</span>", "", text, flags=re.S)
            return " ".join(strip_tags(text).split())
    raise AssertionError(f"no choice for {table}")


def test_the_registration_form_marks_the_full_table_among_its_choices(client, workshop, resident):
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=UserFactory())
    client.force_login(resident)

    html = client.get(workshop.url).content.decode()

    assert visible_choice(html, table(workshop, "Seniorzy")) == f"Seniorzy {FULL}"
    assert visible_choice(html, table(workshop, "Kultura i dziedzictwo")) == (
        "Kultura i dziedzictwo"
    )


def test_the_move_form_marks_a_full_table(client, workshop, resident):
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=UserFactory())
    registration_create(
        workshop=workshop, table=table(workshop, "Kultura i dziedzictwo"), user=resident
    )
    client.force_login(resident)

    html = client.get(workshop.url).content.decode()

    move_form = html.split('class="move-form"', 1)[1].split("</form>", 1)[0]
    assert visible_choice(move_form, table(workshop, "Seniorzy")) == f"Seniorzy {FULL}"


def test_moving_from_a_confirmed_seat_to_a_full_table_asks_first_and_keeps_the_seat(
    client, workshop, resident
):
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=UserFactory())
    registration_create(
        workshop=workshop, table=table(workshop, "Kultura i dziedzictwo"), user=resident
    )
    client.force_login(resident)

    response = client.post(workshop.url + "przenies/", {"table": table(workshop, "Seniorzy").pk})

    assert response.status_code == 200
    text = " ".join(strip_tags(response.content.decode()).split())
    assert "Oddać swoje miejsce?" in text
    assert "Stolik „Seniorzy” jest pełny." in text
    assert "oddasz swoje potwierdzone miejsce przy stoliku „Kultura i dziedzictwo”" in text
    assert "Trafisz na koniec listy oczekujących stolika „Seniorzy”" in text
    assert "Tak, oddaję miejsce i zapisuję się na listę oczekujących" in text
    assert "Nie, wróć" in text
    html = response.content.decode()
    assert 'name="potwierdz" value="1"' in html
    assert f'name="table" value="{table(workshop, "Seniorzy").pk}"' in html
    mine = Registration.objects.active().get(user=resident)
    assert (mine.table.name, mine.status) == ("Kultura i dziedzictwo", "potwierdzona")


def test_confirming_the_move_gives_up_the_seat_for_the_waiting_list(client, workshop, resident):
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=UserFactory())
    registration_create(
        workshop=workshop, table=table(workshop, "Kultura i dziedzictwo"), user=resident
    )
    client.force_login(resident)

    response = client.post(
        workshop.url + "przenies/", {"table": table(workshop, "Seniorzy").pk, "potwierdz": "1"}
    )

    assert response.status_code == 302
    mine = Registration.objects.active().get(user=resident)
    assert (mine.table.name, mine.status) == ("Seniorzy", "oczekujaca")


def test_moving_from_one_waiting_list_to_another_full_table_is_not_questioned(
    client, workshop, resident
):
    culture, seniors = table(workshop, "Kultura i dziedzictwo"), table(workshop, "Seniorzy")
    for _ in range(2):
        registration_create(workshop=workshop, table=culture, user=UserFactory())
    registration_create(workshop=workshop, table=seniors, user=UserFactory())
    registration_create(workshop=workshop, table=culture, user=resident)
    client.force_login(resident)

    response = client.post(workshop.url + "przenies/", {"table": seniors.pk})

    assert response.status_code == 302
    assert Registration.objects.active().get(user=resident).table == seniors


def test_cancelling_asks_first_and_changes_nothing(client, workshop, resident):
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=resident)
    client.force_login(resident)

    response = client.post(workshop.url + "anuluj/")

    assert response.status_code == 200
    text = " ".join(strip_tags(response.content.decode()).split())
    assert "Zrezygnować z udziału?" in text
    assert "Twoje miejsce przy stoliku „Seniorzy” otrzyma pierwsza osoba" in text
    assert "Tak, anuluj moje zgłoszenie" in text
    assert 'name="potwierdz" value="1"' in response.content.decode()
    assert Registration.objects.get(user=resident).status == "potwierdzona"


def test_confirming_the_cancellation_cancels(client, workshop, resident):
    registration_create(workshop=workshop, table=table(workshop, "Seniorzy"), user=resident)
    client.force_login(resident)

    response = client.post(workshop.url + "anuluj/", {"potwierdz": "1"}, follow=True)

    assert Registration.objects.get(user=resident).status == "anulowana"
    assert "Twoje zgłoszenie zostało anulowane." in response.content.decode()
