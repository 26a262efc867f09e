"""lms writes: units, learners import, assignments, progress, privacy (one module each)."""

from .assignments import AssignmentRefused, assignment_create, assignments_apply_to_learners, learner_group_add
from .errors import ImportRejected, LmsError
from .learners import LearnersImportReport, first_login_path, learners_import
from .privacy import ErasureRefused, data_export_section_register, learner_data_export, learner_erase
from .progress import progress_update, progress_update_for_attempt, progress_update_for_package
from .units import ImportReport, unit_manager_add, unit_manager_grant_access, unit_paths_rebuild, units_import_csv

__all__ = [
    "AssignmentRefused", "ErasureRefused", "ImportRejected", "ImportReport", "LearnersImportReport", "LmsError",
    "assignment_create", "assignments_apply_to_learners", "data_export_section_register", "first_login_path",
    "learner_data_export", "learner_erase", "learner_group_add", "learners_import", "progress_update",
    "progress_update_for_attempt", "progress_update_for_package", "unit_manager_add", "unit_manager_grant_access", "unit_paths_rebuild", "units_import_csv",
]
