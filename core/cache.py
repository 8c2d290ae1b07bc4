"""The Redis cache, degrading to a miss while Redis is unreachable.

Django's RedisCache raises on a refused connection or a timeout, which would turn a Redis
restart into errors on every page. Here every operation that cannot reach Redis is logged
and answered as if the cache were empty:

| operation | while Redis is down |
|---|---|
| get, get_many, has_key, touch, delete | the default, `{}`, `False` |
| set, delete_many, clear | nothing happens |
| set_many | every key is reported as not stored |
| add | `True`: the key was absent, as in an empty cache |
| incr, decr | `ValueError`, the error of a missing key that callers already handle |

`add` answering `True` keeps locks built on it (allauth's rate limits) from waiting on a
cache that is not there: while Redis is down the rate limits allow, and say so in the log.

The health check needs the real error: inside `errors_raised()` nothing is swallowed.
"""

import contextvars
import logging
import threading
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# ConnectionError covers a refused or dropped connection and BusyLoadingError (a restarted
# Redis still loading its data); TimeoutError covers a Redis that does not answer.
OUTAGE = (RedisConnectionError, RedisTimeoutError)

_raise_errors = contextvars.ContextVar("cache_raise_errors", default=False)


@contextmanager
def errors_raised():
    """Within this block the cache raises its connection errors instead of missing."""
    token = _raise_errors.set(True)
    try:
        yield
    finally:
        _raise_errors.reset(token)


# Django makes a cache object per request context (asgiref Local): under ASGI that is every
# request, and each new object would open its own Redis connection pool, i.e. a new TCP
# connection per request. The client (thread-safe, with its pools) is shared per process.
_clients: dict = {}
_clients_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    @property
    def _cache(self):
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        client = _clients.get(key)
        if client is None:
            with _clients_lock:
                client = _clients.setdefault(key, self._class(self._servers, **self._options))
        return client

    def _guard(self, operation, fallback, *args, **kwargs):
        try:
            return operation(*args, **kwargs)
        except OUTAGE as error:
            if _raise_errors.get():
                raise
            logger.warning("Cache unavailable, %s treated as a miss: %s", operation.__name__, error)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().add, True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guard(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._guard(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._guard(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        result = self._guard(super().incr, None, key, delta, version)
        if result is None:
            raise ValueError(f"Key '{key}' not found: the cache is unavailable.")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guard(super().delete_many, None, keys, version)

    def clear(self):
        return self._guard(super().clear, None)
