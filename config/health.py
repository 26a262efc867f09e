"""Reachability of the services the LMS depends on: database, Celery broker, file storage."""

import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from kombu import Connection


def database_check():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def broker_check():
    # A fresh connection with a short timeout: the app's pooled one may retry for minutes.
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=3) as broker:
        broker.ensure_connection(max_retries=1, timeout=3)


def storage_check():
    # Write, read back and delete: proves credentials, bucket and permissions, not just DNS.
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as probe:
            if probe.read() != b"ok":
                raise OSError("storage returned different bytes")
    finally:
        default_storage.delete(name)


CHECKS = {"database": database_check, "broker": broker_check, "storage": storage_check}


def services_health():
    """Return ({service: "ok" | "error: ..."}, all_ok)."""
    report = {}
    for service, check in CHECKS.items():
        try:
            check()
            report[service] = "ok"
        except Exception as error:  # noqa: BLE001 - any failure means unreachable
            report[service] = f"error: {type(error).__name__}: {error}"[:300]
    return report, all(state == "ok" for state in report.values())
