"""Scans of remarks that reached the city on paper: personal data, so they are kept apart
from the public uploads.

Only PDF, JPEG, PNG and TIFF are taken, recognised by their first bytes (a file's name says
nothing). They are stored under ``PRIVATE_MEDIA_ROOT``, which neither ``/media/`` nor
``/dokumenty/`` serves, and are handed out only by ``comments.admin_views.remark_attachment``
to staff who may give positions on remarks, always as a download.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _

# First bytes → (extension, content type).
SIGNATURES = {
    b"%PDF-": ("pdf", "application/pdf"),
    b"\xff\xd8\xff": ("jpg", "image/jpeg"),
    b"\x89PNG\r\n\x1a\n": ("png", "image/png"),
    b"II*\x00": ("tif", "image/tiff"),
    b"MM\x00*": ("tif", "image/tiff"),
}


class PrivateStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT, with no public address."""

    def url(self, name):
        raise ValueError("Private files have no URL; link to the view that checks permissions.")


def private_storage() -> PrivateStorage:
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)


def scan_type(file) -> tuple[str, str] | None:
    """(extension, content type) of a PDF, JPEG, PNG or TIFF file, read from its first
    bytes; None for anything else."""
    file.seek(0)
    start = file.read(8)
    file.seek(0)
    for signature, kind in SIGNATURES.items():
        if start.startswith(signature):
            return kind
    return None


def validate_scan(file) -> None:
    if scan_type(file) is None:
        raise ValidationError(
            _("Attach a scan as PDF, JPEG, PNG or TIFF; other files are not accepted."),
            code="attachment_type",
        )


def as_scan(file) -> File:
    """The upload under a name of our own (random, with the extension of its real type), so
    nothing the sender chose ends up in a path or a download name."""
    validate_scan(file)
    extension, _content_type = scan_type(file)
    return File(file, name=f"{uuid.uuid4().hex}.{extension}")
