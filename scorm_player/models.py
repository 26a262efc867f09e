"""SCORM packages, their versions and launchable SCOs, and upload jobs.

A package's files live in the default storage under a content-addressed folder
(`scorm/<sha256 of the zip>/`): re-uploading the same zip reuses the files, and a
new version never overwrites files that learners of an older version are using.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .errors import PackageRejected
from .fields import StateField

SCORM_VERSIONS = [("1.2", "SCORM 1.2"), ("2004 2nd", "SCORM 2004 2nd"), ("2004 3rd", "SCORM 2004 3rd"), ("2004 4th", "SCORM 2004 4th")]


class Package(models.Model):
    """A course package as editors know it; its content changes through versions."""

    title = models.CharField(_("title"), max_length=255)
    current_version = models.ForeignKey(
        "PackageVersion", verbose_name=_("current version"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("SCORM package")
        verbose_name_plural = _("SCORM packages")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title


class PackageVersion(models.Model):
    """One uploaded zip of a package: validated manifest, stored files, launchable SCOs."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    zip_sha256 = models.CharField(max_length=64, db_index=True)
    storage_prefix = models.CharField(max_length=120)
    scorm_version = models.CharField(_("SCORM version"), max_length=10, choices=SCORM_VERSIONS)
    title = models.CharField(_("title"), max_length=255)
    manifest = models.JSONField(help_text="The import report: organizations, item tree, SCOs, warnings.")
    activity_tree = models.JSONField(default=dict, help_text="Sequencing data of the default organization.")
    warnings = models.JSONField(default=list)
    file_count = models.PositiveIntegerField(default=0)
    total_size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("package version")
        ordering = ["package", "-number"]
        constraints = [models.UniqueConstraint(fields=["package", "number"], name="unique_package_version_number")]

    def __str__(self):
        return f"{self.package.title} v{self.number}"


class Sco(models.Model):
    """A launchable item of a version's default organization, in tree order."""

    version = models.ForeignKey(PackageVersion, on_delete=models.CASCADE, related_name="scos")
    identifier = models.CharField(max_length=255)
    title = models.CharField(max_length=500)
    launch = models.CharField(max_length=2000, help_text="Path relative to the package root, with parameters.")
    order = models.PositiveIntegerField()
    # Per-item launch settings from the manifest: mastery score, launch data, time limits, ...
    settings = models.JSONField(default=dict)

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "identifier"], name="unique_sco_identifier")]

    def __str__(self):
        return self.title or self.identifier


class PackageImport(models.Model):
    """An upload being imported by a Celery worker, with progress the admin page polls."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Importing")
        SUCCEEDED = "succeeded", _("Imported")
        FAILED = "failed", _("Rejected")

    upload_name = models.CharField(max_length=300, help_text="The uploaded zip in the default storage until imported.")
    original_filename = models.CharField(max_length=255)
    package = models.ForeignKey(Package, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports")
    title = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    files_done = models.PositiveIntegerField(default=0)
    files_total = models.PositiveIntegerField(default=0)
    error_code = models.CharField(max_length=50, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    version = models.ForeignKey(PackageVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    INTERNAL_ERROR = "internal_error"

    @property
    def error_message(self):
        """The rejection reason in the active language."""
        if not self.error_code:
            return ""
        if self.error_code == self.INTERNAL_ERROR:
            return str(_("The package could not be imported because of a server error. Nothing was kept; please try again."))
        return PackageRejected(self.error_code, **self.error_params).message

    @property
    def percent(self):
        if self.status == self.Status.SUCCEEDED:
            return 100
        return int(100 * self.files_done / self.files_total) if self.files_total else 0


class Attempt(models.Model):
    """One learner's attempt at one SCO: the full CMI state, with the fields reports need as columns.

    A suspended attempt stays open and is resumed at the next launch; any other exit
    closes it, and the next launch starts a new attempt. Closed attempts are kept.
    """

    # No index of their own: unique_attempt_number leads with the learner, the index below
    # with the SCO. A redundant index costs disk and every write that is not HOT (launches).
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scorm_attempts", db_index=False,
    )
    sco = models.ForeignKey(Sco, on_delete=models.PROTECT, related_name="attempts", db_index=False)
    number = models.PositiveIntegerField(default=1)
    state = StateField(default=dict)
    # The highest commit sequence applied: older or repeated commits never roll state back.
    sequence = models.PositiveBigIntegerField(default=0)
    # Each launch numbers its page's commits from `launches << 32` (attempts.LAUNCH_BITS):
    # the commits of a newer page outrank those of a page left open, and a commit tells
    # which launch it comes from.
    launches = models.PositiveIntegerField(default=0)
    # The language the LMS put in the SCO's language preference: while the preference still
    # holds it, the learner has not chosen one in a SCO, and it follows the site's language.
    seeded_language = models.CharField(max_length=16, blank=True, default="")
    completion_status = models.CharField(max_length=20, default="not attempted")
    success_status = models.CharField(max_length=10, default="unknown")
    score_scaled = models.FloatField(null=True, blank=True)
    score_raw = models.FloatField(null=True, blank=True)
    total_seconds = models.FloatField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["learner", "sco", "number"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "sco", "number"], name="unique_attempt_number"),
            models.UniqueConstraint(
                fields=["learner", "sco"], condition=models.Q(closed_at__isnull=True), name="one_open_attempt_per_sco"
            ),
        ]
        indexes = [models.Index(fields=["sco", "completion_status"])]

    def __str__(self):
        return f"{self.learner} · {self.sco} #{self.number}"


class SequencingState(models.Model):
    """A learner's SCORM 2004 sequencing state for one package version: the activity tree's
    tracking data, the current and the suspended activity (see `sequencing_engine`)."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scorm_sequencing_states")
    version = models.ForeignKey(PackageVersion, on_delete=models.CASCADE, related_name="sequencing_states")
    state = StateField(default=dict)
    current_activity = models.CharField(max_length=255, blank=True)
    suspended_activity = models.CharField(max_length=255, blank=True)
    # The rolled-up root activity, as of the last navigation, for reports.
    completion_status = models.CharField(max_length=20, default="not attempted")
    success_status = models.CharField(max_length=10, default="unknown")
    score_scaled = models.FloatField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner", "version"], name="one_sequencing_state_per_version")]

    def __str__(self):
        return f"{self.learner} · {self.version}"


class GlobalObjective(models.Model):
    """A shared (global) objective of a learner, written and read through objective map info.

    `scope` is "" for objectives global to the system, else the package version they
    belong to (adlseq:objectivesGlobalToSystem="false")."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scorm_global_objectives")
    scope = models.CharField(max_length=40, blank=True)
    objective_id = models.CharField(max_length=1000)
    satisfied = models.BooleanField(null=True, blank=True)
    normalized_measure = models.FloatField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "scope", "objective_id"], name="unique_global_objective"),
            models.CheckConstraint(
                condition=models.Q(normalized_measure__isnull=True)
                | models.Q(normalized_measure__gte=-1, normalized_measure__lte=1),
                name="global_objective_measure_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.learner} · {self.objective_id}"
