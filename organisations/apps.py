from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("NGO directory")

    def ready(self):
        from organisations.personal_data import register_personal_data

        register_personal_data()
