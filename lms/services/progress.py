"""Progress rows derived from the player's attempts, and the course-completion event.

`courses.selectors` is the one place that turns attempts into a module's status and a
course's completion (by the course's rule); this module only stores what it says, so
that reports read columns instead of re-deriving state for every learner.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.models import CourseModule, CoursePage, Enrolment, ModulePage
from courses.selectors import CourseState, module_states
from scorm_player.models import Sco

from ..models import CourseProgress, ModuleProgress
from ..signals import course_completed

logger = logging.getLogger(__name__)

# A SCO never moves to another package: cache the lookup, the commit endpoint is hot.
_package_by_sco = {}

# Statuses that can move a module forward. An attempt with none of them and no score
# cannot change a module that is already started (the selectors keep the best attempt).
_FINISHING_COMPLETION = {"completed", "passed", "failed"}
_DECIDED_SUCCESS = {"passed", "failed"}


def _package_id_of_sco(sco_id):
    package_id = _package_by_sco.get(sco_id)
    if package_id is None:
        package_id = Sco.objects.filter(pk=sco_id).values_list("version__package_id", flat=True).first()
        if package_id is not None:
            _package_by_sco[sco_id] = package_id
    return package_id


def _can_change_status(attempt):
    return (
        attempt.completion_status in _FINISHING_COMPLETION
        or attempt.success_status in _DECIDED_SUCCESS
        or attempt.score_scaled is not None
    )


def _live_modules(**filters):
    return list(
        ModulePage.objects.live()
        .filter(**filters)
        .select_related("package__current_version", "live_version")
    )


def progress_update_for_attempt(*, attempt) -> list[CourseProgress]:
    """Re-evaluate the attempt's learner in every live module that plays the attempt's
    package and in every course containing those modules. Returns the course progress
    rows whose completion this call recorded (each sent `course_completed` once)."""
    package_id = _package_id_of_sco(attempt.sco_id)
    if package_id is None:
        return []
    # Only the id is needed to query the learner's attempts and rows: no user query.
    learner = get_user_model()(pk=attempt.learner_id)
    modules = _live_modules(package_id=package_id)
    if not modules:
        return []
    if not _can_change_status(attempt):
        started = ModuleProgress.objects.filter(
            learner_id=learner.pk, module__in=modules, started_at__isnull=False
        ).count()
        if started == len(modules):
            return []  # the cheap path for the many mid-session commits
    return progress_update(learner=learner, modules=modules)


def progress_update_for_package(*, learner, package_id) -> list[CourseProgress]:
    """The same, without an attempt at hand (a retry from Celery, a repair command)."""
    modules = _live_modules(package_id=package_id)
    return progress_update(learner=learner, modules=modules) if modules else []


def progress_update_for_course(*, course, user_ids) -> int:
    """Re-evaluate a course for learners who just got it (assignment, enrolment) and may have
    studied its modules already; returns how many learners had something to evaluate."""
    modules = [link.module for link in CourseModule.objects.filter(course=course).select_related(
        "module__package__current_version", "module__live_version") if link.module.live]
    learner_ids = (
        ModuleProgress.objects.filter(module__in=modules, learner_id__in=user_ids, started_at__isnull=False)
        .values_list("learner_id", flat=True).distinct()
    )
    User = get_user_model()
    count = 0
    for learner_id in learner_ids:
        progress_update(learner=User(pk=learner_id), modules=modules)
        count += 1
    return count


def _lock_rows(model, *, learner, field, ids):
    """Create the learner's missing rows, then lock them all in a fixed order so that two
    concurrent commits of the same learner serialise here instead of deadlocking."""
    model.objects.bulk_create(
        [model(learner_id=learner.pk, **{f"{field}_id": pk}) for pk in ids], ignore_conflicts=True
    )
    rows = model.objects.select_for_update().filter(learner_id=learner.pk, **{f"{field}_id__in": ids}).order_by("pk")
    return {getattr(row, f"{field}_id"): row for row in rows}


def _courses_to_evaluate(*, learner, modules):
    """Live courses containing the modules that the learner is enrolled in, or that are open
    (a resident who studies every module of an open course has completed it, enrolled or not)."""
    course_ids = set(
        CourseModule.objects.filter(module__in=modules, course__live=True).values_list("course_id", flat=True)
    )
    if not course_ids:
        return []
    enrolled = set(
        Enrolment.objects.filter(learner_id=learner.pk, course_id__in=course_ids).values_list("course_id", flat=True)
    )
    return [
        course for course in CoursePage.objects.filter(pk__in=course_ids).order_by("pk")
        if course.pk in enrolled or course.is_open
    ]


@transaction.atomic
def progress_update(*, learner, modules) -> list[CourseProgress]:
    now = timezone.now()
    courses = _courses_to_evaluate(learner=learner, modules=modules)
    links = list(
        CourseModule.objects.filter(course__in=courses)
        .select_related("module__package__current_version", "module__live_version")
        .order_by("course_id", "sort_order")
    )
    all_modules = {m.pk: m for m in modules}
    for link in links:
        all_modules.setdefault(link.module_id, link.module)

    module_rows = _lock_rows(ModuleProgress, learner=learner, field="module", ids=[m.pk for m in modules])
    course_rows = _lock_rows(CourseProgress, learner=learner, field="course", ids=[c.pk for c in courses])
    # Read the attempts after taking the locks: a concurrent commit's writer has finished.
    states = module_states(learner=learner, modules=list(all_modules.values()))

    for module in modules:
        _store_module_state(module_rows[module.pk], states[module.pk], now)

    completed_now = []
    for course in courses:
        course_modules = [all_modules[link.module_id] for link in links if link.course_id == course.pk]
        state = CourseState(course=course, modules=[(m, states[m.pk]) for m in course_modules])
        progress = course_rows[course.pk]
        if _store_course_state(progress, state, now):
            completed_now.append(progress)
    for progress in completed_now:
        # Inside the transaction that recorded it: receivers start work with on_commit. A
        # failing receiver must not undo the learner's completion (send_robust): it is
        # logged, and certificates can still be issued in bulk for completed rows.
        for receiver, result in course_completed.send_robust(sender=CourseProgress, progress=progress):
            if isinstance(result, Exception):
                logger.error("course_completed receiver %r failed", receiver, exc_info=result)
    return completed_now


def _store_module_state(row, state, now):
    changed = {}
    if row.status != state.status:
        changed["status"] = state.status
    if row.score_scaled != state.score_scaled:
        changed["score_scaled"] = state.score_scaled
    if state.started and row.started_at is None:
        changed["started_at"] = now
    if state.completed and row.completed_at is None:
        changed["completed_at"] = now
    if changed:
        for name, value in changed.items():
            setattr(row, name, value)
        row.save(update_fields=[*changed, "updated_at"])


def _store_course_state(progress, state, now) -> bool:
    """Store the course's counts; True when this call recorded the completion."""
    changed = {}
    if progress.modules_done != state.done:
        changed["modules_done"] = state.done
    if state.started and progress.started_at is None:
        changed["started_at"] = now
    if changed:
        for name, value in changed.items():
            setattr(progress, name, value)
        progress.save(update_fields=[*changed, "updated_at"])
    if not state.completed or progress.completed_at is not None:
        return False
    # The completion event is recorded once and never moved: only the writer whose
    # conditional update flips the column reports it.
    flipped = CourseProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
        completed_at=now, updated_at=now
    )
    if flipped != 1:
        return False
    progress.completed_at = now
    return True
