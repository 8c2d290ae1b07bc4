"""System checks for configuration mistakes that would silently weaken the site."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def websocket_origins_are_restricted(app_configs, **kwargs):
    """The WebSocket origin check reads ALLOWED_HOSTS; '*' would accept any web site."""
    if "*" in settings.ALLOWED_HOSTS:
        return [
            Error(
                "ALLOWED_HOSTS contains '*'.",
                hint=(
                    "WebSocket connections are checked against ALLOWED_HOSTS; with '*' any web "
                    "site could open a live connection in a visitor's name. List the real hosts."
                ),
                id="cms.E001",
            )
        ]
    return []
