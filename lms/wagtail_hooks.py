"""The Learners section of the Wagtail admin: units, learners, imports, course assignment."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.reports import wagtail_hooks_reports  # noqa: F401 - registers the Reports section

from . import admin_views
from .models import LearnerGroup, OrgUnit, UnitManager
from .selectors import can_manage_units
from .services import assignments_apply_to_learners, unit_manager_grant_access, unit_paths_rebuild

admin_urlpatterns = (
    [
        path("", admin_views.learner_index, name="learners"),
        path("<int:learner_id>/", admin_views.learner_detail, name="learner"),
        path("<int:learner_id>/erase/", admin_views.learner_erase_view, name="learner_erase"),
        path("import/", admin_views.learners_import_view, name="import"),
        path("units/", admin_views.unit_index, name="units"),
        path("units/import/", admin_views.units_import_view, name="units_import"),
        path("assign/", admin_views.assignment_create_view, name="assign"),
    ],
    "lms_admin",
)


@hooks.register("register_admin_urls")
def register_lms_admin_urls():
    return [path("learners/", include(admin_urlpatterns))]


class LearnersMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_units(request.user)


@hooks.register("register_admin_menu_item")
def register_lms_menu_item():
    return LearnersMenuItem(_("Learners and units"), reverse("lms_admin:learners"), icon_name="group", order=350)


class OrgUnitViewSet(SnippetViewSet):
    """Editing single units by admins; the tree's `path` is rebuilt after each save."""

    model = OrgUnit
    icon = "site"
    list_display = ["name", "code", "kind", "parent"]
    search_fields = ["name", "code"]
    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("kind"), FieldPanel("parent")]


class LearnerGroupViewSet(SnippetViewSet):
    model = LearnerGroup
    icon = "group"
    list_display = ["name", "created_at"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("learners")]


class UnitManagerViewSet(SnippetViewSet):
    model = UnitManager
    icon = "user"
    list_display = ["user", "unit"]
    panels = [FieldPanel("user"), FieldPanel("unit")]


register_snippet(OrgUnitViewSet)
register_snippet(LearnerGroupViewSet)
register_snippet(UnitManagerViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def after_snippet_saved(request, instance):
    if isinstance(instance, OrgUnit):
        unit_paths_rebuild()
    elif isinstance(instance, UnitManager):
        unit_manager_grant_access(user=instance.user)
    elif isinstance(instance, LearnerGroup):
        # New members get the group's open assignments (idempotent for the others).
        assignments_apply_to_learners(learners=list(instance.learners.all()))
