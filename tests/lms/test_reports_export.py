"""Long learner exports run in a real Celery worker: progress, then a download only for the requester."""

import csv
import io

import pytest
from openpyxl import load_workbook

from config.celery import app as celery_app
from lms.models import ReportExport
from lms.reports import exports, services
from tests.lms.test_reports import (
    PASSWORD,
    catalog,
    learners_in,
    logged_in,
    manager_of,
    unit_tree,
)
from tests.services import wait_for


@pytest.fixture
def task_queue(start_celery_worker, tmp_path, settings):
    """A worker of this test's own, writing files into the same media folder the test reads."""
    media = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": media}},
    }
    queue = start_celery_worker(DJANGO_MEDIA_ROOT=str(media), LMS_REPORT_EXPORT_CHUNK_SIZE="7")
    default_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    yield queue
    celery_app.conf.task_default_queue = default_queue


@pytest.fixture
def big_course(django_user_model, monkeypatch):
    """60 learners over two communes; exports above 25 rows go to the worker in chunks of 7."""
    monkeypatch.setattr(exports, "SYNC_EXPORT_MAX_ROWS", 25)
    monkeypatch.setattr(exports, "EXPORT_CHUNK_SIZE", 7)
    modules, (course,) = catalog()
    city, units = unit_tree(communes=2)
    learners_in(django_user_model, units, per_unit=30, course=course, modules=modules)
    return {"course": course, "modules": modules, "city": city, "x": units[0], "y": units[1]}


def follow(client, status_url):
    seen = []

    def finished():
        state = client.get(status_url, headers={"Accept": "application/json"}).json()
        seen.append(state)
        return state["status"] in ("succeeded", "failed")

    wait_for(finished, timeout=90, what="the export job")
    return seen[-1], seen


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_long_learner_export_runs_in_the_worker_and_is_downloaded(client, django_user_model, task_queue, big_course, file_format):
    admin = django_user_model.objects.create_superuser("chief", password=PASSWORD)
    client = logged_in(client, admin)

    response = client.post("/admin/reports/export/learners/", {"course": big_course["course"].pk, "format": file_format})

    assert response.status_code == 302
    status_page = client.get(response.url)
    assert status_page.status_code == 200
    state, seen = follow(client, response.url)
    assert state["status"] == "succeeded", state
    assert state["rows_done"] == state["rows_total"] == 60 and state["percent"] == 100
    assert all(0 <= s["rows_done"] <= max(s["rows_total"], 60) for s in seen)
    download = client.get(state["download_url"])
    assert download.status_code == 200
    body = b"".join(download.streaming_content)
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    else:
        rows = [list(row) for row in load_workbook(io.BytesIO(body), read_only=True).active.iter_rows(values_only=True)]
    header, data = rows[0], rows[1:]
    assert len(data) == 60, "every learner once, across chunks of 7"
    assert len({row[2] for row in data}) == 60
    assert header[-3:] == ["Mô-đun 1", "Mô-đun 2", "Mô-đun 3"]
    assert {row[0] for row in data} == {"xa-1", "xa-2"}
    export = ReportExport.objects.get()
    assert export.requested_by == admin and export.file.name.endswith(f".{file_format}")
    again = services.report_export_run(export_id=export.pk)
    assert again.file.name == export.file.name, "running a finished job again changes nothing"


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_an_export_is_served_only_to_the_user_who_asked_for_it(client, django_user_model, task_queue, big_course):
    manager_x = manager_of(django_user_model, big_course["x"], "manager-x")
    manager_city = manager_of(django_user_model, big_course["city"], "manager-city")
    client = logged_in(client, manager_city)
    response = client.post("/admin/reports/export/learners/", {"course": big_course["course"].pk, "format": "csv"})
    state, _seen = follow(client, response.url)
    assert state["status"] == "succeeded" and state["rows_total"] == 60

    client.force_login(manager_x)
    assert client.get(response.url).status_code == 404
    assert client.get(state["download_url"]).status_code == 404
    client.logout()
    assert client.get(state["download_url"]).status_code == 302


@pytest.mark.django_db
def test_a_managers_long_export_holds_only_their_units(django_user_model, big_course, local_storage):
    manager_x = manager_of(django_user_model, big_course["x"], "manager-x")
    params = {"course_id": big_course["course"].pk, "unit_paths": [big_course["x"].path], "date_basis": "completion"}
    export = ReportExport.objects.create(requested_by=manager_x, kind="learners", file_format="csv", params=params)

    services.report_export_run(export_id=export.pk)

    export.refresh_from_db()
    assert export.status == ReportExport.Status.SUCCEEDED and export.rows_done == 30
    with local_storage.open(export.file.name, "rb") as handle:
        rows = list(csv.reader(io.StringIO(handle.read().decode("utf-8-sig"))))
    assert {row[0] for row in rows[1:]} == {"xa-1"}
