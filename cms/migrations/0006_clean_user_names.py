"""Names typed before issue 18 may hold invisible or direction-changing characters."""

from django.db import migrations

from core.text import clean_name


def clean_names(apps, schema_editor):
    User = apps.get_model("cms", "User")
    for user in User.objects.only("first_name", "last_name").iterator():
        first_name, last_name = clean_name(user.first_name), clean_name(user.last_name)
        if (first_name, last_name) != (user.first_name, user.last_name):
            User.objects.filter(pk=user.pk).update(first_name=first_name, last_name=last_name)


class Migration(migrations.Migration):
    dependencies = [("cms", "0005_email_delivery")]

    operations = [migrations.RunPython(clean_names, migrations.RunPython.noop)]
