"""Wagtail admin pages for certificates: list with status, revoke, re-render, failures, bulk issuance."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin import messages

from courses.models import CoursePage

from .models import BulkIssuance, Certificate
from .selectors import issuance_failures, normalise_code
from .services import (
    CertificateError, bulk_issuance_resume, certificate_reinstate, certificate_render, certificate_revoke,
    certificates_issue_for_course, certificates_rerender_for_course, eligible_learner_ids,
)

can_manage_certificates = permission_required("certificates.change_certificate", raise_exception=True)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class BulkIssueForm(forms.Form):
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"), queryset=CoursePage.objects.filter(awards_certificate=True).order_by("title"),
    )
    render = forms.BooleanField(
        label=gettext_lazy("Render the PDFs now"), required=False, initial=True,
        help_text=gettext_lazy("Untick for very large cohorts: each PDF is then drawn on its first download."),
    )


@can_manage_certificates
def certificate_index(request):
    certificates = Certificate.objects.select_related("course").order_by("-issued_at")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        certificates = certificates.filter(Q(learner_name__icontains=query) | Q(code=normalise_code(query)))
    if request.GET.get("course", "").isdigit():
        certificates = certificates.filter(course_id=int(request.GET["course"]))
    if request.GET.get("status") in Certificate.Status.values:
        certificates = certificates.filter(status=request.GET["status"])
    page = Paginator(certificates, 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "certificates/admin/index.html", {
        "page": page, "query": query, "statuses": Certificate.Status.choices,
        "courses": CoursePage.objects.filter(awards_certificate=True).order_by("title"),
        "failure_count": issuance_failures().count(),
        "jobs": BulkIssuance.objects.select_related("course")[:5],
    })


@can_manage_certificates
@require_http_methods(["GET", "POST"])
def certificate_revoke_view(request, certificate_id):
    certificate = get_object_or_404(Certificate, pk=certificate_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(certificate=certificate, by=request.user, reason=form.cleaned_data["reason"])
        except CertificateError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Certificate %(code)s revoked.") % {"code": certificate.display_code})
            return redirect("certificates_admin:index")
    return TemplateResponse(request, "certificates/admin/revoke.html", {"certificate": certificate, "form": form})


@can_manage_certificates
@require_POST
def certificate_reinstate_view(request, certificate_id):
    certificate = get_object_or_404(Certificate, pk=certificate_id)
    certificate_reinstate(certificate=certificate)
    messages.success(request, _("Certificate %(code)s is valid again.") % {"code": certificate.display_code})
    return redirect("certificates_admin:index")


@can_manage_certificates
@require_POST
def certificate_rerender_view(request, certificate_id):
    certificate = get_object_or_404(Certificate, pk=certificate_id)
    certificate_render(certificate=certificate)
    messages.success(request, _("Certificate %(code)s re-drawn; the code is unchanged.") % {"code": certificate.display_code})
    return redirect("certificates_admin:index")


@can_manage_certificates
@require_POST
def course_rerender_view(request, course_id):
    course = get_object_or_404(CoursePage, pk=course_id)
    count = certificates_rerender_for_course(course=course)
    messages.success(request, _("%(count)s certificates of “%(course)s” are being re-drawn; codes are unchanged.") % {
        "count": count, "course": course.title,
    })
    return redirect("certificates_admin:index")


@can_manage_certificates
def failure_index(request):
    page = Paginator(issuance_failures(), 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "certificates/admin/failures.html", {"page": page})


@can_manage_certificates
@require_http_methods(["GET", "POST"])
def bulk_issue(request):
    form = BulkIssueForm(request.POST or None, initial={"course": request.GET.get("course")})
    eligible = None
    if request.method == "POST" and form.is_valid():
        try:
            job = certificates_issue_for_course(
                course=form.cleaned_data["course"], requested_by=request.user, render=form.cleaned_data["render"],
            )
        except CertificateError as error:
            messages.error(request, str(error))
        else:
            return redirect("certificates_admin:bulk_status", job_id=job.pk)
    elif form.initial.get("course") and str(form.initial["course"]).isdigit():
        eligible = len(eligible_learner_ids(course_id=int(form.initial["course"])))
    return TemplateResponse(request, "certificates/admin/bulk_issue.html", {"form": form, "eligible": eligible})


@can_manage_certificates
def bulk_status(request, job_id):
    job = get_object_or_404(BulkIssuance.objects.select_related("course"), pk=job_id)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({
            "status": job.status, "done": job.done, "total": job.total, "failed": job.failed,
            "percent": job.percent, "error": job.last_error,
        })
    return TemplateResponse(request, "certificates/admin/bulk_status.html", {"job": job})


@can_manage_certificates
@require_POST
def bulk_resume(request, job_id):
    job = get_object_or_404(BulkIssuance, pk=job_id, status=BulkIssuance.Status.RUNNING)
    count = bulk_issuance_resume(job=job)
    messages.success(request, _("%(count)s unfinished chunks sent to the workers again.") % {"count": count})
    return redirect("certificates_admin:bulk_status", job_id=job.pk)
