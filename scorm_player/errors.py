"""Why an uploaded SCORM package is refused, or accepted with a warning.

Every reason has a stable ``code`` (for tests, logs and the UI) and an English
message id with %(name)s-style parameters, translated when rendered.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

REJECTION_MESSAGES = {
    # The archive itself (scorm_player.zipsafety).
    "not_a_zip": _("The file is not a zip archive, or the archive is damaged."),
    "corrupt_zip": _("The zip archive is damaged: %(name)s could not be read."),
    "encrypted": _("The zip contains a password-protected file: %(name)s"),
    "unsupported_compression": _(
        "The zip stores %(name)s with a compression method that is not supported; "
        "re-create the zip with ordinary (deflate) compression."
    ),
    "path_traversal": _("The zip contains a path outside the package: %(name)s"),
    "file_name_too_long": _("The zip contains a file name that is too long: %(name)s"),
    "symlink": _("The zip contains a symbolic link, which is not allowed: %(name)s"),
    "duplicate_entry": _("The zip contains the same file twice: %(name)s"),
    "path_conflict": _("The zip contains %(name)s both as a file and as a folder."),
    "too_many_files": _("The zip contains too many files (%(count)s; the limit is %(limit)s)."),
    "too_large": _(
        "The package is too large when unpacked (%(size)s bytes; the limit is %(limit)s bytes)."
    ),
    "entry_too_large": _(
        "The file %(name)s is too large when unpacked (%(size)s bytes; the limit is %(limit)s bytes)."
    ),
    "zip_bomb": _(
        "The file %(name)s expands far beyond its compressed size; the zip may be a zip bomb."
    ),
    "no_manifest": _(
        "The package has no imsmanifest.xml, neither at the top of the zip "
        "nor inside a single top-level folder."
    ),
    # The manifest (scorm_player.manifest).
    "manifest_too_large": _(
        "imsmanifest.xml is too large (%(size)s bytes; the limit is %(limit)s bytes)."
    ),
    "malformed_manifest": _("imsmanifest.xml is not well-formed XML: %(detail)s"),
    "unsafe_manifest": _(
        "imsmanifest.xml declares XML entities, which are not allowed in uploaded packages."
    ),
    "not_a_manifest": _("imsmanifest.xml does not contain a content package <manifest> element."),
    "no_organizations": _("The manifest defines no organization (no course structure)."),
    "missing_identifier": _("The manifest has an <%(element)s> element without an identifier."),
    "duplicate_identifier": _("The manifest uses the identifier %(identifier)s more than once."),
    "unknown_resource": _(
        "Item %(item)s refers to resource %(resource)s, which the manifest does not define."
    ),
    "missing_launch": _("Resource %(resource)s has no launch file (no href)."),
    "external_launch_url": _(
        "Resource %(resource)s launches %(url)s, which is outside the package; "
        "all content must be inside the zip."
    ),
    "unsafe_launch_url": _("Resource %(resource)s has an unsafe launch address: %(url)s"),
    "launch_file_missing": _(
        "The launch file %(path)s of resource %(resource)s is not in the zip."
    ),
    "nothing_to_launch": _("The default organization has no item that can be launched."),
}

WARNING_MESSAGES = {
    "missing_files": _(
        "%(count)s files listed in the manifest are not in the zip, for example: %(names)s"
    ),
    "unsafe_file_reference": _(
        "The manifest lists a file with an unsafe path, which was ignored: %(path)s"
    ),
    "unknown_dependency": _(
        "Resource %(resource)s depends on %(dependency)s, which the manifest does not define."
    ),
    "default_organization_missing": _(
        "The default organization %(identifier)s does not exist; the first organization is used."
    ),
    "version_guessed": _(
        "The manifest does not state a known SCORM version (%(declared)s); it was read as SCORM %(version)s."
    ),
    "missing_manifest_identifier": _("The manifest has no identifier."),
    "unknown_sequencing_collection": _(
        "Item %(item)s refers to sequencing collection %(collection)s, which the manifest does not define."
    ),
    "invalid_value": _("Ignored %(attribute)s=\"%(value)s\" on <%(element)s>: not a valid value."),
}


def rejection_message(code: str, params: dict | None = None) -> str:
    """The message of a stored rejection (code and params), in the active language."""
    return str(REJECTION_MESSAGES[code]) % (params or {})


class PackageRejected(Exception):
    """A package the LMS refuses to import, for a reason the uploader can fix."""

    def __init__(self, code: str, params: dict | None = None, **more_params):
        # params may come as a dict too, so that PackageRejected(*error.args)
        # rebuilds the error, as pickle and Celery's result serialisers do.
        if code not in REJECTION_MESSAGES:
            raise ValueError(f"unknown rejection code {code!r}")
        self.code = code
        self.params = {**(params or {}), **more_params}
        super().__init__(code, self.params)

    @property
    def message(self) -> str:
        """The reason in the active language, parameters filled in."""
        return rejection_message(self.code, self.params)

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


@dataclass(frozen=True)
class PackageWarning:
    """Something odd about a package that does not stop it from playing."""

    code: str
    params: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.code not in WARNING_MESSAGES:
            raise ValueError(f"unknown warning code {self.code!r}")

    @property
    def message(self) -> str:
        return str(WARNING_MESSAGES[self.code]) % self.params

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "params": dict(self.params)}
