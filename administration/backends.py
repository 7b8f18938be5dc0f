"""Django's ModelBackend, reading the signed-in user as every page needs it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        # Every page reads the user's role, unit and unit kind (scope, menu): one query
        # with the user instead of three after it.
        users = get_user_model()._default_manager.select_related("role", "unit__kind")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
