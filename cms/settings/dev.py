"""Local development, `make run`: SQLite, in-memory channel layer, e-mail on the console."""

from cms.env import env_bool

from .base import *  # noqa: F403
from .base import env_str

DEBUG = env_bool("DEBUG", True)
SERVE_MEDIA = True
EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
