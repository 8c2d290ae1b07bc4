"""The organisations a person acts for, for *Moje dane* and account deletion
(core/personal_data.py; registered from OrganisationsConfig.ready). The representations go
with the account; the organisation's own data (a legal person's) stays in the directory."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import describe, register
from organisations.models import Representative


def _representations(user):
    return [
        describe(
            representation,
            "role",
            "declared_at",
            "confirmed_at",
            organisation=(_("organisation"), representation.organisation.name),
        )
        for representation in Representative.objects.filter(user=user).select_related(
            "organisation"
        )
    ]


def _erase(user) -> None:
    Representative.objects.filter(user=user).delete()


def register_personal_data() -> None:
    register(
        "representations",
        title=_("Organisations you act for"),
        collect=_representations,
        erase=_erase,
    )
