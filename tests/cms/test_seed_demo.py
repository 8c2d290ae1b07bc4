import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from cms.demo import DEMO_PASSWORD, DEMO_PEOPLE
from cms.models import GminaSettings, User

pytestmark = pytest.mark.django_db


def _counts():
    from comments.models import Comment

    return (
        Page.objects.count(),
        User.objects.count(),
        Site.objects.count(),
        Comment.objects.count(),
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


def test_the_demo_sends_no_email(django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", force=True)

    assert mail.outbox == []
