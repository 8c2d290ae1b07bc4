import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from cms.models import GminaSettings, User
from demo.gmina import DEMO_PASSWORD, DEMO_PEOPLE

pytestmark = pytest.mark.django_db


def _counts():
    from comments.models import Comment
    from events.models import Registration, WorkshopTable
    from organisations.models import Representative

    return (
        Page.objects.count(),
        User.objects.count(),
        Site.objects.count(),
        Comment.objects.count(),
        WorkshopTable.objects.count(),
        Registration.objects.count(),
        Representative.objects.count(),
    )


def test_running_the_demo_twice_changes_nothing():
    call_command("seed_demo", force=True)
    first = _counts()

    call_command("seed_demo", force=True)

    assert _counts() == first


def test_demo_makes_the_home_page_the_site_root_at_slash(client):
    call_command("seed_demo", force=True)

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.title == "Konsultacje w Nadrzeczu"
    assert client.get("/").status_code == 200
    assert client.get("/konsultacje/").status_code == 200


def test_demo_sets_the_local_consultation_rules():
    call_command("seed_demo", force=True)

    gmina = GminaSettings.for_site(Site.objects.get(is_default_site=True))
    assert gmina.name == "Gmina Miasta Nadrzecze"
    assert gmina.minimum_duration_days == 7
    assert gmina.report_deadline_days == 30
    assert gmina.consultation_resolution.startswith("Uchwała Nr XII/140/11")


@pytest.mark.parametrize("person", DEMO_PEOPLE, ids=lambda person: person.email)
def test_every_demo_account_can_log_in(client, person):
    call_command("seed_demo", force=True)

    response = client.post("/konto/login/", {"login": person.email, "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_demo_coordinator_reaches_the_admin_after_logging_in(client):
    call_command("seed_demo", force=True)
    client.post(
        "/konto/login/",
        {"login": "koordynator@nadrzecze.example", "password": DEMO_PASSWORD, "next": "/admin/"},
    )

    response = client.get("/admin/")

    assert response.status_code == 200


def test_demo_refuses_to_run_with_debug_off_unless_forced():
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_the_open_demo_consultation_has_a_lively_discussion(client):
    from comments.models import Comment, Kind, Status

    call_command("seed_demo", force=True)

    comments = Comment.objects.all()
    assert comments.count() >= 50
    assert comments.filter(kind=Kind.REMARK, position__isnull=False).exists()
    assert comments.filter(status=Status.HIDDEN).count() == 1
    assert comments.filter(is_official=True).count() == 1
    assert comments.filter(level=3).exists()
    html = client.get("/konsultacje/program-wspolpracy-2027/").content.decode()
    assert "Stanowisko urzędu" in html
    assert "Ukryty przez moderatora: wpis narusza zasady dyskusji" in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demo_sends_no_email():
    """For real: the seeding commits, and what is sent after the commit (the demo people's
    registration confirmations) must not reach anybody either."""
    from django.core import mail

    call_command("seed_demo", force=True)

    assert mail.outbox == []


WORKSHOP_URL = "/konsultacje/program-wspolpracy-2027/spotkanie-stolikowe/"


def _demo_workshop():
    from events.models import WorkshopPage

    return WorkshopPage.objects.get(
        url_path__endswith="/program-wspolpracy-2027/spotkanie-stolikowe/"
    )


def test_the_open_consultation_has_a_table_meeting_with_eight_tables(client):
    call_command("seed_demo", force=True)

    response = client.get(WORKSHOP_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Spotkanie stolikowe „Razem o programie 2027”" in html
    for name in ("Kultura i dziedzictwo", "Seniorzy", "Procedury konkursowe i generator ofert"):
        assert f'<h3 lang="pl">{name}</h3>' in html
    assert _demo_workshop().tables.count() == 8


def test_every_demo_table_has_a_city_and_an_ngo_moderator_and_ten_to_fourteen_seats():
    call_command("seed_demo", force=True)

    for table in _demo_workshop().tables.all():
        table.full_clean()  # the editor's own check: two named moderators, where they are from
        assert table.city_moderator_name and table.ngo_moderator_name
        assert table.city_moderator_name != table.ngo_moderator_name
        assert 10 <= table.capacity <= 14


def test_demo_tables_cover_the_areas_of_art_4(client):
    call_command("seed_demo", force=True)

    culture = _demo_workshop().tables.get(name="Kultura i dziedzictwo")

    assert sorted(culture.areas.values_list("number", flat=True)) == ["16", "4", "5"]
    assert "16. kultura, sztuka" in client.get(WORKSHOP_URL).content.decode()


def test_the_seniors_table_is_full_and_three_people_wait_in_line(client):
    call_command("seed_demo", force=True)
    seniors = _demo_workshop().tables.get(name="Seniorzy")

    assert seniors.registrations.confirmed().count() == seniors.capacity
    assert seniors.registrations.waiting().count() == 3
    html = client.get(WORKSHOP_URL).content.decode()
    assert "pełny — lista oczekujących" in html


def test_the_other_demo_tables_still_have_seats():
    call_command("seed_demo", force=True)

    for table in _demo_workshop().tables.exclude(name="Seniorzy"):
        assert 0 < table.registrations.confirmed().count() < table.capacity
        assert not table.registrations.waiting().exists()


def test_some_demo_people_register_for_organisations_they_represent():
    from events.models import Registration

    call_command("seed_demo", force=True)

    for_organisations = Registration.objects.filter(organisation__isnull=False)
    assert for_organisations.count() >= 5
    for registration in for_organisations:
        representatives = registration.organisation.representatives.confirmed()
        assert representatives.filter(user=registration.user).exists()


def test_demo_registration_is_open_now_and_closes_in_a_few_days():
    from datetime import timedelta

    from django.utils import timezone

    call_command("seed_demo", force=True)
    workshop = _demo_workshop()
    now = timezone.now()

    assert workshop.registration_is_open()
    assert now + timedelta(days=2) < workshop.registration_closes_at < now + timedelta(days=6)
    assert now < workshop.proposals_close_at < workshop.registration_closes_at
    assert workshop.registration_closes_at < workshop.starts_at
    workshop.full_clean()


def test_a_demo_resident_can_register_at_the_demo_meeting(client):
    call_command("seed_demo", force=True)
    client.post("/konto/login/", {"login": "ewa.nowicka@example.org", "password": DEMO_PASSWORD})
    table = _demo_workshop().tables.get(name="Kultura i dziedzictwo")

    response = client.post(
        WORKSHOP_URL + "zapisz/", {"table": table.pk, "waitlist": "on"}, follow=True
    )

    assert "Masz miejsce przy stoliku „Kultura i dziedzictwo”." in response.content.decode()


def test_the_meetings_index_lists_the_meeting_held_under_the_consultation(client):
    call_command("seed_demo", force=True)

    html = client.get("/spotkania/").content.decode()

    assert f'href="{WORKSHOP_URL}"' in html
    assert "Spotkanie stolikowe „Razem o programie 2027”" in html


def test_the_closed_demo_consultation_has_a_published_report_of_every_channel(client):
    from comments.models import Channel, Comment, Kind, Outcome
    from consultations.models import ConsultationPage

    call_command("seed_demo", force=True)

    closed = ConsultationPage.objects.get(slug="program-wspolpracy-2026")
    remarks = Comment.objects.on_page(closed).filter(kind=Kind.REMARK)
    assert 25 <= remarks.count() <= 35
    assert not remarks.filter(position__isnull=True).exists()
    assert set(remarks.values_list("position__outcome", flat=True)) == set(Outcome.values)
    assert set(remarks.values_list("channel", flat=True)) == set(Channel.values)
    assert remarks.filter(is_late=True).exists() and remarks.exclude(formal_defect="").exists()
    assert closed.report_published_at is not None
    html = client.get("/konsultacje/program-wspolpracy-2026/raport/").content.decode()
    assert "Halina Mazur" in html and "po terminie" in html
