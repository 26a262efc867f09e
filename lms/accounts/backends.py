from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .services import user_for_login


class PhoneOrEmailBackend(ModelBackend):
    """Sign in with a phone number (any common Vietnamese spelling) or an email address.

    Usernames (admins, imported accounts) keep working through Django's ModelBackend,
    listed after this one.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = user_for_login(username)
        if user is None:
            # Same cost as a real check so that timing does not reveal which logins exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
