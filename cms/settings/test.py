"""Test settings: fast hashing, immediate tasks, a file SQLite test database.

The same suite runs on PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set.
"""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_KEY_PREFIX, REDIS_URL

DEBUG = False
SECRET_KEY = "test-only-secret-key-that-is-long-enough-for-django-checks-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

_run = f"{os.getpid()}"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not pytest-django's shared in-memory database: the live ASGI server used by
    # the browser tests runs in another thread and needs real committed data.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"konsultacje-test-{_run}.sqlite3")
    }

if REDIS_URL:
    # Keys of this run only, so parallel runs and a developer's own data stay apart.
    CACHES["default"]["KEY_PREFIX"] = f"{REDIS_KEY_PREFIX}-test-{_run}"  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"{REDIS_KEY_PREFIX}-test-{_run}:asgi"  # noqa: F405

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="konsultacje-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="konsultacje-test-private-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The live server serves static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests of other features log staff in with force_login, without an authenticator app;
# tests/cms/test_two_factor.py turns the requirement on.
STAFF_TWO_FACTOR_REQUIRED = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
