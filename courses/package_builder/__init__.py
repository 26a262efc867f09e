"""A small SCORM package builder: a module description (slides of text with illustrations and a
short quiz) becomes a valid SCORM 1.2 or 2004 3rd edition zip whose page reports progress,
bookmark, quiz score, completion and success through the SCORM API."""

from .build import package_build, package_files, package_sha256
from .description import (
    SCORM_12,
    SCORM_2004,
    DescriptionInvalid,
    ModuleDescription,
    Question,
    Slide,
    description_from_dict,
)
from .illustrations import ILLUSTRATIONS

__all__ = [
    "SCORM_12", "SCORM_2004", "DescriptionInvalid", "ILLUSTRATIONS", "ModuleDescription", "Question", "Slide",
    "description_from_dict", "package_build", "package_files", "package_sha256",
]
