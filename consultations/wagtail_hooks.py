from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from consultations import admin_views
from consultations.models import ConsultationPage


@hooks.register("register_admin_urls")
def register_consultation_urls():
    return [
        path(
            "konsultacje/",
            include(
                (
                    [path("<int:page_id>/wersje/", admin_views.versions, name="versions")],
                    "consultations_admin",
                )
            ),
        )
    ]


@hooks.register("register_page_header_buttons")
def public_versions_button(page, user, view_name, next_url=None):
    if (
        isinstance(page.specific_deferred, ConsultationPage)
        and page.permissions_for_user(user).can_publish()
    ):
        yield Button(
            _("Public versions"),
            reverse("consultations_admin:versions", args=[page.pk]),
            icon_name="history",
            priority=66,
        )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_missing_programme_chapters(request, page):
    page = page.specific
    if isinstance(page, ConsultationPage) and page.is_cooperation_programme:
        missing = page.missing_programme_chapters()
        if missing:
            messages.warning(
                request,
                gettext("A cooperation programme must contain (art. 5a ust. 4): %(chapters)s.")
                % {"chapters": "; ".join(missing)},
            )
