#!/usr/bin/env python
"""Time certificate issuance by real Celery workers, against rendering the same PDFs in a bare loop.

    .venv/bin/python bench/bench_certificates.py                 # 696 and 10,000, 1 and 2 workers, rendered
    .venv/bin/python bench/bench_certificates.py --sizes 696 --lazy 311243

For each cohort size N (generated learners, all with a completed CourseProgress) and each
number of worker processes (1, 2; one process each, concurrency 1: the machine has 2 cores):
the bulk issuance service plans the chunks (25 learners each), the workers issue, render the
PDF into local storage and send the email (dummy backend); the wall time runs from the call
to the job's status "done". In the same run, the same number of PDFs is rendered in a bare
loop (`render_certificate_pdf`, no Celery, no database, no storage): the ratio says what the
queue, database and storage add. `--lazy N` then issues N certificates with lazy PDFs (rows,
codes and emails only; chunks of 1,000) with 2 workers — the contest's 311,243 registrants.

Own state: a throwaway PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/lms_bench_certs, dropped and re-created), Redis
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/4, a queue of its own), a temp media folder.
Targets (issue 7): 696 issued and rendered < 30 s with 2 workers; 311,243 issued lazily < 5 min.
Prints a table and one line `BENCHJSON {...}`.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lms_bench_certs")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")
STATE = Path(tempfile.mkdtemp(prefix="bench-certs-"))
MEDIA = STATE / "media"
ENV = {
    "DATABASE_URL": DATABASE_URL,
    "CELERY_BROKER_URL": REDIS_URL,
    "CELERY_RESULT_BACKEND": REDIS_URL,
    "LMS_STATE_DIR": str(STATE),
    "DJANGO_MEDIA_ROOT": str(MEDIA),
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "DJANGO_LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def database_recreate():
    import psycopg

    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def learners_create(course, count, offset=0):
    """`count` users with a Learner profile and a completed CourseProgress, in batches."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from lms.models import CourseProgress, Learner, OrgUnit

    User = get_user_model()
    unit, _ = OrgUnit.objects.get_or_create(code="bench", defaults={"name": "Phường Bến Nghé", "path": "/"})
    now = timezone.now()
    for start in range(offset, offset + count, 5000):
        end = min(start + 5000, offset + count)
        users = User.objects.bulk_create(
            User(username=f"bench-{n:07d}", email=f"bench-{n:07d}@example.org", password="!") for n in range(start, end)
        )
        Learner.objects.bulk_create(Learner(user=u, full_name=f"Nguyễn Thị Ánh Tuyết {u.pk}", unit=unit) for u in users)
        CourseProgress.objects.bulk_create(
            CourseProgress(learner=u, course=course, modules_done=3, started_at=now, completed_at=now) for u in users
        )


def workers_start(count, queue):
    from config.celery import ping
    from tests.services import start_celery_worker

    processes = []
    for index in range(count):
        log_path = STATE / f"worker-{queue}-{index}.log"
        processes.append(start_celery_worker(queue=queue, env_overrides=ENV, log_path=log_path, concurrency=1))
    # Ready when each has answered a ping (one per process, so both have connected).
    pids = set()
    deadline = time.monotonic() + 120
    while len(pids) < count and time.monotonic() < deadline:
        pids.add(ping.apply_async(queue=queue).get(timeout=120)["worker_pid"])
    return processes


def workers_stop(processes):
    from tests.services import stop_process

    for process in processes:
        stop_process(process, grace=15)


def issue_and_wait(course, *, render, chunk_size, timeout):
    from certificates.models import BulkIssuance
    from certificates.services import certificates_issue_for_course

    started = time.perf_counter()
    job = certificates_issue_for_course(course=course, render=render, chunk_size=chunk_size)
    deadline = time.monotonic() + timeout
    while BulkIssuance.objects.filter(pk=job.pk, status=BulkIssuance.Status.RUNNING).exists():
        if time.monotonic() > deadline:
            raise RuntimeError(f"bulk issuance did not finish within {timeout}s")
        time.sleep(0.1)
    wall = time.perf_counter() - started
    job.refresh_from_db()
    return wall, job


def reset(course):
    from certificates.models import BulkIssuance, Certificate

    Certificate.objects.filter(course=course).delete()
    BulkIssuance.objects.filter(course=course).delete()
    shutil.rmtree(MEDIA, ignore_errors=True)
    MEDIA.mkdir(parents=True)


def bare_render_loop(count):
    from certificates.rendering import CertificateText, render_certificate_pdf
    from certificates.services import code_generate

    started = time.perf_counter()
    for n in range(count):
        code = code_generate()
        render_certificate_pdf(text=CertificateText(
            learner_name=f"Nguyễn Thị Ánh Tuyết {n}", course="Ứng dụng AI trong công việc và cuộc sống",
            date="24/11/2026", unit="Phường Bến Nghé", code=code, verify_url=f"http://127.0.0.1:8000/verify/{code}",
        ))
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="696,10000", help="cohort sizes issued and rendered (comma-separated)")
    parser.add_argument("--workers", default="1,2", help="worker process counts (comma-separated)")
    parser.add_argument("--lazy", type=int, default=0, help="also issue this many with lazy PDFs, 2 workers")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    worker_counts = [int(w) for w in args.workers.split(",") if w]

    database_recreate()
    import django

    django.setup()
    from django.core.management import call_command

    from config.celery import app as celery_app
    from courses.models import CoursePage, HomePage

    call_command("migrate", verbosity=0)
    queue = f"bench-certs-{uuid.uuid4().hex[:8]}"
    celery_app.conf.task_default_queue = queue
    course = HomePage.objects.get().add_child(instance=CoursePage(title="Ứng dụng AI trong công việc và cuộc sống", slug="bench-ai"))

    results, created = [], 0
    try:
        for size in sizes:
            learners_create(course, size - created, offset=created)
            created = size
            bare = bare_render_loop(size)
            for workers in worker_counts:
                reset(course)
                processes = workers_start(workers, queue)
                try:
                    wall, job = issue_and_wait(course, render=True, chunk_size=25, timeout=3600)
                finally:
                    workers_stop(processes)
                assert job.done == size and job.failed == 0, (job.done, job.failed)
                row = {"learners": size, "workers": workers, "render": True, "wall_s": round(wall, 2),
                       "per_s": round(size / wall, 1), "bare_render_s": round(bare, 2), "ratio": round(wall / bare, 2)}
                results.append(row)
                print(f"{size:>7} learners  {workers} worker(s)  rendered  {wall:7.1f} s  {size / wall:7.1f}/s  "
                      f"bare render loop {bare:6.1f} s  ratio {wall / bare:4.2f}", flush=True)
        if args.lazy:
            reset(course)
            learners_create(course, max(0, args.lazy - created), offset=created)
            created = max(created, args.lazy)
            processes = workers_start(2, queue)
            try:
                wall, job = issue_and_wait(course, render=False, chunk_size=1000, timeout=3600)
            finally:
                workers_stop(processes)
            assert job.done == args.lazy and job.failed == 0, (job.done, job.failed)
            results.append({"learners": args.lazy, "workers": 2, "render": False, "wall_s": round(wall, 2),
                            "per_s": round(args.lazy / wall, 1)})
            print(f"{args.lazy:>7} learners  2 worker(s)  lazy PDFs {wall:7.1f} s  {args.lazy / wall:7.1f}/s", flush=True)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(STATE, ignore_errors=True)
    print("BENCHJSON " + json.dumps({"bench": "certificates", "results": results}))


if __name__ == "__main__":
    main()
