"""E-mail about what happens in a consultation, to its followers, and about new
consultations and meetings, to the newsletter.

Every notification is a `Notice`: an event with a key, e.g. "opened:12". Each event is sent
once per person: before a message is queued, its (event key, address) row is inserted into
`NotificationSent` in the same transaction. The unique constraint decides between two
senders running at the same moment (two `periodic` processes, or the task after a publish
and the periodic sweep): the second insert waits for the first transaction and then fails
with IntegrityError, and that sender skips the person. A failure before the commit leaves
no row, so the next run tries again.

Where events come from:

- by the clock, from `manage.py periodic` (`send_consultation_notifications`): a
  consultation opened, and two days before it closes;
- by signals, sent at once through the task queue (`notify`): a new public version of the
  draft (number 2 and later), the report published, and the first publication of a
  consultation or a table meeting (the newsletter). The periodic sweep looks for these too,
  so an event whose task failed is still sent.

Only events of the last `WINDOW` are sent (a closing reminder: until the consultation
closes), so the first deployment, or a job that was stopped for a week, does not e-mail
about things long past. A person hears about events that happened after they followed
or subscribed (confirmed before the event's moment), never about older ones.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from subscriptions import mail
from subscriptions.models import Follow, NewsletterSubscription, NotificationSent

logger = logging.getLogger(__name__)

WINDOW = timedelta(hours=24)
CLOSING_NOTICE = timedelta(hours=48)

FOLLOWER_TEMPLATES = ("opened", "closing", "version", "report", "report_correction")
NEWSLETTER_TEMPLATES = ("new_consultation", "new_workshop")


@dataclass(frozen=True)
class Notice:
    key: str  # the event, e.g. "opened:12"; one e-mail per key and address
    template: str  # subscriptions/email/<template>…
    page: object  # the ConsultationPage or WorkshopPage it is about
    moment: datetime  # when it happened: only people confirmed by then are told
    version: object = None  # the DraftVersion of a "version" notice
    edition: object = None  # the ReportEdition of a "report_correction" notice

    @property
    def for_newsletter(self) -> bool:
        return self.template in NEWSLETTER_TEMPLATES


# --- Which events are due ------------------------------------------------------------------


def _consultations():
    from consultations.models import ConsultationPage

    return ConsultationPage.objects.live().public()


def _not_closed(now):
    return Q(closes_at__isnull=True) | Q(closes_at__gt=now)


def opened_notices(now, pk=None):
    pages = _consultations().filter(_not_closed(now), opens_at__lte=now, opens_at__gt=now - WINDOW)
    for page in pages.filter(pk=pk) if pk else pages:
        yield Notice(f"opened:{page.pk}", "opened", page, page.opens_at)


def closing_notices(now, pk=None):
    pages = _consultations().filter(closes_at__gt=now, closes_at__lte=now + CLOSING_NOTICE)
    for page in pages.filter(pk=pk) if pk else pages:
        yield Notice(f"closing:{page.pk}", "closing", page, page.closes_at - CLOSING_NOTICE)


def version_notices(now, pk=None):
    from consultations.models import DraftVersion

    versions = DraftVersion.objects.filter(
        number__gte=2,
        published_at__gt=now - WINDOW,
        published_at__lte=now,
        page__in=_consultations(),
    ).select_related("page")
    for version in versions.filter(pk=pk) if pk else versions:
        yield Notice(
            f"version:{version.page_id}:{version.number}",
            "version",
            version.page,
            version.published_at,
            version=version,
        )


def report_notices(now, pk=None):
    pages = _consultations().filter(
        report_published_at__gt=now - WINDOW, report_published_at__lte=now
    )
    for page in pages.filter(pk=pk) if pk else pages:
        yield Notice(f"report:{page.pk}", "report", page, page.report_published_at)


def report_correction_notices(now, pk=None):
    """A correction of a published report: its edition 2, 3, … (edition 1 is "report")."""
    from consultations.models import ReportEdition

    editions = ReportEdition.objects.filter(
        number__gte=2,
        published_at__gt=now - WINDOW,
        published_at__lte=now,
        page__in=_consultations(),
    ).select_related("page")
    for edition in editions.filter(pk=pk) if pk else editions:
        yield Notice(
            f"report:{edition.page_id}:{edition.number}",
            "report_correction",
            edition.page,
            edition.published_at,
            edition=edition,
        )


def new_consultation_notices(now, pk=None):
    pages = _consultations().filter(first_published_at__gt=now - WINDOW)
    for page in pages.filter(pk=pk) if pk else pages:
        yield Notice(
            f"new-consultation:{page.pk}", "new_consultation", page, page.first_published_at
        )


def new_workshop_notices(now, pk=None):
    from events.models import WorkshopPage

    pages = (
        WorkshopPage.objects.live()
        .public()
        .filter(first_published_at__gt=now - WINDOW, cancelled=False, starts_at__gt=now)
    )
    for page in pages.filter(pk=pk) if pk else pages:
        yield Notice(f"new-workshop:{page.pk}", "new_workshop", page, page.first_published_at)


NOTICES = {
    "opened": opened_notices,
    "closing": closing_notices,
    "version": version_notices,
    "report": report_notices,
    "report_correction": report_correction_notices,
    "new_consultation": new_consultation_notices,
    "new_workshop": new_workshop_notices,
}


def due_notices(now):
    for notices in NOTICES.values():
        yield from notices(now)


# --- Who gets them -------------------------------------------------------------------------


def recipients(notice: Notice) -> list[str]:
    """Confirmed addresses (by the event's moment) that have not been sent this notice."""
    if notice.for_newsletter:
        addresses = set(
            NewsletterSubscription.objects.confirmed()
            .filter(confirmed_at__lte=notice.moment)
            .values_list("email", flat=True)
        )
    else:
        follows = (
            Follow.objects.confirmed()
            .filter(page_id=notice.page.pk, confirmed_at__lte=notice.moment)
            .exclude(user__is_active=False)
            .select_related("user")
        )
        addresses = {follow.recipient for follow in follows}
    sent = NotificationSent.objects.filter(event=notice.key, email__in=addresses)
    return sorted(addresses - set(sent.values_list("email", flat=True)))


# --- Sending -------------------------------------------------------------------------------


def message(notice: Notice, email: str):
    page = notice.page
    context = {"page": page, "url": mail.page_url(page)}
    if notice.template == "version":
        context["version"] = notice.version
        context["compare_url"] = (
            mail.subpage_url(page, "compare_versions")
            + f"?od={notice.version.number - 1}&do={notice.version.number}"
        )
    elif notice.template in ("report", "report_correction"):
        context["url"] = mail.subpage_url(page, "report")
        context["edition"] = notice.edition
    unsubscribe = mail.unsubscribe_url(
        email=email, page_id=None if notice.for_newsletter else page.pk
    )
    return mail.build(notice.template, to=email, context=context, unsubscribe=unsubscribe)


def send_notice(notice: Notice) -> int:
    """E-mail everyone who should hear about this event and has not yet; returns how many
    e-mails this call queued (another sender may have taken some of them)."""
    sent = 0
    for email in recipients(notice):
        outgoing = message(notice, email)  # rendered before the claim: short transactions
        try:
            with transaction.atomic():
                NotificationSent.objects.create(event=notice.key, email=email)
                outgoing.send()
        except IntegrityError:
            continue  # claimed by another sender meanwhile
        sent += 1
    if sent:
        logger.info("Notification %s sent to %d address(es).", notice.key, sent)
    return sent


def send_due_notifications(*, now=None) -> int:
    """Everything due now (the periodic job); returns how many e-mails were queued."""
    now = now or timezone.now()
    return sum(send_notice(notice) for notice in due_notices(now))


@task()
def notify(kind: str, object_id: int) -> int:
    """The notices of one event, from the task queue right after it happened."""
    now = timezone.now()
    return sum(send_notice(notice) for notice in NOTICES[kind](now, pk=object_id))


def notify_after_commit(kind: str, object_id: int) -> None:
    transaction.on_commit(lambda: notify.enqueue(kind, object_id), robust=True)
