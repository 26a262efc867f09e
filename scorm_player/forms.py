from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Package


class PackageUploadForm(forms.Form):
    file = forms.FileField(
        label=_("SCORM package (.zip)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=255, help_text=_("Leave empty to use the title in the manifest."))
    package = forms.ModelChoiceField(
        label=_("New version of"), queryset=Package.objects.all(), required=False,
        help_text=_("Choose a package to add this zip as its new version; leave empty for a new package."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.SCORM_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s MB; the limit is %(limit)s MB)."),
                params={"size": upload.size // 2**20, "limit": settings.SCORM_MAX_UPLOAD_BYTES // 2**20},
            )
        return upload
