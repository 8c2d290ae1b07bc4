"""What `/health/` checks: the database, the cache and the channel layer.

Each check either returns or raises. A failed check is reported by the name of its
exception only (the full message, which may name hosts, goes to the log), so the public
answer gives away nothing about the deployment.
"""

import asyncio
import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection

from core.cache import errors_raised

logger = logging.getLogger(__name__)

# Seconds a check may take. A Redis that does not answer fails after its socket timeouts
# (cms/settings/base.py); the channel-layer round trip is cut off after this.
CHECK_TIMEOUT = 2


class CheckFailed(Exception):
    pass


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"health:{uuid.uuid4().hex}"
    with errors_raised():
        cache.set(key, "ok", timeout=60)
        stored = cache.get(key)
        cache.delete(key)
    if stored != "ok":
        raise CheckFailed("the cache did not return the value just stored")


async def _channel_round_trip(layer) -> None:
    channel = await layer.new_channel("health.")
    nonce = uuid.uuid4().hex
    async with asyncio.timeout(CHECK_TIMEOUT):
        await layer.send(channel, {"type": "health.ping", "nonce": nonce})
        message = await layer.receive(channel)
    if message.get("nonce") != nonce:
        raise CheckFailed("the channel layer returned another message")


def check_channel_layer() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise CheckFailed("no channel layer is configured")
    async_to_sync(_channel_round_trip)(layer)


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
}


def run_checks() -> dict[str, str]:
    """{"database": "ok", "cache": "error: ConnectionError", ...}"""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 - whatever breaks, the check reports it
            logger.warning("Health check %s failed: %r", name, error)
            results[name] = f"error: {type(error).__name__}"
        else:
            results[name] = "ok"
    return results
