from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """The consultation report and the coordinator's dashboard: the one app that reads
    consultations, comments and meetings together (issue 14). Its one model,
    `ReportEdition`, stays in consultations for now: the guard every write of comments
    passes (`consultations.services.report_require_editable`) reads it."""

    name = "reporting"
    verbose_name = _("Consultation reports")
