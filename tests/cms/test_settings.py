"""Settings switched by environment variables, checked in a fresh interpreter each time."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k9#Vq2!mZ7@rT4$wX8&pL1^nB6*cF3(hJ5)dG0_sA-yU+eI=oK~tR{wQ}zM[xN]vC"


def run(args, **env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "SITE_URL",
            "HOST",
            "PORT",
        }
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_value(module, expression, **env):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({expression}, default=str))"
    )
    result = run(["-c", code], DJANGO_SETTINGS_MODULE=module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_a_secret_key():
    result = run(
        ["manage.py", "check"],
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        ALLOWED_HOSTS="example.org",
    )

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_deploy_check_reports_no_warnings_with_a_real_key():
    result = run(
        ["manage.py", "check", "--deploy"],
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_deploy_check_still_flags_a_weak_secret_key():
    result = run(
        ["manage.py", "check", "--deploy"],
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="x",
        ALLOWED_HOSTS="example.org",
    )

    output = result.stdout + result.stderr
    assert "security.W009" in output
    # The key is the only thing it has to say: every HTTPS setting is on.
    assert output.count("(security.") == 1


def test_without_redis_the_channel_layer_and_cache_stay_in_process():
    backends = settings_value(
        "cms.settings.dev",
        '[settings.CHANNEL_LAYERS["default"]["BACKEND"], settings.CACHES["default"]["BACKEND"]]',
    )

    assert backends == [
        "channels.layers.InMemoryChannelLayer",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_redis_url_switches_the_channel_layer_and_cache_to_redis():
    backends = settings_value(
        "cms.settings.dev",
        '[settings.CHANNEL_LAYERS["default"]["BACKEND"], settings.CACHES["default"]["BACKEND"],'
        ' settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0]["address"]]',
        REDIS_URL="redis://127.0.0.1:6379/3",
    )

    assert backends == [
        "channels_redis.core.RedisChannelLayer",
        "core.cache.ResilientRedisCache",
        "redis://127.0.0.1:6379/3",
    ]


def test_sqlite_uses_wal_and_immediate_transactions():
    options = settings_value("cms.settings.dev", 'settings.DATABASES["default"]["OPTIONS"]')

    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]


def test_database_url_switches_to_postgresql():
    database = settings_value(
        "cms.settings.dev",
        '[settings.DATABASES["default"]["ENGINE"], settings.DATABASES["default"]["NAME"],'
        ' "django.contrib.postgres" in settings.INSTALLED_APPS]',
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/konsultacje",
    )

    assert database == ["django.db.backends.postgresql", "konsultacje", True]


def test_polish_is_the_default_language_and_warsaw_the_time_zone():
    values = settings_value("cms.settings.dev", "[settings.LANGUAGE_CODE, settings.TIME_ZONE]")

    assert values == ["pl", "Europe/Warsaw"]


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_malformed_boolean_variable_stops_start_up_with_its_name(value):
    result = run(["manage.py", "check"], DJANGO_SETTINGS_MODULE="cms.settings.dev", DEBUG=value)

    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_admins_who_get_error_reports_come_from_the_environment():
    admins = settings_value(
        "cms.settings.production",
        "settings.ADMINS",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="konsultacje.nadrzecze.example",
        ADMINS="Jan Nowak <jan.nowak@nadrzecze.example>, it@nadrzecze.example",
    )

    assert admins == [["Jan Nowak", "jan.nowak@nadrzecze.example"], ["", "it@nadrzecze.example"]]


def test_staff_need_two_factor_authentication_outside_the_tests():
    assert settings_value(
        "cms.settings.production",
        "settings.STAFF_TWO_FACTOR_REQUIRED",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="konsultacje.nadrzecze.example",
    )


def test_in_development_e_mail_links_lead_to_the_port_being_served():
    """`make run PORT=8123` (HOST, PORT exported) without SITE_URL: links go to :8123."""
    site_url = settings_value(
        "cms.settings.dev", "settings.SITE_URL", HOST="127.0.0.1", PORT="8123"
    )

    assert site_url == "http://127.0.0.1:8123"


def test_the_admins_e_mails_link_to_site_url():
    base_url = settings_value(
        "cms.settings.dev",
        "settings.WAGTAILADMIN_BASE_URL",
        SITE_URL="https://konsultacje.nadrzecze.example",
    )

    assert base_url == "https://konsultacje.nadrzecze.example"
