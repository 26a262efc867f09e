"""Bulk import of civil servants from CSV or XLSX, and the first-login password link.

Accounts are matched by email or phone, so re-importing a file updates people instead of
duplicating them. New accounts have an unusable password and `must_set_password`; the
learner sets a password through a one-time link made with Django's password-reset
tokens (the token dies once the password changes).
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lms.accounts.services import login_parse

from ..models import Learner, OrgUnit
from .assignments import assignments_apply_to_learners
from .errors import ImportRejected
from .tables import read_table

LEARNER_COLUMNS = {
    "name": ("full name", "full_name", "họ tên", "họ và tên", "tên"),
    "email": ("e-mail", "thư điện tử"),
    "phone": ("phone number", "số điện thoại", "điện thoại", "sđt"),
    "login": ("email or phone", "email_or_phone", "email hoặc số điện thoại", "email/phone", "email/số điện thoại"),
    "unit": ("unit code", "unit_code", "mã đơn vị", "đơn vị"),
    "position": ("chức vụ", "job title", "vị trí"),
}

_BATCH = 2000


@dataclass
class LearnersImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # [(row number, message)]
    new_users: list = field(default_factory=list)  # [(row number, user)] accounts that must set a password

    @property
    def ok(self):
        return not self.errors


@dataclass
class _Candidate:
    number: int
    name: str
    email: str
    phone: str | None
    unit: OrgUnit
    position: str

    @property
    def username(self):
        return (self.email or self.phone)[:150]


def first_login_path(*, user) -> str:
    """The one-time path where a learner created by an import sets their password."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("lms:set_password", kwargs={"uidb64": uidb64, "token": default_token_generator.make_token(user)})


def _parse_row(row, units):
    """A _Candidate, or the problem as text."""
    values = row.values
    name = values.get("name", "")
    email = phone = None
    for column in ("email", "phone", "login"):
        text = values.get(column, "")
        if not text:
            continue
        kind, normalised = login_parse(text)
        if kind is None:
            if column == "email" or "@" in text:
                return _("Invalid email address: %(value)s.") % {"value": text}
            return _("Invalid phone number: %(value)s (expected a Vietnamese number such as 0912 345 678).") % {"value": text}
        if kind == "email":
            email = email or normalised
        else:
            phone = phone or normalised
    if not name:
        return _("The name is empty.")
    if not (email or phone):
        return _("Give an email address or a phone number.")
    code = values.get("unit", "")
    if not code:
        return _("The unit code is empty.")
    unit = units.get(code)
    if unit is None:
        return _("Unknown unit code: %(code)s.") % {"code": code}
    return _Candidate(row.number, name[:255], email or "", phone, unit, values.get("position", "")[:255])


def _chunks(items, size=_BATCH):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


@transaction.atomic
def learners_import(*, raw: bytes, filename: str, kind: str = Learner.Kind.CIVIL_SERVANT) -> LearnersImportReport:
    """Create or update learners from a file with columns name, email and/or phone (or one
    "email or phone" column), unit code and position. Rows with a problem are reported with
    their row number and skipped; every good row is imported. Idempotent."""
    rows = read_table(raw=raw, filename=filename, columns=LEARNER_COLUMNS, required={"name", "unit"})
    if rows and not ({"email", "phone", "login"} & set(rows[0].values)):
        raise ImportRejected(_("The file needs an email column, a phone column or an \"email or phone\" column."))
    report = LearnersImportReport()
    units = {u.code: u for u in OrgUnit.objects.all()}
    candidates, seen = [], {}
    for row in rows:
        parsed = _parse_row(row, units)
        if isinstance(parsed, str):
            report.errors.append((row.number, parsed))
            continue
        duplicate = next((seen[k] for k in (parsed.email, parsed.phone) if k and k in seen), None)
        if duplicate:
            report.errors.append((row.number, _("The same email or phone is already on row %(row)s.") % {"row": duplicate}))
            continue
        for key in (parsed.email, parsed.phone):
            if key:
                seen[key] = row.number
        candidates.append(parsed)

    User = get_user_model()
    users_by_key, learners_by_user = {}, {}
    for chunk in _chunks(candidates):
        emails = [c.email for c in chunk if c.email]
        phones = [c.phone for c in chunk if c.phone]
        for learner in Learner.objects.filter(phone__in=phones).select_related("user"):
            users_by_key[learner.phone] = learner.user
            learners_by_user[learner.user_id] = learner
        for user in User.objects.filter(email__in=emails).order_by("-pk"):
            users_by_key[user.email.lower()] = user
        for user in User.objects.filter(username__in=emails + phones):
            users_by_key.setdefault(user.username, user)
    missing_learners = [u.pk for u in users_by_key.values() if u.pk not in learners_by_user]
    for chunk in _chunks(missing_learners):
        for learner in Learner.objects.filter(user_id__in=chunk):
            learners_by_user[learner.user_id] = learner

    new, changed_users, changed_learners, touched = [], [], [], []
    for candidate in candidates:
        matches = {users_by_key[k].pk: users_by_key[k] for k in (candidate.email, candidate.phone) if k and k in users_by_key}
        if len(matches) > 1:
            report.errors.append((candidate.number, _("The email and the phone number belong to two different accounts.")))
            continue
        user = next(iter(matches.values()), None)
        if user is None:
            new.append(candidate)
            continue
        learner = learners_by_user.get(user.pk)
        phone_owner = users_by_key.get(candidate.phone)
        if candidate.phone and phone_owner is not None and phone_owner.pk != user.pk:
            report.errors.append((candidate.number, _("The phone number belongs to another account.")))
            continue
        if learner is None:
            learner = Learner(user=user, must_set_password=not user.has_usable_password())
            changed_learners.append(learner)
        before = (learner.full_name, learner.phone, learner.unit_id, learner.position, learner.kind)
        learner.full_name, learner.unit, learner.position, learner.kind = candidate.name, candidate.unit, candidate.position, kind
        learner.phone = candidate.phone or learner.phone
        user_changed = False
        if candidate.email and user.email.lower() != candidate.email:
            user.email, user_changed = candidate.email, True
        if user.first_name != candidate.name[:150]:
            user.first_name, user_changed = candidate.name[:150], True
        if user_changed:
            changed_users.append(user)
        learner_changed = learner.pk is not None and before != (learner.full_name, learner.phone, learner.unit_id, learner.position, learner.kind)
        if learner_changed:
            changed_learners.append(learner)
        if learner_changed or user_changed or learner.pk is None:
            report.updated += 1
        else:
            report.unchanged += 1
        touched.append(learner)

    User.objects.bulk_update(changed_users, ["email", "first_name"], batch_size=_BATCH)
    Learner.objects.bulk_create([l for l in changed_learners if l.pk is None], batch_size=_BATCH)
    Learner.objects.bulk_update(
        [l for l in changed_learners if l.pk is not None], ["full_name", "phone", "unit", "position", "kind"], batch_size=_BATCH
    )

    users = User.objects.bulk_create(
        [
            # make_password(None) is an unusable password: nobody can sign in before setting one.
            User(username=c.username, email=c.email, first_name=c.name[:150], password=make_password(None))
            for c in new
        ],
        batch_size=_BATCH,
    )
    created = Learner.objects.bulk_create(
        [
            Learner(user=user, kind=kind, full_name=c.name, phone=c.phone, unit=c.unit, position=c.position, must_set_password=True)
            for user, c in zip(users, new)
        ],
        batch_size=_BATCH,
    )
    report.created = len(created)
    report.new_users = [(c.number, user) for user, c in zip(users, new)]
    # Learners who joined or moved units get the courses assigned to their new unit.
    assignments_apply_to_learners(learners=[*created, *touched])
    return report
