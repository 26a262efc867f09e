"""Completion certificates: the templates editors manage, the certificates issued from them,
bulk issuance jobs and the failures admins must see.

A certificate row is the certificate: unique per learner and course, with a stable
verification code. Its PDF is a rendering that may be made lazily and re-made from a new
template; revocation changes the status and keeps the row and the code.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from .rendering import PLACEHOLDERS, placeholders_in

# No 0/O, 1/I/L: a code read off paper must be typed back without doubt.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def format_code(code):
    """"7KQ4M9XT2W" → "7KQ4-M9XT-2W", the grouped form printed and shown."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


class CertificateTemplate(models.Model):
    """How a course's certificates look: text with placeholders, signatory, colours, positions
    and an optional background image. A template without a course is the site's default."""

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("Landscape A4")
        PORTRAIT = "portrait", _("Portrait A4")

    name = models.CharField(_("name"), max_length=255)
    course = models.OneToOneField(
        "courses.CoursePage", null=True, blank=True, on_delete=models.CASCADE, related_name="certificate_template",
        verbose_name=_("course"), help_text=_("Leave empty to make this the default for courses without their own."),
    )
    orientation = models.CharField(_("orientation"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE)
    background = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("background image"), help_text=_("Fills the whole page; leave empty for a plain border."),
    )
    title = models.CharField(_("title"), max_length=120, default="GIẤY CHỨNG NHẬN")
    intro = models.CharField(_("line above the name"), max_length=255, default="Chứng nhận Ông/Bà")
    body = models.TextField(
        _("text"), default="Đã hoàn thành khoá học\n{course}\n{unit}",
        help_text=_("Placeholders: {learner_name}, {course}, {date}, {unit}, {code}."),
    )
    signatory_name = models.CharField(_("signatory name"), max_length=255, blank=True)
    signatory_title = models.CharField(_("signatory title"), max_length=255, blank=True)
    text_color = models.CharField(_("text colour"), max_length=7, default="#1a2a44")
    accent_color = models.CharField(_("title colour"), max_length=7, default="#b3261e")
    title_y_mm = models.FloatField(_("title height (mm)"), default=160)
    name_y_mm = models.FloatField(_("name height (mm)"), default=118)
    name_font_size = models.FloatField(_("name font size (pt)"), default=30)
    body_y_mm = models.FloatField(_("text height (mm)"), default=100)
    qr_x_mm = models.FloatField(_("QR code left (mm)"), default=20)
    qr_y_mm = models.FloatField(_("QR code bottom (mm)"), default=18)
    qr_size_mm = models.FloatField(_("QR code size (mm)"), default=32)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("course"),
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("intro"), FieldPanel("body"),
             FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_title")])],
            heading=_("Text"),
        ),
        MultiFieldPanel(
            [FieldPanel("orientation"), FieldPanel("background"),
             FieldRowPanel([FieldPanel("text_color"), FieldPanel("accent_color")]),
             FieldRowPanel([FieldPanel("title_y_mm"), FieldPanel("name_y_mm"), FieldPanel("name_font_size"), FieldPanel("body_y_mm")]),
             FieldRowPanel([FieldPanel("qr_x_mm"), FieldPanel("qr_y_mm"), FieldPanel("qr_size_mm")])],
            heading=_("Layout"),
        ),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        for field_name in ("title", "intro", "body", "signatory_name", "signatory_title"):
            unknown = placeholders_in(getattr(self, field_name)) - set(PLACEHOLDERS)
            if unknown:
                errors[field_name] = _("Unknown placeholder: %(names)s. Use %(allowed)s.") % {
                    "names": ", ".join("{%s}" % name for name in sorted(unknown)),
                    "allowed": ", ".join("{%s}" % name for name in PLACEHOLDERS),
                }
        for field_name in ("text_color", "accent_color"):
            value = getattr(self, field_name)
            if not (len(value) == 7 and value.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in value[1:])):
                errors[field_name] = _("Write the colour as #RRGGBB, e.g. #1a2a44.")
        if errors:
            raise ValidationError(errors)


class Certificate(models.Model):
    """One learner's certificate for one course. Name, course and unit are copied at issue
    time so the certificate says what was true when it was earned."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Valid")
        REVOKED = "revoked", _("Revoked")

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="certificates")
    code = models.CharField(_("verification code"), max_length=CODE_LENGTH, unique=True)
    learner_name = models.CharField(_("learner name"), max_length=255)
    course_title = models.CharField(_("course"), max_length=255)
    unit_name = models.CharField(_("unit"), max_length=255, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ISSUED)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    revoke_reason = models.TextField(_("reason for revocation"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="certificates/", max_length=255, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    template = models.ForeignKey(CertificateTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="unique_certificate_per_learner_course"),
            models.CheckConstraint(
                condition=Q(status="issued", revoked_at__isnull=True)
                | (Q(status="revoked", revoked_at__isnull=False) & ~Q(revoke_reason="")),
                name="certificate_revocation_has_date_and_reason",
            ),
            models.CheckConstraint(condition=Q(code__regex=r"^[2-9A-HJKMNP-Z]{10}$"), name="certificate_code_alphabet"),
        ]
        indexes = [models.Index(fields=["course", "status"])]

    def __str__(self):
        return f"{self.display_code} – {self.learner_name}"

    @property
    def display_code(self):
        return format_code(self.code)

    @property
    def is_valid(self):
        return self.status == self.Status.ISSUED


class IssuanceFailure(models.Model):
    """The last failure to issue, render or email a learner's certificate, kept until it succeeds,
    so admins see what did not happen instead of a line in a worker log."""

    class Stage(models.TextChoices):
        ISSUE = "issue", _("Issue")
        RENDER = "render", _("Render")
        EMAIL = "email", _("Email")

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    error = models.TextField(_("error"))
    failures = models.PositiveIntegerField(_("failures"), default=1)
    last_failed_at = models.DateTimeField(_("last failed at"), auto_now=True)

    class Meta:
        verbose_name = _("issuance failure")
        ordering = ["-last_failed_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "course", "stage"], name="unique_issuance_failure"),
        ]


class BulkIssuance(models.Model):
    """Issuing a whole course's eligible learners, in chunks run by Celery; done/total is the progress bar."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    render = models.BooleanField(_("render PDFs now"), default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bulk issuance")
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="bulk_issuance_done_le_total")]

    @property
    def percent(self):
        return 100 if not self.total else int(self.done * 100 / self.total)


class BulkIssuanceChunk(models.Model):
    """A slice of a bulk job's learners; `done_at` set once, so a redelivered chunk counts once."""

    job = models.ForeignKey(BulkIssuance, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    learner_ids = models.JSONField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "index"], name="unique_bulk_chunk")]
