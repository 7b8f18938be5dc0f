from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("statistics", "0003_summary_counts"),
        # The refresh reads administration_customvalue (facts.py).
        ("administration", "0020_custom_variables"),
    ]

    operations = [
        migrations.AddField(
            model_name=model,
            name="custom",
            field=models.JSONField(default=dict),
        )
        for model in ("complaintfact", "suspectfact", "victimfact")
    ]
