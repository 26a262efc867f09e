"""Learners, organisational units and the progress the reports and certificates read.

Progress rows are derived from the player's attempts (see services) and kept as columns
so that reports over hundreds of thousands of learners are a few grouped queries.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgUnit(models.Model):
    """A unit of the city's organisation: the city, a department, a commune/ward/special zone, another body.

    `path` holds the ids from the root ("/1/7/42/") so that "this unit and every unit below"
    is one indexed prefix query.
    """

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        DEPARTMENT = "department", _("Department")
        COMMUNE = "commune", _("Commune, ward or special zone")
        OTHER = "other", _("Other body")

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("organisational unit")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def clean(self):
        # The tree must stay a tree: a unit cannot sit below itself.
        parent, seen = self.parent, {self.pk}
        while parent is not None:
            if parent.pk in seen:
                raise ValidationError({"parent": _("A unit cannot be placed below itself.")})
            seen.add(parent.pk)
            parent = parent.parent


class Learner(models.Model):
    """The learning profile of a Django user."""

    class Kind(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        BUSINESS = "business", _("Business")
        CIVIL_SERVANT = "civil_servant", _("Civil servant")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.RESIDENT)
    full_name = models.CharField(_("full name"), max_length=255)
    phone = models.CharField(_("phone number"), max_length=20, null=True, blank=True, unique=True)
    unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="learners")
    position = models.CharField(_("position"), max_length=255, blank=True)
    must_set_password = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when an admin erased the learner: personal fields are blanked, the rows stay so
    # that aggregate counts (assigned, started, completed) do not change.
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("learner")
        indexes = [models.Index(fields=["unit", "kind"])]
        permissions = [
            ("import_learners", _("Can import learners from a file")),
            ("assign_courses", _("Can assign courses to units, groups and learners")),
            ("erase_learner", _("Can erase a learner's personal data")),
        ]

    def __str__(self):
        return self.full_name


class UnitManager(models.Model):
    """A manager sees the reports of this unit and every unit below it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="managed_units")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="managers")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="unique_unit_manager")]


class LearnerGroup(models.Model):
    """A named set of learners across units (for example an AI class) that courses can be assigned to."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    learners = models.ManyToManyField(Learner, blank=True, related_name="groups", verbose_name=_("learners"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("learner group")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Assignment(models.Model):
    """An admin's decision that a unit (and, optionally, the units below it), a group or one
    learner must take a course by a deadline. Applying it creates or updates the learners'
    `courses.Enrolment` rows; learners who join the unit or group later get it too while its
    deadline has not passed (see lms.services.assignments)."""

    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("course"))
    unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="assignments")
    include_subunits = models.BooleanField(_("include the units below"), default=True)
    group = models.ForeignKey(LearnerGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="assignments")
    learner = models.ForeignKey(Learner, null=True, blank=True, on_delete=models.CASCADE, related_name="assignments")
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("course assignment")
        ordering = ["created_at", "pk"]
        constraints = [
            # Exactly one target: a unit, a group or a learner.
            models.CheckConstraint(
                condition=(
                    models.Q(unit__isnull=False, group__isnull=True, learner__isnull=True)
                    | models.Q(unit__isnull=True, group__isnull=False, learner__isnull=True)
                    | models.Q(unit__isnull=True, group__isnull=True, learner__isnull=False)
                ),
                name="assignment_has_one_target",
            ),
        ]


class ModuleProgress(models.Model):
    """A learner's status in one module, derived from their attempts at its SCOs."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_progress")
    module = models.ForeignKey("courses.ModulePage", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    score_scaled = models.FloatField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner", "module"], name="unique_module_progress")]
        indexes = [models.Index(fields=["module", "status"])]


class CourseProgress(models.Model):
    """A learner's progress in a course. `completed_at` is the completion event: set once,
    never moved, and what certificate issuance listens to (signal `course_completed`)."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_progress")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    modules_done = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner", "course"], name="unique_course_progress")]
        indexes = [models.Index(fields=["course", "completed_at"])]


class ReportExport(models.Model):
    """A long report export (CSV or XLSX) written by a Celery task in chunks.

    The file lives in the default storage and is served only to the user who asked for it
    (or to a superuser). Also carries the report permissions (`lms.view_reports`: the
    reports section; `lms.view_all_units_reports`: every unit, not only managed ones).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Ready")
        FAILED = "failed", _("Export failed")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_exports")
    kind = models.CharField(max_length=30)
    file_format = models.CharField(max_length=4, choices=Format.choices, default=Format.CSV)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="report-exports/", blank=True, max_length=255)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report export")
        ordering = ["-created_at"]
        permissions = [
            ("view_reports", _("Can view progress reports")),
            ("view_all_units_reports", _("Can view the reports of every unit")),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(rows_done__lte=models.F("rows_total")), name="report_export_progress_within_total"),
        ]

    @property
    def percent(self):
        if self.status == self.Status.SUCCEEDED:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
