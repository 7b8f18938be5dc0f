"""The inbox read in its order from an index, delivered alerts only (issue 15)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0005_monitoring_alerts"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="alert",
            name="alert_inbox",
        ),
        migrations.AddIndex(
            model_name="alert",
            index=models.Index(
                condition=models.Q(("delivered_at__isnull", False)),
                fields=["unit", "status", "rank", "created_at"],
                name="alert_inbox_order",
            ),
        ),
    ]
