from contextlib import contextmanager

import pytest
from django.db import OperationalError, connections

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once


@contextmanager
def database_is_down():
    """Within this block every query fails as it does when PostgreSQL is unreachable."""
    connection = connections["default"]

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "db", port 5432 failed: refused')

    connection.ensure_connection = refuse
    try:
        yield
    finally:
        del connection.ensure_connection


@pytest.fixture
def database_down(db):
    with database_is_down():
        yield


@pytest.fixture
def redis_down(settings):
    """The cache points at a Redis that refuses connections."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
