"""Celery tasks: a few lines each, calling a service."""

from celery import shared_task
from django.db import transaction

from scorm_player.models import Attempt

from .services.progress import progress_update_for_attempt, progress_update_for_course

# Learners per progress_recompute_course task: each costs a few queries.
COURSE_RECOMPUTE_CHUNK = 200


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def progress_recompute(*, attempt_id):
    """Re-derive the progress an attempt touches (idempotent: it stores what the attempts say)."""
    attempt = Attempt.objects.filter(pk=attempt_id).first()
    if attempt is not None:
        progress_update_for_attempt(attempt=attempt)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def progress_recompute_course(*, course_id, user_ids):
    """Evaluate a course for learners who just got it and may have studied its modules already."""
    from courses.models import CoursePage

    course = CoursePage.objects.filter(pk=course_id).first()
    if course is not None:
        progress_update_for_course(course=course, user_ids=user_ids)


def progress_recompute_course_on_commit(*, course_id, user_ids):
    """Queue the evaluation in chunks once the enrolments are committed. robust: a broker that
    is down is logged and must not turn the committed enrolment into an error page."""
    user_ids = list(user_ids)
    for start in range(0, len(user_ids), COURSE_RECOMPUTE_CHUNK):
        chunk = user_ids[start:start + COURSE_RECOMPUTE_CHUNK]
        transaction.on_commit(
            lambda chunk=chunk: progress_recompute_course.delay(course_id=course_id, user_ids=chunk), robust=True
        )
