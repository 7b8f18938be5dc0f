"""Accounts' passwords are sealed (administration/integrity.py ``password_seal``): a hash
swapped in by SQL with the database's password no longer opens the account. The accounts
that exist when this runs are sealed as they are."""

from django.db import migrations, models


def seal_existing_passwords(apps, schema_editor):
    from administration.integrity import password_seal

    User = apps.get_model("administration", "User")
    for user in User.objects.only("pk", "password").iterator():
        User.objects.filter(pk=user.pk).update(password_seal=password_seal(user.pk, user.password))


class Migration(migrations.Migration):
    dependencies = [
        ("administration", "0015_permission_change_log"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="password_seal",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(seal_existing_passwords, migrations.RunPython.noop),
    ]
