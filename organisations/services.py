"""Writes of the NGO directory: CSV import, representatives."""

import csv
import io
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import FORMULA_STARTS
from organisations.models import (
    LegalForm,
    Organisation,
    PublicTaskArea,
    Representative,
    search_key,
)
from organisations.validators import normalise_krs, normalise_nip, normalise_regon

# The columns of the import file, in the order the export writes them.
COLUMNS = [
    "nazwa",
    "forma_prawna",
    "krs",
    "nip",
    "regon",
    "numer_ewidencji",
    "opp",
    "sfery",
    "ulica",
    "kod_pocztowy",
    "miejscowosc",
    "dzielnica",
    "www",
    "email",
    "opis",
    "aktywna",
]
REQUIRED_COLUMNS = {"nazwa", "forma_prawna"}
FIELD_OF_COLUMN = {
    "nazwa": "name",
    "forma_prawna": "legal_form",
    "krs": "krs",
    "nip": "nip",
    "regon": "regon",
    "numer_ewidencji": "register_number",
    "opp": "is_public_benefit",
    "ulica": "street",
    "kod_pocztowy": "postal_code",
    "miejscowosc": "city",
    "dzielnica": "district",
    "www": "website",
    "email": "public_email",
    "opis": "description",
    "aktywna": "is_active",
}
COMPARED_FIELDS = list(FIELD_OF_COLUMN.values())
BATCH_SIZE = 500

LEGAL_FORM_ALIASES = {
    **{choice.value: choice.value for choice in LegalForm},
    "stowarzyszenie_rejestrowe": LegalForm.ASSOCIATION,
    "oddzial_terenowy": LegalForm.BRANCH,
    "oddzial_terenowy_stowarzyszenia": LegalForm.BRANCH,
    "uks": LegalForm.SPORTS_CLUB,
    "uczniowski_klub_sportowy": LegalForm.SPORTS_CLUB,
    "kolo_gospodyn_wiejskich": LegalForm.RURAL_HOUSEWIVES,
    "koscielna_osoba_prawna": LegalForm.CHURCH_ENTITY,
    "osoba_prawna_kosciola": LegalForm.CHURCH_ENTITY,
    "inny_podmiot": LegalForm.OTHER_ART_3_3,
}
TRUE_WORDS = {"tak", "t", "1", "true", "yes", "y", "x"}
FALSE_WORDS = {"nie", "n", "0", "false", "no", ""}


def _from_csv_cell(value: str) -> str:
    """The inverse of `csv_safe`, so an exported file imports back unchanged."""
    value = value or ""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


@dataclass
class RejectedRow:
    line: int
    name: str
    reasons: list[str]


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors

    def as_dict(self) -> dict:
        return asdict(self)


class RowError(Exception):
    def __init__(self, *reasons):
        self.reasons = [str(reason) for reason in reasons]


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RowError(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
        ) from error


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") >= header_line.count(",") else ","


def _boolean(value: str, column: str, *, default: bool) -> bool:
    word = value.strip().lower()
    if not word:
        return default
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise RowError(
        _("“%(value)s” in column %(column)s is not tak/nie.") % {"value": value, "column": column}
    )


def _legal_form(value: str) -> str:
    key = search_key(value).strip().replace(" ", "_").replace("-", "_")
    if key not in LEGAL_FORM_ALIASES:
        raise RowError(
            _("Unknown legal form “%(value)s”; use one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(LegalForm.values)}
        )
    return LEGAL_FORM_ALIASES[key]


def _areas(value: str, areas_by_number: dict[str, PublicTaskArea]) -> list[PublicTaskArea]:
    numbers = [part.strip().lower() for part in value.replace(";", ",").split(",") if part.strip()]
    unknown = [number for number in numbers if number not in areas_by_number]
    if unknown:
        raise RowError(
            _(
                "Unknown area of public tasks: %(numbers)s "
                "(use points of art. 4 ust. 1, e.g. 16 or 1a)."
            )
            % {"numbers": ", ".join(unknown)}
        )
    return [areas_by_number[number] for number in dict.fromkeys(numbers)]


def _organisation_from_row(
    row: dict[str, str], areas_by_number: dict[str, PublicTaskArea]
) -> tuple[Organisation, list[PublicTaskArea]]:
    """An unsaved Organisation and its areas from one row, validated without any query.

    Every problem of the row is reported at once, not only the first.
    """
    reasons = []

    def attempt(parse, *args, **kwargs):
        try:
            return parse(*args, **kwargs)
        except RowError as error:
            reasons.extend(error.reasons)
            return None

    legal_form = attempt(_legal_form, row.get("forma_prawna", ""))
    is_public_benefit = attempt(_boolean, row.get("opp", ""), "opp", default=False)
    is_active = attempt(_boolean, row.get("aktywna", ""), "aktywna", default=True)
    areas = attempt(_areas, row.get("sfery", ""), areas_by_number) or []
    organisation = Organisation(
        name=row.get("nazwa", "").strip(),
        legal_form=legal_form or "",
        krs=normalise_krs(row.get("krs", "")) if row.get("krs", "").strip() else "",
        nip=normalise_nip(row.get("nip", "")) if row.get("nip", "").strip() else "",
        regon=normalise_regon(row.get("regon", "")),
        register_number=row.get("numer_ewidencji", "").strip(),
        is_public_benefit=bool(is_public_benefit),
        street=row.get("ulica", "").strip(),
        postal_code=row.get("kod_pocztowy", "").strip(),
        city=row.get("miejscowosc", "").strip(),
        district=row.get("dzielnica", "").strip(),
        website=row.get("www", "").strip(),
        public_email=row.get("email", "").strip(),
        description=row.get("opis", "").strip(),
        is_active=is_active if is_active is not None else True,
    )
    try:
        organisation.full_clean(
            exclude=["legal_form"] if legal_form is None else None,
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            label = (
                "" if name == "__all__" else f"{Organisation._meta.get_field(name).verbose_name}: "
            )
            reasons.extend(f"{label}{message}" for message in messages)
    if reasons:
        raise RowError(*reasons)
    organisation.search_name = search_key(organisation.name)
    return organisation, areas


def _identity(organisation: Organisation) -> tuple:
    """What identifies a row without KRS and NIP: its name, form and register number."""
    return (organisation.search_name, organisation.legal_form, organisation.register_number)


@transaction.atomic
def organisations_import(*, data: bytes | str, dry_run: bool = False) -> ImportReport:
    """Create or update organisations from a CSV file (UTF-8, `;` or `,`).

    A row is matched to an existing organisation by KRS, else by NIP, else by name,
    legal form and register number. Rows that cannot be used are reported with their
    line number and reason; the others are applied. With `dry_run` nothing is written.
    The number of queries does not depend on the number of rows (batched writes).
    """
    report = ImportReport(dry_run=dry_run)
    try:
        text = _decode(data)
    except RowError as error:
        report.file_errors.extend(error.reasons)
        return report
    lines = text.splitlines()
    if not lines:
        report.file_errors.append(_("The file is empty."))
        return report
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(lines[0]))
    headers = [(header or "").strip().lower() for header in (reader.fieldnames or [])]
    reader.fieldnames = headers
    missing = REQUIRED_COLUMNS - set(headers)
    if missing:
        report.file_errors.append(
            _("Missing column(s): %(columns)s. The first line must name the columns: %(all)s.")
            % {"columns": ", ".join(sorted(missing)), "all": ";".join(COLUMNS)}
        )
        return report

    areas_by_number = {area.number: area for area in PublicTaskArea.objects.all()}
    existing = list(Organisation.objects.prefetch_related("areas"))
    by_krs = {org.krs: org for org in existing if org.krs}
    by_nip = {org.nip: org for org in existing if org.nip}
    by_identity = {_identity(org): org for org in existing if not org.krs and not org.nip}
    seen: dict[tuple, int] = {}

    to_create: list[tuple[Organisation, list[PublicTaskArea]]] = []
    to_update: list[tuple[Organisation, list[PublicTaskArea]]] = []

    for row in reader:
        line = reader.line_num
        report.rows += 1
        values = {key: _from_csv_cell(value) for key, value in row.items() if key}
        try:
            if None in row:
                raise RowError(_("The row has more fields than the header has columns."))
            incoming, areas = _organisation_from_row(values, areas_by_number)
            keys = [
                ("krs", incoming.krs) if incoming.krs else None,
                ("nip", incoming.nip) if incoming.nip else None,
            ]
            keys = [key for key in keys if key] or [("identity", _identity(incoming))]
            for key in keys:
                if key in seen:
                    raise RowError(
                        _("The same organisation as on line %(line)s.") % {"line": seen[key]}
                    )
            matched_by_krs = by_krs.get(incoming.krs) if incoming.krs else None
            matched_by_nip = by_nip.get(incoming.nip) if incoming.nip else None
            if matched_by_krs and matched_by_nip and matched_by_krs.pk != matched_by_nip.pk:
                raise RowError(
                    _("KRS %(krs)s belongs to “%(a)s” but NIP %(nip)s to “%(b)s”.")
                    % {
                        "krs": incoming.krs,
                        "nip": incoming.nip,
                        "a": matched_by_krs.name,
                        "b": matched_by_nip.name,
                    }
                )
            target = matched_by_krs or matched_by_nip
            if target is None and not incoming.krs and not incoming.nip:
                target = by_identity.get(_identity(incoming))
        except RowError as error:
            report.rejected.append(
                RejectedRow(line, (row.get("nazwa") or "").strip(), error.reasons)
            )
            continue
        for key in keys:
            seen[key] = line

        if target is None:
            to_create.append((incoming, areas))
            report.created += 1
            continue
        changed = [
            name for name in COMPARED_FIELDS if getattr(target, name) != getattr(incoming, name)
        ]
        areas_changed = {area.pk for area in target.areas.all()} != {area.pk for area in areas}
        if not changed and not areas_changed:
            report.unchanged += 1
            continue
        for name in changed:
            setattr(target, name, getattr(incoming, name))
        target.search_name = search_key(target.name)
        to_update.append((target, areas))
        report.updated += 1

    if dry_run:
        return report
    _write(to_create, to_update)
    return report


def _write(to_create, to_update) -> None:
    now = timezone.now()
    through = Organisation.areas.through
    new = [organisation for organisation, _areas in to_create]
    for organisation in new:
        organisation.created_at = organisation.updated_at = now
    Organisation.objects.bulk_create(new, batch_size=BATCH_SIZE)
    changed = [organisation for organisation, _areas in to_update]
    for organisation in changed:
        organisation.updated_at = now
    Organisation.objects.bulk_update(
        changed, [*COMPARED_FIELDS, "search_name", "updated_at"], batch_size=BATCH_SIZE
    )
    through.objects.filter(organisation_id__in=[org.pk for org in changed]).delete()
    through.objects.bulk_create(
        [
            through(organisation_id=organisation.pk, publictaskarea_id=area.pk)
            for organisation, areas in [*to_create, *to_update]
            for area in areas
        ],
        batch_size=BATCH_SIZE,
    )


def representative_declare(*, user, organisation: Organisation, role: str) -> Representative:
    """A person says they act for an organisation; it stays "declared" until confirmed."""
    try:
        with transaction.atomic():
            return Representative.objects.create(user=user, organisation=organisation, role=role)
    except IntegrityError as error:
        raise ValidationError(
            _("You have already declared that you represent this organisation."),
            code="already_declared",
        ) from error


def representative_confirm(*, representative: Representative, by) -> Representative:
    if not representative.is_confirmed:
        representative.confirmed_at = timezone.now()
        representative.confirmed_by = by
        representative.save(update_fields=["confirmed_at", "confirmed_by"])
    return representative


def representation_check(*, user, organisation: Organisation | None) -> None:
    """Acting on behalf of an organisation (a remark, a registration, a topic) needs the
    city's confirmation that `user` represents it; raises ValidationError otherwise."""
    if organisation is None:
        return
    if not organisation.representatives.confirmed().filter(user=user).exists():
        raise ValidationError(
            _(
                "You can write on behalf of an organisation only once the city has confirmed "
                "you represent it."
            ),
            code="not_representative",
        )
