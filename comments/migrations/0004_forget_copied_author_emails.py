"""Online comments no longer keep a copy of their author's e-mail address (the account has
the current one); blank the copies already stored. Remarks typed in by staff have no account
and keep what was entered."""

from django.db import migrations


def forget_copied_emails(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Comment.objects.filter(user__isnull=False).exclude(user_email="").update(user_email="")


class Migration(migrations.Migration):
    dependencies = [("comments", "0003_remark_attachments_private")]

    operations = [migrations.RunPython(forget_copied_emails, migrations.RunPython.noop)]
