"""Learner-facing lms views: download my data; set the password of an imported account."""

import json

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Learner
from .services import learner_data_export


@never_cache
@require_GET
@login_required
def my_data(request):
    """The signed-in user's own data as a JSON download; there is no way to ask for someone else's."""
    data = learner_data_export(user=request.user)
    body = json.dumps({"exported_at": timezone.now().isoformat(), **data}, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate():%Y%m%d}.json"'
    return response


class FirstLoginPasswordView(auth_views.PasswordResetConfirmView):
    """An imported civil servant opens their one-time link and chooses a password; the link
    (Django's password-reset token) stops working once the password is set. Then they are
    signed in."""

    template_name = "lms/set_password.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = "/"

    def form_valid(self, form):
        response = super().form_valid(form)
        Learner.objects.filter(user=form.user).update(must_set_password=False)
        return response
