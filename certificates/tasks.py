"""Celery tasks: thin wrappers that call services. All acknowledge late and are idempotent,
so a redelivered message after a worker died issues nothing twice."""

import smtplib

from botocore.exceptions import BotoCoreError
from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import InterfaceError, OperationalError

from . import services
from .models import BulkIssuance, BulkIssuanceChunk, IssuanceFailure

# Worth another try later: the database, the object storage or the mail server did not answer.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError, BotoCoreError, smtplib.SMTPException)
RETRY_OPTIONS = {
    "acks_late": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}


class IssueTask(DjangoTask):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Called once retries are exhausted or the error is not transient: make it visible to admins.
        learner_id, course_id = args[:2] if len(args) >= 2 else (kwargs.get("learner_id"), kwargs.get("course_id"))
        services.issuance_failure_record(
            learner_id=learner_id, course_id=course_id, stage=IssuanceFailure.Stage.ISSUE, error=f"{type(exc).__name__}: {exc}",
        )


class ChunkTask(DjangoTask):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        chunk_id = args[0] if args else kwargs.get("chunk_id")
        job_id = BulkIssuanceChunk.objects.filter(pk=chunk_id).values_list("job_id", flat=True).first()
        BulkIssuance.objects.filter(pk=job_id).update(last_error=f"{type(exc).__name__}: {exc}"[:2000])


@shared_task(base=IssueTask, name="certificates.issue", **RETRY_OPTIONS)
def certificate_issue_task(learner_id, course_id):
    try:
        services.certificate_issue_and_deliver(learner_id=learner_id, course_id=course_id)
    except services.CertificateError as error:
        services.issuance_failure_record(
            learner_id=learner_id, course_id=course_id, stage=IssuanceFailure.Stage.ISSUE, error=error,
        )


@shared_task(base=ChunkTask, name="certificates.bulk_chunk", **RETRY_OPTIONS)
def bulk_issuance_chunk_task(chunk_id):
    services.bulk_issuance_chunk_run(chunk_id=chunk_id)


@shared_task(name="certificates.render", **RETRY_OPTIONS)
def certificates_render_task(certificate_ids):
    services.certificates_render(certificate_ids=certificate_ids)
