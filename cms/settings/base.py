"""Settings for every environment.

Everything lives here and is switched by environment variables with safe development
defaults; ``dev``, ``test`` and ``production`` only flip a handful of values.
Each variable is listed in the README's configuration table.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from core.env import env_addresses, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# --- Core ---------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", False)
# Development-only fallback; production.py refuses to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-development-only-never-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Where every absolute link (e-mails, the admin's workflow mail, the Sites: cms/sites.py)
# starts.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The footer's "Source code" link (AGPL-3.0 §13: users of the site can get its source). A
# deployment points it at the code it runs, its own changes included; the default is the
# demo gmina's placeholder.
SOURCE_CODE_URL = env_str("SOURCE_CODE_URL") or "https://git.nadrzecze.example/konsultacje"

INSTALLED_APPS = [
    "core",
    "cms",
    "consultations",
    "events",
    "comments",
    "organisations",
    "subscriptions",
    "reporting",
    "demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_comments_xtd",  # before django_comments, as its docs require
    "django_comments",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "channels",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside every middleware that answers with a page: the maintenance page and cached
    # pages get these headers too (static files, answered by WhiteNoise, need none).
    "core.middleware.ContentSecurityPolicyMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    # Before the session and auth: the database down is a Polish 503 page, not a traceback.
    "core.middleware.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cms.two_factor.StaffTwoFactorMiddleware",  # after the log-in: staff without TOTP set it up
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "consultations.middleware.PublicationRefusedMiddleware",  # an incomplete notice: why
    # Last: a hit still gets every header the middleware above adds (core/pagecache.py).
    "core.pagecache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "cms.urls"
ASGI_APPLICATION = "cms.asgi.application"
WSGI_APPLICATION = "cms.wsgi.application"
SITE_ID = 1
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Project templates first: they override allauth's and django-comments-xtd's.
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_shell",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE takes the write lock at
    # BEGIN, so two people posting at the same moment queue instead of failing with
    # "database is locked" (measured in ../shared/stack.md §5).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    INSTALLED_APPS.append("django.contrib.postgres")
    # An unreachable server fails the request (maintenance page, health check) within
    # seconds instead of the operating system's TCP timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

# --- Redis: cache and channel layer ---------------------------------------------------------

REDIS_URL = env_str("REDIS_URL")
REDIS_KEY_PREFIX = env_str("REDIS_KEY_PREFIX", "konsultacje")

if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache that answers a miss, not an error, while Redis is down.
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_KEY_PREFIX,
            # A Redis that does not answer costs a request at most these seconds per call.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # Reads wait on Redis for up to 5 s (channels_redis' blocking pop); a socket
                # timeout of 5 s (redis-py's default) made idle readers' sockets drop.
                "hosts": [{"address": REDIS_URL, "socket_timeout": 10}],
                "prefix": f"{REDIS_KEY_PREFIX}:asgi",
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # One process only: the development server and the test suite.
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Background tasks -----------------------------------------------------------------------

TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",  # runs inline
    "database": "django_tasks_db.DatabaseBackend",  # queued for `manage.py db_worker`
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env_str("TASKS_BACKEND", "immediate")]}}

# --- E-mail ---------------------------------------------------------------------------------

# Every message goes through the task queue (cms/mail.py); the worker hands it to the
# delivery backend. With TASKS_BACKEND=database no request ever waits for SMTP.
EMAIL_BACKEND = "cms.mail.TaskQueueEmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent_mail"))  # filebased backend
# Delivery by the task worker (cms/mail.py): a temporary failure is tried again after
# EMAIL_DELIVERY_RETRY_SECONDS, doubling each time, up to EMAIL_DELIVERY_MAX_ATTEMPTS attempts;
# a delivery unfinished after EMAIL_DELIVERY_TIMEOUT seconds (its worker was killed) is queued
# again by `manage.py periodic`.
EMAIL_DELIVERY_MAX_ATTEMPTS = env_int("EMAIL_DELIVERY_MAX_ATTEMPTS", 6)
EMAIL_DELIVERY_RETRY_SECONDS = env_int("EMAIL_DELIVERY_RETRY_SECONDS", 60)
EMAIL_DELIVERY_TIMEOUT = env_int("EMAIL_DELIVERY_TIMEOUT", 600)

# --- Retention of personal data (core/personal_data.py, run by `manage.py periodic`) ----------

# Finished e-mail tasks (whole messages with their links) and delivery records, after days.
EMAIL_RETENTION_DAYS = env_int("EMAIL_RETENTION_DAYS", 7)
# Comment IP addresses: until the report is published, or this many days after closing.
COMMENT_IP_RETENTION_DAYS = env_int("COMMENT_IP_RETENTION_DAYS", 90)
# Accessibility needs given at registration (health data): this many days after the meeting.
ACCESSIBILITY_NEEDS_RETENTION_DAYS = env_int("ACCESSIBILITY_NEEDS_RETENTION_DAYS", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Konsultacje <konsultacje@nadrzecze.example>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Who gets the error reports (server errors with DEBUG off), e.g.
# ADMINS="Jan Nowak <jan.nowak@nadrzecze.example>, it@nadrzecze.example".
ADMINS = env_addresses("ADMINS")
EMAIL_SUBJECT_PREFIX = "[Konsultacje] "

# --- Accounts (django-allauth) --------------------------------------------------------------

AUTH_USER_MODEL = "cms.User"
# allauth's backend only (it is a ModelBackend for permissions too): people log in through
# allauth's views, which throttle and insist on a confirmed address (cms/urls.py sends
# Wagtail's and the admin's log-in forms there).
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "cms.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "cms.forms.SignupDetailsForm"
ACCOUNT_FORMS = {
    "login": "cms.account_forms.EmailLoginForm",
    "signup": "cms.account_forms.EmailSignupForm",
    "reset_password": "cms.account_forms.EmailResetPasswordForm",
}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
# Residents must be told plainly that an address is taken (issue 2), so sign-up does not
# hide existing accounts. Log-in and password reset answer the same for any address
# (cms.account_forms.EmailResetPasswordForm).
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = EMAIL_SUBJECT_PREFIX
ACCOUNT_RATE_LIMITS = {
    # Brute-force protection without letting a stranger lock an account (cms/adapters.py):
    # five failed log-ins for one account from one IP address within 15 minutes lock that
    # address out of that account ("key" is the account and the address); 20 a minute per
    # address; and 100 an hour per account from all addresses together.
    "login_failed": "20/m/ip,5/15m/key",
    "login_failed_account": "100/h/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    # Wagtail's password for a restricted page (cms.views.page_password): "key" is the page
    # and the IP address.
    "page_password": "20/m/ip,10/15m/key",
}

# Two-factor authentication (allauth.mfa): an authenticator app's codes (TOTP) with
# recovery codes; no WebAuthn. Required for staff (cms/two_factor.py), optional for residents.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Konsultacje"
MFA_TOTP_TOLERANCE = 1  # one 30-second step either way: phones' clocks drift
# Off only where staff log in without an authenticator app on purpose (bench/stack.py).
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", True)

# --- Internationalisation -------------------------------------------------------------------

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "cms" / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Serve uploads through Django when no reverse proxy does (development, `make prod`).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
# Files only staff may see (scans of remarks on paper): outside MEDIA_ROOT, never served by
# /media/ or a proxy, handed out by a view that checks the permission (comments/attachments.py).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o644

# --- Backups (cms/backup.py: manage.py backup / restore) ------------------------------------

BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "backups")))
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)  # newest archives kept; 0 keeps all
# 32 random bytes, base64 (`manage.py backup --generate-key`); empty = archives unencrypted.
BACKUP_ENCRYPTION_KEY = env_str("BACKUP_ENCRYPTION_KEY")

# --- Wagtail --------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Konsultacje"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # the editor transliterates: /zwierzetami/, not %C4%99
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "rtf", "txt", "xlsx", "ods", "csv", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
# One log-in for everybody: the admin sends people to the throttled allauth log-in form.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"  # pages restricted to logged-in people
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = True
# No Gravatar: it would send a hash of every staff member's e-mail address to a third party
# on every admin page (and the admin's CSP would have to allow it). Wagtail draws a default.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Comments (django-comments-xtd, extended by the `comments` app) -------------------------

COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "comments.models.Comment"
COMMENTS_XTD_FORM_CLASS = "comments.forms.CommentForm"
COMMENTS_XTD_MAX_THREAD_LEVEL = 3  # a comment and replies three deep
COMMENT_MAX_LENGTH = 3000
# Posts per person: at most COMMENT_RATE_LIMIT[0] in COMMENT_RATE_LIMIT[1] seconds.
COMMENT_RATE_LIMIT = (5, 10 * 60)
# Reactions (agree, disagree, taking one back) and reports per person, in the same form.
REACTION_RATE_LIMIT = (60, 10 * 60)
REPORT_RATE_LIMIT = (10, 10 * 60)
COMMENT_EDIT_MINUTES = 15
COMMENTS_PER_PAGE = 20  # threads
COMMENTS_XTD_CONFIRM_EMAIL = False  # residents log in; no signed-pickle confirmation links
COMMENTS_XTD_THREADED_EMAILS = False  # mail goes through the task queue instead
COMMENTS_XTD_SALT = env_str("COMMENTS_XTD_SALT", "konsultacje-comments").encode()
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {
        "who_can_post": "users",
        "allow_flagging": True,
        "allow_feedback": True,
        "show_feedback": False,
    }
}

# --- Security (tightened by production.py) --------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview view opts itself into SAMEORIGIN
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"  # Django's default, stated

# Content-Security-Policy (django-csp, through core.middleware.ContentSecurityPolicyMiddleware).
# Public pages run only the site's own files: no inline script, event handler or style
# attribute, no third-party origin. The middleware adds the WebSocket origin of the request's
# host to connect-src (CSP 3 lets 'self' cover it, older browsers do not) and gives Wagtail's
# admin, which needs inline scripts and styles, the looser CONTENT_SECURITY_POLICY_ADMIN.
# Enforced, never report-only; CSP_REPORT_URI optionally names where browsers report.
_csp_report_uri = env_str("CSP_REPORT_URI")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # data: for allauth's TOTP QR code
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "report-uri": [_csp_report_uri] if _csp_report_uri else None,
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        # Wagtail's admin writes inline scripts (panels, date widgets) and style attributes.
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        # Image previews before upload (blob:); Wagtail's update check shown to superusers.
        "img-src": ["'self'", "data:", "blob:"],
        "connect-src": ["'self'", "https://releases.wagtail.org"],
        # The page editor shows the preview (itself an admin URL) in a frame.
        "frame-ancestors": ["'self'"],
    }
}

# --- Logging --------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
