"""Data generator for the reports benchmark: learners across units with a realistic mix of progress.

Used by bench/bench_reports.py (which creates its own database first); callable on its own
against a configured, migrated PostgreSQL database:

    generate(learners=300_000, units=128)

Shape (from the campaign's own figures, see DESIGN.md):
- 128 units: the city, 14 departments, 111 communes/wards/special zones, 2 mass organisations;
  learners spread unevenly (communes are larger than departments).
- 12 modules in 4 themes; 3 courses over disjoint modules:
  "Digital skills for everyone" (6 modules, open; ~60% of learners enrol themselves),
  "Interacting online" (3 modules, open; ~20% enrol),
  "AI for civil servants" (3 modules, assigned to every civil servant (~7% of learners),
  deadlines spread so that about half have passed).
- per enrolment: ~15% never started, ~25% part-way, ~60% completed (92% for the assigned course).
Rows go in with PostgreSQL COPY (millions of rows in tens of seconds).
"""

import random
from datetime import timedelta

from django.db import connection
from django.utils import timezone

THEMES = [
    ("Nhận thức số và năng lực số cơ bản", 3),
    ("Sử dụng dịch vụ số thiết yếu", 3),
    ("Tương tác trên môi trường số", 3),
    ("Ứng dụng AI trong công việc và cuộc sống", 3),
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Hoài", "Gia"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hạnh", "Hùng", "Khánh", "Lan", "Linh", "Mai", "Nam", "Nga",
         "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Xuân", "Yến"]


def copy_rows(model, columns, rows):
    """COPY rows into the model's table; concrete columns not given get their Django default
    (so a field added to the model later does not break the generator)."""
    now = timezone.now()
    given = set(columns)
    extra_columns, extra_values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.column in given:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        elif field.has_default():
            value = field.get_default()
        elif field.null:
            value = None
        else:
            value = ""
        extra_columns.append(field.column)
        extra_values.append(value)
    all_columns = ", ".join(list(columns) + extra_columns)
    count = 0
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {model._meta.db_table} ({all_columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(list(row) + extra_values)
                count += 1
    return count


def _catalog():
    from courses.models import CourseModule, CoursePage, HomePage, ModulePage, ThemePage

    home = HomePage.objects.get()
    modules = []
    for number, (title, count) in enumerate(THEMES, start=1):
        theme = home.add_child(instance=ThemePage(title=title, slug=f"chu-de-{number}"))
        for index in range(count):
            n = len(modules) + 1
            modules.append(theme.add_child(instance=ModulePage(title=f"Mô-đun {n}", slug=f"mo-dun-{n}")))
    plans = [
        ("Kỹ năng số cho mọi người", "ky-nang-so", CoursePage.Enrolment.OPEN, modules[0:6]),
        ("Tương tác trên môi trường số", "tuong-tac-so", CoursePage.Enrolment.OPEN, modules[6:9]),
        ("AI cho cán bộ, công chức", "ai-cong-chuc", CoursePage.Enrolment.ASSIGNED, modules[9:12]),
    ]
    courses = []
    for title, slug, enrolment, course_modules in plans:
        course = home.add_child(instance=CoursePage(title=title, slug=slug, enrolment=enrolment))
        for order, module in enumerate(course_modules):
            CourseModule.objects.create(course=course, module=module, sort_order=order)
        courses.append((course, course_modules))
    return courses


def _units(total):
    from lms.models import OrgUnit

    city = OrgUnit.objects.create(code="TP", name="Thành phố", kind=OrgUnit.Kind.CITY, path="")
    city.path = f"/{city.pk}/"
    city.save(update_fields=["path"])
    departments = min(14, total - 1)
    others = min(2, max(total - 1 - departments, 0))
    communes = total - 1 - departments - others
    units = [OrgUnit(code=f"SO-{n:02d}", name=f"Sở {n}", kind=OrgUnit.Kind.DEPARTMENT, parent=city, path="")
             for n in range(1, departments + 1)]
    units += [OrgUnit(code=f"XA-{n:03d}", name=f"Xã/phường {n}", kind=OrgUnit.Kind.COMMUNE, parent=city, path="")
              for n in range(1, communes + 1)]
    units += [OrgUnit(code=f"DT-{n}", name=f"Đoàn thể {n}", kind=OrgUnit.Kind.OTHER, parent=city, path="")
              for n in range(1, others + 1)]
    units = OrgUnit.objects.bulk_create(units)
    for unit in units:
        unit.path = f"{city.path}{unit.pk}/"
    OrgUnit.objects.bulk_update(units, ["path"])
    return [city] + units


def generate(*, learners=300_000, units=128, seed=2026, prefix="hv"):
    """Create the catalog, the units and `learners` learners with their enrolments and progress.
    Returns a summary dict (row counts, ids) for the benchmark."""
    from courses.models import Enrolment
    from django.contrib.auth import get_user_model
    from lms.models import CourseProgress, Learner, ModuleProgress

    rng = random.Random(seed)
    User = get_user_model()
    now = timezone.now()
    courses = _catalog()
    unit_rows = _units(units)
    # Communes weigh 3, departments 1, the city and mass organisations 1: uneven, like the city.
    weights = [3 if unit.kind == "commune" else 1 for unit in unit_rows]

    copy_rows(User, ["password", "username", "first_name", "last_name", "email", "is_superuser", "is_staff", "is_active", "date_joined"], (
        ("!", f"{prefix}-{n:07d}", "", "", "", False, False, True, now) for n in range(learners)
    ))
    user_ids = [pk for (pk,) in User.objects.filter(username__startswith=f"{prefix}-").order_by("username").values_list("pk")]
    learner_units = rng.choices(unit_rows, weights=weights, k=learners)
    civil_servant = [unit.kind == "department" or rng.random() < 0.05 for unit in learner_units]

    copy_rows(Learner, ["user_id", "kind", "full_name", "unit_id", "position", "created_at"], (
        (user_id, "civil_servant" if civil else "resident",
         f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}", unit.pk, "", now)
        for user_id, unit, civil in zip(user_ids, learner_units, civil_servant)
    ))

    enrolments, course_progress, module_progress = [], [], []
    today = timezone.localdate()
    for user_id, civil in zip(user_ids, civil_servant):
        for index, (course, course_modules) in enumerate(courses):
            assigned = index == 2
            if assigned and not civil:
                continue
            if not assigned and rng.random() >= (0.6 if index == 0 else 0.2):
                continue
            enrolled_at = now - timedelta(days=rng.randint(0, 120), minutes=rng.randint(0, 1440))
            deadline = today + timedelta(days=rng.randint(-30, 30)) if assigned else None
            enrolments.append((user_id, course.pk, "assigned" if assigned else "self", deadline, enrolled_at))
            roll = rng.random()
            completed = roll < (0.92 if assigned else 0.60)
            started = completed or roll < (0.97 if assigned else 0.85)
            if not started:
                continue
            done = len(course_modules) if completed else rng.randint(0, len(course_modules) - 1)
            started_at = enrolled_at + timedelta(hours=rng.randint(0, 72))
            completed_at = started_at + timedelta(minutes=rng.randint(20, 60 * 24 * 14)) if completed else None
            if completed_at and completed_at > now:
                completed_at = now
            course_progress.append((user_id, course.pk, done, started_at, completed_at, now))
            for number, module in enumerate(course_modules):
                if number < done:
                    module_progress.append((user_id, module.pk, "completed", started_at, completed_at or started_at, now))
                elif number == done:
                    module_progress.append((user_id, module.pk, "in_progress", started_at, None, now))

    copy_rows(Enrolment, ["learner_id", "course_id", "source", "deadline", "created_at"], enrolments)
    copy_rows(CourseProgress, ["learner_id", "course_id", "modules_done", "started_at", "completed_at", "updated_at"], course_progress)
    copy_rows(ModuleProgress, ["learner_id", "module_id", "status", "started_at", "completed_at", "updated_at"], module_progress)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "learners": learners, "units": len(unit_rows), "courses": [course for course, _ in courses],
        "unit_rows": unit_rows, "enrolments": len(enrolments), "course_progress": len(course_progress),
        "module_progress": len(module_progress),
    }
