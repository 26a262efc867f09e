"""Learner pages that are not Wagtail pages: My learning, enrolling in an open course, search.

Sections of "My learning" that belong to higher layers (certificates) come from the Wagtail
hook "my_learning_sections": each registered function `fn(request)` returns
`{"title": ..., "template": ..., "context": {...}}`, rendered HTML, or None (nothing to show).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail import hooks

from scorm_player.models import Attempt

from .models import CourseModule, CoursePage, Enrolment, ModulePage, ThemePage
from .selectors import CourseState, catalog_search, module_states
from .services import EnrolmentRefused, enrolment_create

MY_LEARNING_SECTIONS_HOOK = "my_learning_sections"
SEARCH_QUERY_MAX_LENGTH = 100


def module_pages_with_versions():
    """Live module pages with what `ModulePage.version` and the state selectors read, preloaded."""
    return (
        ModulePage.objects.live()
        .select_related("package__current_version", "live_version", "image")
        .prefetch_related("package__current_version__scos", "live_version__scos")
    )


def catalog_for(*, user, home):
    """Themes with their modules (and the learner's state in each), then the courses."""
    themes = list(ThemePage.objects.child_of(home).live().select_related("image"))
    modules = list(module_pages_with_versions().descendant_of(home))
    states = module_states(learner=user, modules=modules)
    by_theme = {}
    for module in modules:
        by_theme.setdefault(module.path[: -ModulePage.steplen], []).append((module, states[module.pk]))
    courses = list(CoursePage.objects.child_of(home).live().select_related("image"))
    enrolled = set()
    if user.is_authenticated:
        enrolled = set(Enrolment.objects.filter(learner=user, course__in=courses).values_list("course_id", flat=True))
    return {
        "themes": [(theme, by_theme.get(theme.path, [])) for theme in themes],
        "courses": [(course, course.pk in enrolled) for course in courses],
    }


def course_states_for(*, user, courses):
    """{course id: CourseState} over the courses' live modules, every module state read in one selector call."""
    links = list(
        CourseModule.objects.filter(course__in=courses, module__live=True)
        .select_related("module__package__current_version", "module__live_version")
        .prefetch_related("module__package__current_version__scos", "module__live_version__scos")
        .order_by("course_id", "sort_order")
    )
    states = module_states(learner=user, modules=[link.module for link in links])
    by_course = {course.pk: CourseState(course=course) for course in courses}
    for link in links:
        by_course[link.course_id].modules.append((link.module, states[link.module_id]))
    return by_course


def _hook_sections(request):
    sections = []
    for section_for in hooks.get_hooks(MY_LEARNING_SECTIONS_HOOK):
        section = section_for(request)
        if not section:
            continue
        if isinstance(section, dict):
            html = render_to_string(section["template"], section.get("context", {}), request=request)
            sections.append({"title": section.get("title"), "html": html})
        else:
            # Rendered by the registering app's own template code.
            sections.append({"title": None, "html": mark_safe(section)})  # noqa: S308
    return sections


@login_required
@require_GET
def my_learning(request):
    user = request.user
    enrolments = list(Enrolment.objects.filter(learner=user, course__live=True).select_related("course"))
    states = course_states_for(user=user, courses=[e.course for e in enrolments])
    today = timezone.localdate()
    assigned, in_progress, completed = [], [], []
    for enrolment in enrolments:
        state = states[enrolment.course_id]
        entry = {"enrolment": enrolment, "course": enrolment.course, "state": state,
                 "overdue": bool(enrolment.deadline and enrolment.deadline < today and not state.completed)}
        if state.completed:
            completed.append(entry)
        elif enrolment.source == Enrolment.Source.ASSIGNED:
            assigned.append(entry)
        else:
            in_progress.append(entry)
    assigned.sort(key=lambda e: (e["enrolment"].deadline is None, e["enrolment"].deadline or today))

    started_packages = Attempt.objects.filter(learner=user).values("sco__version__package_id")
    modules = list(module_pages_with_versions().filter(package_id__in=started_packages))
    module_state_by_id = module_states(learner=user, modules=modules)
    modules_in_progress = [(m, module_state_by_id[m.pk]) for m in modules if not module_state_by_id[m.pk].completed]
    modules_completed = [(m, module_state_by_id[m.pk]) for m in modules if module_state_by_id[m.pk].completed]

    return TemplateResponse(request, "courses/my_learning.html", {
        "assigned": assigned,
        "in_progress": in_progress,
        "completed": completed,
        "modules_in_progress": modules_in_progress,
        "modules_completed": modules_completed,
        "sections": _hook_sections(request),
    })


@login_required
@require_POST
def enrol(request, course_id):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        enrolment_create(learner=request.user, course=course)
    except EnrolmentRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("You are enrolled in “%(course)s”.") % {"course": course.title})
    return redirect(course.url)


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results = catalog_search(query=query) if query else []
    return TemplateResponse(request, "courses/search.html", {"query": query, "results": results})
