"""Where higher layers plug data into the reports without lms importing them.

certificates registers, in its AppConfig.ready():

    from lms.reports.registry import register_certified_counts
    register_certified_counts(certified_counts)

with `certified_counts(*, course_ids, learners) -> {(course_id, unit_id): n}` where `learners`
is a queryset of `lms.Learner` (already restricted to the units the viewer may see) and n
counts issued (not revoked) certificates; and optionally

    register_certified_learners(certified_learners)

with `certified_learners(*, course_id, user_ids) -> set of user ids holding an issued
certificate`, for the drill-down and the learner exports. Until something registers, the
reports show "—" for certified.
"""

_certified_counts = None
_certified_learners = None


def register_certified_counts(function):
    global _certified_counts
    _certified_counts = function


def register_certified_learners(function):
    global _certified_learners
    _certified_learners = function


def certified_counts(*, course_ids, learners):
    """{(course_id, unit_id): n}, or None when no provider is registered (shown as "—")."""
    if _certified_counts is None:
        return None
    return _certified_counts(course_ids=list(course_ids), learners=learners)


def certified_learners_known():
    return _certified_learners is not None


def certified_learners(*, course_id, user_ids):
    if _certified_learners is None:
        return None
    return set(_certified_learners(course_id=course_id, user_ids=list(user_ids)))
