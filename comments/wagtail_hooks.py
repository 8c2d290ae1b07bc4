from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from comments import admin_views
from comments.services import MODERATE_PERMISSION, OFFICIAL_PERMISSION


@hooks.register("register_admin_urls")
def register_comment_urls():
    return [
        path(
            "dyskusja/",
            include(
                (
                    [
                        path("kolejka/", admin_views.queue, name="queue"),
                        path("dziennik/", admin_views.log, name="log"),
                        path("odblokuj/<id:block_id>/", admin_views.unblock, name="unblock"),
                        path("zablokuj/<id:user_id>/", admin_views.block, name="block"),
                        path("uwagi/<id:page_id>/", admin_views.positions, name="positions"),
                        path(
                            "uwagi/<id:page_id>/dodaj/",
                            admin_views.remark_enter,
                            name="remark_enter",
                        ),
                        path(
                            "uwagi/<id:page_id>/<id:remark_id>/zalacznik/",
                            admin_views.remark_attachment,
                            name="remark_attachment",
                        ),
                        path(
                            "uwagi/<id:page_id>/<id:remark_id>/wada/",
                            admin_views.remark_defect,
                            name="remark_defect",
                        ),
                        path(
                            "eksport/<id:page_id>.<str:extension>",
                            admin_views.export,
                            name="export",
                        ),
                    ],
                    "comments_admin",
                )
            ),
        )
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return PermissionMenuItem(
        _("Moderation queue"),
        reverse("comments_admin:queue"),
        icon_name="warning",
        order=250,
        permission=MODERATE_PERMISSION,
    )


@hooks.register("register_admin_menu_item")
def moderation_log_menu_item():
    return PermissionMenuItem(
        _("Moderation log"),
        reverse("comments_admin:log"),
        icon_name="list-ul",
        order=251,
        permission=MODERATE_PERMISSION,
    )


@hooks.register("register_page_header_buttons")
def remarks_button(page, user, view_name, next_url=None):
    from consultations.models import ConsultationPage

    if isinstance(page.specific_deferred, ConsultationPage) and user.has_perm(OFFICIAL_PERMISSION):
        yield Button(
            _("Remarks and positions"),
            reverse("comments_admin:positions", args=[page.pk]),
            icon_name="comment",
            priority=68,
        )
