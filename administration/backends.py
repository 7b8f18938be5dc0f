"""Django's ModelBackend, reading the signed-in user as every page needs it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from reta.remembered import Remembered

# Every page's menu asks what the user may do: two queries (the user's own permissions,
# those of the role's group), kept in each process until a permission, a group or a
# user changes anywhere (PERMISSIONS.changed(), within Remembered's two seconds).
PERMISSIONS = Remembered("permissions")


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        # Every page reads the user's role, unit and unit kind (scope, menu), and for a
        # unit that sees its parent's subtree the parent's path (Unit.scope_path): one
        # query with the user instead of four after it.
        users = get_user_model()._default_manager.select_related(
            "role", "unit__kind", "unit__parent"
        )
        # get(), not first(): no ORDER BY to write and plan on every request.
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def _get_permissions(self, user_obj, obj, from_name):
        # ModelBackend's rule first: nothing for an inactive user or for one object.
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cached = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, cached):
            key = (from_name, user_obj.pk, user_obj.is_superuser)
            read = super()._get_permissions
            permissions = PERMISSIONS.get(key, lambda: frozenset(read(user_obj, obj, from_name)))
            setattr(user_obj, cached, set(permissions))
        return getattr(user_obj, cached)


def connect_signals() -> None:
    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(PERMISSIONS.changed, sender=through, weak=False)
    m2m_changed.connect(PERMISSIONS.changed, sender=Group.permissions.through, weak=False)
    for model in (User, Group, Permission):
        post_save.connect(PERMISSIONS.changed, sender=model, weak=False)
        post_delete.connect(PERMISSIONS.changed, sender=model, weak=False)
    # A migration changes permissions through historical models, whose signals these
    # receivers never hear.
    post_migrate.connect(PERMISSIONS.changed, weak=False)
