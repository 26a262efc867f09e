"""Who may see which units' reports.

Superusers and holders of `lms.view_all_units_reports` see every unit; anyone else sees the
units they manage (UnitManager rows) and every unit below them. The reports section needs
`lms.view_reports` (the "Unit managers" group has it) or at least one UnitManager row.
"""

from dataclasses import dataclass

from lms.models import OrgUnit, UnitManager


@dataclass(frozen=True)
class ReportScope:
    all_units: bool
    unit_paths: tuple[str, ...] = ()  # path prefixes of the managed subtrees

    @property
    def is_empty(self):
        return not self.all_units and not self.unit_paths

    def covers(self, unit: OrgUnit | None) -> bool:
        if self.all_units:
            return True
        return unit is not None and any(unit.path.startswith(prefix) for prefix in self.unit_paths)


def report_scope_for(*, user) -> ReportScope:
    if not user.is_active:
        return ReportScope(all_units=False)
    if user.is_superuser or user.has_perm("lms.view_all_units_reports"):
        return ReportScope(all_units=True)
    paths = sorted(UnitManager.objects.filter(user=user).values_list("unit__path", flat=True))
    # Drop subtrees already inside another managed subtree: fewer LIKE terms, same rows.
    kept = []
    for path in paths:
        if not any(path.startswith(prefix) for prefix in kept):
            kept.append(path)
    return ReportScope(all_units=False, unit_paths=tuple(kept))


def user_can_view_reports(*, user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_perm("lms.view_reports") or UnitManager.objects.filter(user=user).exists()
