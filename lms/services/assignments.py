"""Assigning courses to units, groups and learners, as per-learner `courses.Enrolment` rows.

Rules (decided here, documented in the admin form):
- An assignment to a unit covers the learners of that unit and, by default, of every unit
  below it. Applying it creates an "assigned" enrolment with the deadline, or turns an
  existing enrolment (self-enrolled, or an older assignment) into this one: the latest
  assignment of a course decides a learner's deadline.
- Learners who join a unit or group later (import, move, group membership) get the
  assignments that cover it whose deadline has not passed yet.
- Leaving a unit never removes an enrolment: progress and history stay.
"""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, Enrolment

from ..models import Assignment, Learner, LearnerGroup, OrgUnit
from .errors import LmsError

_BATCH = 2000


class AssignmentRefused(LmsError):
    pass


def _learners_of(assignment):
    learners = Learner.objects.filter(erased_at__isnull=True)
    if assignment.unit_id:
        if assignment.include_subunits:
            return learners.filter(unit__path__startswith=assignment.unit.path)
        return learners.filter(unit_id=assignment.unit_id)
    if assignment.group_id:
        return learners.filter(groups=assignment.group_id)
    return learners.filter(pk=assignment.learner_id)


def _upsert_enrolments(rows):
    """rows: {(user id, course id): assignment}; one INSERT … ON CONFLICT DO UPDATE per batch.
    Learners who studied the course's modules before getting it have it evaluated after the
    commit (in Celery: a unit can hold thousands)."""
    enrolments = [
        Enrolment(
            learner_id=user_id, course_id=course_id, source=Enrolment.Source.ASSIGNED,
            deadline=assignment.deadline, assigned_by_id=assignment.assigned_by_id,
        )
        for (user_id, course_id), assignment in rows.items()
    ]
    Enrolment.objects.bulk_create(
        enrolments, batch_size=_BATCH, update_conflicts=True, unique_fields=["learner", "course"],
        update_fields=["source", "deadline", "assigned_by"],
    )
    from ..tasks import progress_recompute_course_on_commit

    by_course = {}
    for user_id, course_id in rows:
        by_course.setdefault(course_id, []).append(user_id)
    for course_id, user_ids in by_course.items():
        progress_recompute_course_on_commit(course_id=course_id, user_ids=user_ids)
    return len(enrolments)


@transaction.atomic
def assignment_create(
    *, course: CoursePage, assigned_by, deadline: date | None = None, unit: OrgUnit | None = None,
    include_subunits: bool = True, group: LearnerGroup | None = None, learner: Learner | None = None,
) -> tuple[Assignment, int]:
    """Record the assignment and enrol its learners; returns it and how many learners it covers."""
    if sum(target is not None for target in (unit, group, learner)) != 1:
        raise AssignmentRefused(_("Choose exactly one: a unit, a group or a learner."))
    if deadline is not None and deadline < timezone.localdate():
        raise AssignmentRefused(_("The deadline is in the past."))
    if not course.live:
        raise AssignmentRefused(_("The course is not published."))
    assignment = Assignment.objects.create(
        course=course, unit=unit, include_subunits=include_subunits, group=group, learner=learner,
        deadline=deadline, assigned_by=assigned_by,
    )
    user_ids = _learners_of(assignment).values_list("user_id", flat=True).iterator(chunk_size=_BATCH)
    covered = _upsert_enrolments({(user_id, course.pk): assignment for user_id in user_ids})
    return assignment, covered


def assignments_apply_to_learners(*, learners) -> int:
    """Give these learners every still-open assignment that covers them (by unit, unit above,
    group or name). Idempotent; returns how many enrolments were written."""
    learners = [l for l in learners if l.erased_at is None]
    if not learners:
        return 0
    today = timezone.localdate()
    open_assignments = Assignment.objects.filter(Q(deadline__isnull=True) | Q(deadline__gte=today)).select_related("unit")
    unit_ids = {l.unit_id for l in learners if l.unit_id}
    unit_paths = dict(OrgUnit.objects.filter(pk__in=unit_ids).values_list("pk", "path"))
    ancestor_ids = {int(part) for path in unit_paths.values() for part in path.strip("/").split("/") if part}
    learner_ids = [l.pk for l in learners]
    memberships = {}
    for learner_id, group_id in LearnerGroup.learners.through.objects.filter(learner_id__in=learner_ids).values_list("learner_id", "learnergroup_id"):
        memberships.setdefault(group_id, set()).add(learner_id)
    relevant = open_assignments.filter(
        Q(unit_id__in=ancestor_ids) | Q(group_id__in=memberships) | Q(learner_id__in=learner_ids)
    ).order_by("created_at", "pk")
    rows = {}
    for assignment in relevant:
        for learner in learners:
            path = unit_paths.get(learner.unit_id, "")
            if assignment.unit_id:
                covers = learner.unit_id == assignment.unit_id or (
                    assignment.include_subunits and path.startswith(assignment.unit.path)
                )
            elif assignment.group_id:
                covers = learner.pk in memberships.get(assignment.group_id, ())
            else:
                covers = learner.pk == assignment.learner_id
            if covers:
                rows[(learner.user_id, assignment.course_id)] = assignment  # later assignments win
    return _upsert_enrolments(rows) if rows else 0


@transaction.atomic
def learner_group_add(*, group: LearnerGroup, learners) -> int:
    """Add learners to a group; they get the group's open assignments."""
    group.learners.add(*learners)
    return assignments_apply_to_learners(learners=list(learners))
