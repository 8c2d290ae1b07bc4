from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = _("E-mail notifications")

    def ready(self):
        from subscriptions import signals
        from subscriptions.participation import register_participation
        from subscriptions.personal_data import register_personal_data

        signals.connect()
        register_personal_data()  # its sections of *Moje dane* (core/personal_data.py)
        register_participation()  # its sections of *Moje zgłoszenia* (core/participation.py)
