"""Defence in depth through HTTP headers: the Content-Security-Policy (a strict one for the
public site, a looser one for Wagtail's admin), Permissions-Policy, Cross-Origin-Opener-Policy
and Referrer-Policy (core/middleware.py, cms/settings/base.py)."""

from datetime import timedelta
from pathlib import Path

import lxml.html
import pytest
from django.conf import settings as django_settings
from django.urls import re_path
from django.utils import timezone
from django.views.static import serve

from cms.services import role_assign
from comments.models import Outcome, Position
from consultations.models import ConsultationPage
from consultations.services import version_publish
from core.roles import COORDINATORS
from reporting.services import report_publish
from tests.factories import UserFactory, consultation_page, remark_on, workshop_page

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"
PUBLIC_PAGES = ["home", "consultation", "workshop", "report"]


@pytest.fixture
def coordinator(db):
    user = UserFactory(first_name="Marta", last_name="Zielińska")
    role_assign(user=user, role=COORDINATORS)
    return user


@pytest.fixture
def pages(demo_site, coordinator):
    """The address of each kind of public page: a closed consultation with its statistics
    and published report, and an upcoming table meeting."""
    now = timezone.now()
    consultation = consultation_page(
        slug="program-2028",
        title="Program współpracy Gminy Nadrzecze na 2028 rok",
        opens_at=now - timedelta(days=20),
        closes_at=now - timedelta(days=2),
    )
    version_publish(page=consultation, label="projekt do konsultacji")
    consultation = ConsultationPage.objects.get(pk=consultation.pk)
    position = Position.objects.create(
        page=consultation, outcome=Outcome.ACCEPTED, justification="Zapis zostanie uzupełniony."
    )
    remark_on(consultation, position=position)
    report_publish(page=consultation, by=coordinator)
    workshop = workshop_page(slug="spotkanie-2028")
    return {
        "home": "/",
        "consultation": consultation.url,
        "workshop": workshop.url,
        "report": f"{consultation.url}raport/",
    }


def policy(response, header="Content-Security-Policy") -> dict[str, list[str]]:
    """The policy as {directive: [sources]}."""
    directives = (part.split() for part in response[header].split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def read(client, url):
    response = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response


@pytest.mark.parametrize("kind", PUBLIC_PAGES)
def test_a_public_page_runs_only_the_sites_own_scripts_and_styles(client, pages, kind):
    csp = policy(read(client, pages[kind]))

    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]


@pytest.mark.parametrize("kind", PUBLIC_PAGES)
def test_a_public_page_has_no_inline_script_style_or_event_handler(client, pages, kind):
    document = lxml.html.fromstring(read(client, pages[kind]).content)

    assert document.xpath("//*[@style]") == []
    assert document.xpath("//style") == []
    assert document.xpath("//script[not(@src) and not(@type='application/json')]") == []
    handlers = [name for element in document.iter() for name in element.attrib if name[:2] == "on"]
    assert handlers == []
    assert document.xpath("//*[starts-with(normalize-space(@href), 'javascript:')]") == []


def test_the_live_feed_may_connect_to_the_sites_own_websocket_origin(client, pages):
    csp = policy(read(client, pages["consultation"]))

    assert csp["connect-src"] == ["'self'", "ws://testserver"]


def test_over_https_the_live_feed_may_connect_with_wss(client, pages):
    response = client.get(pages["workshop"], secure=True, HTTP_USER_AGENT=BROWSER)

    assert policy(response)["connect-src"] == ["'self'", "wss://testserver"]


def test_the_policy_is_enforced_not_only_reported(client, pages):
    response = read(client, pages["home"])

    assert "Content-Security-Policy-Report-Only" not in response


def test_a_report_uri_set_in_the_environment_is_named_in_the_policy(client, pages, settings):
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**directives, "report-uri": ["https://csp.nadrzecze.example/raport"]}
    }

    csp = policy(read(client, pages["home"]))

    assert csp["report-uri"] == ["https://csp.nadrzecze.example/raport"]
    assert csp["script-src"] == ["'self'"]


def test_a_page_from_the_anonymous_page_cache_carries_every_header(client, pages):
    first = read(client, pages["consultation"])
    second = read(client, pages["consultation"])

    assert second["X-Page-Cache"] == "hit"
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "Cross-Origin-Opener-Policy",
        "Referrer-Policy",
        "X-Content-Type-Options",
    ):
        assert second[header] == first[header], header


def test_the_admin_has_its_own_policy_that_allows_wagtails_inline_code(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/admin/")

    assert response.status_code == 200
    csp = policy(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert "'unsafe-inline'" in csp["style-src"]
    assert csp["frame-ancestors"] == ["'self'"]  # the page editor frames its preview
    assert csp["object-src"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]


def test_the_admin_sends_no_staff_e_mail_hash_to_gravatar(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/admin/")

    assert b"gravatar.com" not in response.content
    assert "gravatar" not in response["Content-Security-Policy"]


def test_the_admin_preview_of_a_page_may_be_framed_by_the_admin_only(client, coordinator, pages):
    page = ConsultationPage.objects.get(slug="program-2028")
    client.force_login(coordinator)

    response = client.get(f"/admin/pages/{page.pk}/view_draft/")

    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == ["'self'"]


def test_every_response_switches_off_the_camera_microphone_location_and_payments(client, pages):
    for response in (read(client, pages["home"]), client.get("/nie-ma-takiej-strony/")):
        permissions = dict(
            feature.strip().split("=") for feature in response["Permissions-Policy"].split(",")
        )
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert permissions[feature] == "()", feature


def test_pages_keep_their_window_to_themselves_and_send_no_referrer_elsewhere(client, pages):
    response = read(client, pages["workshop"])

    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_maintenance_page_carries_the_policy_and_needs_no_inline_style(client, pages):
    from tests.cms.conftest import database_is_down

    with database_is_down():
        response = client.get(pages["consultation"] + "?od=newslettera")

    assert response.status_code == 503
    assert policy(response)["style-src"] == ["'self'"]
    assert b"<style" not in response.content


# --- Uploads served by the site itself (SERVE_MEDIA) -------------------------------------------

urlpatterns = [  # cms/urls.py adds this route only when SERVE_MEDIA is on at start-up
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": django_settings.MEDIA_ROOT})
]


@pytest.fixture
def uploaded_html():
    upload = Path(django_settings.MEDIA_ROOT) / "ogloszenie.html"
    upload.write_text("<p>Ogłoszenie</p><script>document.cookie</script>")
    yield upload
    upload.unlink()


@pytest.mark.urls(__name__)
def test_an_uploaded_file_served_by_the_site_runs_nothing(client, settings, uploaded_html):
    settings.SERVE_MEDIA = True

    response = client.get(f"/media/{uploaded_html.name}")

    assert response.status_code == 200
    assert policy(response) == {"default-src": ["'none'"], "sandbox": []}
