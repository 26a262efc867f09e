"""Public verification and the learner's download. HTTP in and out; rules live in services/selectors."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config import ratelimit
from .selectors import certificate_by_code, certificate_may_download, normalise_code
from .services import certificate_pdf_ready

VERIFY_LIMIT_PER_MINUTE = getattr(settings, "CERTIFICATES_VERIFY_LIMIT_PER_MINUTE", 20)


def _too_many(request):
    response = TemplateResponse(request, "certificates/verify.html", {
        "error": _("Too many lookups from your connection. Wait a minute and try again."),
    }, status=429)
    response["Retry-After"] = "60"
    return response


@require_GET
def verify_form(request):
    """The form to type a code; a submitted code goes to its own address."""
    raw = request.GET.get("code", "")
    if raw:
        code = normalise_code(raw)
        if code:
            return redirect("certificates:verify", code=code)
    return TemplateResponse(request, "certificates/verify.html", {})


@require_GET
@never_cache
def verify(request, code):
    # Every lookup counts, found or not: enumerating codes costs a minute per few tries.
    if not ratelimit.allow(request, scope="verify", limit=VERIFY_LIMIT_PER_MINUTE):
        return _too_many(request)
    certificate = certificate_by_code(code=code)
    if certificate is None:
        return TemplateResponse(request, "certificates/verify.html", {
            "code": code, "error": _("No certificate has the code %(code)s. Check the code and try again.") % {"code": code[:20]},
        }, status=404)
    return TemplateResponse(request, "certificates/verify.html", {"certificate": certificate, "code": certificate.code})


@require_GET
def download(request, code):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificate = certificate_by_code(code=code)
    # The same 404 for "no such code" and "not yours": a code must not be probed for owners.
    if certificate is None or not certificate_may_download(user=request.user, certificate=certificate):
        raise Http404(_("No such certificate."))
    certificate_pdf_ready(certificate=certificate)
    return FileResponse(
        certificate.pdf.open("rb"), content_type="application/pdf", as_attachment=False,
        filename=f"chung-nhan-{certificate.display_code}.pdf",
    )
