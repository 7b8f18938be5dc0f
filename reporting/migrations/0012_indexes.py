"""Indexes for national scale (issue 15): the searches by document and paper form number,
and the complaints typed by one unit for another."""

import django.db.models.functions.text
from django.db import migrations, models


# An expression index has no statistics until its table is analyzed, and autovacuum does
# not analyze a big table that does not change: without them the planner expects 0.5% of
# the rows to match a document, and reads the whole table instead of the index.
ANALYZE = "ANALYZE reporting_victim; ANALYZE reporting_suspect; ANALYZE reporting_complaint;"


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0011_issue11_phones"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                django.db.models.functions.text.Upper("complainant_document"),
                name="complaint_complainant_document",
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(("paper_number__isnull", False)),
                fields=["paper_number"],
                name="complaint_paper_number",
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(
                    ("status", "sent"),
                    models.Q(("registered_by_unit", models.F("unit")), _negated=True),
                ),
                fields=["registered_by_unit", "unit"],
                name="complaint_on_behalf",
            ),
        ),
        migrations.AddIndex(
            model_name="suspect",
            index=models.Index(
                django.db.models.functions.text.Upper("document_number"), name="suspect_document"
            ),
        ),
        migrations.AddIndex(
            model_name="victim",
            index=models.Index(
                django.db.models.functions.text.Upper("document_number"), name="victim_document"
            ),
        ),
        migrations.RunSQL(ANALYZE, migrations.RunSQL.noop),
    ]
