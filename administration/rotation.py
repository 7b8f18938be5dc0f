"""Rotation: an officer's assignment ends and what they held is handed over, as one action.

What an officer can hold lives in other modules (drafts in reporting, alerts in alerts,
case assignments in investigation). Each kind is a *holder*: an object with

    kind: str                      # stable code, e.g. "draft"
    title: str                     # plural label for the confirmation page
    needs_person: bool             # True: it cannot be handed to "the unit" (a draft)
    held_by(user) -> list[HeldItem]
    hand_over(items, *, from_user, to_user, by) -> None   # to_user None: to the unit

The built-in holders are below. Another app adds its own by naming them in its AppConfig:
``rotation_holders = ("investigation.rotation.CasesLed", …)``, as the investigation module
does for the case files an investigator leads or is assigned to.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from hashlib import sha256

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .audit import Action, audit_record
from .models import Role, Rotation, RotationItem, Unit, UnitAssignment, User


@dataclass(frozen=True)
class HeldItem:
    kind: str
    object_type: str
    object_id: int
    label: str


class DraftComplaints:
    kind = "draft"
    title = _("Draft complaints")
    needs_person = True

    def held_by(self, user):
        from reporting.models import Complaint

        drafts = Complaint.objects.filter(status=Complaint.Status.DRAFT, registered_by=user)
        return [
            HeldItem(
                self.kind,
                "reporting.complaint",
                draft.pk,
                gettext("Draft of %(date)s, %(unit)s")
                % {
                    "date": timezone.localtime(draft.updated_at).strftime("%d/%m/%Y"),
                    "unit": draft.unit,
                },
            )
            for draft in drafts.select_related("unit").order_by("updated_at")
        ]

    def hand_over(self, items, *, from_user, to_user, by):
        from reporting.models import Complaint

        # Row by row: complaints refuse bulk updates (their history is kept per save).
        for draft in Complaint.objects.filter(pk__in=[i.object_id for i in items]):
            draft.registered_by = to_user
            draft.registered_by_unit = to_user.unit
            draft.save(update_fields=["registered_by", "registered_by_unit", "updated_at"])


class TakenAlerts:
    kind = "alert"
    title = _("Alerts taken and still open")
    needs_person = False

    def held_by(self, user):
        from alerts.models import Alert

        alerts = Alert.objects.filter(taken_by=user, status=Alert.Status.TAKEN)
        return [
            HeldItem(
                self.kind,
                "alerts.alert",
                alert.pk,
                gettext("%(kind)s, complaint %(number)s")
                % {"kind": alert.get_kind_display(), "number": alert.complaint.number or "—"},
            )
            for alert in alerts.select_related("complaint").order_by("created_at")
        ]

    def hand_over(self, items, *, from_user, to_user, by):
        from alerts.models import Alert, AlertNote

        for alert in Alert.objects.filter(pk__in=[i.object_id for i in items]):
            if to_user is None:
                # Back to the unit's inbox: anyone there takes it again.
                alert.status, alert.taken_by, alert.taken_at = Alert.Status.ACKNOWLEDGED, None, None
            else:
                alert.taken_by = to_user
            alert.save(update_fields=["status", "taken_by", "taken_at"])
            AlertNote.objects.create(
                alert=alert,
                author=by,
                text=gettext("Handed over on rotation: %(from)s → %(to)s.")
                % {
                    "from": from_user.display_name,
                    "to": to_user.display_name if to_user else gettext("the unit"),
                },
            )


class PendingDocumentRequests:
    """Requests for information still waiting for an answer. They already belong to the
    unit that issued them (its list of pending requests); the handover names who follows
    them up now."""

    kind = "document_request"
    title = _("Requests waiting for an answer")
    needs_person = False

    def held_by(self, user):
        from django.db.models import Q

        from reporting.models import IssuedDocument

        # Who follows a request up is the officer who issued it, or the one it was last
        # handed to (RotationItem): the document itself never changes.
        handed = RotationItem.objects.filter(kind=self.kind)
        handed_to = [
            int(i) for i in handed.filter(to_user=user).values_list("object_id", flat=True)
        ]
        handed_from = [
            int(i) for i in handed.filter(rotation__user=user).values_list("object_id", flat=True)
        ]
        documents = (
            IssuedDocument.objects.filter(answer_due__isnull=False, answered_on__isnull=True)
            .filter(Q(issued_by=user) | Q(pk__in=handed_to))
            .exclude(pk__in=handed_from)
        )
        return [
            HeldItem(self.kind, "reporting.issueddocument", document.pk, document.number)
            for document in documents.order_by("answer_due")
        ]

    def hand_over(self, items, *, from_user, to_user, by):
        pass  # recorded in RotationItem: nothing of the document itself changes


BUILT_IN = (DraftComplaints(), TakenAlerts(), PendingDocumentRequests())


def holders() -> list:
    found = list(BUILT_IN)
    for config in apps.get_app_configs():
        for path in getattr(config, "rotation_holders", ()):
            found.append(import_string(path)())
    return found


def held_work(user: User) -> list[tuple[object, list[HeldItem]]]:
    """What the officer holds, by holder, for the confirmation page."""
    return [(holder, holder.held_by(user)) for holder in holders()]


def fingerprint(held: list[tuple[object, list[HeldItem]]]) -> str:
    """Names exactly what the confirmation page listed: if anything changed before the
    administrator confirms, the page is shown again."""
    keys = sorted(f"{item.kind}:{item.object_id}" for _holder, items in held for item in items)
    return sha256(",".join(keys).encode()).hexdigest()[:32]


def handover_problems(held, successor: User | None) -> list[str]:
    return [
        gettext("%(what)s can only be handed to a person: choose a successor.")
        % {"what": holder.title}
        for holder, items in held
        if items and holder.needs_person and successor is None
    ]


class HandoverChanged(Exception):
    """What the officer holds changed since the confirmation page."""


@transaction.atomic
def rotation_perform(
    *,
    user: User,
    ended_on: date,
    to_unit: Unit | None,
    role: Role | None,
    successor: User | None,
    by: User,
    confirmed: str,
) -> Rotation:
    """End ``user``'s assignment on ``ended_on``, hand everything they held to ``successor``
    (or to the unit), and move them to ``to_unit`` from the next day; without ``to_unit``
    the account is closed. ``confirmed`` is the fingerprint of the confirmation page."""
    from .services import sessions_end_for, user_move

    User.objects.select_for_update().get(pk=user.pk)
    held = held_work(user)
    if fingerprint(held) != confirmed:
        raise HandoverChanged
    problems = handover_problems(held, successor)
    if problems:
        raise ValueError(problems[0])
    from_unit = user.unit
    rotation = Rotation.objects.create(
        user=user,
        from_unit=from_unit,
        to_unit=to_unit,
        ended_on=ended_on,
        successor=successor,
        recorded_by=by,
    )
    for holder, items in held:
        if not items:
            continue
        to_user = successor
        holder.hand_over(items, from_user=user, to_user=to_user, by=by)
        RotationItem.objects.bulk_create(
            RotationItem(
                rotation=rotation,
                kind=item.kind,
                object_type=item.object_type,
                object_id=str(item.object_id),
                label=item.label[:200],
                to_user=to_user,
            )
            for item in items
        )
    if to_unit is not None:
        user_move(
            user=user, unit=to_unit, role=role, on=ended_on + timedelta(days=1), recorded_by=by
        )
    else:
        for assignment in UnitAssignment.objects.filter(user=user, ended__isnull=True):
            assignment.ended = max(assignment.started, ended_on)
            assignment.save(update_fields=["ended"])
        user.is_active = False
        user.save(update_fields=["is_active"])
    sessions_end_for(user)
    count = sum(len(items) for _holder, items in held)
    audit_record(
        action=Action.PERMISSION_CHANGE,
        user=by,
        obj=rotation,
        detail=(
            f"rotation user={user.pk} from={from_unit.code if from_unit else ''} "
            f"to={to_unit.code if to_unit else 'closed'} items={count} "
            f"successor={successor.pk if successor else 'unit'}"
        ),
    )
    return rotation
