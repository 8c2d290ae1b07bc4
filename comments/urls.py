"""The discussion's addresses, keyed by the consultation page's id. The page keeps its old
addresses (`…/dyskusja/dodaj/` …) for links already out, served by these views
(ConsultationPage.discussion)."""

from django.shortcuts import redirect
from django.urls import path

from comments import views
from consultations.routes import page_view

app_name = "comments"


@page_view
def discussion(request, page):
    """The discussion itself is part of the consultation page."""
    return redirect(f"{page.url}#dyskusja")


urlpatterns = [
    path("wypisz/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<id:page_id>/", discussion, name="discussion"),
    path("<id:page_id>/dodaj/", page_view(views.post), name="post"),
    path("<id:page_id>/zmiany/", page_view(views.changes), name="changes"),
    path("<id:page_id>/<id:comment_id>/", page_view(views.fragment), name="fragment"),
    path("<id:page_id>/<id:comment_id>/edytuj/", page_view(views.edit), name="edit"),
    path("<id:page_id>/<id:comment_id>/usun/", page_view(views.delete), name="delete"),
    path("<id:page_id>/<id:comment_id>/reakcja/", page_view(views.react), name="react"),
    path("<id:page_id>/<id:comment_id>/zglos/", page_view(views.report), name="flag"),
    path("<id:page_id>/<id:comment_id>/moderuj/", page_view(views.moderate), name="moderate"),
]
