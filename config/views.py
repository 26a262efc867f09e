from django.http import JsonResponse
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
