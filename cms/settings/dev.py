"""Local development, `make run`: SQLite, in-memory channel layer, e-mail on the console."""

from core.env import env_bool

from .base import *  # noqa: F403
from .base import env_int, env_str

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
