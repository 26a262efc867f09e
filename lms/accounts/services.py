"""Residents sign up with a Vietnamese phone number or an email address and a password."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from lms.models import Learner

# Mobile numbers: 0 + 3/5/7/8/9 + 8 digits; landlines: 02 + 9 digits (national format).
_PHONE_NATIONAL = re.compile(r"^0(?:[35789]\d{8}|2\d{9})$")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")


class RegistrationRefused(Exception):
    """Sign-up refused; `field` is the form field it concerns, `message` says why in the active language."""

    def __init__(self, message, *, field="login"):
        super().__init__(message)
        self.message = message
        self.field = field


def phone_normalise(value: str) -> str | None:
    """"+84 912 345 678", "0912.345.678", "84912345678" -> "+84912345678"; None when not a Vietnamese number."""
    digits = _PHONE_SEPARATORS.sub("", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not _PHONE_NATIONAL.match(digits):
        return None
    return "+84" + digits[1:]


def login_parse(value: str):
    """("phone", "+84…") or ("email", "name@example.org") or (None, None) when it is neither."""
    value = (value or "").strip()
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            return None, None
        local, _at, domain = value.rpartition("@")
        # Mailbox names are matched case-insensitively in practice; one account per address.
        return "email", f"{local}@{domain}".lower()
    phone = phone_normalise(value)
    return ("phone", phone) if phone else (None, None)


def user_for_login(login: str):
    """The user a phone number or email address belongs to, or None."""
    kind, value = login_parse(login)
    User = get_user_model()
    if kind == "email":
        return User.objects.filter(email__iexact=value).order_by("pk").first()
    if kind == "phone":
        # Profiles created elsewhere (imports) may hold the national spelling "0912345678".
        return User.objects.filter(learner__phone__in=[value, "0" + value[3:]]).order_by("pk").first()
    return None


@transaction.atomic
def learner_register(*, full_name: str, login: str, password: str):
    """Create a resident's user account and learner profile; returns the user.

    The username is the normalised phone number or email, so the database refuses a
    second account for the same login even when two sign-ups race.
    """
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise RegistrationRefused(_("Please enter your full name."), field="full_name")
    kind, value = login_parse(login)
    if kind is None:
        raise RegistrationRefused(_("Enter a Vietnamese phone number (for example 0912 345 678) or an email address."))
    if user_for_login(value) is not None:
        raise RegistrationRefused(_("An account with this phone number or email already exists. Please sign in."))
    User = get_user_model()
    user = User(username=value[:150], email=value if kind == "email" else "", first_name=full_name[:150])
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise RegistrationRefused(" ".join(error.messages), field="password") from None
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            Learner.objects.create(user=user, kind=Learner.Kind.RESIDENT, full_name=full_name, phone=value if kind == "phone" else None)
    except IntegrityError:
        raise RegistrationRefused(_("An account with this phone number or email already exists. Please sign in.")) from None
    return user
