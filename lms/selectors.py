"""Reads with authorisation built in: who may see which units, learners and progress.

Admins (superusers, or users with `lms.view_learner`) see everything. A manager sees the
units they are attached to (UnitManager) and every unit below them in the tree — so a
department's manager sees a commune only if the commune sits below the department. A
learner sees only themselves.
"""

from django.db.models import Q

from courses.selectors import course_state
from courses.models import Enrolment

from .models import CourseProgress, Learner, ModuleProgress, OrgUnit, UnitManager


def is_lms_admin(user) -> bool:
    return user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm("lms.view_learner"))


def managed_unit_paths(user) -> list[str]:
    if not user.is_authenticated:
        return []
    return list(UnitManager.objects.filter(user=user).values_list("unit__path", flat=True))


def _under(paths, field="path"):
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


def units_visible_to(user):
    """The units this user may see: all for admins, their managed subtrees for managers, none otherwise."""
    if is_lms_admin(user):
        return OrgUnit.objects.all()
    paths = managed_unit_paths(user)
    return OrgUnit.objects.filter(_under(paths)) if paths else OrgUnit.objects.none()


def learners_visible_to(user):
    """Learner profiles this user may see as a manager or admin (a learner's own profile is
    reached through their own pages, not this list)."""
    learners = Learner.objects.select_related("unit", "user")
    if is_lms_admin(user):
        return learners
    paths = managed_unit_paths(user)
    return learners.filter(_under(paths, "unit__path")) if paths else learners.none()


def can_view_learner(*, viewer, learner: Learner) -> bool:
    if not viewer.is_authenticated:
        return False
    if viewer.pk == learner.user_id:
        return True
    return learners_visible_to(viewer).filter(pk=learner.pk).exists()


def can_manage_units(user) -> bool:
    """Whether the user may open the lms admin pages at all (admin or manager of some unit)."""
    return is_lms_admin(user) or (user.is_authenticated and UnitManager.objects.filter(user=user).exists())


def learner_progress(*, viewer, learner: Learner) -> dict | None:
    """The learner's enrolments with each course's state and stored progress, or None when
    the viewer may not see this learner."""
    if not can_view_learner(viewer=viewer, learner=learner):
        return None
    user = learner.user
    enrolments = list(Enrolment.objects.filter(learner=user).select_related("course").order_by("-source", "deadline"))
    stored = {p.course_id: p for p in CourseProgress.objects.filter(learner=user)}
    courses = [
        {
            "enrolment": e,
            "state": course_state(learner=user, course=e.course),
            "progress": stored.get(e.course_id),
        }
        for e in enrolments
    ]
    modules = list(ModuleProgress.objects.filter(learner=user).select_related("module").order_by("module__title"))
    return {"learner": learner, "courses": courses, "modules": modules}
