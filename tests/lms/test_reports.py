"""Reports in the Wagtail admin: the counts, who sees what, bounded queries, direct exports."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import (
    CourseModule,
    CoursePage,
    Enrolment,
    ModulePage,
    ThemePage,
)
from lms.models import CourseProgress, Learner, ModuleProgress, OrgUnit
from lms.reports import registry
from lms.services.units import unit_manager_add, unit_paths_rebuild
from tests.courses.catalog import home

pytestmark = pytest.mark.django_db

PASSWORD = "x-strong-password-1"


# --- data


def catalog(*, modules=3, courses=1):
    """Modules without packages (reports read progress rows, not packages) and courses over them."""
    home_page = home()
    theme = home_page.add_child(instance=ThemePage(title="Nhận thức số", slug="nhan-thuc-so"))
    module_pages = [theme.add_child(instance=ModulePage(title=f"Mô-đun {n}", slug=f"mo-dun-{n}")) for n in range(1, modules + 1)]
    course_pages = []
    for n in range(1, courses + 1):
        course = home_page.add_child(instance=CoursePage(title=f"Khóa {n}", slug=f"khoa-{n}", enrolment=CoursePage.Enrolment.ASSIGNED))
        for order, module in enumerate(module_pages):
            CourseModule.objects.create(course=course, module=module, sort_order=order)
        course_pages.append(course)
    return module_pages, course_pages


def unit_tree(*, communes):
    city = OrgUnit.objects.create(code="city", name="Thành phố", kind=OrgUnit.Kind.CITY, path="")
    units = [
        OrgUnit.objects.create(code=f"xa-{n}", name=f"Xã số {n}", kind=OrgUnit.Kind.COMMUNE, parent=city, path="")
        for n in range(1, communes + 1)
    ]
    unit_paths_rebuild()
    return city, [OrgUnit.objects.get(pk=unit.pk) for unit in units]


def learners_in(django_user_model, units, *, per_unit, course, modules, prefix="hv"):
    """Learners in each unit with a fixed mix, per unit of 10: 0-1 nothing but an assigned enrolment
    overdue, 2-4 started (first module done), 5-9 completed (every module); 0-5 assigned, 6-9 self."""
    now = timezone.now()
    yesterday = timezone.localdate() - timedelta(days=1)
    users = django_user_model.objects.bulk_create([
        django_user_model(username=f"{prefix}-{unit.code}-{n}") for unit in units for n in range(per_unit)
    ])
    learners, enrolments, progress, module_rows = [], [], [], []
    for index, user in enumerate(users):
        unit = units[index // per_unit]
        position = index % per_unit % 10
        learners.append(Learner(user=user, full_name=f"Nguyễn Văn {index}", unit=unit))
        assigned = position <= 5
        enrolments.append(Enrolment(
            learner=user, course=course, source=Enrolment.Source.ASSIGNED if assigned else Enrolment.Source.SELF,
            deadline=yesterday if assigned else None,
        ))
        if position >= 2:
            completed = position >= 5
            progress.append(CourseProgress(
                learner=user, course=course, started_at=now - timedelta(days=3),
                completed_at=now - timedelta(days=position % 3) if completed else None,
                modules_done=len(modules) if completed else 1,
            ))
            for number, module in enumerate(modules):
                done = completed or number == 0
                module_rows.append(ModuleProgress(
                    learner=user, module=module,
                    status=ModuleProgress.Status.COMPLETED if done else ModuleProgress.Status.NOT_STARTED,
                    started_at=now if done else None, completed_at=now if done else None,
                ))
    Learner.objects.bulk_create(learners)
    Enrolment.objects.bulk_create(enrolments)
    CourseProgress.objects.bulk_create(progress)
    ModuleProgress.objects.bulk_create(module_rows)
    return users


@pytest.fixture
def population(django_user_model):
    modules, (course,) = catalog()
    city, units = unit_tree(communes=2)
    learners_in(django_user_model, units, per_unit=10, course=course, modules=modules)
    return {"course": course, "modules": modules, "city": city, "x": units[0], "y": units[1]}


def manager_of(django_user_model, unit, username):
    user = django_user_model.objects.create_user(username, password=PASSWORD)
    unit_manager_add(user=user, unit=unit)
    return user


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("chief", password=PASSWORD)


def logged_in(client, user):
    client.force_login(user)
    return client


# --- the counts


@pytest.fixture
def without_certificates(monkeypatch):
    """As before the certificates app registers its counts (it does so in its ready())."""
    monkeypatch.setattr(registry, "_certified_counts", None)
    monkeypatch.setattr(registry, "_certified_learners", None)


def test_the_course_report_counts_each_unit(client, admin, population, without_certificates):
    response = logged_in(client, admin).get("/admin/reports/", {"course": population["course"].pk})

    assert response.status_code == 200
    rows = {row.key.code if row.key else None: row.counts for row in response.context["report"].rows}
    x = rows["xa-1"]
    # Per 10 learners: 10 enrolled, 6 assigned (0-5), 8 started (2-9), 5 completed (5-9),
    # 5 overdue (assigned, deadline yesterday, not completed: 0-4).
    assert (x.learners, x.enrolled, x.assigned, x.started, x.completed, x.overdue) == (10, 10, 6, 8, 5, 5)
    assert x.percent_completed == 50
    assert rows["city"].learners == 0, "the city itself has no learners of its own"
    assert response.context["report"].total.completed == 10
    assert "—" in response.content.decode(), "certified shows a dash until certificates registers its counts"
    assert "<svg" in response.content.decode()


def test_the_unit_report_has_one_row_per_course_for_the_subtree(client, admin, population):
    response = logged_in(client, admin).get("/admin/reports/units/", {"unit": population["x"].pk})

    assert response.status_code == 200
    (row,) = response.context["report"].rows
    assert row.key.pk == population["course"].pk
    assert (row.counts.enrolled, row.counts.completed) == (10, 5)


def test_a_completion_date_range_counts_only_completions_inside_it(client, admin, population):
    today = timezone.localdate()
    response = logged_in(client, admin).get(
        "/admin/reports/", {"course": population["course"].pk, "date_from": today.isoformat(), "date_to": today.isoformat()})

    # Completed learners at positions 6 and 9 completed today (position % 3 == 0), per unit.
    assert response.context["report"].total.completed == 4
    assert response.context["report"].total.enrolled == 20, "the range does not change the population"
    assert sum(n for _, n in response.context["report"].completions) == 4


def test_an_enrolment_date_range_limits_the_population(client, admin, population):
    Enrolment.objects.filter(learner__username__endswith="-0").update(created_at=timezone.now() - timedelta(days=40))
    since = (timezone.localdate() - timedelta(days=10)).isoformat()
    response = logged_in(client, admin).get(
        "/admin/reports/", {"course": population["course"].pk, "date_basis": "enrolment", "date_from": since})

    assert response.context["report"].total.enrolled == 18


def test_an_end_date_before_the_start_date_is_explained_not_a_crash(client, admin, population):
    response = logged_in(client, admin).get(
        "/admin/reports/", {"course": population["course"].pk, "date_from": "2026-05-02", "date_to": "2026-05-01"})

    assert response.status_code == 200
    assert response.context["form"].errors["date_to"]
    assert response.context["report"].total.completed == 10, "the bad range is ignored"


def test_the_certified_column_comes_from_the_registered_provider(client, admin, population, monkeypatch):
    unit_x = population["x"]

    def certified_counts(*, course_ids, learners):
        assert learners.filter(unit=unit_x).exists()
        return {(course_ids[0], unit_x.pk): 3}

    monkeypatch.setattr(registry, "_certified_counts", certified_counts)
    response = logged_in(client, admin).get("/admin/reports/", {"course": population["course"].pk})

    rows = {row.key.code if row.key else None: row.counts for row in response.context["report"].rows}
    assert rows["xa-1"].certified == 3 and rows["xa-2"].certified == 0
    assert response.context["report"].total.certified == 3


def test_the_drill_down_lists_learners_with_each_module_status(client, admin, population):
    response = logged_in(client, admin).get(
        "/admin/reports/learners/", {"course": population["course"].pk, "unit": population["x"].pk})

    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 10
    statuses = sorted(tuple(row.module_statuses) for row in rows)
    assert statuses.count(("completed",) * 3) == 5
    assert statuses.count(("completed", "not_started", "not_started")) == 3
    assert sum(row.overdue for row in rows) == 5
    assert "Mô-đun 3" in response.content.decode()


def test_the_drill_down_pages_by_fifty(client, admin, django_user_model):
    modules, (course,) = catalog()
    _city, units = unit_tree(communes=1)
    learners_in(django_user_model, units, per_unit=120, course=course, modules=modules)
    client = logged_in(client, admin)

    first = client.get("/admin/reports/learners/", {"course": course.pk})
    last = client.get("/admin/reports/learners/", {"course": course.pk, "page": 3})

    assert len(first.context["rows"]) == 50 and len(last.context["rows"]) == 20
    assert first.context["page"].paginator.count == 120
    names = {row.learner.full_name for row in first.context["rows"]} | {row.learner.full_name for row in last.context["rows"]}
    assert len(names) == 70, "pages do not overlap"


# --- who sees what


REPORT_PAGES = ["/admin/reports/", "/admin/reports/units/", "/admin/reports/learners/"]


@pytest.mark.parametrize("url", REPORT_PAGES)
def test_anonymous_visitors_are_sent_to_the_login(client, population, url):
    response = client.get(url, {"course": population["course"].pk})

    assert response.status_code == 302 and response.url.startswith("/admin/login/")


@pytest.mark.parametrize("url", REPORT_PAGES)
def test_a_plain_learner_is_turned_away(client, population, url):
    learner = Learner.objects.select_related("user").first().user
    learner.set_password(PASSWORD)
    learner.save()

    response = logged_in(client, learner).get(url, {"course": population["course"].pk})

    assert response.status_code == 302 and response.url.startswith("/admin/login/")


@pytest.mark.parametrize("url", REPORT_PAGES)
def test_an_editor_without_the_report_permission_is_turned_away(client, django_user_model, population, url):
    editor = django_user_model.objects.create_user("editor", password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))

    response = logged_in(client, editor).get(url, {"course": population["course"].pk})

    assert response.status_code == 302 and response.url == "/admin/"


def test_a_manager_sees_only_the_rows_of_their_units(client, django_user_model, population):
    manager_x = manager_of(django_user_model, population["x"], "manager-x")

    response = logged_in(client, manager_x).get("/admin/reports/", {"course": population["course"].pk})

    assert response.status_code == 200
    assert [row.key.code for row in response.context["report"].rows] == ["xa-1"]
    assert "Xã số 2" not in response.content.decode()
    assert response.context["report"].total.enrolled == 10


def test_a_manager_sees_the_unit_report_of_their_units_only(client, django_user_model, population):
    manager_y = manager_of(django_user_model, population["y"], "manager-y")

    response = logged_in(client, manager_y).get("/admin/reports/units/")

    assert response.status_code == 200
    assert response.context["report"].total.enrolled == 10


@pytest.mark.parametrize("url", REPORT_PAGES)
def test_a_manager_cannot_open_another_units_report(client, django_user_model, population, url):
    manager_x = manager_of(django_user_model, population["x"], "manager-x")

    response = logged_in(client, manager_x).get(url, {"course": population["course"].pk, "unit": population["y"].pk})

    assert response.status_code == 302 and response.url == "/admin/"


def test_a_managers_drill_down_holds_only_their_learners(client, django_user_model, population):
    manager_y = manager_of(django_user_model, population["y"], "manager-y")

    response = logged_in(client, manager_y).get("/admin/reports/learners/", {"course": population["course"].pk})

    assert response.context["page"].paginator.count == 10
    assert {row.learner.unit.code for row in response.context["rows"]} == {"xa-2"}


def test_a_manager_cannot_export_another_units_learners(client, django_user_model, population):
    manager_x = manager_of(django_user_model, population["x"], "manager-x")
    client = logged_in(client, manager_x)

    refused = client.post("/admin/reports/export/learners/", {"course": population["course"].pk, "unit": population["y"].pk, "format": "csv"})
    own = client.post("/admin/reports/export/learners/", {"course": population["course"].pk, "format": "csv"})

    assert refused.status_code == 302 and refused.url == "/admin/"
    rows = list(csv.reader(io.StringIO(b"".join(own.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 1 + 10
    assert {row[0] for row in rows[1:]} == {"xa-1"}


def test_a_manager_of_a_parent_unit_sees_every_unit_below(client, django_user_model, population):
    city_manager = manager_of(django_user_model, population["city"], "manager-city")

    response = logged_in(client, city_manager).get("/admin/reports/", {"course": population["course"].pk})

    assert {row.key.code for row in response.context["report"].rows} == {"city", "xa-1", "xa-2"}
    assert response.context["report"].total.enrolled == 20


def test_a_user_with_the_report_permission_but_no_unit_sees_no_rows(client, django_user_model, population):
    viewer = django_user_model.objects.create_user("viewer", password=PASSWORD)
    viewer.groups.add(Group.objects.get(name="Unit managers"))

    response = logged_in(client, viewer).get("/admin/reports/", {"course": population["course"].pk})

    assert response.status_code == 200
    assert response.context["report"].rows == [] and response.context["report"].total.enrolled == 0


# --- direct exports


def test_the_course_report_exports_as_csv_and_xlsx_with_the_same_rows(client, admin, population):
    client = logged_in(client, admin)
    data = {"course": population["course"].pk}

    as_csv = client.post("/admin/reports/export/course_report/", {**data, "format": "csv"})
    as_xlsx = client.post("/admin/reports/export/course_report/", {**data, "format": "xlsx"})

    csv_rows = list(csv.reader(io.StringIO(b"".join(as_csv.streaming_content).decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(as_xlsx.content), read_only=True).active
    xlsx_rows = [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    assert as_csv["Content-Disposition"].startswith("attachment")
    assert csv_rows == xlsx_rows
    by_code = {row[0]: row for row in csv_rows[1:]}
    assert by_code["xa-1"][1] == "Xã số 1" and by_code["xa-1"][2:7] == ["10", "10", "6", "8", "5"]


def test_the_unit_report_exports_one_row_per_course_and_a_total(client, admin, population):
    response = logged_in(client, admin).post("/admin/reports/export/unit_report/", {"format": "xlsx"})

    rows = list(load_workbook(io.BytesIO(response.content), read_only=True).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["Khóa 1", rows[-1][0]]
    assert rows[1][2] == 20


def test_an_export_of_an_unknown_format_is_a_clear_400(client, admin, population):
    response = logged_in(client, admin).post("/admin/reports/export/course_report/", {"course": population["course"].pk, "format": "pdf"})

    assert response.status_code == 400


def test_a_learner_export_neutralises_spreadsheet_formulas(client, admin, population):
    Learner.objects.filter(unit=population["x"]).update(full_name="=HYPERLINK(\"http://evil\")")

    response = logged_in(client, admin).post(
        "/admin/reports/export/learners/", {"course": population["course"].pk, "unit": population["x"].pk, "format": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert all(row[2].startswith("'=") for row in rows[1:])


# --- bounded queries


def page_queries(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", REPORT_PAGES)
@pytest.mark.parametrize("viewer", ["admin", "manager"])
def test_a_report_page_costs_the_same_queries_for_5_units_and_for_20(
    client, django_user_model, django_assert_max_num_queries, url, viewer,
):
    modules, (course,) = catalog()
    city, small_units = unit_tree(communes=5)
    learners_in(django_user_model, small_units, per_unit=10, course=course, modules=modules)
    user = (django_user_model.objects.create_superuser("chief", password=PASSWORD) if viewer == "admin"
            else manager_of(django_user_model, city, "manager-city"))
    client = logged_in(client, user)
    params = {"course": course.pk}
    client.get(url, params)  # warm the per-process caches (content types, site)

    small = page_queries(client, url, params)
    more_units = [
        OrgUnit.objects.create(code=f"phuong-{n}", name=f"Phường {n}", kind=OrgUnit.Kind.COMMUNE, parent=city, path="")
        for n in range(15)
    ]
    unit_paths_rebuild()
    more_units = list(OrgUnit.objects.filter(pk__in=[unit.pk for unit in more_units]))
    learners_in(django_user_model, small_units + more_units, per_unit=25, course=course, modules=modules, prefix="more")
    assert OrgUnit.objects.count() == 21 and Learner.objects.count() == 50 + 500
    large = page_queries(client, url, params)

    assert small == large
    with django_assert_max_num_queries(20):
        client.get(url, params)


def test_the_completion_chart_counts_per_week_over_a_long_range(client, admin, population):
    CourseProgress.objects.filter(completed_at__isnull=False).update(completed_at=timezone.now() - timedelta(days=100))
    since = (timezone.localdate() - timedelta(days=200)).isoformat()

    response = logged_in(client, admin).get("/admin/reports/", {"course": population["course"].pk, "date_from": since})

    report = response.context["report"]
    assert report.bucket == "week"
    assert sum(n for _, n in report.completions) == 10 and max(n for _, n in report.completions) == 10
    assert all(day.weekday() == 0 for day, _ in report.completions), "weeks start on Monday"
    assert response.context["chart"]["total"] == 10


def test_a_new_manager_gets_admin_access_and_reports_even_after_the_group_was_deleted(django_user_model):
    Group.objects.filter(name="Unit managers").delete()
    city, units = unit_tree(communes=1)
    user = django_user_model.objects.create_user("quan-ly", password=PASSWORD)

    unit_manager_add(user=user, unit=units[0])

    user = django_user_model.objects.get(pk=user.pk)  # fresh permission cache
    assert user.has_perm("wagtailadmin.access_admin") and user.has_perm("lms.view_reports")
