"""Celery tasks: a few lines each, calling a service."""

from celery import shared_task

from scorm_player.models import Attempt

from .services.progress import progress_update_for_attempt


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def progress_recompute(*, attempt_id):
    """Re-derive the progress an attempt touches (idempotent: it stores what the attempts say)."""
    attempt = Attempt.objects.filter(pk=attempt_id).first()
    if attempt is not None:
        progress_update_for_attempt(attempt=attempt)
