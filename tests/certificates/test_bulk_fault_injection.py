"""Bulk issuance for the AI classes' cohort (696 learners, 634 completed) survives a worker
killed with SIGKILL midway: exactly 634 certificates, distinct codes, every PDF stored.

How the killed chunk comes back: tasks acknowledge late, so the chunk the dead worker held
stays in Redis's "unacked" set; the next worker restores it once the broker's visibility
timeout has passed (CELERY_VISIBILITY_TIMEOUT, 10 s here, an hour by default). Chunks are
idempotent (one certificate per learner and course, a chunk counted once), so redelivery
cannot duplicate anything.
"""

import time

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from certificates.models import BulkIssuance, BulkIssuanceChunk, Certificate
from certificates.services import certificates_issue_for_course
from lms.models import CourseProgress, Learner

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

COHORT, ELIGIBLE = 696, 634


def cohort_create(course, unit):
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"cb-{n:04d}", email=f"cb-{n:04d}@example.org", password="!") for n in range(COHORT)
    )
    Learner.objects.bulk_create(
        Learner(user=user, full_name=f"Trần Thị Bích Ngọc {n:04d}", unit=unit) for n, user in enumerate(users)
    )
    now = timezone.now()
    CourseProgress.objects.bulk_create(
        CourseProgress(learner=user, course=course, modules_done=3, started_at=now, completed_at=now if n < ELIGIBLE else None)
        for n, user in enumerate(users)
    )
    return users


def wait_until(predicate, *, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def test_sigkill_midway_through_bulk_issuance_loses_and_duplicates_nothing(
    course, unit, killable_worker, task_queue_for, local_storage, tmp_path,
):
    users = cohort_create(course, unit)
    queue = "certs-bulk-fault"
    worker_env = {
        "CELERY_VISIBILITY_TIMEOUT": "10",
        "DJANGO_MEDIA_ROOT": str(local_storage.location),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    first_worker, first_log = killable_worker(queue=queue, **worker_env)
    task_queue_for(queue)

    job = certificates_issue_for_course(course=course, render=True, chunk_size=25)
    assert (job.total, job.chunks.count()) == (ELIGIBLE, 26)

    def done():
        return BulkIssuance.objects.get(pk=job.pk).done

    wait_until(lambda: done() >= 100, timeout=120, what="the first worker to finish a few chunks")
    killable_worker.kill(first_worker)
    done_at_kill = done()
    certificates_at_kill = Certificate.objects.filter(course=course).count()
    assert done_at_kill < ELIGIBLE, "the worker finished before it could be killed: use a bigger cohort"

    killable_worker(queue=queue, **worker_env)
    wait_until(
        lambda: BulkIssuance.objects.get(pk=job.pk).status == BulkIssuance.Status.DONE, timeout=240,
        what="the second worker to finish the job (including the chunk the killed worker held)",
    )

    job.refresh_from_db()
    certificates = list(Certificate.objects.filter(course=course))
    assert (job.done, job.total, job.failed) == (ELIGIBLE, ELIGIBLE, 0)
    assert not BulkIssuanceChunk.objects.filter(job=job, done_at__isnull=True).exists()
    assert len(certificates) == ELIGIBLE
    assert len({c.code for c in certificates}) == ELIGIBLE
    assert {c.learner_id for c in certificates} == {u.pk for u in users[:ELIGIBLE]}
    assert all(c.pdf and local_storage.exists(c.pdf.name) for c in certificates)
    assert certificates_at_kill < ELIGIBLE
    print(f"killed at {done_at_kill}/{ELIGIBLE} counted, {certificates_at_kill} certificates; log {first_log}")
