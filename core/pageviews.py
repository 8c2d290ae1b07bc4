"""Page view counter ("Liczba odsłon") with no database write on the request path.

A view increments a counter in the cache (Redis in production, shared by all workers);
`manage.py flush_page_views` moves the counts to the database in one statement per page.
The number shown is the stored count plus what is still waiting in the cache.
"""

import re

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import F

BOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python-requests|httpx|headless",
    re.IGNORECASE,
)
KEY = "pageviews:{}"  # views not yet in the database
STORED = "pageviews:stored:{}"  # the database's count, for reading without a query
STORED_TIMEOUT = 3600


def is_countable(request) -> bool:
    """A public view by a person: a GET, not an editor's preview, not an obvious bot."""
    if request.method != "GET" or getattr(request, "is_preview", False):
        return False
    agent = request.headers.get("User-Agent", "")
    return bool(agent) and not BOTS.search(agent)


def record_view(request, page_id: int) -> int | None:
    """Count one view; returns the views waiting in the cache (None: not counted)."""
    if not is_countable(request):
        return None
    key = KEY.format(page_id)
    try:
        return cache.incr(key)  # one round trip on the usual path
    except ValueError:  # the first view since the last flush (or the key was evicted)
        cache.add(key, 0, timeout=None)
        try:
            return cache.incr(key)
        except ValueError:  # the cache is unavailable
            return None


def pending_views(page_id: int) -> int:
    return cache.get(KEY.format(page_id), 0)


def stored_views(page_id: int) -> int:
    """The count in the database, kept in the cache too: a cached page's hit costs no query."""
    key = STORED.format(page_id)
    stored = cache.get(key)
    if stored is None:
        PageViews = _model()
        stored = (
            PageViews.objects.filter(page_id=page_id).values_list("count", flat=True).first() or 0
        )
        cache.add(key, stored, timeout=STORED_TIMEOUT)
    return stored


def view_count(page_id: int, pending: int | None = None) -> int:
    if pending is None:
        pending = pending_views(page_id)
    return stored_views(page_id) + pending


def flush_page_views(page_ids) -> int:
    """Move the cached counts of these pages to the database; returns the views moved."""
    PageViews = _model()
    moved = 0
    pending = cache.get_many([KEY.format(page_id) for page_id in page_ids])
    for key, count in pending.items():
        if not count:
            continue
        page_id = int(key.split(":")[1])
        with transaction.atomic():
            views, _created = PageViews.objects.get_or_create(page_id=page_id)
            PageViews.objects.filter(pk=views.pk).update(count=F("count") + count)
            total = PageViews.objects.values_list("count", flat=True).get(pk=views.pk)
        cache.set(STORED.format(page_id), total, timeout=STORED_TIMEOUT)
        # Subtract what was moved, keeping views that arrived meanwhile.
        cache.decr(key, count)
        moved += count
    return moved


def _model():
    """PageViews is still a cms model: it moves to core with the user model (the next step of
    issue 14). Until then core looks it up by its label, as Django looks up the user model."""
    return apps.get_model("cms", "PageViews")
