from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import account_views, views

urlpatterns = [
    path("health/", views.health, name="health"),
    path("healthz", views.health, name="healthz"),  # the earlier address, kept for proxies
    path("i18n/setlang/", views.switch_language, name="set_language"),
    path("admin/login/", views.admin_login, name="admin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenty/", include(wagtaildocs_urls)),
    path("konto/dane/", account_views.my_data, name="my_data"),
    path("konto/dane/pobierz/", account_views.my_data_download, name="my_data_download"),
    path("konto/usun/", account_views.delete_account, name="account_delete"),
    path("konto/", include("allauth.urls")),
    path("organizacje/", include("organisations.urls")),
    path("", include("subscriptions.urls")),  # /newsletter/, confirmation and unsubscribe links
    path("dyskusja/", include("comments.urls")),  # keyed by page id, and reply unsubscribe
    path("konto/zgloszenia/", account_views.my_participation, name="events_my_registrations"),
    path("konto/imie-i-nazwisko/", views.profile_name, name="profile_name"),
    path("spotkania/", include("events.urls")),
    path(
        "raport/", include("reporting.urls")
    ),  # the report by page id (its page serves it)  # the calendar feed and the cancel link
]

if settings.SERVE_MEDIA:
    # Uploads through Django when no reverse proxy serves MEDIA_ROOT (development, `make prod`).
    # Only MEDIA_ROOT: private files (PRIVATE_MEDIA_ROOT) go through views that check access.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [
    # Wagtail's own log-in and page-password forms, before wagtail_urls brings them unguarded.
    path("_util/login/", views.frontend_login, name="frontend_login"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.page_password,
        name="page_password",
    ),
    # Wagtail's page tree serves everything else.
    path("", include(wagtail_urls)),
]

# The database down ends in the maintenance page even when a middleware hits it first.
handler500 = "cms.views.server_error"
