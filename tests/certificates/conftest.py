"""Shared data for certificate tests: a course page, learners with completed progress."""

import os
import signal
import uuid

import pytest
from django.utils import timezone

from config.celery import app as celery_app
from courses.models import CoursePage
from lms.models import CourseProgress, Learner, OrgUnit
from tests import services
from tests.courses.catalog import home

VIETNAMESE_NAME = "Nguyễn Thị Ánh Tuyết"


@pytest.fixture
def course():
    return home().add_child(
        instance=CoursePage(title="Ứng dụng AI trong công việc và cuộc sống", slug=f"ai-{uuid.uuid4().hex[:6]}"),
    )


@pytest.fixture
def unit():
    return OrgUnit.objects.create(code=f"u-{uuid.uuid4().hex[:6]}", name="Phường Bến Nghé", path="/")


@pytest.fixture
def make_learner(django_user_model, unit):
    def make(username, *, full_name=VIETNAMESE_NAME, completed_course=None, email=True):
        user = django_user_model.objects.create_user(
            username, email=f"{username}@example.org" if email else "", password="x-strong-password-1",
        )
        Learner.objects.create(user=user, full_name=full_name, unit=unit)
        if completed_course is not None:
            CourseProgress.objects.create(learner=user, course=completed_course, modules_done=1, completed_at=timezone.now())
        return user

    return make


@pytest.fixture
def task_queue_for(settings):
    """Point the app's default queue at a test worker's queue; restored afterwards."""
    default_queue = celery_app.conf.task_default_queue

    def use(queue):
        celery_app.conf.task_default_queue = queue

    yield use
    celery_app.conf.task_default_queue = default_queue


@pytest.fixture
def killable_worker(redis_url, tmp_path):
    """Real worker processes whose Popen we keep, so a test can SIGKILL one (its whole process group)."""
    from django.db import connection

    db = connection.settings_dict
    started = []

    def start(*, queue, concurrency=1, **extra_env):
        env = {
            "CELERY_BROKER_URL": redis_url, "CELERY_RESULT_BACKEND": redis_url,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            **extra_env,
        }
        log_path = tmp_path / f"worker-{len(started)}.log"
        process = services.start_celery_worker(queue=queue, env_overrides=env, log_path=log_path, concurrency=concurrency)
        started.append(process)
        return process, log_path

    def kill(process):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    start.kill = kill
    yield start
    for process in started:
        if process.poll() is None:
            services.stop_process(process, grace=15)
