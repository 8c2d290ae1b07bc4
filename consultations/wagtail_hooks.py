from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from consultations import admin_views
from consultations.models import ConsultationIndexPage, ConsultationPage
from consultations.workflow import approval_workflow_ensure


@hooks.register("register_admin_urls")
def register_consultation_urls():
    return [
        path(
            "konsultacje/",
            include(
                (
                    [
                        path("<id:page_id>/wersje/", admin_views.versions, name="versions"),
                        path("<id:page_id>/import/", admin_views.draft_import_view, name="import"),
                    ],
                    "consultations_admin",
                )
            ),
        )
    ]


@hooks.register("register_page_header_buttons")
def public_versions_button(page, user, view_name, next_url=None):
    if (
        isinstance(page.specific_deferred, ConsultationPage)
        and page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            _("Public versions"),
            reverse("consultations_admin:versions", args=[page.pk]),
            icon_name="history",
            priority=66,
        )
        yield Button(
            _("Import the draft from a file"),
            reverse("consultations_admin:import", args=[page.pk]),
            icon_name="upload",
            priority=67,
        )


@hooks.register("after_create_page")
def attach_approval_workflow(request, page):
    if isinstance(page.specific_deferred, ConsultationIndexPage):
        approval_workflow_ensure()


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
