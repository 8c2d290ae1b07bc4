"""The coordinator's view of the lists: who follows what, the newsletter, what was sent.
Read-mostly: addresses come only through the double opt-in, so there is no "add" form;
a subscription can be deleted (a person asking to be removed)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from subscriptions import admin_views
from subscriptions.models import Follow, NewsletterSubscription, NotificationSent


class FollowViewSet(ModelViewSet):
    model = Follow
    name = "subscriptions_follows"
    url_prefix = "powiadomienia/obserwujacy"
    icon = "view"
    menu_label = _("Followers of consultations")
    list_display = ["email", "page", "user", "confirmed_at", "created_at"]
    list_filter = ["page"]
    search_fields = ["email", "user__email"]
    form_fields = ["confirmed_at"]
    inspect_view_enabled = True


class NewsletterSubscriptionViewSet(ModelViewSet):
    model = NewsletterSubscription
    name = "subscriptions_newsletter"
    url_prefix = "powiadomienia/newsletter"
    icon = "mail"
    menu_label = _("Newsletter subscribers")
    list_display = ["email", "organisation_name", "confirmed_at", "created_at"]
    search_fields = ["email", "organisation_name"]
    form_fields = ["organisation_name"]
    list_export = ["email", "organisation_name", "confirmed_at", "created_at"]
    export_filename = "newsletter"
    inspect_view_enabled = True


class NotificationSentViewSet(ModelViewSet):
    model = NotificationSent
    name = "subscriptions_sent"
    url_prefix = "powiadomienia/wyslane"
    icon = "history"
    menu_label = _("Notifications sent")
    list_display = ["event", "email", "sent_at"]
    search_fields = ["email", "event"]
    form_fields = ["event"]


class SummaryMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


class SummaryViewSet(ViewSet):
    """Counts per consultation and of the newsletter, on one page."""

    name = "subscriptions_summary"
    url_prefix = "powiadomienia/podsumowanie"
    icon = "table"
    menu_label = pgettext_lazy("notifications", "Summary")
    menu_item_class = SummaryMenuItem

    def get_urlpatterns(self):
        return [path("", admin_views.summary, name="index")]


class NotificationsGroup(ViewSetGroup):
    menu_label = _("E-mail notifications")
    menu_icon = "mail"
    menu_order = 320
    items = (SummaryViewSet, FollowViewSet, NewsletterSubscriptionViewSet, NotificationSentViewSet)


@hooks.register("register_admin_viewset")
def register_notifications():
    return NotificationsGroup()
