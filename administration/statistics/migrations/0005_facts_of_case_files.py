"""The people of the case files join the victims' and alleged traffickers' facts: a case
with no sent complaint attached has no complaint id, its own id instead (facts.py)."""

from django.db import migrations, models

PEOPLE = ("suspectfact", "victimfact")


class Migration(migrations.Migration):
    dependencies = [
        ("statistics", "0004_facts_custom_values"),
        # The refresh reads the case files and reta_document_key() (facts.py).
        ("investigation", "0002_crossing_keys_of_complaints"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model, name="case_id", field=models.BigIntegerField(null=True)
            )
            for model in PEOPLE
        ),
        *(
            migrations.AlterField(
                model_name=model,
                name="complaint_id",
                field=models.BigIntegerField(db_index=True, null=True),
            )
            for model in PEOPLE
        ),
        *(
            migrations.AddConstraint(
                model_name=model,
                constraint=models.CheckConstraint(
                    condition=models.Q(complaint_id__isnull=False)
                    | models.Q(case_id__isnull=False),
                    name=f"{model}_of_a_complaint_or_a_case",
                ),
            )
            for model in PEOPLE
        ),
    ]
