"""System checks for configuration mistakes that would silently weaken the site."""

from pathlib import Path

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


@register()
def private_files_are_not_public(app_configs, **kwargs):
    """PRIVATE_MEDIA_ROOT (scans of remarks) must not lie where /media/ or /static/ serve."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    public = [Path(root).resolve() for root in (settings.MEDIA_ROOT, settings.STATIC_ROOT) if root]
    if any(private == root or root in private.parents for root in public):
        return [
            Error(
                "PRIVATE_MEDIA_ROOT is inside MEDIA_ROOT or STATIC_ROOT.",
                hint="Files only staff may see would be served to anyone; move it outside.",
                id="cms.E002",
            )
        ]
    return []
