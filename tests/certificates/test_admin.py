"""The Wagtail admin pages: listing, revoke with a reason, bulk issuance with progress, rights."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from certificates.models import BulkIssuance, Certificate, CertificateTemplate
from certificates.services import certificate_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(course, make_learner):
    return certificate_issue(learner=make_learner("tuyet", completed_course=course), course=course)[0]


def test_the_listing_shows_certificates_with_status_and_a_search(admin_client, certificate):
    response = admin_client.get(reverse("certificates_admin:index"), {"q": certificate.display_code.lower()})

    html = response.content.decode()
    assert response.status_code == 200
    assert certificate.display_code in html and "Nguyễn Thị Ánh Tuyết" in html


def test_revoking_from_the_admin_needs_a_reason_and_keeps_the_row(admin_client, certificate):
    url = reverse("certificates_admin:revoke", args=[certificate.pk])

    refused = admin_client.post(url, {"reason": ""})
    certificate.refresh_from_db()
    assert refused.status_code == 200 and certificate.status == "issued"

    admin_client.post(url, {"reason": "Trùng hồ sơ"})
    certificate.refresh_from_db()
    assert (certificate.status, certificate.revoke_reason, certificate.revoked_by.username) == ("revoked", "Trùng hồ sơ", "admin")
    assert Certificate.objects.count() == 1


def test_bulk_issuance_page_starts_a_job_and_reports_progress(admin_client, course, make_learner, django_capture_on_commit_callbacks):
    for n in range(3):
        make_learner(f"hv{n}", completed_course=course)
    make_learner("not-done")

    form = admin_client.get(reverse("certificates_admin:bulk_issue"), {"course": course.pk})
    assert "3" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=False) as dispatches:
        response = admin_client.post(reverse("certificates_admin:bulk_issue"), {"course": course.pk, "render": ""})

    job = BulkIssuance.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("certificates_admin:bulk_status", args=[job.pk])
    assert (job.total, job.render, len(dispatches)) == (3, False, 1)
    status = admin_client.get(response["Location"], HTTP_ACCEPT="application/json").json()
    assert status == {"status": "running", "done": 0, "total": 3, "failed": 0, "percent": 0, "error": ""}
    page = admin_client.get(response["Location"]).content.decode()
    assert "<progress" in page


def test_a_learner_or_editor_without_the_permission_cannot_reach_the_admin_pages(client, certificate, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x-strong-password-1")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    # Wagtail turns the refusal into a redirect to the admin home with a "permission denied" message.
    listing = client.get(reverse("certificates_admin:index"))
    revoke = client.post(reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": "x"})
    assert (listing.status_code, listing["Location"]) == (302, "/admin/")
    assert (revoke.status_code, revoke["Location"]) == (302, "/admin/")
    certificate.refresh_from_db()
    assert certificate.status == "issued"


def test_templates_are_managed_as_snippets(admin_client, course):
    response = admin_client.get(reverse("wagtailsnippets_certificates_certificatetemplate:add"))
    assert response.status_code == 200

    CertificateTemplate.objects.create(name="Lớp AI", course=course)
    listing = admin_client.get(reverse("wagtailsnippets_certificates_certificatetemplate:list"))
    assert "Lớp AI" in listing.content.decode()


def test_failures_are_listed_for_admins(admin_client, course, make_learner):
    from certificates.services import issuance_failure_record

    learner = make_learner("loi")
    issuance_failure_record(learner_id=learner.pk, course_id=course.pk, stage="render", error="ConnectionError: S3 down")
    issuance_failure_record(learner_id=learner.pk, course_id=course.pk, stage="render", error="ConnectionError: S3 down again")

    html = admin_client.get(reverse("certificates_admin:failures")).content.decode()

    assert "S3 down again" in html and course.title in html
    assert admin_client.get(reverse("certificates_admin:index")).context["failure_count"] == 1
