"""``manage.py classify FILE``: the legal classifier from the command line.

The contract is INTERFACES.md section 2: one JSON object on stdout and exit 0, or one line
on stderr and exit 2 for bad input.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from administration.catalogue import articles_in_force
from reporting.rules import InvalidFacts, classify, facts_from_dict

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Classify the facts of a complaint (a JSON document, or - for standard input) and "
        "print the verdict as JSON."
    )
    # Other programs read stdout and stderr: no system-check warnings may end up there.
    requires_system_checks = ()
    # Lets tests pass a stream in place of standard input.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", help='JSON file with the facts, or "-" for standard input')

    def handle(self, *args, **options):
        text = self._read(options["file"], options.get("stdin") or sys.stdin)
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as error:
            raise CommandError(
                _("The input is not valid JSON: %(error)s.") % {"error": error},
                returncode=BAD_INPUT,
            ) from None
        try:
            facts = facts_from_dict(data)
        except InvalidFacts as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from None

        verdict = classify(facts, articles_in_force(facts.date_of_facts))
        self.stdout.write(json.dumps(verdict.as_dict(), ensure_ascii=False))

    def _read(self, name, stdin):
        try:
            if name == "-":
                return stdin.read()
            return Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": name, "error": error},
                returncode=BAD_INPUT,
            ) from None
