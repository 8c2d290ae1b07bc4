from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from consultations.selectors import status_moments
        from consultations.workflow import approval_workflow_ensure
        from core.home import register_clock

        # post_migrate runs after every app's migrations, so Wagtail's workflow tables exist.
        post_migrate.connect(
            approval_workflow_ensure, sender=self, dispatch_uid="consultations.workflow"
        )
        register_clock("consultations", status_moments)  # the home page (core/home.py)
