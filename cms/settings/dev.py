"""Local development, `make run`: SQLite, in-memory channel layer, e-mail on the console."""

from importlib.util import find_spec

from core.env import env_bool

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env_int, env_str

# Daphne, first, makes `runserver` the ASGI (HTTP + WebSocket) development server. It comes
# with the `dev` extra (requirements/test.lock); production serves through uvicorn and has
# no daphne, so without it `runserver` is Django's own (HTTP only, no live updates).
if find_spec("daphne"):
    INSTALLED_APPS = ["daphne", *INSTALLED_APPS]

# Links in e-mails lead to the server that sent them: without SITE_URL, the address and
# port `make run` serves (HOST, PORT), not always :8000.
# Listening on every interface (HOST=0.0.0.0) is reached at 127.0.0.1 from this machine.
_host = env_str("HOST", "127.0.0.1")
_host = "127.0.0.1" if _host in ("0.0.0.0", "::") else _host  # noqa: S104
_served = f"http://{_host}:{env_int('PORT', 8000)}"
SITE_URL = (env_str("SITE_URL") or _served).rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

DEBUG = env_bool("DEBUG", True)
SERVE_MEDIA = True
EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
