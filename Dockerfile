# syntax=docker/dockerfile:1
# konsultacje: one image for the web workers, the task worker and the periodic runner
# (compose.yaml). Only the locked runtime versions (requirements/production.lock), run as a
# user without privileges; static files collected at build time.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# The PostgreSQL client (pg_dump, psql) of Debian 12 is major version 15, as compose.yaml's db.
# Not pinned to a Debian revision: the archive drops old revisions as security fixes arrive.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first: this layer is rebuilt only when the lock changes.
COPY requirements/production.lock /tmp/production.lock
RUN python -m venv /opt/venv \
    && pip install --require-hashes -r /tmp/production.lock \
    && rm /tmp/production.lock

RUN groupadd --system --gid 10001 konsultacje \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin konsultacje \
    && install -d -o konsultacje -g konsultacje /data /data/media /data/private /app

WORKDIR /app
COPY . .

# The settings serve the site from here; uploads live on the /data volume. (PRIVATE_MEDIA_ROOT
# is a folder, not a secret.)
# hadolint ignore=DL3064
ENV DJANGO_SETTINGS_MODULE=cms.settings.production \
    STATIC_ROOT=/app/static_collected \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private \
    EMAIL_FILE_PATH=/data/sent_mail \
    HOST=0.0.0.0 \
    PORT=8000

# Production settings refuse to load without these two; the values are for this step only.
RUN SECRET_KEY=collectstatic-at-build-time-only ALLOWED_HOSTS=localhost \
        python manage.py collectstatic --noinput --verbosity 0 \
    && chown -R konsultacje:konsultacje /app/static_collected

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8000
# migrate, collectstatic (nothing new), check --deploy, the task worker and the periodic runner
# (unless RUN_BACKGROUND_JOBS=0), then the uvicorn workers.
CMD ["bin/serve-production"]
