from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares and which imports no feature app (issue 14): the cache that
    survives Redis outages, the middleware, /health/, the live-update pieces, CSV/XLSX
    exports, the text cleaning of names, the staff roles, the settings' environment
    helpers and the registries of *Moje dane* and *Moje zgłoszenia*."""

    name = "core"
    verbose_name = "core"
