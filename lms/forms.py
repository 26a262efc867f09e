from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage

from .models import Learner, LearnerGroup, OrgUnit

_MAX_UPLOAD = 20 * 1024 * 1024


class ImportFileField(forms.FileField):
    def clean(self, *args, **kwargs):
        file = super().clean(*args, **kwargs)
        if file and file.size > _MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if file and not file.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        return file


class LearnersImportForm(forms.Form):
    file = ImportFileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Columns: name, email and/or phone, unit code, position. The first row names the columns."),
    )
    kind = forms.ChoiceField(label=_("Learners are"), choices=Learner.Kind.choices, initial=Learner.Kind.CIVIL_SERVANT)


class UnitsImportForm(forms.Form):
    file = ImportFileField(label=_("File (CSV or XLSX)"), help_text=_("Columns: code, name, kind, parent code."))


class AssignmentForm(forms.Form):
    TARGETS = [("unit", _("A unit")), ("group", _("A group")), ("learner", _("One learner"))]

    course = forms.ModelChoiceField(label=_("Course"), queryset=CoursePage.objects.live().order_by("title"))
    target = forms.ChoiceField(label=_("Assign to"), choices=TARGETS, widget=forms.RadioSelect, initial="unit")
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.all(), required=False)
    include_subunits = forms.BooleanField(label=_("Include the units below it"), required=False, initial=True)
    group = forms.ModelChoiceField(label=_("Group"), queryset=LearnerGroup.objects.all(), required=False)
    learner_login = forms.CharField(label=_("Learner (username, email or phone)"), required=False)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline is in the past."))
        return deadline

    def clean(self):
        data = super().clean()
        target = data.get("target")
        if target == "unit" and not data.get("unit"):
            self.add_error("unit", _("Choose a unit."))
        elif target == "group" and not data.get("group"):
            self.add_error("group", _("Choose a group."))
        elif target == "learner":
            login = (data.get("learner_login") or "").strip()
            from lms.accounts.services import user_for_login

            learner = Learner.objects.filter(user__username=login).first()
            if learner is None:
                user = user_for_login(login)
                learner = Learner.objects.filter(user=user).first() if user else None
            if learner is None:
                self.add_error("learner_login", _("No learner with this username, email or phone."))
            data["learner"] = learner
        return data
