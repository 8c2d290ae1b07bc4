from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Meetings")

    def ready(self):
        from core.home import register_clock
        from events import signals
        from events.participation import register_participation
        from events.personal_data import register_personal_data
        from events.selectors import registration_moments

        signals.connect()
        register_personal_data()  # its sections of *Moje dane* (core/personal_data.py)
        register_participation()  # its sections of *Moje zgłoszenia* (core/participation.py)
        register_clock("events", registration_moments)  # the home page (core/home.py)
