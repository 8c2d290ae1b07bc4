"""The e-mail deliveries in the admin, read-only: staff see what was sent, what waits for
another attempt and what failed (with the server's last answer), so undelivered mail is
noticed. The task worker alone writes these records (cms/mail.py)."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.accessibility import StatementReviewPanel, overdue_statements
from cms.models import EmailDelivery

_WRITES = {"add", "change", "delete"}


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The model's `view` permission (or a superuser) opens the list and the details; no one
    adds, edits or deletes here, so the admin shows no such buttons."""

    def user_has_permission(self, user, action):
        return action not in _WRITES and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(EmailDelivery, ReadOnlyPermissionPolicy(EmailDelivery), exact_class=True)


class EmailDeliveryViewSet(ModelViewSet):
    model = EmailDelivery
    name = "email_deliveries"
    url_prefix = "poczta/doreczenia"
    icon = "mail"
    menu_label = EmailDelivery._meta.verbose_name_plural
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["recipient", "status", "attempts", "created_at", "sent_at", "next_attempt_at"]
    list_filter = ["status"]
    search_fields = ["recipient", "message_id"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # never shown: the policy refuses every write
    inspect_view_fields = [
        "recipient",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "claimed_at",
        "next_attempt_at",
        "sent_at",
        "message_id",
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(default_ordering="-created_at", **kwargs)


@hooks.register("register_admin_viewset")
def register_email_deliveries():
    return EmailDeliveryViewSet()


@hooks.register("construct_homepage_panels")
def statement_review_panel(request, panels):
    """The yearly review of the accessibility statement, for whoever may edit it."""
    overdue = [
        statement
        for statement in overdue_statements()
        if statement.permissions_for_user(request.user).can_edit()
    ]
    if overdue:
        panels.append(StatementReviewPanel(overdue))
