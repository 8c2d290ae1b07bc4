"""/health/: the database, the cache and the channel layer, and which one is down."""

import asyncio
import time

import pytest

from core import health
from tests.cms.conftest import DEAD_REDIS

pytestmark = pytest.mark.django_db


def test_all_ok_answers_200_with_every_check(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "channel_layer": "ok"},
    }


def test_it_is_never_cached(client):
    response = client.get("/health/")

    assert "no-store" in response["Cache-Control"]


def test_the_earlier_address_healthz_answers_the_same(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_a_database_that_does_not_answer_is_named_with_503(client, database_down):
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": "error: OperationalError", "cache": "ok", "channel_layer": "ok"},
    }


def test_the_answer_does_not_reveal_hosts_from_the_error(client, database_down):
    response = client.get("/health/")

    assert "5432" not in response.content.decode()
    assert '"db"' not in response.content.decode()


def test_an_unreachable_redis_cache_is_named_with_503(client, redis_down):
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error: ConnectionError"
    assert response.json()["checks"]["database"] == "ok"


def test_an_unreachable_redis_channel_layer_is_named_with_503(client, settings):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [DEAD_REDIS]},
        }
    }

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["checks"]["channel_layer"] == "error: ConnectionError"


def test_a_channel_layer_that_never_answers_fails_within_the_timeout(client, monkeypatch):
    from channels.layers import get_channel_layer

    async def never(channel):
        await asyncio.sleep(60)

    monkeypatch.setattr(health, "CHECK_TIMEOUT", 0.2)
    monkeypatch.setattr(get_channel_layer(), "receive", never)

    started = time.monotonic()
    response = client.get("/health/")

    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert response.json()["checks"]["channel_layer"] == "error: TimeoutError"
