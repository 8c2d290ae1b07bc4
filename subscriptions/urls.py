from django.urls import path

from subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("newsletter/", views.newsletter, name="newsletter"),
    path(
        "newsletter/potwierdz/<str:token>/",
        views.newsletter_confirm,
        name="newsletter_confirm",
    ),
    path("powiadomienia/potwierdz/<str:token>/", views.follow_confirm, name="follow_confirm"),
    path("powiadomienia/wypisz/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
