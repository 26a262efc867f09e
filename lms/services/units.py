"""The organisational-unit tree: loading it from a file and keeping `path` right."""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import OrgUnit, UnitManager
from .tables import read_table

UNIT_COLUMNS = {
    "code": ("mã", "ma don vi", "mã đơn vị", "unit code"),
    "name": ("tên", "tên đơn vị", "unit name"),
    "kind": ("loại", "loại đơn vị", "type"),
    "parent": ("parent code", "parent_code", "mã đơn vị cha", "đơn vị cha", "cấp trên"),
}

_KIND_ALIASES = {
    "city": OrgUnit.Kind.CITY, "thanh pho": OrgUnit.Kind.CITY, "thành phố": OrgUnit.Kind.CITY,
    "department": OrgUnit.Kind.DEPARTMENT, "sở": OrgUnit.Kind.DEPARTMENT, "so": OrgUnit.Kind.DEPARTMENT,
    "commune": OrgUnit.Kind.COMMUNE, "xã": OrgUnit.Kind.COMMUNE, "phường": OrgUnit.Kind.COMMUNE,
    "đặc khu": OrgUnit.Kind.COMMUNE, "ward": OrgUnit.Kind.COMMUNE, "special zone": OrgUnit.Kind.COMMUNE,
    "other": OrgUnit.Kind.OTHER, "khác": OrgUnit.Kind.OTHER, "": OrgUnit.Kind.OTHER,
}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # [(row number, message)]

    @property
    def ok(self):
        return not self.errors


def unit_paths_rebuild(*, units=None):
    """Recompute `path` ("/<root id>/…/<id>/") for every unit, parents first; returns the changed units."""
    units = {u.pk: u for u in (units if units is not None else OrgUnit.objects.all())}
    paths = {}

    def path_of(unit, seen=()):
        if unit.pk in paths:
            return paths[unit.pk]
        if unit.pk in seen:
            raise ValueError(f"cycle at unit {unit.code}")
        parent = units.get(unit.parent_id)
        prefix = path_of(parent, (*seen, unit.pk)) if parent else "/"
        paths[unit.pk] = f"{prefix}{unit.pk}/"
        return paths[unit.pk]

    changed = []
    for unit in units.values():
        if unit.path != path_of(unit):
            unit.path = paths[unit.pk]
            changed.append(unit)
    OrgUnit.objects.bulk_update(changed, ["path"], batch_size=1000)
    return changed


def _creates_cycle(code, parent_code, parent_of):
    seen = {code}
    while parent_code:
        if parent_code in seen:
            return True
        seen.add(parent_code)
        parent_code = parent_of.get(parent_code)
    return False


@transaction.atomic
def units_import_csv(*, raw: bytes, filename: str = "units.csv") -> ImportReport:
    """Create or update units by code (columns code, name, kind, parent code). A row with a
    problem is reported and skipped; the others are imported. Re-importing the same file
    changes nothing."""
    rows = read_table(raw=raw, filename=filename, columns=UNIT_COLUMNS, required={"code", "name"})
    report = ImportReport()
    existing = {u.code: u for u in OrgUnit.objects.all()}
    by_id = {u.pk: u for u in existing.values()}
    parent_of = {code: by_id[u.parent_id].code if u.parent_id else "" for code, u in existing.items()}
    accepted, seen_codes = [], set()
    file_codes = {row.values["code"] for row in rows}
    for row in rows:
        code, name = row.values["code"], row.values["name"]
        kind_text = row.values.get("kind", "").strip().lower()
        parent_code = row.values.get("parent", "")
        if not code:
            report.errors.append((row.number, _("The unit code is empty.")))
        elif code in seen_codes:
            report.errors.append((row.number, _("The code %(code)s appears twice in the file.") % {"code": code}))
        elif not name:
            report.errors.append((row.number, _("The unit name is empty.")))
        elif kind_text not in _KIND_ALIASES and kind_text not in OrgUnit.Kind.values:
            report.errors.append((row.number, _("Unknown unit kind: %(kind)s.") % {"kind": row.values.get("kind")}))
        elif parent_code and parent_code not in existing and parent_code not in file_codes:
            report.errors.append((row.number, _("Unknown parent unit code: %(code)s.") % {"code": parent_code}))
        elif parent_code and _creates_cycle(code, parent_code, {**parent_of, code: parent_code}):
            report.errors.append((row.number, _("The unit cannot be placed below itself.")))
        else:
            seen_codes.add(code)
            parent_of[code] = parent_code
            accepted.append((row, code, name, _KIND_ALIASES.get(kind_text, kind_text), parent_code))

    unchanged, new_units = set(), []
    for _row, code, name, kind, _parent in accepted:
        unit = existing.get(code)
        if unit is None:
            new_units.append(OrgUnit(code=code, name=name, kind=kind, path=""))
        elif (unit.name, unit.kind) != (name, kind):
            unit.name, unit.kind = name, kind
            unit.save(update_fields=["name", "kind"])
            report.updated += 1
        else:
            unchanged.add(code)
    for unit in OrgUnit.objects.bulk_create(new_units):
        existing[unit.code] = unit
    report.created = len(new_units)
    # Parents may come after their children in the file: link once every unit exists.
    moved = []
    for row, code, _name, _kind, parent_code in accepted:
        unit = existing[code]
        parent = existing.get(parent_code) if parent_code else None
        if parent_code and parent is None:
            report.errors.append((row.number, _("Unknown parent unit code: %(code)s.") % {"code": parent_code}))
            continue
        if unit.parent_id != (parent.pk if parent else None):
            unit.parent = parent
            moved.append(unit)
            if code in unchanged:
                unchanged.discard(code)
                report.updated += 1
    report.unchanged = len(unchanged)
    OrgUnit.objects.bulk_update(moved, ["parent"], batch_size=1000)
    unit_paths_rebuild()
    return report


# Created with its permissions (admin access, reports) by migration 0002_report_exports.
UNIT_MANAGERS_GROUP = "Unit managers"


@transaction.atomic
def unit_manager_add(*, user, unit) -> UnitManager:
    """Attach a manager to a unit (they then see it and the units below it) and let them into the admin."""
    manager, _created = UnitManager.objects.get_or_create(user=user, unit=unit)
    unit_manager_grant_access(user=user)
    return manager


def unit_manager_grant_access(*, user):
    group, created = Group.objects.get_or_create(name=UNIT_MANAGERS_GROUP)
    if created:  # deleted since the migration made it: managers still need admin access and reports
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
            Permission.objects.get(content_type__app_label="lms", codename="view_reports"),
        )
    user.groups.add(group)
