from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

LOGIN_LABEL = _("Phone number or email")


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=LOGIN_LABEL, max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True, "inputmode": "email", "autocapitalize": "none"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The phone number or email and password do not match. Please try again."),
    }


class SignUpForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=255, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    login = forms.CharField(
        label=LOGIN_LABEL, max_length=254,
        help_text=_("For example 0912 345 678 or name@example.com"),
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, help_text=_("At least 8 characters, not only digits."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password_again") and cleaned["password"] != cleaned["password_again"]:
            self.add_error("password_again", _("The two passwords are different."))
        return cleaned
