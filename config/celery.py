"""The Celery app, wired the standard Django way: settings under CELERY_*, tasks autodiscovered."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="config.ping")
def ping(payload=None):
    """Round-trip probe used by health checks and tests: proves a worker consumed the queue."""
    return {"pong": payload, "worker_pid": os.getpid()}
