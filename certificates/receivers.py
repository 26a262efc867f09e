"""Listens to lms: a recorded course completion becomes a certificate issued by Celery."""

from django.dispatch import receiver

from lms.signals import course_completed, learner_erased

from .services import certificates_erase_personal_data
from .tasks import certificate_issue_task


@receiver(course_completed, dispatch_uid="certificates.issue_on_completion")
def issue_on_course_completion(sender, progress, **kwargs):
    if progress.course.awards_certificate:
        # After the commit: the worker must see the completion, and a rollback must issue nothing.
        certificate_issue_task.delay_on_commit(progress.learner_id, progress.course_id)


@receiver(learner_erased, dispatch_uid="certificates.erase_personal_data")
def erase_certificate_personal_data(sender, learner, **kwargs):
    certificates_erase_personal_data(user=learner.user)
