"""lms listens to the player: every stored commit may move a learner's progress."""

import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from courses.models import Enrolment

from scorm_player.signals import attempt_changed, package_status_changed

from .services.progress import progress_update_for_attempt, progress_update_for_package

logger = logging.getLogger(__name__)


@receiver(attempt_changed, dispatch_uid="lms.progress_on_attempt_changed")
def progress_on_attempt_changed(sender, attempt, finished=False, **kwargs):
    # The commit is already stored: a failure here must not turn it into an error for the
    # SCO. Retry in the background instead (the task is idempotent).
    try:
        progress_update_for_attempt(attempt=attempt)
    except Exception:
        logger.exception("Progress update failed for attempt %s; retrying in the background", attempt.pk)
        from .tasks import progress_recompute

        try:
            progress_recompute.delay(attempt_id=attempt.pk)
        except Exception:
            logger.exception("Could not queue the progress retry for attempt %s", attempt.pk)


@receiver(package_status_changed, dispatch_uid="lms.progress_on_package_status_changed")
def progress_on_package_status_changed(sender, learner, version, **kwargs):
    # A navigation request (SCORM 2004 sequencing) rolled the package up without a commit.
    try:
        progress_update_for_package(learner=learner, package_id=version.package_id)
    except Exception:
        logger.exception("Progress update failed for learner %s, package %s", learner.pk, version.package_id)


@receiver(post_save, sender=Enrolment, dispatch_uid="lms.progress_on_enrolment")
def progress_on_enrolment(sender, instance, created, **kwargs):
    # A learner who enrols after studying the modules completes the course now, not at their
    # next commit. (Assignments write enrolments in bulk and queue the same work themselves.)
    if created:
        from .tasks import progress_recompute_course_on_commit

        progress_recompute_course_on_commit(course_id=instance.course_id, user_ids=[instance.learner_id])
