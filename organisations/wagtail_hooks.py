from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from core.exports import csv_safe
from organisations import admin_views
from organisations.models import Organisation, Representative
from organisations.services import COLUMNS, FIELD_OF_COLUMN

EXPORTED_FIELD_OF_COLUMN = {**FIELD_OF_COLUMN, "sfery": "area_numbers"}


class OrganisationIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("areas")

    def write_csv_row(self, writer, row_dict):
        # Wagtail guards its XLSX export against formulas, not its CSV export.
        return super().write_csv_row(
            writer, {field: csv_safe(value) for field, value in row_dict.items()}
        )

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Import CSV"),
                url=reverse("organisations_admin:import_upload"),
                icon_name="upload",
            ),
        ]


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    name = "ngo_organisations"
    url_prefix = "baza-ngo/organizacje"
    icon = "group"
    menu_label = _("Organisations")
    index_view_class = OrganisationIndexView
    list_display = ["name", "legal_form", "krs", "nip", "is_public_benefit", "is_active"]
    list_filter = ["legal_form", "is_public_benefit", "is_active", "areas"]
    search_fields = ["name", "search_name", "krs", "nip"]
    # The export has the import's columns, so an exported file can be edited and re-imported.
    list_export = [EXPORTED_FIELD_OF_COLUMN[column] for column in COLUMNS]
    export_headings = {field: column for column, field in EXPORTED_FIELD_OF_COLUMN.items()}
    export_filename = "organizacje"
    form_fields = [
        "name",
        "legal_form",
        "krs",
        "register_number",
        "nip",
        "regon",
        "is_public_benefit",
        "areas",
        "street",
        "postal_code",
        "city",
        "district",
        "website",
        "public_email",
        "description",
        "is_active",
    ]


class RepresentativeViewSet(ModelViewSet):
    model = Representative
    name = "ngo_representatives"
    url_prefix = "baza-ngo/przedstawiciele"
    icon = "user"
    menu_label = _("Representatives")
    list_display = ["user", "organisation", "role", "status_label", "declared_at"]
    list_filter = ["role", "organisation__legal_form"]
    search_fields = ["user__email", "user__last_name", "organisation__name"]
    form_fields = ["user", "organisation", "role"]


class DirectoryGroup(ViewSetGroup):
    menu_label = _("NGO directory")
    menu_icon = "group"
    menu_order = 300
    items = (OrganisationViewSet, RepresentativeViewSet)


@hooks.register("register_admin_viewset")
def register_directory():
    return DirectoryGroup()


@hooks.register("register_admin_urls")
def register_directory_urls():
    return [
        path(
            "baza-ngo/",
            include(
                (
                    [
                        path("import/", admin_views.import_upload, name="import_upload"),
                        path("import/<id:pk>/", admin_views.import_preview, name="import_preview"),
                        path(
                            "do-potwierdzenia/",
                            admin_views.pending_representatives,
                            name="pending_representatives",
                        ),
                        path(
                            "potwierdz/<id:pk>/",
                            admin_views.confirm_representative,
                            name="confirm_representative",
                        ),
                    ],
                    "organisations_admin",
                )
            ),
        )
    ]


class PendingRepresentativesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("organisations.change_representative")


@hooks.register("register_admin_menu_item")
def register_pending_menu_item():
    return PendingRepresentativesMenuItem(
        _("Representatives to confirm"),
        reverse("organisations_admin:pending_representatives"),
        icon_name="tick",
        order=301,
    )
