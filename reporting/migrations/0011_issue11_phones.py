"""A phone (and its operator) for each alleged trafficker and each victim's contact.

A history row's signature covers every column (administration/integrity.py): the new
columns would make every earlier row of these histories look forged. Each row whose
signature was the application's over its columns as they were is signed again over the
new ones (empty); a row that was not genuine stays as it was, and verify_audit keeps
naming it. A database with such rows needs AUDIT_SIGNING_KEY while it migrates."""

import django.db.models.deletion
from django.db import migrations, models

from administration import integrity

NEW_COLUMNS = {
    "historicalvictim": ("contact_phone", "contact_phone_operator_id"),
    "historicalsuspect": ("phone", "phone_operator_id"),
}


# Writers in plain SQL that name only the columns they know (the benchmark's data, the
# tests of the guards, other institutions' loaders) keep working: empty is the default.
DEFAULTS = """
ALTER TABLE reporting_victim ALTER COLUMN contact_phone SET DEFAULT '';
ALTER TABLE reporting_suspect ALTER COLUMN phone SET DEFAULT '';
ALTER TABLE reporting_historicalvictim ALTER COLUMN contact_phone SET DEFAULT '';
ALTER TABLE reporting_historicalsuspect ALTER COLUMN phone SET DEFAULT '';
"""


def sign_again(apps, schema_editor):
    for name, new in NEW_COLUMNS.items():
        model = apps.get_model("reporting", name)
        integrity.sign_again_with_new_columns(model, new, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('administration', '0018_year_names_phones_escalation'),
        ('reporting', '0010_guards_the_audit_asked_for'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalsuspect',
            name='phone',
            field=models.CharField(blank=True, db_index=True, max_length=16, verbose_name='phone'),
        ),
        migrations.AddField(
            model_name='historicalsuspect',
            name='phone_operator',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='administration.phoneoperator', verbose_name='phone operator'),
        ),
        migrations.AddField(
            model_name='historicalvictim',
            name='contact_phone',
            field=models.CharField(blank=True, max_length=16, verbose_name='contact phone'),
        ),
        migrations.AddField(
            model_name='historicalvictim',
            name='contact_phone_operator',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='administration.phoneoperator', verbose_name='operator of the contact phone'),
        ),
        migrations.AddField(
            model_name='suspect',
            name='phone',
            field=models.CharField(blank=True, db_index=True, max_length=16, verbose_name='phone'),
        ),
        migrations.AddField(
            model_name='suspect',
            name='phone_operator',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='administration.phoneoperator', verbose_name='phone operator'),
        ),
        migrations.AddField(
            model_name='victim',
            name='contact_phone',
            field=models.CharField(blank=True, max_length=16, verbose_name='contact phone'),
        ),
        migrations.AddField(
            model_name='victim',
            name='contact_phone_operator',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='administration.phoneoperator', verbose_name='operator of the contact phone'),
        ),
        migrations.RunSQL(DEFAULTS, migrations.RunSQL.noop),
        migrations.RunPython(sign_again, migrations.RunPython.noop),
    ]
