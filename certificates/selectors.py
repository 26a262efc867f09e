"""Reads: a learner's certificates, a certificate by the code someone typed, counts for reports."""

from django.db.models import Count

from .models import CODE_LENGTH, Certificate, IssuanceFailure


def normalise_code(raw):
    """What a person typed → the stored form: case, spaces and dashes do not matter."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[: CODE_LENGTH + 1]


def certificate_by_code(*, code):
    code = normalise_code(code)
    if len(code) != CODE_LENGTH:
        return None
    return Certificate.objects.filter(code=code).first()


def certificates_for_learner(*, learner):
    return list(Certificate.objects.filter(learner_id=learner.pk).order_by("-issued_at"))


def certificate_may_download(*, user, certificate):
    """The owner (while valid) or someone with rights over certificates."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm("certificates.change_certificate"):
        return True
    return certificate.learner_id == user.pk and certificate.is_valid


def certified_counts(*, course_ids, learners):
    """{(course_id, unit_id): number of valid certificates} for lms reports (registered in ready())."""
    rows = (
        Certificate.objects.filter(
            course_id__in=course_ids, status=Certificate.Status.ISSUED,
            learner_id__in=learners.values("user_id"),
        )
        .values("course_id", "learner__learner__unit_id")
        .annotate(n=Count("pk"))
    )
    return {(row["course_id"], row["learner__learner__unit_id"]): row["n"] for row in rows}


def certified_learners(*, course_id, user_ids):
    return set(
        Certificate.objects.filter(course_id=course_id, learner_id__in=user_ids, status=Certificate.Status.ISSUED)
        .values_list("learner_id", flat=True)
    )


def issuance_failures():
    return IssuanceFailure.objects.select_related("learner", "course")


def certificates_export(user):
    """The learner's certificates for their own data download (lms's export registry)."""
    return [
        {
            "course": c.course_title, "code": c.display_code, "learner_name": c.learner_name, "unit": c.unit_name,
            "issued_at": c.issued_at.isoformat(), "status": c.status,
            "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
        }
        for c in Certificate.objects.filter(learner_id=user.pk).order_by("issued_at")
    ]
