"""Registering for a table: seats, the waiting list, moves and cancellations."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from events.models import Registration, RegistrationStatus
from events.services import (
    registration_cancel,
    registration_create,
    registration_move,
    waiting_position,
)
from tests.factories import UserFactory, workshop_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(demo_site):
    return workshop_page(tables=[("Kultura", 2), ("Sport i rekreacja", 1)])


def tables(workshop):
    culture, sport = workshop.tables.order_by("sort_order")
    return culture, sport


def test_a_free_seat_is_confirmed_and_a_full_table_puts_people_on_the_waiting_list(workshop):
    culture, _sport = tables(workshop)
    people = [UserFactory() for _ in range(4)]

    made = [registration_create(workshop=workshop, table=culture, user=p) for p in people]

    assert [r.status for r in made] == ["potwierdzona", "potwierdzona", "oczekujaca", "oczekujaca"]
    assert [waiting_position(r) for r in made[2:]] == [1, 2]


def test_a_full_table_without_the_waiting_list_is_refused(workshop):
    _culture, sport = tables(workshop)
    registration_create(workshop=workshop, table=sport, user=UserFactory())

    with pytest.raises(ValidationError) as refusal:
        registration_create(workshop=workshop, table=sport, user=UserFactory(), waitlist=False)

    assert refusal.value.code == "table_full"


def test_one_person_registers_once_per_meeting(workshop):
    culture, sport = tables(workshop)
    person = UserFactory()
    registration_create(workshop=workshop, table=culture, user=person)

    with pytest.raises(ValidationError) as refusal:
        registration_create(workshop=workshop, table=sport, user=person)

    assert refusal.value.code == "already_registered"


def test_the_database_itself_refuses_a_second_active_registration(workshop):
    culture, sport = tables(workshop)
    person = UserFactory()
    registration_create(workshop=workshop, table=culture, user=person)

    with pytest.raises(IntegrityError):
        Registration.objects.create(
            workshop=workshop, table=sport, user=person, status=RegistrationStatus.CONFIRMED
        )


@pytest.mark.parametrize(
    ("moment", "code"),
    [
        (lambda w: w.registration_opens_at - timedelta(minutes=1), "not_open_yet"),
        (lambda w: w.registration_closes_at + timedelta(minutes=1), "deadline_passed"),
    ],
    ids=["before-opening", "after-deadline"],
)
def test_registration_outside_its_window_is_refused(workshop, moment, code):
    culture, _sport = tables(workshop)

    with time_machine.travel(moment(workshop)), pytest.raises(ValidationError) as refusal:
        registration_create(workshop=workshop, table=culture, user=UserFactory())

    assert refusal.value.code == code


def test_a_cancelled_meeting_takes_no_registrations(workshop):
    culture, _sport = tables(workshop)
    workshop.cancelled = True

    with pytest.raises(ValidationError) as refusal:
        registration_create(workshop=workshop, table=culture, user=UserFactory())

    assert "odwołane" in refusal.value.messages[0]


def test_a_table_of_another_meeting_is_refused(workshop, demo_site):
    other = workshop_page(tables=[("Zdrowie", 5)])

    with pytest.raises(ValidationError) as refusal:
        registration_create(workshop=workshop, table=other.tables.get(), user=UserFactory())

    assert refusal.value.code == "bad_table"


def test_cancelling_frees_the_seat_for_the_first_person_waiting(workshop):
    _culture, sport = tables(workshop)
    seated = registration_create(workshop=workshop, table=sport, user=UserFactory())
    first = registration_create(workshop=workshop, table=sport, user=UserFactory())
    second = registration_create(workshop=workshop, table=sport, user=UserFactory())

    promoted = registration_cancel(registration=seated, by=seated.user)

    assert promoted == [first]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "potwierdzona"
    assert waiting_position(second) == 1


def test_moving_takes_a_free_seat_and_gives_the_old_one_to_the_first_waiting(workshop):
    culture, sport = tables(workshop)
    mover = registration_create(workshop=workshop, table=sport, user=UserFactory())
    waiting = registration_create(workshop=workshop, table=sport, user=UserFactory())

    moved = registration_move(registration=mover, table=culture, by=mover.user)

    waiting.refresh_from_db()
    assert (moved.table, moved.status) == (culture, "potwierdzona")
    assert waiting.status == "potwierdzona"


def test_moving_to_a_full_table_joins_its_waiting_list_at_the_back(workshop):
    culture, sport = tables(workshop)
    for _ in range(3):
        registration_create(workshop=workshop, table=culture, user=UserFactory())
    mover = registration_create(workshop=workshop, table=sport, user=UserFactory())

    moved = registration_move(registration=mover, table=culture, by=mover.user, give_up_seat=True)

    assert moved.status == "oczekujaca"
    assert waiting_position(moved) == 2


def test_a_confirmed_seat_is_not_given_up_for_a_full_table_unless_the_person_agreed(workshop):
    culture, sport = tables(workshop)
    for _ in range(3):
        registration_create(workshop=workshop, table=culture, user=UserFactory())
    mover = registration_create(workshop=workshop, table=sport, user=UserFactory())

    with pytest.raises(ValidationError) as refusal:
        registration_move(registration=mover, table=culture, by=mover.user)

    assert refusal.value.code == "gives_up_seat"
    mover.refresh_from_db()
    assert (mover.table, mover.status) == (sport, "potwierdzona")


def test_someone_else_cannot_cancel_my_registration(workshop):
    culture, _sport = tables(workshop)
    mine = registration_create(workshop=workshop, table=culture, user=UserFactory())

    with pytest.raises(ValidationError):
        registration_cancel(registration=mine, by=UserFactory())

    mine.refresh_from_db()
    assert mine.status == "potwierdzona"


def test_a_registration_cannot_be_cancelled_once_the_meeting_has_started(workshop):
    culture, _sport = tables(workshop)
    mine = registration_create(workshop=workshop, table=culture, user=UserFactory())

    with (
        time_machine.travel(workshop.starts_at + timedelta(minutes=5)),
        pytest.raises(ValidationError) as refusal,
    ):
        registration_cancel(registration=mine, by=mine.user)

    assert refusal.value.code == "meeting_started"
    assert "spotkanie już się rozpoczęło" in refusal.value.messages[0]
    mine.refresh_from_db()
    assert mine.status == "potwierdzona"


def test_the_editor_refuses_a_registration_deadline_after_the_start(demo_site):
    workshop = workshop_page(publish=False)
    workshop.registration_closes_at = workshop.starts_at + timedelta(hours=1)

    with pytest.raises(ValidationError) as refusal:
        workshop.clean()

    assert "przed rozpoczęciem spotkania" in refusal.value.message_dict["registration_closes_at"][0]


def test_the_editor_refuses_topics_due_after_the_registration_deadline(demo_site):
    workshop = workshop_page(publish=False)
    workshop.proposals_close_at = workshop.registration_closes_at + timedelta(hours=1)

    with pytest.raises(ValidationError) as refusal:
        workshop.clean()

    assert list(refusal.value.message_dict) == ["proposals_close_at"]


def test_a_table_needs_both_moderators(workshop):
    culture, _sport = tables(workshop)
    culture.ngo_moderator_name = ""

    with pytest.raises(ValidationError) as refusal:
        culture.clean()

    assert "ngo_moderator_name" in refusal.value.message_dict
