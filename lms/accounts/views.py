"""Sign-up, sign-in and sign-out of residents (Django auth underneath)."""

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, login
from django.contrib.auth.views import LoginView, LogoutView
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .forms import SignInForm, SignUpForm
from .services import RegistrationRefused, learner_register


def _safe_next(request):
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


@sensitive_post_parameters("password", "password_again")
@require_http_methods(["GET", "POST"])
def sign_up(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = learner_register(
                full_name=form.cleaned_data["full_name"], login=form.cleaned_data["login"],
                password=form.cleaned_data["password"],
            )
        except RegistrationRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            login(request, user, backend="lms.accounts.backends.PhoneOrEmailBackend")
            return redirect(_safe_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL))
    return TemplateResponse(request, "lms/accounts/sign_up.html", {"form": form, "next": _safe_next(request)})


class SignInView(LoginView):
    template_name = "lms/accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(LogoutView):
    pass
