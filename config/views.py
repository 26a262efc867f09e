from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import services_health


@never_cache
@require_GET
def healthz(request):
    report, healthy = services_health()
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "services": report},
        status=200 if healthy else 503,
    )


@require_GET
def ping(request):
    """Liveness: the process answers. No database, no session (also the benchmarks' floor)."""
    return HttpResponse("ok", content_type="text/plain")
