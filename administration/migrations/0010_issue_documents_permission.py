"""Issuing documents and recording their answers is a permission of its own, granted to
the roles that work cases (administration/seed/reference.py), never to the hotline."""

from django.db import migrations

ROLES_THAT_ISSUE = ("station_officer", "regional_investigator", "national_investigator")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Role = apps.get_model("administration", "Role")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="administration", model="role"
    )
    permission, _created = Permission.objects.get_or_create(
        codename="issue_documents",
        content_type=content_type,
        defaults={"name": "Issue documents and record their answers"},
    )
    for role in Role.objects.filter(code__in=ROLES_THAT_ISSUE).select_related("group"):
        role.group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(codename="issue_documents").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("administration", "0009_sign_existing_rows"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='role',
            options={'ordering': ['code'], 'permissions': [('register_complaint', 'Register complaints'), ('register_for_other_units', 'Register complaints for units without users'), ('register_hotline_complaint', 'Register complaints phoned in to the hotline'), ('work_cases', 'Receive alerts and work case files'), ('view_statistics', 'View national statistics'), ('correct_records', 'Correct sent records'), ('manage_users', 'Manage users and units'), ('view_audit', 'View the audit log'), ('issue_documents', 'Issue documents and record their answers')], 'verbose_name': 'role', 'verbose_name_plural': 'roles'},
        ),
        migrations.RunPython(grant, revoke),
    ]
