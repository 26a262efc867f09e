"""Issuance by a real Celery worker through Redis: from real SCORM attempts to a verified PDF in S3."""

import io
import time
import unicodedata

import pypdf
import pypdfium2
import pytest
import zxingcpp
from django.conf import settings

from certificates.models import Certificate
from certificates.services import verification_url
from courses.models import (
    CourseModule,
    CoursePage,
    Enrolment,
    ModulePage,
    ThemePage,
)
from lms.models import CourseProgress
from scorm_player.attempts import attempt_commit, attempt_launch
from scorm_player.services import package_import
from tests.certificates.conftest import VIETNAMESE_NAME
from tests.courses.catalog import home
from tests.services import shared_fixtures_dir

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def wait_until(predicate, *, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture
def course_with_real_module(s3_storage):
    theme = home().add_child(instance=ThemePage(title="Ứng dụng AI", slug="ung-dung-ai"))
    version = package_import(file=shared_fixtures_dir() / "valid" / "ContentPackagingSingleSCO_SCORM12.zip")
    module = theme.add_child(instance=ModulePage(title="AI là gì", slug="ai-la-gi", package=version.package))
    course = CoursePage(title="Ứng dụng AI trong công việc và cuộc sống", slug="lop-ai", enrolment=CoursePage.Enrolment.ASSIGNED)
    course.course_modules.add(CourseModule(module=module))
    home().add_child(instance=course)
    return course, module


def test_completing_a_course_through_real_attempts_issues_exactly_one_verifiable_certificate(
    course_with_real_module, make_learner, killable_worker, task_queue_for, seaweedfs, s3_storage,
):
    course, module = course_with_real_module
    queue = "certs-issue-test"
    location = settings.STORAGES["default"]["OPTIONS"]["location"]
    killable_worker(queue=queue, **seaweedfs.environ(), AWS_LOCATION=location)
    task_queue_for(queue)
    decomposed_name = unicodedata.normalize("NFD", VIETNAMESE_NAME)
    learner = make_learner("tuyet", full_name=decomposed_name)
    Enrolment.objects.create(learner=learner, course=course, source=Enrolment.Source.ASSIGNED)

    launch = attempt_launch(learner=learner, sco=module.version.scos.get())
    attempt_commit(token=launch.token, sequence=1, data={"cmi": {"core": {"lesson_status": "incomplete"}}})
    attempt_commit(
        token=launch.token, sequence=2, finished=True,
        data={"cmi": {"core": {"lesson_status": "completed", "session_time": "00:05:00", "exit": ""}}},
    )
    assert CourseProgress.objects.get(learner=learner, course=course).completed_at is not None

    wait_until(
        lambda: Certificate.objects.filter(learner=learner, course=course, emailed_at__isnull=False).exists(),
        timeout=90, what="the worker to issue, render and email the certificate",
    )
    certificate = Certificate.objects.get(learner=learner, course=course)
    assert Certificate.objects.count() == 1
    assert s3_storage.exists(certificate.pdf.name)
    with certificate.pdf.open("rb") as pdf_file:
        pdf_bytes = pdf_file.read()
    text = unicodedata.normalize("NFC", "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages))
    assert VIETNAMESE_NAME in text.splitlines()
    assert certificate.display_code in text
    image = pypdfium2.PdfDocument(pdf_bytes)[0].render(scale=3).to_pil()
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [verification_url(certificate)]
    assert verification_url(certificate).endswith(f"/verify/{certificate.code}")
