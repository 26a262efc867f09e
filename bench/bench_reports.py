"""Reports benchmark: 300,000 learners across 128 units, 12 modules, 3 courses (PostgreSQL).

    .venv/bin/python bench/bench_reports.py            # ~5-10 minutes on a small machine
    .venv/bin/python bench/bench_reports.py --learners 30000 --runs 3    # a quicker look

Creates its own database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/lms_bench_reports;
dropped and created, migrated), first with a baseline of 3,000 learners, then with the full
population (bench/generate_learners.py, COPY). For each report page it times the request
through the Django test client (median of --runs, after one warm-up), as the admin (every
unit) and as the manager of the largest commune, and counts its queries; then times the CSV
export of the largest course (all its learners, the Celery job's code run in-process).
Prints a table with the 3,000-learner figures and `SELECT count(*)` over the progress table
beside them, as ratios. Target: each page < 1 s, the same number of queries at both sizes.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lms_bench_reports")
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
# Static files are not collected for the benchmark; the admin pages do not need them served.
warnings.filterwarnings("ignore", message="No directory at")


def recreate_database():
    from django.db import connections

    connections.close_all()
    server_url, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def median_timing(function, runs):
    """(median seconds, queries of the last run) after one warm-up call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    function()
    timings, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function()
            timings.append(time.perf_counter() - started)
        queries = len(captured)
    return statistics.median(timings), queries


def measure(*, learners, runs, export_runs):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.models import Count
    from django.test import Client, override_settings

    from bench.generate_learners import generate
    from lms.models import Learner, ReportExport, UnitManager

    started = time.perf_counter()
    data = generate(learners=learners)
    generated_in = time.perf_counter() - started

    User = get_user_model()
    admin = User.objects.create_superuser("bench-admin", password="x-strong-password-1")
    largest_unit_id = (Learner.objects.filter(unit__kind="commune").values("unit_id")
                       .annotate(n=Count("id")).order_by("-n").first()["unit_id"])
    manager = User.objects.create_user("bench-manager", password="x-strong-password-1")
    manager.groups.add(Group.objects.get(name="Unit managers"))
    UnitManager.objects.create(user=manager, unit_id=largest_unit_id)
    manager_learners = Learner.objects.filter(unit_id=largest_unit_id).count()
    course = data["courses"][0]

    results = {}
    with override_settings(STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tempfile.mkdtemp()}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }):
        for who, user in (("admin", admin), ("manager", manager)):
            client = Client()
            client.force_login(user)
            pages = {
                "course report": ("/admin/reports/", {"course": course.pk}),
                "unit report": ("/admin/reports/units/", {}),
                "drill-down p.1": ("/admin/reports/learners/", {"course": course.pk}),
                "drill-down p.20": ("/admin/reports/learners/", {"course": course.pk, "page": 20}),
            }
            for name, (url, params) in pages.items():
                def get(url=url, params=params):
                    response = client.get(url, params)
                    assert response.status_code == 200, (url, response.status_code)
                results[(name, who)] = median_timing(get, runs)

        from lms.reports import services

        def export():
            job = ReportExport.objects.create(
                requested_by=admin, kind="learners", file_format="csv",
                params={"course_id": course.pk, "unit_paths": None, "date_basis": "completion"})
            job = services.report_export_run(export_id=job.pk)
            assert job.status == ReportExport.Status.SUCCEEDED, job.error
            results["export rows"] = job.rows_done

        results[("CSV export, 1 course", "admin")] = median_timing(export, export_runs)

    def count_progress():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM lms_courseprogress")
            cursor.fetchone()

    results[("SELECT count(*) progress", "-")] = median_timing(count_progress, runs)
    results["summary"] = {**{k: v for k, v in data.items() if isinstance(v, int)}, "generated_in": generated_in,
                          "manager_learners": manager_learners}
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=300_000)
    parser.add_argument("--baseline-learners", type=int, default=3_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--export-runs", type=int, default=1)
    args = parser.parse_args()

    import django

    django.setup()
    print(f"database {DATABASE_URL}")
    recreate_database()
    baseline = measure(learners=args.baseline_learners, runs=args.runs, export_runs=args.export_runs)
    recreate_database()
    full = measure(learners=args.learners, runs=args.runs, export_runs=args.export_runs)

    for label, results in (("baseline", baseline), ("full", full)):
        summary = results["summary"]
        print(f"{label}: {summary['learners']:,} learners, {summary['units']} units, {summary['enrolments']:,} enrolments, "
              f"{summary['course_progress']:,} course progress, {summary['module_progress']:,} module progress rows "
              f"(generated in {summary['generated_in']:.1f} s); manager's commune: {summary['manager_learners']:,} learners; "
              f"exported rows: {results['export rows']:,}")
    print()
    print(f"{'page':<26}{'viewer':<9}{'3k: ms':>9}{'q':>5}{'full: ms':>11}{'q':>5}{'ratio':>8}  target")
    for key in [key for key in full if isinstance(key, tuple)]:
        name, who = key
        (small_time, small_queries), (full_time, full_queries) = baseline[key], full[key]
        is_page = name not in ("CSV export, 1 course", "SELECT count(*) progress")
        verdict = ""
        if is_page:
            verdict = "ok" if full_time < 1 and small_queries == full_queries else "MISSED"
        print(f"{name:<26}{who:<9}{small_time * 1000:>9.0f}{small_queries:>5}{full_time * 1000:>11.0f}{full_queries:>5}"
              f"{full_time / small_time:>8.1f}  {verdict}")
    count_time = full[("SELECT count(*) progress", "-")][0]
    print()
    print(f"course report (admin, full) / SELECT count(*) over lms_courseprogress (full): "
          f"{full[('course report', 'admin')][0] / count_time:.1f}x")


if __name__ == "__main__":
    main()
