"""Limits that keep the sign-up forms from becoming a way to flood someone's inbox.

Counters live in the shared cache (Redis in production, so all workers count together),
in fixed windows, as the page view counter does (core/pageviews.py). While Redis is down
the cache answers a miss (core/cache.py) and every attempt is allowed: a sign-up form
working without limits for a while is better than one refusing everybody.
"""

import hashlib

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

# Sign-up forms sent from one IP address: at most this many per hour.
PER_IP = (10, 60 * 60)
# Confirmation e-mails to one address, whatever it asked for: at most this many per day.
PER_ADDRESS = (3, 24 * 60 * 60)


def _hit(scope: str, identity: str, limit: int, seconds: int) -> bool:
    """Count one attempt; True while the window's count is within the limit."""
    digest = hashlib.sha256(identity.encode()).hexdigest()
    key = f"subscriptions:rate:{scope}:{digest}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr, or the cache is unreachable
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit


def client_ip(request) -> str:
    """The address allauth's log-in limits use (it knows about trusted proxies)."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


def sign_up_allowed(request) -> bool:
    """One more sign-up form from this request's IP address?"""
    return _hit("ip", client_ip(request), *PER_IP)


def confirmation_allowed(email: str) -> bool:
    """One more confirmation e-mail to this address?"""
    return _hit("address", email, *PER_ADDRESS)
