"""Every way a Wagtail document is saved obeys WAGTAILDOCS_EXTENSIONS (cms/uploads.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGE = b"<html><body><script>fetch('/admin/')</script></body></html>"


def web_page():
    return SimpleUploadedFile("opinia-rady.html", PAGE, content_type="text/html")


def test_a_document_saved_by_code_still_obeys_the_allowed_extensions():
    with pytest.raises(ValidationError):
        get_document_model().objects.create(title="Opinia rady", file=web_page())

    assert not get_document_model().objects.exists()


def test_the_multiple_upload_in_the_admin_refuses_a_web_page(client, demo_site):
    editor = UserFactory(first_name="Marek", last_name="Nowak", is_staff=True, is_superuser=True)
    client.force_login(editor)

    response = client.post("/admin/documents/multiple/add/", {"files[]": web_page()})

    assert response.json()["success"] is False
    assert not get_document_model().objects.exists()
