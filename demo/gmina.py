"""The fictional gmina of ../shared/domain.md §4: Gmina Miasta Nadrzecze.

Everything is built through the paths people use: accounts through `account_create`,
pages added to the tree and published as revisions, as an editor would. Every step
looks its object up first, so running it again changes nothing. The people are invented.
`build()` puts the parts together; each app's part is in its own module of this package.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.db import transaction
from django.test.utils import override_settings

from consultations.models import ConsultationIndexPage, ConsultationPage
from consultations.workflow import approval_workflow_ensure
from core.roles import ensure_roles
from demo.comments import seed_discussion, seed_report
from demo.consultations import seed_consultations
from demo.events import seed_workshop
from demo.organisations import seed_organisations
from demo.pages import child, tree_root
from demo.people import DEMO_PASSWORD, DEMO_PEOPLE, seed_people
from demo.site import (
    seed_accessibility_statement,
    seed_discussion_rules,
    seed_gmina_settings,
    seed_home_page,
    seed_privacy_notice,
)
from events.models import EventIndexPage

__all__ = ["DEMO_PASSWORD", "DEMO_PEOPLE", "build"]


def build(*, discussion: bool = True) -> None:
    """The whole demo gmina; `discussion=False` leaves out what the invented people did —
    the demo comments and the table meeting with its registrations — so tests that count
    comments or meetings start from none (and the `demo_site` fixture stays quick).

    Nobody is e-mailed: the people are invented. Messages are sent after the transaction
    commits (registration confirmations, replies), so the dummy backend stays in place
    until the commit is over."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        _build(discussion=discussion)


@transaction.atomic
def _build(*, discussion: bool) -> None:
    tree_root()
    ensure_roles()
    people = seed_people()
    coordinator = people["koordynator@nadrzecze.example"]
    home = seed_home_page(coordinator)
    consultation_index = child(
        home,
        ConsultationIndexPage,
        slug="konsultacje",
        user=coordinator,
        title="Konsultacje",
        intro=(
            "Projekty aktów prawa miejscowego konsultowane z organizacjami pozarządowymi "
            "i mieszkańcami Nadrzecza."
        ),
    )
    child(
        home,
        EventIndexPage,
        slug="spotkania",
        user=coordinator,
        title="Spotkania konsultacyjne",
        intro="Spotkania stolikowe i otwarte spotkania konsultacyjne z zapisami.",
    )
    accessibility = seed_accessibility_statement(home, coordinator)
    privacy = seed_privacy_notice(home, coordinator)
    discussion_rules = seed_discussion_rules(home, coordinator)
    seed_gmina_settings(
        home.get_site(),
        accessibility=accessibility,
        privacy=privacy,
        discussion_rules=discussion_rules,
    )
    approval_workflow_ensure()
    seed_consultations(
        index=consultation_index,
        coordinator=coordinator,
        plenipotentiary=people["pelnomocnik@nadrzecze.example"],
    )
    seed_organisations(
        coordinator=coordinator,
        residents=[people["ewa.nowicka@example.org"], people["jan.wroblewski@example.org"]],
    )
    if discussion:
        seed_workshop(
            consultation=ConsultationPage.objects.get(slug="program-wspolpracy-2027"),
            coordinator=coordinator,
            publisher=people["pelnomocnik@nadrzecze.example"],
        )
        seed_discussion(
            page=ConsultationPage.objects.get(slug="program-wspolpracy-2027"),
            coordinator=coordinator,
            moderator=people["moderator@nadrzecze.example"],
        )
        seed_report(
            page=ConsultationPage.objects.get(slug="program-wspolpracy-2026"),
            coordinator=coordinator,
        )
    DjangoSite.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": urlsplit(settings.SITE_URL).netloc, "name": "Konsultacje Nadrzecze"},
    )
