"""The meetings' addresses that belong to no page: the iCal feed of every public meeting and
the cancel link in every e-mail (its names have no namespace: e-mails and templates reverse
them as they always have). The rest is served by the meeting pages (WorkshopPage's routes)."""

from django.urls import path

from events import account_views, calendar

urlpatterns = [
    path("kalendarz.ics", calendar.feed, name="events_calendar_feed"),
    path("rezygnacja/<str:token>/", account_views.cancel_by_link, name="events_cancel_by_link"),
]
