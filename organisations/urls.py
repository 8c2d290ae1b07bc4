from django.urls import path

from organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("moje/", views.my_organisations, name="mine"),
    path("<id:pk>-<slug:slug>/", views.detail, name="detail"),
    path("<id:pk>/reprezentuje/", views.declare_representative, name="declare"),
]
