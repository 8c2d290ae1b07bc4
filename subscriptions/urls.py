from django.urls import path

from consultations.routes import page_view
from subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("newsletter/", views.newsletter, name="newsletter"),
    path(
        "newsletter/potwierdz/<str:token>/",
        views.newsletter_confirm,
        name="newsletter_confirm",
    ),
    # Following one consultation; the page's own `…/obserwuj/` serves this view too.
    path("powiadomienia/obserwuj/<id:page_id>/", page_view(views.follow), name="follow"),
    path("powiadomienia/potwierdz/<str:token>/", views.follow_confirm, name="follow_confirm"),
    path("powiadomienia/wypisz/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
