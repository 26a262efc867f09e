"""Who may play a package version. The player knows nothing of courses or enrolment:
upper layers register rules (for example "enrolled in a course that uses it, or open
to everyone"), and a learner may play when any rule allows it."""

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model, load_backend
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare

from .models import PackageVersion

_rules = []
_in_use_checks = []


def register_access_rule(rule):
    """`rule(user, version) -> bool`; returns the rule so it can be used as a decorator."""
    _rules.append(rule)
    return rule


def unregister_access_rule(rule):
    _rules.remove(rule)


def register_version_in_use(check):
    """`check(version) -> bool`: whether learners are still given this version (for example a
    live module plays it); returns the check."""
    _in_use_checks.append(check)
    return check


def unregister_version_in_use(check):
    _in_use_checks.remove(check)


def can_play(user, version):
    if not user.is_authenticated:
        return False
    if user.has_perm("scorm_player.add_package"):
        return True  # editors preview what they manage
    return any(rule(user, version) for rule in _rules)


# A content URL carries the player page's proof that the learner could play the version
# then (scorm_player.content). Each worker checks it again at most this often, so a removed
# enrolment, a deactivated account or a session ended elsewhere stops the files within it.
RECHECK_SECONDS = 60
_confirmed = {}  # (session key, version id) -> when the access was last confirmed (monotonic)


def session_still_may_play(session_key, version_id):
    """Whether the learner logged in with this session may play the version now (at most
    RECHECK_SECONDS old)."""
    key = (session_key, version_id)
    confirmed = _confirmed.get(key)
    now = time.monotonic()
    if confirmed is not None and now - confirmed < RECHECK_SECONDS:
        return True
    allowed = _session_may_play(session_key, version_id)
    if allowed:
        if len(_confirmed) >= 10_000:
            _confirmed.clear()  # a worker's memory stays bounded; the cost is one check each
        _confirmed[key] = now
    else:
        _confirmed.pop(key, None)
    return allowed


def _session_may_play(session_key, version_id):
    user = _session_user(session_key)
    version = PackageVersion.objects.select_related("package").filter(pk=version_id).first()
    if user is None or version is None:
        return False
    if can_play(user, version):
        return True
    # A new version of the package may have replaced this one since the page opened: the
    # learner goes on with the version their page plays while they may play the package.
    # Not a version still in use: only the rules grant it (else a learner refused it could
    # keep it through another module playing another version of the package).
    if any(check(version) for check in _in_use_checks):
        return False
    others = PackageVersion.objects.select_related("package").filter(package_id=version.package_id).exclude(pk=version.pk)
    return any(can_play(user, other) for other in others.order_by("-pk"))


def _session_user(session_key):
    """The active user logged in with this session, checked as django.contrib.auth.get_user
    checks it, or None; unlike get_user, it never flushes or renews the session (no
    response here could give the browser a new session cookie)."""
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    try:
        user_id = get_user_model()._meta.pk.to_python(session[SESSION_KEY])
        backend_path = session[BACKEND_SESSION_KEY]
    except (KeyError, ValidationError):
        return None
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return None
    user = load_backend(backend_path).get_user(user_id)
    session_hash = session.get(HASH_SESSION_KEY)
    if user is None or not session_hash:
        return None
    hashes = [user.get_session_auth_hash(), *user.get_session_auth_fallback_hash()]
    return user if any(constant_time_compare(session_hash, known) for known in hashes) else None
