from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter

from comments.services import OFFICIAL_PERMISSION
from consultations.models import ConsultationPage
from reporting import admin_views
from reporting.dashboard import CoordinatorDashboardPanel, may_see_dashboard


@hooks.register("register_admin_urls")
def register_report_urls():
    # The same addresses as before the report had its own app (/admin/konsultacje/<id>/raport/).
    return [
        path(
            "konsultacje/",
            include(
                (
                    [
                        path("<id:page_id>/raport/", admin_views.report, name="report"),
                        path(
                            "<id:page_id>/raport/publikuj/",
                            admin_views.publish,
                            name="report_publish",
                        ),
                        path(
                            "<id:page_id>/raport/korekta/",
                            admin_views.correction,
                            name="report_correction",
                        ),
                    ],
                    "reporting_admin",
                )
            ),
        )
    ]


@hooks.register("construct_homepage_panels")
def coordinator_dashboard_panel(request, panels):
    if may_see_dashboard(request.user):
        panels.append(CoordinatorDashboardPanel(request))


@hooks.register("register_page_header_buttons")
def report_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, ConsultationPage) and user.has_perm(OFFICIAL_PERMISSION):
        yield Button(
            _("Consultation report"),
            reverse("reporting_admin:report", args=[page.pk]),
            icon_name="doc-full",
            priority=69,
        )


@hooks.register("register_log_actions")
def report_log_actions(actions):
    # The action names stay as they were: the page history stores them.
    @actions.register_action("consultations.report_publish")
    class ReportPublished(LogFormatter):
        label = _("Publish the consultation report")

        def format_message(self, log_entry):
            count = log_entry.data.get("remarks", 0)
            return ngettext(
                "Consultation report published, with %(count)d remark",
                "Consultation report published, with %(count)d remarks",
                count,
            ) % {"count": count}

    @actions.register_action("consultations.report_correction")
    class ReportCorrectionOpened(LogFormatter):
        label = _("Open a correction of the consultation report")

        def format_message(self, log_entry):
            return _("Correction opened as edition %(number)s: %(note)s") % {
                "number": log_entry.data.get("edition"),
                "note": log_entry.data.get("note", ""),
            }
