"""Page view counter ("Liczba odsłon") with no database write on the request path.

A view increments a counter in the cache (Redis in production, shared by all workers);
`manage.py flush_page_views` moves the counts to the database in one statement per page.
The number shown is the stored count plus what is still waiting in the cache.
"""

import re

from django.core.cache import cache
from django.db import transaction
from django.db.models import F

BOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python-requests|httpx|headless",
    re.IGNORECASE,
)
KEY = "pageviews:{}"


def is_countable(request) -> bool:
    """A public view by a person: a GET, not an editor's preview, not an obvious bot."""
    if request.method != "GET" or getattr(request, "is_preview", False):
        return False
    agent = request.headers.get("User-Agent", "")
    return bool(agent) and not BOTS.search(agent)


def record_view(request, page_id: int) -> None:
    if not is_countable(request):
        return
    key = KEY.format(page_id)
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:  # the key expired or was evicted between add and incr
        cache.set(key, 1, timeout=None)


def pending_views(page_id: int) -> int:
    return cache.get(KEY.format(page_id), 0)


def view_count(page_id: int) -> int:
    from cms.models import PageViews

    stored = PageViews.objects.filter(page_id=page_id).values_list("count", flat=True).first()
    return (stored or 0) + pending_views(page_id)


def flush_page_views(page_ids) -> int:
    """Move the cached counts of these pages to the database; returns the views moved."""
    from cms.models import PageViews

    moved = 0
    pending = cache.get_many([KEY.format(page_id) for page_id in page_ids])
    for key, count in pending.items():
        if not count:
            continue
        page_id = int(key.split(":")[1])
        with transaction.atomic():
            views, _created = PageViews.objects.get_or_create(page_id=page_id)
            PageViews.objects.filter(pk=views.pk).update(count=F("count") + count)
        # Subtract what was moved, keeping views that arrived meanwhile.
        cache.decr(key, count)
        moved += count
    return moved
