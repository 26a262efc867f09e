import os
import uuid

import pytest
from django.conf import settings

from tests import services


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    """A real S3-compatible server (SeaweedFS) on free loopback ports, stopped by PID afterwards."""
    server = services.start_seaweedfs(tmp_path_factory.mktemp("seaweedfs"))
    yield server
    services.stop_process(server.process, grace=5)


@pytest.fixture
def s3_storage(seaweedfs, settings):
    """Django's default storage pointed at SeaweedFS, each test under its own prefix."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": seaweedfs.storage_options(location=f"t-{uuid.uuid4().hex[:12]}"),
        },
    }
    from django.core.files.storage import default_storage

    return default_storage


@pytest.fixture
def local_storage(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "media"}},
    }
    from django.core.files.storage import default_storage

    return default_storage


@pytest.fixture(scope="session")
def redis_url():
    """The Redis the suite runs against (the README's test command sets CELERY_BROKER_URL)."""
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis://"):
        pytest.fail("CELERY_BROKER_URL must point at Redis for the test suite (run the README's test command)")
    if not services.redis_is_up(url):
        pytest.fail(f"Redis does not answer at {url}")
    return url


@pytest.fixture
def celery_worker(redis_url, tmp_path):
    """A real Celery worker process consuming a queue of its own through Redis."""
    queue = f"test-{uuid.uuid4().hex[:10]}"
    log_path = tmp_path / "worker.log"
    env = {"CELERY_BROKER_URL": redis_url, "CELERY_RESULT_BACKEND": redis_url}
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # The worker must see the rows the test writes: point it at the test database.
        from django.db import connection

        db = connection.settings_dict
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    process = services.start_celery_worker(queue=queue, env_overrides=env, log_path=log_path)
    yield queue
    services.stop_process(process, grace=15)
    if process.returncode not in (0, -15):
        print(log_path.read_text()[-3000:])
