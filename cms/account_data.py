"""cms's own sections of *Moje dane* (core/personal_data.py): the account, its e-mail
addresses and the e-mails sent to the person (the outbox). Registered first, from
CmsConfig.ready."""

from __future__ import annotations

from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from cms.mail import TASK_PATH
from cms.models import EmailDelivery
from core.personal_data import Field, Record, describe, register


def _account(user) -> list[Record]:
    return [
        describe(user, "email", "first_name", "last_name", "date_joined", "last_login")
        + [Field("display_name", str(_("name shown in public")), user.display_name)]
    ]


def _email_addresses(user) -> list[Record]:
    return [
        describe(address, "email", "verified", "primary")
        for address in EmailAddress.objects.filter(user=user).order_by("email")
    ]


def _outbox(user) -> list[Record]:
    return [
        describe(delivery, "recipient", "status", "created_at", "sent_at")
        for delivery in EmailDelivery.objects.filter(recipient__iexact=user.email).order_by("pk")
    ]


def _erase_outbox(user) -> None:
    """Delivery records and finished e-mail tasks addressed to the person (their bodies may
    hold links and names); mail still waiting to go out to them goes too."""
    EmailDelivery.objects.filter(recipient__iexact=user.email).delete()
    DBTaskResult.objects.filter(task_path=TASK_PATH, args_kwargs__icontains=user.email).exclude(
        status="RUNNING"
    ).delete()


def _expire_outbox(now: datetime) -> int:
    """Finished tasks (their arguments hold whole e-mails: reset and cancel links) and the
    delivery records of sent or failed e-mail, EMAIL_RETENTION_DAYS after they finished."""
    before = now - timedelta(days=settings.EMAIL_RETENTION_DAYS)
    tasks, _kinds = DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=before
    ).delete()
    deliveries, _kinds = EmailDelivery.objects.filter(
        status__in=[EmailDelivery.Status.SENT, EmailDelivery.Status.FAILED], created_at__lt=before
    ).delete()
    return tasks + deliveries


def register_account_data() -> None:
    """cms's own sections, registered first (CmsConfig.ready)."""
    register("account", title=_("Account"), collect=_account)
    # allauth's addresses go with the account row (CASCADE); listed so the person sees them.
    register("email_addresses", title=_("E-mail addresses"), collect=_email_addresses)
    register(
        "outbox",
        title=_("E-mails sent to you"),
        collect=_outbox,
        erase=_erase_outbox,
        expire=_expire_outbox,
    )
