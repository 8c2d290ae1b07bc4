"""A resident's personal data across the site: what *Moje dane* shows and downloads (RODO
art. 15 and 20) and what deleting an account erases (art. 17).

Each app knows its own rows, so each app registers a `Holder` from its AppConfig.ready():
how to list what it keeps about a person, and how to erase it. cms imports no feature app;
the apps fill this registry in, in INSTALLED_APPS order.

A holder's `collect(user)` returns records: lists of `Field`s (a stable name for the JSON
download, a label for the page, a value). Its `erase(user)` runs inside the deletion's
transaction, before the account row itself is deleted. Its `expire(now)` erases what the
retention rules no longer allow anybody to keep (`manage.py erase_expired_personal_data`,
run by `manage.py periodic`) and returns how many rows it changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Field:
    name: str  # the key in the JSON download
    label: str  # shown on the page
    value: object  # in the download (a choice's stored value)
    text: str = ""  # on the page instead of the value, when it differs (a choice's label)

    @property
    def shown(self):
        """What the page shows: the text, or a moment in local time as people write it."""
        if self.text:
            return self.text
        if isinstance(self.value, datetime):
            return date_format(timezone.localtime(self.value), "j E Y, H:i")
        if isinstance(self.value, date):
            return date_format(self.value, "j E Y")
        return self.value


Record = list[Field]


@dataclass(frozen=True)
class Holder:
    key: str  # the section's key in the download, e.g. "comments"
    title: str  # the section's heading on the page
    collect: Callable[[object], list[Record]]
    erase: Callable[[object], None] | None = None
    expire: Callable[[datetime], int] | None = None


_holders: dict[str, Holder] = {}


def register(key: str, *, title, collect, erase=None, expire=None) -> None:
    """Called from an AppConfig.ready(); registering a key again replaces it (reloads)."""
    _holders[key] = Holder(key=key, title=title, collect=collect, erase=erase, expire=expire)


def holders() -> list[Holder]:
    return list(_holders.values())


def describe(obj, *names: str, **computed) -> Record:
    """A record of `obj`'s model fields `names` (labelled with their verbose names, choices
    shown by their label) and `computed` fields given as name=(label, value)."""
    record = []
    for name in names:
        field = obj._meta.get_field(name)
        text = str(getattr(obj, f"get_{name}_display")()) if field.choices else ""
        record.append(Field(name, str(field.verbose_name), getattr(obj, name), text))
    record += [Field(name, str(label), value) for name, (label, value) in computed.items()]
    return record


# --- Reading (art. 15 and 20) -----------------------------------------------------------------


def personal_data(user) -> list[tuple[Holder, list[Record]]]:
    """Every section with what it holds about `user` (sections with nothing included)."""
    return [(holder, holder.collect(user)) for holder in holders()]


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return str(value)


def personal_data_export(user) -> dict:
    """The same as `personal_data`, as plain JSON-ready data (the download)."""
    return {
        "exported_at": timezone.now().isoformat(),
        **{
            holder.key: [
                {field.name: _plain(field.value) for field in record} for record in records
            ]
            for holder, records in personal_data(user)
        },
    }


def personal_data_json(user) -> str:
    return json.dumps(
        personal_data_export(user), ensure_ascii=False, indent=2, cls=DjangoJSONEncoder
    )


# --- Erasing (art. 17) ------------------------------------------------------------------------


def account_deletion_refusal(user) -> str | None:
    """Why `user` may not delete their own account, or None. People with access to the
    admin hold the gmina's duties (pages, moderation, positions on remarks): the gmina
    must hand those over and remove the access first."""
    if user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"):
        return str(
            _(
                "Your account has access to the administration panel. Before it can be "
                "deleted, the gmina must hand your duties over to someone else and remove "
                "that access; ask the site's administrator."
            )
        )
    return None


def account_delete(*, user) -> None:
    """Erases everything the site keeps about `user` (each app's eraser), then the account.
    What stays is described in the confirmation e-mail, sent after the commit."""
    refusal = account_deletion_refusal(user)
    if refusal is not None:
        raise ValidationError(refusal, code="staff_account")
    email, name = user.email, user.get_full_name()
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        for holder in holders():
            if holder.erase is not None:
                holder.erase(user)
        user.delete()
        transaction.on_commit(lambda: account_deleted_email(email=email, name=name))


def account_deleted_email(*, email: str, name: str) -> None:
    """Tells the person their account is gone, and what the site keeps and why."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"name": name, "site_url": settings.SITE_URL}
        subject = render_to_string("cms/email/account_deleted_subject.txt", context).strip()
        body = render_to_string("cms/email/account_deleted_message.txt", context)
    send_mail(subject, body, None, [email])


# --- Retention ---------------------------------------------------------------------------------


def expired_personal_data_erase(now: datetime | None = None) -> dict[str, int]:
    """Every holder's retention rule; returns the rows changed per section."""
    now = now or timezone.now()
    return {holder.key: holder.expire(now) for holder in holders() if holder.expire is not None}


# --- The account itself (cms, allauth, the outbox) ---------------------------------------------
