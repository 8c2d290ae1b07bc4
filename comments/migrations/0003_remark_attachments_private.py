"""Scans of remarks leave the public document library: each attached Wagtail document is
copied into the private storage (comments/attachments.py) under a random name, and the
document and its public file are deleted, so /media/ and /dokumenty/ no longer serve it."""

import uuid

import django.core.files
from django.db import migrations, models

import comments.attachments


def move_to_private_storage(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Document = apps.get_model("wagtaildocs", "Document")
    for remark in Comment.objects.filter(attachment_document__isnull=False).iterator():
        document = Document.objects.get(pk=remark.attachment_document_id)
        try:
            source = document.file.open("rb")
        except FileNotFoundError:
            continue  # nothing left to move
        with source:
            kind = comments.attachments.scan_type(source)
            # A file that is not a scan is kept (it is evidence) but only ever downloaded.
            extension = kind[0] if kind else "bin"
            remark.attachment.save(
                f"{uuid.uuid4().hex}.{extension}",
                django.core.files.File(source),
                save=False,
            )
        remark.attachment_document = None
        remark.save(update_fields=["attachment", "attachment_document"])
        document.delete()
        document.file.storage.delete(document.file.name)


class Migration(migrations.Migration):
    # The move deletes documents that the remarks point at; on PostgreSQL the foreign key's
    # deferred check then forbids dropping the old column in the same transaction ("pending
    # trigger events"). So the schema steps run on their own and the move in a transaction.
    atomic = False

    dependencies = [
        ("comments", "0002_remark_channels"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RenameField("comment", "attachment", "attachment_document"),
        migrations.AddField(
            model_name="comment",
            name="attachment",
            field=models.FileField(
                blank=True,
                storage=comments.attachments.private_storage,
                upload_to="uwagi/%Y/%m/",
                validators=[comments.attachments.validate_scan],
                verbose_name="attachment",
            ),
        ),
        migrations.RunPython(move_to_private_storage, migrations.RunPython.noop, atomic=True),
        migrations.RemoveField("comment", "attachment_document"),
    ]
