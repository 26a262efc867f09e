"""Who may play a package version. The player knows nothing of courses or enrolment:
upper layers register rules (for example "enrolled in a course that uses it, or open
to everyone"), and a learner may play when any rule allows it."""

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user

from .models import PackageVersion

_rules = []


def register_access_rule(rule):
    """`rule(user, version) -> bool`; returns the rule so it can be used as a decorator."""
    _rules.append(rule)
    return rule


def unregister_access_rule(rule):
    _rules.remove(rule)


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


class _SessionOnly:
    """What django.contrib.auth.get_user reads of a request."""

    def __init__(self, session_key):
        self.session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def _session_may_play(session_key, version_id):
    # get_user checks the session's password hash and that the account is active, as login does.
    user = get_user(_SessionOnly(session_key))
    version = PackageVersion.objects.select_related("package").filter(pk=version_id).first()
    return version is not None and can_play(user, version)
