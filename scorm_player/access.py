"""Who may play a package version. The player knows nothing of courses or enrolment:
upper layers register rules (for example "enrolled in a course that uses it, or open
to everyone"), and a learner may play when any rule allows it."""

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
