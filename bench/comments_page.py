"""Benchmark: a consultation's whole discussion with thousands of comments.

    .venv/bin/python bench/comments_page.py [--comments 2000] [--paragraphs 40] [--repeat 5]

Builds a consultation with N comments over the paragraphs of its draft, in threads up to
three replies deep, in a throw-away SQLite file (or a throw-away database on DATABASE_URL
when it points at PostgreSQL). Then renders, in the same run:

* stock: django-comments-xtd's own `{% render_xtdcomment_tree for page %}` over the same
  comments;
* cold: our whole discussion with every comment (what "?wszystkie=1", the no-JavaScript
  view, shows: threads, form, filters) for an anonymous reader, every cache emptied first;
* warm: the same, caches filled;
* whole_page: the whole consultation page request ("?wszystkie=1"), cold and warm, with
  everything else the page shows (notice, draft, metryczka, Wagtail's routing).

Prints one JSON line: {"comments", "queries", "stock_ms_median", "cold": {"ms_median",
"speedup"}, "warm": {"ms_median", "speedup"}, "stock_queries", "whole_page": {...}}.
Run it with --comments 200 as well to see that the query counts do not grow with N.
Targets (issue 5): queries constant and at most 15, cold speedup at least 5, warm at
least 20.
"""

import argparse
import json
import random
import statistics
import time

from common import polish_text, throwaway_site  # bench/common.py


def build(comments: int, paragraphs: int):
    """A live consultation with a public version and `comments` comments on it."""
    from datetime import timedelta

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from cms.models import User
    from comments.models import Comment
    from consultations.models import ConsultationIndexPage, ConsultationPage
    from consultations.services import version_publish
    from core.text import prepare
    from demo import gmina as demo

    demo.build(discussion=False)
    now = timezone.now()
    page = ConsultationPage(
        title="Program współpracy – duża dyskusja",
        slug="duza-dyskusja",
        subject="Projekt programu.",
        goal="Poznanie opinii.",
        addressees="wszyscy",
        forms=["komentarze"],
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=20),
        responsible_unit="Biuro Dialogu",
        contact_person="Marta Zielińska",
        contact_email="dialog@nadrzecze.example",
        draft=[
            (
                "chapter",
                {
                    "title": f"Rozdział {c + 1}",
                    "paragraphs": [
                        ("paragraph", {"label": f"§ {c * 10 + p + 1}", "text": "Treść jednostki."})
                        for p in range(10)
                    ],
                },
            )
            for c in range(max(paragraphs // 10, 1))
        ],
    )
    ConsultationIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    version_publish(page=page, label="projekt")
    page = ConsultationPage.objects.get(pk=page.pk)
    ids = [p["id"] for chapter in page.chapters for p in chapter["paragraphs"]]
    people = [
        User.objects.create_user(
            email=f"osoba{n}@example.org", password=None, first_name="Osoba", last_name=f"{n}"
        )
        for n in range(50)
    ]
    rng = random.Random(2000)
    content_type = ContentType.objects.get_for_model(ConsultationPage)
    made = 0
    open_threads = []  # comments that may still get replies: (comment, level)
    while made < comments:
        author = rng.choice(people)
        body, body_html = prepare(polish_text(rng, 10, 60))
        parent = None
        if open_threads and rng.random() < 0.75:
            parent = rng.choice(open_threads)
        comment = Comment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=1,
            user=author,
            user_name=f"Osoba {author.last_name}",
            user_email=author.email,
            comment=body,
            body_html=body_html,
            submit_date=now - timedelta(minutes=comments - made),
            paragraph_id=parent.paragraph_id if parent else rng.choice(ids + [""]),
            paragraph_label="§ 1",
            paragraph_text="Treść jednostki.",
            version=page.versions.get(),
            parent_id=parent.pk if parent else 0,
        )
        comment.save()  # django-comments-xtd's thread maths, as for every real comment
        if comment.level < 3:
            open_threads.append(comment)
        made += 1
    return page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--paragraphs", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with throwaway_site():
        run(args)


def run(args) -> None:
    import types

    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache
    from django.db import connection
    from django.template import Context, Template
    from django.template.loader import get_template
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django.urls import include, path, set_urlconf

    from cms import urls as cms_urls
    from comments.views import discussion_context

    page = build(args.comments, args.paragraphs)
    client = Client(HTTP_HOST="localhost")
    url = page.url + "?wszystkie=1"

    def measure(function, *, clear):
        times = []
        for _ in range(args.repeat):
            if clear:
                cache.clear()
            start = time.perf_counter()
            function()
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times), times

    stock_template = Template("{% load comments_xtd %}{% render_xtdcomment_tree for page %}")

    # The stock tree links to django-comments-xtd's own views, which the site does
    # not serve; give the renderer a URLconf that has them.
    stock_urls = types.ModuleType("stock_urls")
    stock_urls.urlpatterns = [
        path("comments/", include("django_comments_xtd.urls")),
        *cms_urls.urlpatterns,
    ]

    def stock():
        set_urlconf(stock_urls)
        try:
            html = stock_template.render(Context({"page": page, "user": AnonymousUser()}))
        finally:
            set_urlconf(None)
        if html.count("<") < args.comments:
            raise RuntimeError("the stock tree rendered too little")

    def ours_page():
        response = client.get(url)
        shown = response.content.count(b'class="comment ')
        if response.status_code != 200 or shown != args.comments:
            raise RuntimeError(f"{response.status_code}: {shown} of {args.comments} shown")

    # Like for like with the stock tag: our whole discussion (every thread, the form,
    # the filters) rendered for an anonymous reader, without the rest of the page.
    discussion_template = get_template("comments/includes/discussion.html")

    def ours():
        request = RequestFactory().get(url, HTTP_HOST="localhost")
        request.user = AnonymousUser()
        context = discussion_context(request, page)
        context.update(page=page, base=page.url, user=request.user, request=request)
        html = discussion_template.render(context, request)
        shown = html.count('class="comment ')
        if shown != args.comments:
            raise RuntimeError(f"{shown} of {args.comments} shown")

    def count_queries(function):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            function()
        return len(captured)

    ours_page()  # compile templates once, like a running server
    ours()
    stock()
    queries = count_queries(ours)
    page_queries = count_queries(ours_page)
    stock_queries = count_queries(stock)

    stock_ms, stock_runs = measure(stock, clear=True)
    cold_ms, cold_runs = measure(ours, clear=True)
    ours()
    warm_ms, warm_runs = measure(ours, clear=False)
    page_cold_ms, _ = measure(ours_page, clear=True)
    ours_page()
    page_warm_ms, _ = measure(ours_page, clear=False)

    print(
        json.dumps(
            {
                "comments": args.comments,
                "db": connection.vendor,
                "queries": queries,
                "stock_ms_median": round(stock_ms, 1),
                "cold": {
                    "ms_median": round(cold_ms, 1),
                    "speedup": round(stock_ms / cold_ms, 1),
                },
                "warm": {
                    "ms_median": round(warm_ms, 1),
                    "speedup": round(stock_ms / warm_ms, 1),
                },
                "stock_queries": stock_queries,
                "whole_page": {
                    "queries": page_queries,
                    "cold_ms_median": round(page_cold_ms, 1),
                    "warm_ms_median": round(page_warm_ms, 1),
                },
                "runs_ms": {
                    "stock": [round(t) for t in stock_runs],
                    "cold": [round(t) for t in cold_runs],
                    "warm": [round(t, 1) for t in warm_runs],
                },
            }
        )
    )


if __name__ == "__main__":
    main()
