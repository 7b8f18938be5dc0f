"""python manage.py verify_audit [--heads FILE]

Recomputes the audit chain and every signature, checks that every correction and every
change-log row is vouched for by a signed audit event, that sent records are what their
last signed history says, and that the chain still reaches the heads exported outside the
database. Exit 0 with the count of rows checked, or 1 naming each row that was forged,
altered, removed or inserted out of order.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from administration import integrity
from administration.audit import Action, Outcome, audit_record
from administration.models import AuditEvent


def verify(heads_file: Path) -> integrity.Report:
    report = integrity.Report()
    vouched = integrity.verify_chain(AuditEvent, report, integrity.read_heads(heads_file))
    integrity.verify_vouched_rows(vouched, report)
    integrity.verify_signed_rows(report)
    integrity.verify_records_match_history(report)
    integrity.verify_password_seals(report)
    for config in apps.get_app_configs():
        for check in getattr(config, "integrity_checks", ()):
            import_string(check)(report)
    return report


class Command(BaseCommand):
    help = "Verify the signed audit chain, corrections, change log and record history."

    def add_arguments(self, parser):
        parser.add_argument(
            "--heads",
            type=Path,
            default=None,
            help="file of exported chain heads (default: AUDIT_HEAD_FILE)",
        )

    def handle(self, *args, heads=None, **options):
        report = verify(heads or settings.AUDIT_HEAD_FILE)
        checked = " · ".join(f"{name} {count:,}" for name, count in report.checked.items())
        # The verification itself is audited, and read by the administrators' page.
        audit_record(
            action=Action.VERIFY,
            outcome=Outcome.FAILURE if report.problems else Outcome.SUCCESS,
            detail=f"{report.total} rows, {len(report.problems)} problems",
        )
        if report.notices:
            self.stdout.write(
                f"verify_audit: {len(report.notices)} change(s) by the owner role (migrations, "
                "maintenance), not vouched by an audit event:"
            )
            for notice in report.notices[:50]:
                self.stdout.write(f"  {notice}")
        if report.problems:
            for problem in report.problems:
                self.stderr.write(problem)
            self.stderr.write(
                f"verify_audit: {len(report.problems)} problem(s) in {report.total:,} rows "
                f"checked ({checked})"
            )
            raise SystemExit(1)
        self.stdout.write(f"verify_audit: {report.total:,} rows checked, all genuine ({checked})")
