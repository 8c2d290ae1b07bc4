"""The report's addresses, keyed by the consultation page's id. Its public addresses are the
ones under the page (`…/raport/`, `…/raport/wydanie/<n>/pdf/` …), which the page serves
through these (ConsultationPage.report); Wagtail's page URLs allow no dot, hence
`…/raport/pdf/` rather than `.pdf`."""

from django.urls import path

from consultations.routes import page_view
from reporting import views

app_name = "reporting"

report_view = page_view(views.report_view)
report_download = page_view(views.report_download)

urlpatterns = [
    path("<id:page_id>/", report_view, name="report"),
    path("<id:page_id>/podglad/", report_view, {"preview": True}, name="preview"),
    path(
        "<id:page_id>/podglad/<slug:extension>/",
        report_download,
        {"preview": True},
        name="preview_download",
    ),
    path("<id:page_id>/wydanie/<id:number>/", report_view, name="edition"),
    path(
        "<id:page_id>/wydanie/<id:number>/<slug:extension>/",
        report_download,
        name="edition_download",
    ),
    path("<id:page_id>/<slug:extension>/", report_download, name="download"),
]
