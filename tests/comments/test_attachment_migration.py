"""Migration comments 0003: scans attached before it leave the public document library."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.documents import get_document_model

from comments.models import Comment
from tests.comments.test_remark_channels import entry_url, paper_remark

BEFORE = [("comments", "0002_remark_channels")]
AFTER = [("comments", "0003_remark_attachments_private")]
PDF = b"%PDF-1.4 skan uwagi Haliny Mazur"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_the_newest_schema():
    """The later migrations are unapplied on the way back to 0002: apply them again."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


# serialized_rollback: the flush after a transactional test must not re-run post_migrate
# (it would recreate the staff groups that the next serialized test restores).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("back_to_the_newest_schema")
def test_a_scan_attached_as_a_public_document_moves_to_private_storage(
    client, consultation, coordinator, paragraph
):
    client.force_login(coordinator)
    client.post(entry_url(consultation), paper_remark(paragraph))
    remark_pk = Comment.objects.get().pk
    old = migrate(BEFORE)
    document = old.get_model("wagtaildocs", "Document")(title="Uwaga z 3 grudnia")
    document.file.save("skan.pdf", ContentFile(PDF))
    public_file = Path(document.file.path)
    old.get_model("comments", "Comment").objects.filter(pk=remark_pk).update(attachment=document)

    migrate(AFTER)

    remark = Comment.objects.get(pk=remark_pk)
    assert Path(remark.attachment.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert remark.attachment.read() == PDF
    assert not public_file.exists()
    assert not get_document_model().objects.exists()
