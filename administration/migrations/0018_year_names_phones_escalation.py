"""The official name of each year (typed by an administrator; none is loaded: the
government decrees it each year), the telephone companies, and the national division's
escalation: its kind says its alerts escalate to its own chief and administrators, who hold
the new permission (administrators by their role)."""

import django.core.validators
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

from administration.seed.reference import PHONE_OPERATORS

ADMINISTRATOR_GETS = [
    "receive_escalations",
    *(f"{action}_{model}" for model in ("officialyearname", "phoneoperator")
      for action in ("add", "change", "view")),
]


# The permission log keeps its time to the millisecond, as a snapshot of the database
# does: the rows this migration's grants write are reloaded unchanged from one (the test
# suite's reference data), where a microsecond would read as an UPDATE of the log.
LOG_FUNCTION = r"""
CREATE OR REPLACE FUNCTION reta_log_table_change() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
BEGIN
    INSERT INTO administration_tablechange ("table", row_id, operation, old, new, txid, at, db_user)
    VALUES (
        TG_TABLE_NAME, CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END, TG_OP,
        CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
        CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END,
        txid_current(), %s, current_user
    );
    RETURN NULL;
END;
$$;
"""


def load(apps, schema_editor):
    app_config = apps.get_app_config("administration")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    PhoneOperator = apps.get_model("administration", "PhoneOperator")
    for code, name in PHONE_OPERATORS:
        PhoneOperator.objects.get_or_create(code=code, defaults={"name": name})
    UnitKind = apps.get_model("administration", "UnitKind")
    # The kinds that see the whole country are the national division's: the unit above
    # them (DIRINCRI) does not use the registry.
    UnitKind.objects.filter(national_scope=True).update(escalates_within=True)
    Permission = apps.get_model("auth", "Permission")
    Role = apps.get_model("administration", "Role")
    granted = Permission.objects.filter(
        content_type__app_label="administration", codename__in=ADMINISTRATOR_GETS
    )
    for role in Role.objects.filter(code="administrator").select_related("group"):
        role.group.permissions.add(*granted)


def unload(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="administration", codename__in=ADMINISTRATOR_GETS
    ).delete()
    apps.get_model("administration", "PhoneOperator").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('administration', '0017_change_logs_written_only_by_triggers'),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name='OfficialYearName',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(unique=True, validators=[django.core.validators.MinValueValidator(1990), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                ('name', models.CharField(help_text='As the decree writes it, without quotation marks.', max_length=250, verbose_name='official name of the year')),
            ],
            options={
                'verbose_name': 'official name of the year',
                'verbose_name_plural': 'official names of the years',
                'ordering': ['-year'],
            },
        ),
        migrations.CreateModel(
            name='PhoneOperator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=80, verbose_name='name')),
                ('active', models.BooleanField(default=True, verbose_name='active')),
            ],
            options={
                'verbose_name': 'phone operator',
                'verbose_name_plural': 'phone operators',
                'ordering': ['name'],
            },
        ),
        migrations.AlterModelOptions(
            name='role',
            options={'ordering': ['code'], 'permissions': [('register_complaint', 'Register complaints'), ('register_for_other_units', 'Register complaints for units without users'), ('register_hotline_complaint', 'Register complaints phoned in to the hotline'), ('work_cases', 'Receive alerts and work case files'), ('view_statistics', 'View national statistics'), ('correct_records', 'Correct sent records'), ('manage_users', 'Manage users and units'), ('view_audit', 'View the audit log'), ('issue_documents', 'Issue documents and record their answers'), ('receive_escalations', "Be told of the unit's alerts not acknowledged in time (the unit's chief)")], 'verbose_name': 'role', 'verbose_name_plural': 'roles'},
        ),
        migrations.AddField(
            model_name='unitkind',
            name='escalates_within',
            field=models.BooleanField(default=False, help_text="Alerts not acknowledged in time go to the unit's chief and administrators (people with the permission to be told), not to the unit above.", verbose_name='escalates to its own chief'),
        ),
        migrations.RunSQL(
            LOG_FUNCTION % "date_trunc('milliseconds', now())", LOG_FUNCTION % "now()"
        ),
        migrations.RunPython(load, unload),
    ]
