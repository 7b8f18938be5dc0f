"""What an investigator holds in case files, handed over on rotation (the holders of
administration/rotation.py, named in this app's AppConfig): the cases they lead and those
they are assigned to, while the case is not closed or archived."""

from django.utils.translation import gettext_lazy as _

from administration.rotation import HeldItem

from .models import Case


def _open_cases():
    return Case.objects.exclude(state__in=Case.ENDED).order_by("opened_at")


def _label(case: Case) -> str:
    # The number already says what it is ("CASO N° 001-2026-…").
    return f"{case.number} ({case.get_state_display()})"


class CasesLed:
    kind = "case_led"
    title = _("Case files led")
    # A case always has a lead investigator: it goes to a person, never to "the unit".
    needs_person = True

    def held_by(self, user):
        return [
            HeldItem(self.kind, "investigation.case", case.pk, _label(case))
            for case in _open_cases().filter(lead=user)
        ]

    def hand_over(self, items, *, from_user, to_user, by):
        for case in Case.objects.filter(pk__in=[i.object_id for i in items]):
            case.lead = to_user
            case._change_reason = "rotation"
            case.save(update_fields=["lead"])
            case.investigators.remove(to_user)  # the lead is not also "assigned"


class CaseAssignments:
    kind = "case_assigned"
    title = _("Case files assigned to")
    needs_person = False

    def held_by(self, user):
        return [
            HeldItem(self.kind, "investigation.case", case.pk, _label(case))
            for case in _open_cases().filter(investigators=user)
        ]

    def hand_over(self, items, *, from_user, to_user, by):
        for case in Case.objects.filter(pk__in=[i.object_id for i in items]):
            case.investigators.remove(from_user)
            # To the unit: the case's lead and its unit go on without them.
            if to_user is not None and to_user.pk != case.lead_id:
                case.investigators.add(to_user)
