"""The Wagtail admin door: upload a zip, a real Celery worker imports it, the report shows it."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from config.celery import app as celery_app
from scorm_player.models import Package, PackageImport
from tests.services import shared_fixtures_dir, wait_for

FIXTURES = shared_fixtures_dir()


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("chief", password="x-strong-password-1")
    client.force_login(admin)
    return client


@pytest.fixture
def task_queue(celery_worker):
    """Send this test's tasks to the queue its own worker consumes."""
    default_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = celery_worker
    yield celery_worker
    celery_app.conf.task_default_queue = default_queue


def upload(client, name, accept_json=True):
    data = (FIXTURES / name).read_bytes()
    headers = {"Accept": "application/json"} if accept_json else {}
    return client.post(
        "/admin/scorm/upload/", {"file": SimpleUploadedFile(name.split("/")[-1], data, "application/zip")}, headers=headers
    )


def follow_job(client, status_url):
    state = {}

    def finished():
        state.update(client.get(status_url, headers={"Accept": "application/json"}).json())
        return state["status"] in ("succeeded", "failed")

    wait_for(finished, timeout=90, what="the import job")
    return state


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_admin_upload_is_imported_by_a_worker_and_reported(admin_client, task_queue, tmp_path, settings):
    response = upload(admin_client, "valid/RuntimeBasicCalls_SCORM20043rdEdition.zip")

    assert response.status_code == 202
    job = follow_job(admin_client, response.json()["status_url"])
    assert job["status"] == "succeeded" and job["percent"] == 100
    assert job["files_done"] == job["files_total"] > 0, "the progress the page showed is kept"
    report = admin_client.get(job["report_url"])
    assert report.status_code == 200
    assert "SCORM 2004 3rd" in report.content.decode()
    assert Package.objects.get().current_version.scos.count() == 1
    assert not PackageImport.objects.get().upload_name.startswith("scorm/")


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_admin_upload_of_a_broken_package_shows_the_reason_in_vietnamese(admin_client, task_queue):
    response = upload(admin_client, "invalid/MalformedXml_SCORM12.zip")

    job = follow_job(admin_client, response.json()["status_url"])

    assert job["status"] == "failed"
    assert "imsmanifest.xml" in job["error"]
    assert not Package.objects.exists()
    page = admin_client.get(response.json()["status_url"], HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "imsmanifest.xml" in page


@pytest.mark.django_db
def test_uploading_without_js_redirects_to_the_progress_page(admin_client, local_storage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as dispatched:
        response = upload(admin_client, "valid/ContentPackagingSingleSCO_SCORM12.zip", accept_json=False)

    assert response.status_code == 302
    assert response.url.startswith("/admin/scorm/imports/")
    assert len(dispatched) == 1, "the import task is sent once the upload is committed"
    assert admin_client.get(response.url).status_code == 200


@pytest.mark.django_db
def test_editors_without_the_package_permission_are_refused(client, django_user_model, local_storage):
    editor = django_user_model.objects.create_user("editor", password="x-strong-password-1")
    editors = Group.objects.create(name="Editors without packages")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    client.force_login(editor)

    listing = client.get("/admin/scorm/")
    uploaded = upload(client, "valid/ContentPackagingSingleSCO_SCORM12.zip")

    # Wagtail turns a permission refusal into a redirect to the dashboard with a message.
    assert (listing.status_code, listing.url) == (302, "/admin/")
    assert (uploaded.status_code, uploaded.url) == (302, "/admin/")
    assert not PackageImport.objects.exists()


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get("/admin/scorm/upload/")

    assert response.status_code == 302 and "/admin/login/" in response.url
