"""The events app in the Wagtail admin."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

# --- Topic proposals (events/proposal_admin.py) ------------------------------------------
# A menu item and a page header / listing button lead to the proposals of each meeting;
# whoever may edit the meeting's page decides.


@hooks.register("register_admin_urls")
def register_proposal_urls():
    from events import proposal_admin

    return [
        path(
            "propozycje-tematow/",
            include(
                (
                    [
                        path("", proposal_admin.overview, name="index"),
                        path("<id:page_id>/", proposal_admin.workshop_proposals, name="workshop"),
                        path(
                            "<id:page_id>/<id:proposal_id>/",
                            proposal_admin.decide,
                            name="decide",
                        ),
                    ],
                    "proposals_admin",
                )
            ),
        )
    ]


class ProposalsMenuItem(MenuItem):
    def is_shown(self, request):
        from wagtail.permission_policies.pages import PagePermissionPolicy

        return PagePermissionPolicy().user_has_permission(request.user, "change")


@hooks.register("register_admin_menu_item")
def proposals_menu_item():
    return ProposalsMenuItem(
        _("Topic proposals"),
        reverse("proposals_admin:index"),
        icon_name="clipboard-list",
        order=260,
    )


def _proposals_button(page, user, priority):
    from events.models import WorkshopPage

    if (
        isinstance(page.specific_deferred, WorkshopPage)
        and page.permissions_for_user(user).can_edit()
    ):
        return Button(
            _("Topic proposals"),
            reverse("proposals_admin:workshop", args=[page.pk]),
            icon_name="clipboard-list",
            priority=priority,
        )
    return None


@hooks.register("register_page_header_buttons")
def proposals_header_button(page, user, view_name, next_url=None):
    button = _proposals_button(page, user, priority=69)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def proposals_listing_button(page, user, next_url=None):
    button = _proposals_button(page, user, priority=70)
    if button:
        yield button


# --- end of Topic proposals ---------------------------------------------------------------


# --- Registrations: coordinator tools (events/admin_views.py) -----------------------------
# Registrations per table, waiting lists, CSV/XLSX, attendance lists and e-mail to a table,
# reached from a menu item and from a "Registrations" button on each meeting's page;
# whoever may edit the meeting's page may use them.


@hooks.register("register_admin_urls")
def register_registration_urls():
    from events import admin_views

    return [
        path(
            "spotkania/",
            include(
                (
                    [
                        path("", admin_views.index, name="index"),
                        path(
                            "<id:page_id>/zgloszenia/",
                            admin_views.registrations,
                            name="workshop",
                        ),
                        path(
                            "<id:page_id>/zgloszenia.<str:extension>",
                            admin_views.export,
                            name="export",
                        ),
                        path(
                            "<id:page_id>/stolik/<id:table_id>/lista-obecnosci/",
                            admin_views.attendance,
                            name="attendance",
                        ),
                        path(
                            "<id:page_id>/stolik/<id:table_id>/wiadomosc/",
                            admin_views.table_message,
                            name="table_message",
                        ),
                    ],
                    "events_registrations",
                )
            ),
        )
    ]


class PageEditorsMenuItem(MenuItem):
    """Shown to people who may edit some page; the view lists only the meetings they may edit."""

    def is_shown(self, request):
        from wagtail.permission_policies.pages import PagePermissionPolicy

        return PagePermissionPolicy().user_has_permission(request.user, "change")


@hooks.register("register_admin_menu_item")
def registrations_menu_item():
    return PageEditorsMenuItem(
        _("Meeting registrations"),
        reverse("events_registrations:index"),
        name="meeting-registrations",
        icon_name="group",
        order=259,
    )


def _registrations_button(page, user, priority):
    from events.models import WorkshopPage

    if (
        isinstance(page.specific_deferred, WorkshopPage)
        and page.permissions_for_user(user).can_edit()
    ):
        return Button(
            _("Registrations"),
            reverse("events_registrations:workshop", args=[page.pk]),
            icon_name="group",
            priority=priority,
        )
    return None


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name, next_url=None):
    button = _registrations_button(page, user, priority=68)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def registrations_listing_button(page, user, next_url=None):
    button = _registrations_button(page, user, priority=69)
    if button:
        yield button


@hooks.register("register_log_actions")
def registration_log_actions(actions):
    from wagtail.log_actions import LogFormatter

    @actions.register_action("events.table_message")
    class TableMessageSent(LogFormatter):
        label = _("E-mail to a table")

        def format_message(self, log_entry):
            from django.utils.translation import ngettext

            data = log_entry.data
            count = data.get("recipients", 0)
            return ngettext(
                "E-mail “%(subject)s” sent to %(count)d person at the table “%(table)s”",
                "E-mail “%(subject)s” sent to %(count)d people at the table “%(table)s”",
                count,
            ) % {"subject": data.get("subject", ""), "count": count, "table": data.get("table", "")}


# --- end of Registrations -----------------------------------------------------------------


# --- Deleting a meeting -------------------------------------------------------------------
# A meeting people are registered for is marked cancelled (its page says so), not deleted:
# deleting would silently drop their registrations.


@hooks.register("before_delete_page")
def refuse_deleting_a_meeting_with_registrations(request, page):
    from django.contrib import messages
    from django.shortcuts import redirect

    from events.models import Registration, WorkshopPage

    meetings = WorkshopPage.objects.descendant_of(page, inclusive=True)
    taken = Registration.objects.active().filter(workshop__in=meetings)
    if taken.exists():
        messages.error(
            request,
            _(
                "People are registered for a meeting on this page (%(count)s). Mark the "
                "meeting as cancelled and write to its tables instead of deleting it."
            )
            % {"count": taken.count()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
