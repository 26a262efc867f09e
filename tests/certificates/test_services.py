"""Issuing, revoking and re-rendering against real PostgreSQL and storage (no worker: the services directly)."""

import io
import re

import pypdf
import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from certificates.models import Certificate, CertificateTemplate, IssuanceFailure
from certificates.services import (
    CertificateError,
    certificate_issue,
    certificate_issue_and_deliver,
    certificate_pdf_ready,
    certificate_render,
    certificate_revoke,
    code_generate,
)
from tests.certificates.conftest import VIETNAMESE_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def email_in_memory(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def english_messages():
    # Messages are matched in English; the Vietnamese catalog is checked by the translation tests.
    from django.utils import translation

    with translation.override("en"):
        yield


def pdf_text(certificate):
    with certificate.pdf.open("rb") as pdf_file:
        return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf_file.read())).pages)


def test_codes_are_ten_unambiguous_characters_and_differ():
    codes = {code_generate() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(re.fullmatch(r"[2-9A-HJKMNP-Z]{10}", code) for code in codes)


def test_issuing_twice_yields_one_certificate_with_the_same_code(course, make_learner):
    learner = make_learner("tuyet", completed_course=course)

    first, created_first = certificate_issue(learner=learner, course=course)
    second, created_second = certificate_issue(learner=learner, course=course)

    assert (created_first, created_second) == (True, False)
    assert first.code == second.code
    assert Certificate.objects.filter(learner=learner, course=course).count() == 1
    assert (first.learner_name, first.unit_name) == (VIETNAMESE_NAME, "Phường Bến Nghé")


def test_the_database_refuses_a_second_certificate_for_the_same_learner_and_course(course, make_learner):
    learner = make_learner("tuyet", completed_course=course)
    certificate, _ = certificate_issue(learner=learner, course=course)

    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            learner=learner, course=course, code=code_generate(), learner_name="x", course_title="y", issued_at=certificate.issued_at,
        )


def test_a_learner_who_has_not_completed_the_course_gets_no_certificate(course, make_learner):
    learner = make_learner("chua-xong")

    with pytest.raises(CertificateError, match="not completed"):
        certificate_issue(learner=learner, course=course)
    assert not Certificate.objects.exists()


def test_a_course_without_certificates_issues_none(course, make_learner):
    course.awards_certificate = False
    course.save()
    learner = make_learner("tuyet", completed_course=course)

    with pytest.raises(CertificateError, match="does not award"):
        certificate_issue(learner=learner, course=course)


def test_issue_and_deliver_renders_stores_and_emails_the_link_once(course, make_learner, local_storage):
    learner = make_learner("tuyet", completed_course=course)

    certificate = certificate_issue_and_deliver(learner_id=learner.pk, course_id=course.pk)
    certificate_issue_and_deliver(learner_id=learner.pk, course_id=course.pk)

    certificate.refresh_from_db()
    assert local_storage.exists(certificate.pdf.name)
    assert VIETNAMESE_NAME in pdf_text(certificate)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["tuyet@example.org"]
    assert f"/certificates/{certificate.code}.pdf" in mail.outbox[0].body
    assert certificate.display_code in mail.outbox[0].body


def test_revocation_keeps_the_row_the_code_and_records_who_and_why(course, make_learner, admin_user):
    learner = make_learner("tuyet", completed_course=course)
    certificate, _ = certificate_issue(learner=learner, course=course)
    code = certificate.code

    certificate_revoke(certificate=certificate, by=admin_user, reason="Gian lận khi làm bài")

    certificate.refresh_from_db()
    assert (certificate.code, certificate.status, certificate.revoked_by, certificate.revoke_reason) == (
        code, "revoked", admin_user, "Gian lận khi làm bài",
    )
    assert certificate.revoked_at is not None
    # Issuing again after revocation returns the same, still revoked, row.
    again, created = certificate_issue(learner=learner, course=course)
    assert (again.pk, again.status, created) == (certificate.pk, "revoked", False)


def test_revocation_needs_a_reason(course, make_learner, admin_user):
    certificate, _ = certificate_issue(learner=make_learner("tuyet", completed_course=course), course=course)

    with pytest.raises(CertificateError, match="reason"):
        certificate_revoke(certificate=certificate, by=admin_user, reason="   ")
    certificate.refresh_from_db()
    assert certificate.status == "issued"


def test_a_new_template_re_renders_with_the_same_code(course, make_learner, local_storage):
    learner = make_learner("tuyet", completed_course=course)
    certificate = certificate_issue_and_deliver(learner_id=learner.pk, course_id=course.pk)
    code, first_pdf = certificate.code, certificate.pdf.name
    assert "Giám đốc Sở" not in pdf_text(certificate)

    CertificateTemplate.objects.create(
        name="AI", course=course, title="CHỨNG CHỈ {course}", signatory_name="Trần Văn Bình", signatory_title="Giám đốc Sở",
    )
    certificate = Certificate.objects.get(pk=certificate.pk)
    certificate_pdf_ready(certificate=certificate)  # lazy: the template is newer than the PDF

    certificate.refresh_from_db()
    text = pdf_text(certificate)
    assert certificate.code == code
    assert certificate.pdf.name != first_pdf and not local_storage.exists(first_pdf)
    assert "Giám đốc Sở" in text and "Trần Văn Bình" in text and certificate.display_code in text


def test_rendering_is_lazy_until_the_first_download(course, make_learner, local_storage):
    learner = make_learner("tuyet", completed_course=course)
    certificate = certificate_issue_and_deliver(learner_id=learner.pk, course_id=course.pk, render=False)
    assert not certificate.pdf

    certificate_pdf_ready(certificate=certificate)

    assert Certificate.objects.get(pk=certificate.pk).pdf.name == certificate.pdf.name
    assert local_storage.exists(certificate.pdf.name)


def test_a_template_with_an_unknown_placeholder_is_refused():
    template = CertificateTemplate(name="x", body="Xin chào {ten}", text_color="#123456", accent_color="blue")

    with pytest.raises(Exception) as refused:
        template.full_clean()
    assert "{ten}" in str(refused.value) and "accent_color" in str(refused.value)


def test_rendering_into_s3_stores_the_pdf_in_the_bucket(course, make_learner, s3_storage):
    learner = make_learner("tuyet", completed_course=course)
    certificate, _ = certificate_issue(learner=learner, course=course)

    certificate_render(certificate=certificate)

    assert s3_storage.exists(certificate.pdf.name)
    assert VIETNAMESE_NAME in pdf_text(certificate)


def test_a_failed_issue_is_recorded_for_admins_and_cleared_by_success(course, make_learner):
    from certificates.tasks import certificate_issue_task

    learner = make_learner("tuyet")
    certificate_issue_task.apply(args=[learner.pk, course.pk])
    failure = IssuanceFailure.objects.get(learner=learner, course=course)
    assert "not completed" in failure.error

    from django.utils import timezone

    from lms.models import CourseProgress

    CourseProgress.objects.create(learner=learner, course=course, completed_at=timezone.now())
    certificate_issue_and_deliver(learner_id=learner.pk, course_id=course.pk, render=False)
    assert not IssuanceFailure.objects.exists()


def test_issuing_many_at_once_skips_the_ineligible_keeps_existing_codes_and_emails_once(course, make_learner):
    from certificates.services import certificates_email_many, certificates_issue_many

    done = [make_learner(f"hv{n}", completed_course=course) for n in range(5)]
    not_done = make_learner("chua-xong")
    existing, _ = certificate_issue(learner=done[0], course=course)

    certificates, not_eligible = certificates_issue_many(course=course, learner_ids=[u.pk for u in done] + [not_done.pk])
    again, _ = certificates_issue_many(course=course, learner_ids=[u.pk for u in done])

    assert not_eligible == [not_done.pk]
    assert len(certificates) == 5 and len({c.code for c in certificates}) == 5
    assert existing.code in {c.code for c in certificates}
    assert [c.code for c in again] == [c.code for c in certificates]
    assert Certificate.objects.count() == 5
    assert certificates_email_many(certificates=certificates) == 5
    assert certificates_email_many(certificates=list(Certificate.objects.all())) == 0
    assert len(mail.outbox) == 5


def test_reports_count_valid_certificates_per_course_and_unit(course, make_learner, unit, admin_user):
    from lms.models import Learner
    from lms.reports.registry import certified_counts, certified_learners

    holders = [make_learner(f"hv{n}", completed_course=course) for n in range(3)]
    for learner in holders:
        certificate_issue(learner=learner, course=course)
    certificate_revoke(certificate=Certificate.objects.get(learner=holders[2]), by=admin_user, reason="Sai")

    assert certified_counts(course_ids=[course.pk], learners=Learner.objects.all()) == {(course.pk, unit.pk): 2}
    assert certified_learners(course_id=course.pk, user_ids=[u.pk for u in holders]) == {holders[0].pk, holders[1].pk}


def test_the_printed_verification_url_does_not_depend_on_the_active_language(course, make_learner, settings):
    from django.utils import translation

    settings.WAGTAILADMIN_BASE_URL = "https://hocvuso.example.gov.vn/"
    from certificates.services import verification_url

    certificate, _ = certificate_issue(learner=make_learner("tuyet", completed_course=course), course=course)
    with translation.override("en"):
        url = verification_url(certificate)

    assert url == f"https://hocvuso.example.gov.vn/verify/{certificate.code}"


def test_a_transient_error_is_retried_then_recorded_for_admins_and_the_certificate_kept(course, make_learner, monkeypatch, local_storage):
    from certificates import services
    from certificates.tasks import RETRY_OPTIONS, certificate_issue_task

    calls = []

    def storage_down(**kwargs):
        calls.append(1)
        raise ConnectionError("object storage did not answer")

    # Fault injection: rendering hits a storage outage that outlasts every retry.
    monkeypatch.setattr(services, "render_certificate_pdf", storage_down)
    learner = make_learner("tuyet", completed_course=course)

    result = certificate_issue_task.apply(args=[learner.pk, course.pk])

    assert result.failed()
    assert len(calls) == RETRY_OPTIONS["max_retries"] + 1
    failure = IssuanceFailure.objects.get(learner=learner, course=course)
    assert "object storage did not answer" in failure.error
    certificate = Certificate.objects.get(learner=learner, course=course)
    assert not certificate.pdf  # issued; the PDF is drawn on the next try or the first download


def test_re_rendering_a_course_keeps_every_code(course, make_learner, local_storage):
    from certificates.services import certificates_render

    certificates = [
        certificate_issue_and_deliver(learner_id=make_learner(f"hv{n}", completed_course=course).pk, course_id=course.pk)
        for n in range(3)
    ]
    before = {c.pk: (c.code, c.pdf.name) for c in certificates}
    CertificateTemplate.objects.create(name="Mới", course=course, signatory_name="Lê Thị Hồng Nhung")

    certificates_render(certificate_ids=list(before))

    for certificate in Certificate.objects.filter(pk__in=before):
        code, old_pdf = before[certificate.pk]
        assert certificate.code == code and certificate.pdf.name != old_pdf
        assert "Lê Thị Hồng Nhung" in pdf_text(certificate)


def test_a_user_without_a_learner_profile_is_certified_under_their_account_name(course, django_user_model):
    from django.utils import timezone

    from lms.models import CourseProgress

    user = django_user_model.objects.create_user("hoa", first_name="Hoà", last_name="Lê Thị", password="x-strong-password-1")
    CourseProgress.objects.create(learner=user, course=course, completed_at=timezone.now())

    certificate = certificate_issue_and_deliver(learner_id=user.pk, course_id=course.pk, render=False)

    assert certificate.learner_name == "Hoà Lê Thị"


def test_the_learners_data_download_lists_their_certificates(course, make_learner):
    from lms.services import learner_data_export

    learner = make_learner("tuyet", completed_course=course)
    certificate, _ = certificate_issue(learner=learner, course=course)

    exported = learner_data_export(user=learner)["certificates"]

    assert [(c["code"], c["learner_name"], c["status"]) for c in exported] == [(certificate.display_code, VIETNAMESE_NAME, "issued")]


def test_erasing_a_learner_blanks_the_name_on_their_certificates_and_deletes_the_pdf(
    course, make_learner, admin_user, local_storage, django_capture_on_commit_callbacks,
):
    from lms.services import learner_erase

    learner = make_learner("tuyet", completed_course=course)
    certificate = certificate_issue_and_deliver(learner_id=learner.pk, course_id=course.pk)
    pdf_name = certificate.pdf.name

    with django_capture_on_commit_callbacks(execute=True):
        learner_erase(learner=learner.learner, erased_by=admin_user)

    certificate.refresh_from_db()
    assert (certificate.learner_name, certificate.unit_name, certificate.pdf.name) == ("", "", "")
    assert certificate.code and certificate.status == "issued"  # counts and verification of course/date stay
    assert not local_storage.exists(pdf_name)
