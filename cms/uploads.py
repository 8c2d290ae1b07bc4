"""One rule for every document upload: Wagtail checks WAGTAILDOCS_EXTENSIONS in its own forms
(single, multiple and chooser uploads), but code that creates a document directly skips that
check; this receiver makes every new file pass it, however the document is saved."""

from django.db.models.signals import pre_save
from wagtail.documents import get_document_model


def _document_extension_allowed(sender, instance, **kwargs):
    if instance.file and not instance.file._committed:  # a new file, not yet written
        instance.clean()  # Wagtail's WAGTAILDOCS_EXTENSIONS check; raises ValidationError


def connect_signals():
    pre_save.connect(
        _document_extension_allowed,
        sender=get_document_model(),
        dispatch_uid="cms.document_extension_allowed",
    )
