"""A task sent through Redis is executed by a real worker process, and its result read back."""

import os

import pytest

from config.celery import ping

pytestmark = pytest.mark.integration


def test_task_sent_through_redis_runs_in_a_separate_worker_process(celery_worker):
    result = ping.apply_async(args=["xin chào"], queue=celery_worker)

    answer = result.get(timeout=60)

    assert answer["pong"] == "xin chào"
    assert answer["worker_pid"] != os.getpid()
