"""Writes of consultations."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef
from django.utils.translation import gettext as _
from wagtail.search import index

from consultations import signals
from consultations.importers import ParsedDraft
from consultations.models import ConsultationPage, DraftVersion, ReportEdition


def version_publish(
    *, page: ConsultationPage, label: str, change_note: str = "", by=None
) -> DraftVersion:
    """Publish the page's live draft as the next numbered public version."""
    live = ConsultationPage.objects.live().filter(pk=page.pk).first()
    if live is None:
        raise ValidationError(
            _("Publish the page first: a version is a snapshot of the live page.")
        )
    if not live.chapters:
        raise ValidationError(_("The draft is empty: add chapters and paragraphs first."))
    for _attempt in range(3):
        try:
            with transaction.atomic():
                number = (live.versions.aggregate(last=Max("number"))["last"] or 0) + 1
                version = DraftVersion.objects.create(
                    page=live,
                    number=number,
                    label=label,
                    change_note=change_note,
                    chapters=live.chapters,
                    published_by=by,
                )
        except IntegrityError:
            continue  # another coordinator took this number a moment ago
        # Search finds the public version's words (ConsultationPage.public_draft_text).
        index.insert_or_update_object(live)
        transaction.on_commit(
            partial(signals.version_published.send, sender=DraftVersion, version=version)
        )
        return version
    raise ValidationError(_("Could not number the version; try again."))


def draft_import(*, page: ConsultationPage, draft: ParsedDraft, by=None):
    """Replace the draft with an imported one, as a new revision that is not yet public.

    Paragraphs whose number already exists keep their identifier (see ParsedDraft.as_stream).
    Either the whole draft is saved or nothing is.
    """
    with transaction.atomic():
        latest = page.get_latest_revision_as_object()
        latest.draft = draft.as_stream(previous=latest.chapters)
        return latest.save_revision(user=by, log_action=True)


def report_change_refusal(*, page_id) -> ValidationError | None:
    """Why what the consultation's report shows (remarks typed in, positions, formal
    defects, the summary) may not change now, or None. A published report is the official
    record: it changes only through a correction a coordinator opens, which is published
    as the next edition (reporting/services.py)."""
    state = (
        ConsultationPage.objects.filter(pk=page_id)
        .annotate(
            correcting=Exists(ReportEdition.objects.open_correction().filter(page=OuterRef("pk")))
        )
        .values("report_published_at", "correcting")
        .first()
    )
    if state is None or state["report_published_at"] is None or state["correcting"]:
        return None
    return ValidationError(
        _(
            "The report of this consultation is published, so what it shows can no longer "
            "change. A coordinator may open a correction on the report's page in the admin: "
            "it is published as the report's next edition."
        ),
        code="report_published",
    )


def report_require_editable(*, page_ids) -> None:
    """The one guard of every write that changes what a report shows: raises the refusal."""
    for page_id in set(page_ids):
        refusal = report_change_refusal(page_id=page_id)
        if refusal is not None:
            raise refusal
