"""Production: refuses to start without a secret key; HTTPS settings driven by the environment.

`python manage.py check --deploy` under these settings reports no warnings when
SECRET_KEY is a real key (50+ random characters).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from core.env import env_bool, env_int, env_str

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES, TASK_BACKENDS

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings refuse to start without one; generate it with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. List the host names the site answers to, e.g. "
        "ALLOWED_HOSTS=konsultacje.nadrzecze.pl"
    )

# A pool of connections per process instead of a new PostgreSQL connection per request: a
# connection costs several milliseconds, more than answering a reader from the page cache.
# The pool's own checks replace CONN_MAX_AGE; a database outage still fails fast (timeout).
DATABASE_POOL_SIZE = env_int("DATABASE_POOL_SIZE", 8)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DATABASE_POOL_SIZE:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": 1,
        "max_size": DATABASE_POOL_SIZE,
        "timeout": 5,  # seconds to wait for a free connection, as connect_timeout
    }

TASKS = {"default": {"BACKEND": TASK_BACKENDS[env_str("TASKS_BACKEND", "database")]}}

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS: on by default; a deployment behind a TLS-terminating proxy sets
# SECURE_PROXY_SSL_HEADER_NAME (usually HTTP_X_FORWARDED_PROTO).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
_proxy_header = env_str("SECURE_PROXY_SSL_HEADER_NAME")
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = (_proxy_header, "https")
# Health checks from the proxy or the load balancer come over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^healthz$"]

# Error tracking, optional: with SENTRY_DSN set (the `sentry` extra, in the production lock),
# unhandled errors also go to Sentry or a compatible service (GlitchTip); off without it.
# Nothing personal leaves: no IP addresses, cookies or users, no request bodies (comments,
# addresses) and no local variables of the failing code.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    try:
        import sentry_sdk
    except ImportError as exc:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: install requirements/"
            "production.lock (or the project's `sentry` extra)."
        ) from exc
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=0.0,
    )
