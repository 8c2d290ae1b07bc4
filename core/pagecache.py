"""Whole pages for anonymous readers, from the cache.

When a consultation is announced in the newsletter, thousands of people who are not logged
in open the same page within minutes. For them the home page, the consultation index, a
consultation page and a workshop page (its main address only, not its sub-routes) are
rendered once and then served from the cache, before Wagtail's routing and without touching
the database (the page view counter too is kept in the cache: see
`AnonymousPageCacheMiddleware`).

Freshness comes from generations, not from deleting keys. A stored page carries the
generations that were current when its rendering started:

- the *site* generation, changed by every publish, unpublish, move or deletion of any page
  and by every change of the gmina's settings (what the header, the footer and the index
  show);
- the page's own generation, changed by every change of its discussion (new, edited,
  hidden, moderated comment, reactions), a new public version of the draft, and every
  seat taken or given back at a workshop.

A stored page whose generations are no longer current is a miss; the next reader renders
it again. A bump that happens while a page renders leaves the page stale, never falsely
fresh, because the generations are read before the rendering. Pages also expire after
`TIMEOUT` at the latest, and before the next moment their status changes by the clock
(a consultation opening or closing, registration opening or closing).

Generations live in the shared cache: with Redis every worker process sees a bump at
once. The in-memory cache of development and of the SQLite test runs is per process,
which is right for one process and wrong for several: run several workers with Redis only.
While Redis is down (core/cache.py) every lookup is a miss and every page is rendered.

Who gets a cached page: an anonymous GET or HEAD without a query string (tracking
parameters such as `utm_source` aside), without a session cookie (so never a logged-in
person, nor anyone with a message waiting in the session) and without a `messages`
cookie. Logged-in people always get a fresh page.
What is stored: only a 200 response whose rendering did not ask for a CSRF token, so that
no visitor's token or secret is ever handed to another (the language switch in the header
therefore works without a token: cms/views.py `switch_language`).
"""

import hashlib
import re
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.utils import timezone, translation

from core.pageviews import record_view, view_count

TIMEOUT = 300  # seconds: a safety net, the generations do the real work
SITE_GENERATION = "pagecache:site"
PAGE_GENERATION = "pagecache:page:{}"
CONTENT = "pagecache:content:{url}:{language}"

# Query parameters that do not change the page: newsletter and social media tracking.
TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)$")

# The page view count in a cached page is replaced by the current one on every hit.
VIEW_COUNT = re.compile(rb"(<dt data-view-count>[^<]*</dt><dd>)\d+(</dd>)")


# --- Generations ----------------------------------------------------------------------------


def _new_token() -> str:
    return uuid.uuid4().hex


def bump_site() -> None:
    """Every stored page becomes stale: a page was published, unpublished, moved, deleted."""
    cache.set(SITE_GENERATION, _new_token(), timeout=None)


def bump_page(page_id) -> None:
    """The stored copies of this page become stale: something it shows changed."""
    cache.set(PAGE_GENERATION.format(page_id), _new_token(), timeout=None)


def _generations(page_id) -> tuple[str, str]:
    """The current (site, page) generations, creating them when absent."""
    keys = [SITE_GENERATION, PAGE_GENERATION.format(page_id)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _new_token(), timeout=None)
            # Another process may have added its own token first: use the one that is stored.
            found[key] = cache.get(key) or _new_token()
    return found[keys[0]], found[keys[1]]


# --- Which requests --------------------------------------------------------------------------


def _is_anonymous_read(request) -> bool:
    """A GET or HEAD by someone without a session and without messages waiting.

    A request with a session cookie is never answered from the cache nor stored: logged-in
    people have one, and so has anyone the site keeps something for (messages, a kept
    comment). Readers arriving from a newsletter have none, and checking costs no query.
    """
    return (
        request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.user.is_authenticated
    )


def may_serve_cached(request) -> bool:
    """May this request get a stored page? Tracking parameters are ignored."""
    return all(TRACKING.match(name) for name in request.GET) and _is_anonymous_read(request)


def may_store(request) -> bool:
    """May this request's page be stored for others? Only without any query string: the
    page repeats the address (the log-in link's `next`, the language switch)."""
    return not request.META.get("QUERY_STRING") and _is_anonymous_read(request)


def _content_key(request):
    try:
        url = f"{request.scheme}://{request.get_host()}{request.path}"
    except DisallowedHost:  # Django answers it elsewhere, never from the cache
        return None
    digest = hashlib.sha256(url.encode()).hexdigest()  # any address gives a short, safe key
    return CONTENT.format(url=digest, language=translation.get_language())


# --- Serving ---------------------------------------------------------------------------------


def cached_response(request):
    """The stored page for this request if it is still current, else None."""
    if not may_serve_cached(request):
        return None
    key = _content_key(request)
    if key is None:
        return None
    stored = cache.get(key)
    if not stored:
        return None
    site, page = _generations(stored["page_id"])
    if (stored["site"], stored["page"]) != (site, page):
        return None
    content = stored["content"]
    if stored["counts_views"]:
        pending = record_view(request, stored["page_id"])
        try:
            count = view_count(stored["page_id"], pending)
        except DatabaseError:  # the database is down: the stored page, with its stored count
            pass
        else:
            content = VIEW_COUNT.sub(rb"\g<1>%d\g<2>" % count, content, count=1)
    response = HttpResponse(content, content_type=stored["content_type"])
    response["X-Page-Cache"] = "hit"
    return response


class AnonymousPageCacheMiddleware:
    """Answers anonymous readers from the page cache before Wagtail routes the request.

    After the authentication and messages middleware (it needs `request.user` and the
    messages); a hit still passes back through the language middleware, which adds
    `Content-Language` and `Vary: Cookie`. A hit of a consultation page counts the view and
    shows the current count, read from the cache too (core/pageviews.py): a hit needs no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return cached_response(request) or self.get_response(request)


def seconds_until_next(*moments) -> int:
    """Seconds until the earliest of these moments still to come, at most TIMEOUT."""
    now = timezone.now()
    ahead = [(moment - now).total_seconds() for moment in moments if moment and moment > now]
    return max(1, min([TIMEOUT, *(int(seconds) + 1 for seconds in ahead)]))


class AnonymousPageCacheMixin:
    """For a RoutablePageMixin page: its main route ("") is stored for anonymous readers.

    Put it before RoutablePageMixin in the bases. Sub-routes (forms, fragments, feeds,
    older versions) are never stored.
    """

    page_cache_counts_views = False  # a hit calls core.pageviews.record_view

    def page_cache_timeout(self) -> int:
        """How long a stored copy may live: override to stop before a change by the clock."""
        return TIMEOUT

    def serve(self, request, view=None, args=None, kwargs=None):
        storing = not args and not kwargs and self._is_main_route(view) and may_store(request)
        if not storing:
            return super().serve(request, view, args, kwargs)
        site, page = _generations(self.pk)  # before rendering: a bump meanwhile wins
        response = super().serve(request, view, args, kwargs)
        if hasattr(response, "render"):
            response.render()
        self._store(request, response, site, page)
        return response

    def _is_main_route(self, view) -> bool:
        main = self.resolve_subpage("/").func
        return view is None or getattr(view, "__func__", view) is main.__func__

    def _store(self, request, response, site, page) -> None:
        if (
            response.status_code != 200
            or getattr(response, "streaming", False)
            or response.cookies
            # The rendering asked for a CSRF token: the page is this visitor's own.
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or b"csrfmiddlewaretoken" in response.content
        ):
            return
        key = _content_key(request)
        if key is None:
            return
        cache.set(
            key,
            {
                "page_id": self.pk,
                "site": site,
                "page": page,
                "counts_views": self.page_cache_counts_views,
                "content": response.content,
                "content_type": response["Content-Type"],
            },
            timeout=self.page_cache_timeout(),
        )


# --- What makes pages stale ---------------------------------------------------------------


def _site_changed(**kwargs) -> None:
    # Now, so that readers stop getting the old page, and again after the commit, so that a
    # page rendered from the old rows meanwhile is not kept either.
    bump_site()
    transaction.on_commit(bump_site)


def _version_published(instance, **kwargs) -> None:
    bump_page(instance.page_id)
    transaction.on_commit(lambda: bump_page(instance.page_id))


def connect_signals() -> None:
    """Called once from CmsConfig.ready()."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_site_changed, dispatch_uid="pagecache.published")
    page_unpublished.connect(_site_changed, dispatch_uid="pagecache.unpublished")
    post_page_move.connect(_site_changed, dispatch_uid="pagecache.moved")
    post_delete.connect(_site_changed, sender=Page, dispatch_uid="pagecache.deleted")
    post_save.connect(_site_changed, sender="cms.GminaSettings", dispatch_uid="pagecache.gmina")
    # A hit skips Wagtail's routing and its privacy check: a page made private (or public
    # again) must not be served from a copy stored before.
    post_save.connect(_site_changed, sender=PageViewRestriction, dispatch_uid="pagecache.private")
    post_delete.connect(_site_changed, sender=PageViewRestriction, dispatch_uid="pagecache.public")
    post_save.connect(
        _version_published, sender="consultations.DraftVersion", dispatch_uid="pagecache.version"
    )
    # The names of the areas of public tasks appear on consultation and workshop pages.
    for signal, uid in ((post_save, "pagecache.area"), (post_delete, "pagecache.area-deleted")):
        signal.connect(_site_changed, sender="organisations.PublicTaskArea", dispatch_uid=uid)
