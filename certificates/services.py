"""Writes: issue, render, revoke, email, bulk issuance. Plain keyword-only functions that
views, tasks, the admin and the benchmark all call."""

import hashlib
import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, get_connection, send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from courses.models import CoursePage
from lms.models import CourseProgress, Learner

from .models import (
    CODE_ALPHABET, CODE_LENGTH, BulkIssuance, BulkIssuanceChunk, Certificate, CertificateTemplate, IssuanceFailure,
)
from .rendering import CertificateText, Layout, nfc, render_certificate_pdf

logger = logging.getLogger(__name__)

DEFAULT_CHUNK_SIZE = 25  # rendered: a chunk takes a second or two, so the progress bar moves
LAZY_CHUNK_SIZE = 1000  # rows and codes only: a few queries per chunk


class CertificateError(Exception):
    """A request the rules refuse; the message is for the person who made it."""


def code_generate():
    # 31**10 ≈ 8e14 codes: guessing one among a million issued takes ~8e8 tries on average.
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def public_url(path):
    base = getattr(settings, "CERTIFICATES_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def verification_url(certificate):
    # In the default language (no /en/ prefix): the URL printed in the QR code must not
    # depend on the language of whoever happened to trigger the rendering.
    with translation.override(settings.LANGUAGE_CODE):
        return public_url(reverse("certificates:verify", args=[certificate.code]))


def download_url(certificate):
    with translation.override(settings.LANGUAGE_CODE):
        return public_url(reverse("certificates:download", args=[certificate.code]))


def _learner_snapshot(user):
    profile = Learner.objects.filter(user_id=user.pk).select_related("unit").first()
    if profile:
        return nfc(profile.full_name), nfc(profile.unit.name if profile.unit_id else "")
    user = get_user_model().objects.get(pk=user.pk)  # the caller may hold only an id-only instance
    return nfc(user.get_full_name() or user.get_username()), ""


def certificate_issue(*, learner, course) -> tuple[Certificate, bool]:
    """The learner's certificate for the course, created if they have completed it.

    Idempotent: a second call (a redelivered task, a bulk run over the same learner) returns
    the same row and code; the unique constraint settles a race between two workers.
    """
    existing = Certificate.objects.filter(learner_id=learner.pk, course_id=course.pk).first()
    if existing:
        return existing, False
    if not course.awards_certificate:
        raise CertificateError(_("The course “%(course)s” does not award certificates.") % {"course": course.title})
    completed_at = (
        CourseProgress.objects.filter(learner_id=learner.pk, course_id=course.pk, completed_at__isnull=False)
        .values_list("completed_at", flat=True).first()
    )
    if completed_at is None:
        raise CertificateError(_("The learner has not completed the course “%(course)s”.") % {"course": course.title})
    learner_name, unit_name = _learner_snapshot(learner)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    learner_id=learner.pk, course_id=course.pk, code=code_generate(),
                    learner_name=learner_name, course_title=nfc(course.title), unit_name=unit_name,
                    issued_at=timezone.now(),
                ), True
        except IntegrityError:
            existing = Certificate.objects.filter(learner_id=learner.pk, course_id=course.pk).first()
            if existing:
                return existing, False
            # Otherwise the code collided with another certificate's: draw again.
    raise CertificateError(_("Could not draw a unique verification code; try again."))


def template_for_course(course_id):
    """The course's own template, else the default one (no course), else None (built-in layout)."""
    return (
        CertificateTemplate.objects.filter(course_id=course_id).select_related("background").first()
        or CertificateTemplate.objects.filter(course__isnull=True).select_related("background").order_by("-updated_at").first()
    )


def certificate_template_layout(*, template) -> Layout:
    if template is None:
        return Layout()
    background = None
    if template.background_id:
        with template.background.file.open("rb") as image_file:
            background = image_file.read()
    return Layout(
        orientation=template.orientation, title=template.title, intro=template.intro, body=template.body,
        signatory_name=template.signatory_name, signatory_title=template.signatory_title,
        text_color=template.text_color, accent_color=template.accent_color,
        title_y_mm=template.title_y_mm, name_y_mm=template.name_y_mm, name_font_size=template.name_font_size,
        body_y_mm=template.body_y_mm, qr_x_mm=template.qr_x_mm, qr_y_mm=template.qr_y_mm,
        qr_size_mm=template.qr_size_mm, background=background,
    )


def certificate_text(certificate) -> CertificateText:
    with translation.override(settings.LANGUAGE_CODE):
        issued_on = date_format(timezone.localtime(certificate.issued_at), "SHORT_DATE_FORMAT")
    return CertificateText(
        learner_name=certificate.learner_name, course=certificate.course_title, date=issued_on,
        unit=certificate.unit_name, code=certificate.display_code, verify_url=verification_url(certificate),
    )


def certificate_needs_render(certificate, template=None) -> bool:
    if not certificate.pdf or certificate.rendered_at is None:
        return True
    return template is not None and template.updated_at > certificate.rendered_at


def certificate_render(*, certificate, template=None, layout=None) -> Certificate:
    """Draw the PDF from the course's current template and store it in the default storage
    (S3 in production). The code and the row stay; only the file is replaced."""
    if template is None:
        template = template_for_course(certificate.course_id)
    if layout is None:
        layout = certificate_template_layout(template=template)
    pdf_bytes = render_certificate_pdf(text=certificate_text(certificate), layout=layout)
    old_name = certificate.pdf.name if certificate.pdf else ""
    # A content hash in the name: a re-render never overwrites a file a download is streaming.
    digest = hashlib.sha256(pdf_bytes).hexdigest()[:12]
    certificate.pdf.save(f"{certificate.course_id}/{certificate.code}-{digest}.pdf", ContentFile(pdf_bytes), save=False)
    certificate.rendered_at = timezone.now()
    certificate.template = template
    Certificate.objects.filter(pk=certificate.pk).update(
        pdf=certificate.pdf.name, rendered_at=certificate.rendered_at, template=template,
    )
    if old_name and old_name != certificate.pdf.name:
        certificate.pdf.storage.delete(old_name)
    return certificate


def certificate_pdf_ready(*, certificate) -> Certificate:
    """Render on first download (or after the template changed): issuing a large cohort stays quick."""
    template = template_for_course(certificate.course_id)
    if certificate_needs_render(certificate, template):
        certificate_render(certificate=certificate, template=template)
    return certificate


def _certificate_email_content(certificate):
    subject = _("Your certificate: %(course)s") % {"course": certificate.course_title}
    body = _(
        "Dear %(name)s,\n\nCongratulations on completing “%(course)s”.\n"
        "Download your certificate: %(download)s\n"
        "Anyone can check it with the code %(code)s at %(verify)s\n"
    ) % {
        "name": certificate.learner_name, "course": certificate.course_title,
        "download": download_url(certificate), "code": certificate.display_code,
        "verify": verification_url(certificate),
    }
    return subject, body


def certificate_email(*, certificate) -> bool:
    """Send the learner the link to their certificate once; False when there is no address."""
    if certificate.emailed_at is not None:
        return False
    email = get_user_model().objects.filter(pk=certificate.learner_id).values_list("email", flat=True).first()
    if not email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _certificate_email_content(certificate)
    send_mail(subject, body, None, [email])
    certificate.emailed_at = timezone.now()
    Certificate.objects.filter(pk=certificate.pk).update(emailed_at=certificate.emailed_at)
    return True


def issuance_failure_record(*, learner_id, course_id, stage, error):
    failure, created = IssuanceFailure.objects.get_or_create(
        learner_id=learner_id, course_id=course_id, stage=stage, defaults={"error": str(error)[:2000]},
    )
    if not created:
        IssuanceFailure.objects.filter(pk=failure.pk).update(
            error=str(error)[:2000], failures=F("failures") + 1, last_failed_at=timezone.now(),
        )


def issuance_failures_clear(*, learner_id, course_id):
    IssuanceFailure.objects.filter(learner_id=learner_id, course_id=course_id).delete()


def certificate_issue_and_deliver(*, learner_id, course_id, render=True) -> Certificate:
    """Issue, render (unless lazy) and email: what the completion task does."""
    learner = get_user_model()(pk=learner_id)
    course = CoursePage.objects.get(pk=course_id)
    certificate, _created = certificate_issue(learner=learner, course=course)
    if render and certificate.rendered_at is None:
        certificate_render(certificate=certificate)
    certificate_email(certificate=certificate)
    issuance_failures_clear(learner_id=learner_id, course_id=course_id)
    return certificate


def certificate_revoke(*, certificate, by, reason) -> Certificate:
    """Mark it revoked with who, when and why; the row, code and PDF stay (verification shows 'revoked')."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Give a reason for revoking the certificate."))
    if certificate.status == Certificate.Status.REVOKED:
        raise CertificateError(_("The certificate %(code)s is already revoked.") % {"code": certificate.display_code})
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revoke_reason = reason
    certificate.save(update_fields=["status", "revoked_at", "revoked_by", "revoke_reason"])
    return certificate


def certificate_reinstate(*, certificate) -> Certificate:
    certificate.status = Certificate.Status.ISSUED
    certificate.revoked_at = None
    certificate.revoked_by = None
    certificate.revoke_reason = ""
    certificate.save(update_fields=["status", "revoked_at", "revoked_by", "revoke_reason"])
    return certificate


def certificates_mark_for_rerender(*, course) -> int:
    """After a template change: drop the rendering time so each PDF is re-drawn on its next
    download (or by the bulk re-render); codes and rows are untouched."""
    return Certificate.objects.filter(course_id=course.pk).update(rendered_at=None)


def eligible_learner_ids(*, course_id):
    return list(
        CourseProgress.objects.filter(course_id=course_id, completed_at__isnull=False)
        .order_by("learner_id").values_list("learner_id", flat=True)
    )


def certificates_issue_for_course(*, course, requested_by=None, render=True, chunk_size=None) -> BulkIssuance:
    """Plan a bulk issuance: one chunk row per `chunk_size` eligible learners, each run by a task
    dispatched after the commit. Already certified learners are included: issuing is idempotent."""
    from .tasks import bulk_issuance_chunk_task

    if not course.awards_certificate:
        raise CertificateError(_("The course “%(course)s” does not award certificates.") % {"course": course.title})
    chunk_size = chunk_size or (DEFAULT_CHUNK_SIZE if render else LAZY_CHUNK_SIZE)
    if chunk_size < 1:
        raise CertificateError(_("The chunk size must be at least 1."))
    with transaction.atomic():
        learner_ids = eligible_learner_ids(course_id=course.pk)
        job = BulkIssuance.objects.create(
            course=course, requested_by=requested_by, render=render, total=len(learner_ids),
            status=BulkIssuance.Status.RUNNING if learner_ids else BulkIssuance.Status.DONE,
            finished_at=None if learner_ids else timezone.now(),
        )
        chunks = BulkIssuanceChunk.objects.bulk_create(
            BulkIssuanceChunk(job=job, index=index, learner_ids=learner_ids[start:start + chunk_size])
            for index, start in enumerate(range(0, len(learner_ids), chunk_size))
        )
        chunk_ids = [chunk.pk for chunk in chunks]
        transaction.on_commit(lambda: [bulk_issuance_chunk_task.delay(chunk_id) for chunk_id in chunk_ids])
    return job


def bulk_issuance_resume(*, job) -> int:
    """Dispatch again every unfinished chunk of a running job (after an outage longer than the
    broker's redelivery): safe because chunks are idempotent. Returns how many were sent."""
    from .tasks import bulk_issuance_chunk_task

    chunk_ids = list(job.chunks.filter(done_at__isnull=True).values_list("pk", flat=True))
    transaction.on_commit(lambda: [bulk_issuance_chunk_task.delay(chunk_id) for chunk_id in chunk_ids])
    return len(chunk_ids)


def certificates_issue_many(*, course, learner_ids) -> tuple[list[Certificate], list[int]]:
    """Issue for many learners in a few queries (bulk issuance of a large cohort). Returns the
    certificates of the eligible learners (new and existing) and the ids that are not eligible.

    Same guarantees as `certificate_issue`: a learner who already has a certificate keeps it;
    ignore_conflicts lets the unique constraints settle races; a learner whose new code
    happened to collide is simply drawn again on the next pass."""
    if not course.awards_certificate:
        raise CertificateError(_("The course “%(course)s” does not award certificates.") % {"course": course.title})
    eligible = set(
        CourseProgress.objects.filter(course_id=course.pk, learner_id__in=learner_ids, completed_at__isnull=False)
        .values_list("learner_id", flat=True)
    )
    not_eligible = [learner_id for learner_id in learner_ids if learner_id not in eligible]
    have = set(Certificate.objects.filter(course_id=course.pk, learner_id__in=eligible).values_list("learner_id", flat=True))
    missing = [learner_id for learner_id in learner_ids if learner_id in eligible and learner_id not in have]
    if missing:
        snapshots = {
            row["user_id"]: (nfc(row["full_name"]), nfc(row["unit__name"] or ""))
            for row in Learner.objects.filter(user_id__in=missing).values("user_id", "full_name", "unit__name")
        }
        for user in get_user_model().objects.filter(pk__in=[i for i in missing if i not in snapshots]):
            snapshots[user.pk] = (nfc(user.get_full_name() or user.get_username()), "")
        course_title, now = nfc(course.title), timezone.now()
        for _pass in range(5):
            Certificate.objects.bulk_create(
                [
                    Certificate(
                        learner_id=learner_id, course_id=course.pk, code=code_generate(), learner_name=snapshots[learner_id][0],
                        course_title=course_title, unit_name=snapshots[learner_id][1], issued_at=now,
                    )
                    for learner_id in missing
                ],
                ignore_conflicts=True,
            )
            have = set(Certificate.objects.filter(course_id=course.pk, learner_id__in=missing).values_list("learner_id", flat=True))
            missing = [learner_id for learner_id in missing if learner_id not in have]
            if not missing:
                break
        else:
            raise CertificateError(_("Could not draw a unique verification code; try again."))
    certificates = list(Certificate.objects.filter(course_id=course.pk, learner_id__in=eligible).order_by("learner_id"))
    return certificates, not_eligible


def certificates_email_many(*, certificates) -> int:
    """Email each not-yet-emailed certificate's link over one mail connection; returns how many were sent."""
    pending = [c for c in certificates if c.emailed_at is None]
    emails = dict(
        get_user_model().objects.filter(pk__in=[c.learner_id for c in pending]).exclude(email="").values_list("pk", "email")
    )
    messages, sent_ids = [], []
    with translation.override(settings.LANGUAGE_CODE):
        for certificate in pending:
            if certificate.learner_id not in emails:
                continue
            messages.append(EmailMessage(*_certificate_email_content(certificate), to=[emails[certificate.learner_id]]))
            sent_ids.append(certificate.pk)
    if messages:
        get_connection().send_messages(messages)
        Certificate.objects.filter(pk__in=sent_ids).update(emailed_at=timezone.now())
    return len(messages)


def bulk_issuance_chunk_run(*, chunk_id):
    """Issue for a chunk's learners, render unless lazy, email, then count the chunk once.
    Anything transient (database, storage, mail down) propagates so the task retries; the
    work already done is kept and not repeated."""
    chunk = BulkIssuanceChunk.objects.select_related("job").get(pk=chunk_id)
    if chunk.done_at is not None:
        return
    job = chunk.job
    course = CoursePage.objects.get(pk=job.course_id)
    certificates, not_eligible = certificates_issue_many(course=course, learner_ids=chunk.learner_ids)
    for learner_id in not_eligible:
        issuance_failure_record(
            learner_id=learner_id, course_id=course.pk, stage=IssuanceFailure.Stage.ISSUE,
            error=_("The learner has not completed the course “%(course)s”.") % {"course": course.title},
        )
    if job.render:
        template = template_for_course(course.pk)
        layout = certificate_template_layout(template=template)
        for certificate in certificates:
            if certificate.rendered_at is None:
                certificate_render(certificate=certificate, template=template, layout=layout)
    certificates_email_many(certificates=certificates)
    IssuanceFailure.objects.filter(course_id=course.pk, learner_id__in=[c.learner_id for c in certificates]).delete()
    with transaction.atomic():
        # Only the delivery that sets done_at counts the chunk: a redelivered chunk adds nothing.
        if BulkIssuanceChunk.objects.filter(pk=chunk.pk, done_at__isnull=True).update(done_at=timezone.now()):
            BulkIssuance.objects.filter(pk=job.pk).update(
                done=F("done") + len(chunk.learner_ids), failed=F("failed") + len(not_eligible),
            )
            if not BulkIssuanceChunk.objects.filter(job_id=job.pk, done_at__isnull=True).exists():
                BulkIssuance.objects.filter(pk=job.pk, status=BulkIssuance.Status.RUNNING).update(
                    status=BulkIssuance.Status.DONE, finished_at=timezone.now(),
                )


def certificates_rerender_for_course(*, course, chunk_size=DEFAULT_CHUNK_SIZE) -> int:
    """Re-draw every PDF of the course from its current template, in chunk tasks; codes stay."""
    from .tasks import certificates_render_task

    ids = list(Certificate.objects.filter(course_id=course.pk).order_by("pk").values_list("pk", flat=True))
    chunks = [ids[start:start + chunk_size] for start in range(0, len(ids), chunk_size)]
    transaction.on_commit(lambda: [certificates_render_task.delay(chunk) for chunk in chunks])
    return len(ids)


def certificates_render(*, certificate_ids):
    layout_cache = {}
    for certificate in Certificate.objects.filter(pk__in=certificate_ids):
        if "template" not in layout_cache:
            layout_cache["template"] = template_for_course(certificate.course_id)
            layout_cache["layout"] = certificate_template_layout(template=layout_cache["template"])
        certificate_render(certificate=certificate, template=layout_cache["template"], layout=layout_cache["layout"])


def certificates_erase_personal_data(*, user) -> int:
    """When lms erases a learner: blank the name and unit copied onto their certificates and delete
    the PDFs that print them. Code, course, dates and status stay, so counts and verification of
    the course and date still hold (the page then shows no name)."""
    certificates = list(Certificate.objects.filter(learner_id=user.pk))
    files = [c.pdf.name for c in certificates if c.pdf]
    Certificate.objects.filter(learner_id=user.pk).update(learner_name="", unit_name="", pdf="", rendered_at=None)
    if files:
        storage = Certificate._meta.get_field("pdf").storage

        def delete_files():
            for name in files:
                storage.delete(name)

        # Only once the erasure has committed: a rollback must not lose the files.
        transaction.on_commit(delete_files)
    return len(certificates)
