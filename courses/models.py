"""The learning catalog as Wagtail pages: home → themes → modules, and courses that
order modules. A module page wraps one SCORM package; learners' progress lives in the
player's attempts and is read through selectors."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


class HomePage(Page):
    """The site's landing page and learning catalog: every theme with its modules, and the courses."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.ThemePage", "courses.CoursePage"]

    class Meta:
        verbose_name = _("learning home")


class ThemePage(Page):
    """One of the campaign's four themes (for example "AI at work and in daily life"), grouping its modules."""

    summary = models.TextField(_("summary"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("image"),
    )

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("image")]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("theme")


class ModulePage(Page):
    """A short SCORM module (5–7 minutes) that a learner starts, resumes and reviews.

    The live version is the one learners play; empty means the package's current version,
    so uploading a new version publishes it unless an editor pins an older one.
    """

    package = models.ForeignKey(
        "scorm_player.Package", null=True, blank=True, on_delete=models.PROTECT, related_name="module_pages",
        verbose_name=_("SCORM package"),
    )
    live_version = models.ForeignKey(
        "scorm_player.PackageVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("pinned version"), help_text=_("Leave empty to use the package's newest version."),
    )
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("description"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=6)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("image"),
    )
    open_to_all = models.BooleanField(
        _("open to everyone"), default=True,
        help_text=_("Any signed-in learner may study it; otherwise only learners enrolled in a course that includes it."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("package"), FieldPanel("live_version")], heading=_("SCORM package")),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("duration_minutes"),
        FieldPanel("image"),
        FieldPanel("open_to_all"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["courses.ThemePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module")

    @property
    def version(self):
        """The package version learners play, or None when no package is attached yet."""
        if self.live_version_id:
            return self.live_version
        return self.package.current_version if self.package_id else None


class CoursePage(Page):
    """An ordered set of modules with a completion rule, open to everyone or assigned to learners."""

    class CompletionRule(models.TextChoices):
        ALL_COMPLETED = "completed", _("All modules completed")
        ALL_PASSED = "passed", _("All modules passed")

    class Enrolment(models.TextChoices):
        OPEN = "open", _("Open: anyone may enrol")
        ASSIGNED = "assigned", _("Assigned: only learners an administrator assigns")

    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("image"),
    )
    completion_rule = models.CharField(
        _("completion rule"), max_length=10, choices=CompletionRule.choices, default=CompletionRule.ALL_COMPLETED,
    )
    awards_certificate = models.BooleanField(_("awards a certificate"), default=True)
    enrolment = models.CharField(_("enrolment"), max_length=10, choices=Enrolment.choices, default=Enrolment.OPEN)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("image"),
        InlinePanel("course_modules", label=_("Modules"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("completion_rule"), FieldPanel("awards_certificate"), FieldPanel("enrolment")],
            heading=_("Rules"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["courses.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("course")

    @property
    def is_open(self):
        return self.enrolment == self.Enrolment.OPEN

    def modules(self):
        """The course's module pages in order."""
        return [link.module for link in self.course_modules.select_related("module").order_by("sort_order")]


class CourseModule(Orderable):
    """A module's place in a course."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="course_modules")
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("module"))

    panels = [FieldPanel("module")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["course", "module"], name="unique_module_per_course")]


class Enrolment(models.Model):
    """A learner's place in a course: chosen by the learner (open courses) or assigned with a deadline.

    Assignment to units and groups (lms) creates these rows; the player's access rule and
    the learner pages read them.
    """

    class Source(models.TextChoices):
        SELF = "self", _("Enrolled themselves")
        ASSIGNED = "assigned", _("Assigned")

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrolments")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SELF)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        constraints = [models.UniqueConstraint(fields=["learner", "course"], name="unique_enrolment")]
        indexes = [models.Index(fields=["course", "source"])]

    def __str__(self):
        return f"{self.learner} → {self.course}"
