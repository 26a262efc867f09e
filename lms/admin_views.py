"""Wagtail admin pages for units and learners: thin views over lms services and selectors.

Admins (superusers or holders of the lms permissions) see every unit; a unit manager
sees their units and those below them, and nothing else (404 for the rest).
"""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from .forms import AssignmentForm, LearnersImportForm, UnitsImportForm
from .selectors import can_manage_units, learner_progress, learners_visible_to, units_visible_to
from .services import (
    AssignmentRefused, ErasureRefused, ImportRejected, assignment_create, first_login_path, learner_erase,
    learners_import, units_import_csv,
)

_SHOWN_NEW_ACCOUNTS = 500


def _manager_or_admin(view):
    def wrapped(request, *args, **kwargs):
        if not can_manage_units(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


@_manager_or_admin
def unit_index(request):
    units = units_visible_to(request.user).annotate(
        learner_count=Count("learners", filter=Q(learners__erased_at__isnull=True))
    ).order_by("path")
    rows = list(units)
    top_depth = min((u.path.count("/") for u in rows), default=0)
    for unit in rows:
        unit.depth = unit.path.count("/") - top_depth
    return TemplateResponse(request, "lms/admin/unit_index.html", {"units": rows})


@_manager_or_admin
def learner_index(request):
    learners = learners_visible_to(request.user).filter(erased_at__isnull=True).order_by("full_name", "pk")
    unit = None
    if unit_id := request.GET.get("unit"):
        unit = units_visible_to(request.user).filter(pk=unit_id if unit_id.isdigit() else 0).first()
        if unit is None:
            raise Http404
        learners = learners.filter(unit__path__startswith=unit.path)
    query = request.GET.get("q", "").strip()
    if query:
        learners = learners.filter(
            Q(full_name__icontains=query) | Q(phone__contains=query) | Q(user__email__icontains=query) | Q(user__username__icontains=query)
        )
    page = Paginator(learners, 50).get_page(request.GET.get("page"))
    return TemplateResponse(request, "lms/admin/learner_index.html", {"page": page, "unit": unit, "query": query})


@_manager_or_admin
def learner_detail(request, learner_id):
    learner = learners_visible_to(request.user).filter(pk=learner_id).first()
    progress = learner_progress(viewer=request.user, learner=learner) if learner else None
    if progress is None:
        raise Http404
    set_password_link = None
    if learner.must_set_password and request.user.has_perm("lms.import_learners"):
        set_password_link = request.build_absolute_uri(first_login_path(user=learner.user))
    return TemplateResponse(request, "lms/admin/learner_detail.html", {
        **progress, "set_password_link": set_password_link,
        "can_erase": request.user.has_perm("lms.erase_learner") and learner.erased_at is None,
    })


@permission_required("lms.erase_learner", raise_exception=True)
@require_http_methods(["GET", "POST"])
def learner_erase_view(request, learner_id):
    learner = learners_visible_to(request.user).filter(pk=learner_id, erased_at__isnull=True).first()
    if learner is None:
        raise Http404
    if request.method == "POST":
        try:
            learner_erase(learner=learner, erased_by=request.user)
        except ErasureRefused as error:
            messages.error(request, str(error))
            return redirect("lms_admin:learner", learner.pk)
        messages.success(request, _("The learner's personal data was erased; their counts remain in reports."))
        return redirect("lms_admin:learners")
    return TemplateResponse(request, "lms/admin/learner_erase.html", {"learner": learner})


@permission_required("lms.import_learners", raise_exception=True)
@require_http_methods(["GET", "POST"])
def learners_import_view(request):
    form = LearnersImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = learners_import(raw=upload.read(), filename=upload.name, kind=form.cleaned_data["kind"])
        except ImportRejected as error:
            form.add_error("file", str(error))
    new_accounts = []
    if report:
        new_accounts = [
            (number, user, request.build_absolute_uri(first_login_path(user=user)))
            for number, user in report.new_users[:_SHOWN_NEW_ACCOUNTS]
        ]
    return TemplateResponse(request, "lms/admin/learners_import.html", {
        "form": form, "report": report, "new_accounts": new_accounts,
        "more_new_accounts": max(0, len(report.new_users) - _SHOWN_NEW_ACCOUNTS) if report else 0,
    })


@permission_required("lms.add_orgunit", raise_exception=True)
@require_http_methods(["GET", "POST"])
def units_import_view(request):
    form = UnitsImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = units_import_csv(raw=upload.read(), filename=upload.name)
        except ImportRejected as error:
            form.add_error("file", str(error))
    return TemplateResponse(request, "lms/admin/units_import.html", {"form": form, "report": report})


@permission_required("lms.assign_courses", raise_exception=True)
@require_http_methods(["GET", "POST"])
def assignment_create_view(request):
    form = AssignmentForm(request.POST or None, initial={"unit": request.GET.get("unit")})
    if request.method == "POST" and form.is_valid():
        data, target = form.cleaned_data, form.cleaned_data["target"]
        try:
            assignment, covered = assignment_create(
                course=data["course"], assigned_by=request.user, deadline=data["deadline"],
                unit=data["unit"] if target == "unit" else None,
                include_subunits=data["include_subunits"],
                group=data["group"] if target == "group" else None,
                learner=data.get("learner") if target == "learner" else None,
            )
        except AssignmentRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The course was assigned to %(count)s learners.") % {"count": covered})
            return redirect(reverse("lms_admin:assign"))
    return TemplateResponse(request, "lms/admin/assign.html", {"form": form})
