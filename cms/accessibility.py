"""The accessibility statement is reviewed every year (Act of 4 April 2019; the minister's
guidance: at least yearly). When a live statement's last review (or, never reviewed, its
preparation) is more than REVIEW_EVERY ago, the coordinators see a warning on the admin home
page and are e-mailed once for that overdue review: the review date the reminder was about is
recorded on the page, so `manage.py periodic` does not send it again every minute; a new
review date that becomes overdue a year later is reminded again.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.ui.components import Component

from cms.models import AccessibilityStatementPage, User
from core.roles import COORDINATORS

REVIEW_EVERY = timedelta(days=365)


def overdue_statements(*, today: date | None = None):
    """Live statements whose last review is more than REVIEW_EVERY before `today`."""
    today = today or timezone.localdate()
    return (
        AccessibilityStatementPage.objects.live()
        .annotate(reviewed=Coalesce("reviewed_on", "prepared_on"))
        .filter(reviewed__lt=today - REVIEW_EVERY)
        .order_by("pk")
    )


def coordinator_addresses() -> list[str]:
    return list(
        User.objects.filter(groups__name=COORDINATORS, is_active=True)
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def _reminder(statement: AccessibilityStatementPage, recipients: list[str]) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        url = statement.url or ""
        context = {
            "statement": statement,
            "edit_url": settings.SITE_URL + reverse("wagtailadmin_pages:edit", args=[statement.pk]),
            "url": url if url.startswith("http") else settings.SITE_URL + url,
        }
        subject = render_to_string("cms/email/statement_review_subject.txt", context).strip()
        body = render_to_string("cms/email/statement_review_message.txt", context)
    return EmailMessage(subject, body, None, recipients)


def send_review_reminders(*, today: date | None = None) -> int:
    """E-mail the coordinators about each overdue statement, once per overdue review. Each
    statement is claimed with one conditional UPDATE in the transaction that queues its
    e-mail, so two workers never send the same reminder. Returns how many were sent."""
    recipients = coordinator_addresses()
    if not recipients:
        return 0
    sent = 0
    for statement in overdue_statements(today=today):
        reviewed = statement.last_reviewed
        with transaction.atomic():
            claimed = (
                AccessibilityStatementPage.objects.filter(pk=statement.pk)
                .filter(Q(review_reminder_for__isnull=True) | ~Q(review_reminder_for=reviewed))
                .update(review_reminder_for=reviewed)
            )
            if not claimed:
                continue
            _reminder(statement, recipients).send()
        sent += 1
    return sent


class StatementReviewPanel(Component):
    """On the admin home page of those who may edit the statement, while it is overdue."""

    name = "accessibility_statement_review"
    template_name = "cms/admin/statement_review_panel.html"
    order = 40

    def __init__(self, statements):
        self.statements = statements

    def get_context_data(self, parent_context=None):
        return {"statements": self.statements, "review_every_days": REVIEW_EVERY.days}
