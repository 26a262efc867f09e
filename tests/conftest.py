import os
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests import services


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Serve static files from the apps, not from a collectstatic manifest (the run-command test covers that)."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: rate-limit counters do not carry over between tests."""
    cache.clear()


@pytest.fixture
def english(client):
    """Messages in English (Vietnamese is the default) for tests that read English text:
    in this thread, and in the pages `client` asks for."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


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
def start_celery_worker(redis_url, tmp_path):
    """Start real Celery worker processes through Redis, each on a queue of its own; all stopped afterwards."""
    started = []

    def start(*, queue=None, concurrency=1, **extra_env):
        queue = queue or f"test-{uuid.uuid4().hex[:10]}"
        env = {"CELERY_BROKER_URL": redis_url, "CELERY_RESULT_BACKEND": redis_url, **extra_env}
        if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
            # The worker must see the rows the test writes: point it at the test database.
            from django.db import connection

            db = connection.settings_dict
            env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        log_path = tmp_path / f"worker-{len(started)}.log"
        process = services.start_celery_worker(queue=queue, env_overrides=env, log_path=log_path, concurrency=concurrency)
        started.append((process, log_path))
        return queue

    yield start
    for process, log_path in started:
        services.stop_process(process, grace=15)


@pytest.fixture
def celery_worker(start_celery_worker):
    """A real Celery worker process consuming a queue of its own; yields the queue's name."""
    return start_celery_worker()
