"""Sessions whose keys are not in the database.

Django's database sessions store the cookie's value as the row's key: anyone who can read
``django_session`` (a backup, the application's database password) could sign in as every
officer with an open session. Here the row holds a keyed digest of the cookie (HMAC with
``SECRET_KEY``, which is not in the database): the cookie finds its row, the row never gives
back the cookie.
"""

from asgiref.sync import sync_to_async
from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone
from django.utils.crypto import salted_hmac

SALT = "reta.session-key"


def stored_key(session_key: str) -> str:
    """The digest kept in ``django_session.session_key`` (40 characters, its column size)."""
    return salted_hmac(SALT, session_key, algorithm="sha256").hexdigest()[:40]


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        try:
            return self.model.objects.get(
                session_key=stored_key(self.session_key), expire_date__gt=timezone.now()
            )
        except (self.model.DoesNotExist, SuspiciousOperation):
            self._session_key = None

    def exists(self, session_key):
        return self.model.objects.filter(session_key=stored_key(session_key)).exists()

    def create_model_instance(self, data):
        return self.model(
            session_key=stored_key(self._get_or_create_session_key()),
            session_data=self.encode(data),
            expire_date=self.get_expiry_date(),
        )

    def delete(self, session_key=None):
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self.model.objects.filter(session_key=stored_key(session_key)).delete()

    # The asynchronous paths (unused by RETA's views today) go through the same digests.
    async def _aget_session_from_db(self):
        return await sync_to_async(self._get_session_from_db)()

    async def aexists(self, session_key):
        return await sync_to_async(self.exists)(session_key)

    async def acreate_model_instance(self, data):
        return await sync_to_async(self.create_model_instance)(data)

    async def adelete(self, session_key=None):
        await sync_to_async(self.delete)(session_key)
