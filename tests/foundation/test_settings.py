"""The settings load in embedded mode (no services) and in service mode (PostgreSQL, Redis, S3)."""

import json
import os
import subprocess
import sys

from tests.services import ROOT

SERVICE_VARIABLES = (
    "DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_S3_REGION_NAME",
)

PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "broker": settings.CELERY_BROKER_URL,
    "storage": type(default_storage._wrapped if hasattr(default_storage, "_wrapped") and default_storage._wrapped is not None else default_storage).__name__,
    "storage_class": settings.STORAGES["default"]["BACKEND"],
    "language": settings.LANGUAGE_CODE,
    "languages": [code for code, _ in settings.LANGUAGES],
    "time_zone": settings.TIME_ZONE,
    "acks_late": settings.CELERY_TASK_ACKS_LATE,
}))
"""


def load_settings(tmp_path, **variables):
    env = {key: value for key, value in os.environ.items() if key not in SERVICE_VARIABLES}
    env.update(variables, DJANGO_SETTINGS_MODULE="config.settings", LMS_STATE_DIR=str(tmp_path / "state"))
    output = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_embedded_default_needs_no_server(tmp_path):
    loaded = load_settings(tmp_path)

    assert loaded["engine"] == "django.db.backends.sqlite3"
    assert loaded["db_name"].startswith(str(tmp_path / "state"))
    assert loaded["broker"].startswith("sqla+sqlite:///")
    assert loaded["storage_class"] == "django.core.files.storage.FileSystemStorage"
    assert loaded["language"] == "vi" and loaded["languages"] == ["vi", "en"]
    assert loaded["time_zone"] == "Asia/Ho_Chi_Minh"
    assert loaded["acks_late"] is True


def test_service_mode_switches_each_service_on_with_its_variable(tmp_path):
    loaded = load_settings(
        tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/lms",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/3",
        AWS_STORAGE_BUCKET_NAME="certificates",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:8333",
    )

    assert loaded["engine"] == "django.db.backends.postgresql"
    assert loaded["db_name"] == "lms"
    assert loaded["broker"] == "redis://127.0.0.1:6379/3"
    assert loaded["storage_class"] == "storages.backends.s3.S3Storage"
    assert loaded["storage"] == "S3Storage"


def test_rabbitmq_broker_is_accepted(tmp_path):
    loaded = load_settings(tmp_path, CELERY_BROKER_URL="amqp://guest:guest@127.0.0.1:5672//")

    assert loaded["broker"] == "amqp://guest:guest@127.0.0.1:5672//"
