from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import DATE_BASIS_COMPLETION, DATE_BASIS_ENROLMENT, ReportFilters


class ReportFilterForm(forms.Form):
    """The filters of every report page. Units and courses come in as lists the view already
    read (so the form costs no query), units limited to what the viewer may see."""

    course = forms.TypedChoiceField(label=_("Course"), coerce=int, required=False, empty_value=None)
    unit = forms.TypedChoiceField(label=_("Unit (and the units below it)"), coerce=int, required=False, empty_value=None)
    date_basis = forms.ChoiceField(
        label=_("Dates refer to"), required=False,
        choices=[(DATE_BASIS_COMPLETION, _("Completion date")), (DATE_BASIS_ENROLMENT, _("Enrolment date"))],
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, *, courses, units, all_units_label, **kwargs):
        super().__init__(data, **kwargs)
        self.courses_by_id = {course.pk: course for course in courses}
        self.units_by_id = {unit.pk: unit for unit in units}
        self.fields["course"].choices = [("", _("Choose a course"))] + [(c.pk, c.title) for c in courses]
        depth_of_top = min((unit.path.count("/") for unit in units), default=0)
        self.fields["unit"].choices = [("", all_units_label)] + [
            # Indent by depth so the select reads as the tree.
            (unit.pk, "\u00a0\u00a0" * (unit.path.count("/") - depth_of_top) + unit.name) for unit in units
        ]

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def filters(self, *, default_course=None) -> ReportFilters:
        """The valid filters; an invalid field falls back to its default (the errors are shown)."""
        cleaned = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        course_id = cleaned.get("course") if not self.has_error("course") else None
        unit_id = cleaned.get("unit") if not self.has_error("unit") else None
        dates_ok = not (self.has_error("date_from") or self.has_error("date_to"))
        return ReportFilters(
            course_id=course_id or default_course,
            unit=self.units_by_id.get(unit_id),
            date_basis=cleaned.get("date_basis") or DATE_BASIS_COMPLETION,
            date_from=cleaned.get("date_from") if dates_ok else None,
            date_to=cleaned.get("date_to") if dates_ok else None,
        )
