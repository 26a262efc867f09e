"""Sign-up, sign-in and sign-out of residents (Django auth underneath)."""

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, login
from django.contrib.auth.views import LoginView, LogoutView
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from config import ratelimit

from .forms import SignInForm, SignUpForm
from .services import RegistrationRefused, learner_register

# Guessing passwords of phone numbers (easy to enumerate) or creating accounts in bulk
# costs a minute per few tries from one client.
SIGN_IN_LIMIT_PER_MINUTE = getattr(settings, "ACCOUNTS_SIGN_IN_LIMIT_PER_MINUTE", 10)
SIGN_UP_LIMIT_PER_MINUTE = getattr(settings, "ACCOUNTS_SIGN_UP_LIMIT_PER_MINUTE", 5)
TOO_MANY = _("Too many attempts from this connection. Please wait a minute and try again.")


def _safe_next(request):
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


@sensitive_post_parameters("password", "password_again")
@require_http_methods(["GET", "POST"])
def sign_up(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and not ratelimit.allow(request, scope="sign-up", limit=SIGN_UP_LIMIT_PER_MINUTE):
        form = SignUpForm(initial={"full_name": request.POST.get("full_name", ""), "login": request.POST.get("login", "")})
        return TemplateResponse(request, "lms/accounts/sign_up.html", {
            "form": form, "next": _safe_next(request), "too_many": TOO_MANY,
        }, status=429)
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

    def post(self, request, *args, **kwargs):
        if not ratelimit.allow(request, scope="sign-in", limit=SIGN_IN_LIMIT_PER_MINUTE):
            # An unbound form: the password is not even tried.
            form = self.get_form_class()(request, initial={"username": request.POST.get("username", "")})
            return self.render_to_response(self.get_context_data(form=form, too_many=TOO_MANY), status=429)
        return super().post(request, *args, **kwargs)


class SignOutView(LogoutView):
    pass
