"""Units and learners from CSV/XLSX: good files, bad rows, idempotent re-import."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import Workbook

from courses.models import Enrolment
from lms.models import Learner, OrgUnit
from lms.services import (
    ImportRejected,
    assignment_create,
    learners_import,
    units_import_csv,
)

pytestmark = pytest.mark.django_db

DEMO_UNITS = Path(__file__).resolve().parents[2] / "lms" / "data" / "units_demo.csv"


def csv_bytes(*lines):
    return ("\n".join(lines) + "\n").encode("utf-8")


def xlsx_bytes(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_demo_city_loads_with_its_tree_and_reloads_without_changes():
    first = units_import_csv(raw=DEMO_UNITS.read_bytes(), filename="units_demo.csv")
    again = units_import_csv(raw=DEMO_UNITS.read_bytes(), filename="units_demo.csv")

    assert (first.created, first.errors) == (131, [])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 131)
    city = OrgUnit.objects.get(kind=OrgUnit.Kind.CITY)
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.DEPARTMENT).count() == 14
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.COMMUNE).count() == 114
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.OTHER).count() == 2
    assert OrgUnit.objects.filter(path__startswith=city.path).count() == 131
    commune = OrgUnit.objects.get(code="X-001")
    assert commune.path == f"/{city.pk}/{commune.pk}/"


def test_import_units_command_loads_the_demo_file(capsys):
    call_command("import_units")

    assert "131 created" in capsys.readouterr().out


def test_unit_rows_with_problems_are_reported_and_the_others_imported():
    report = units_import_csv(raw=csv_bytes(
        "Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cha",
        "X-9,Xã Tân Lập,xã,TP",        # child before its parent: fine
        "TP,Thành phố,city,",
        ",Không mã,other,",
        "X-8,Xã Lạc,planet,TP",
        "X-7,Xã Mới,commune,NOPE",
        "TP,Thành phố lần hai,city,",
    ), filename="units.csv")

    assert report.created == 2
    assert [number for number, _ in report.errors] == [4, 5, 6, 7]
    assert "NOPE" in report.errors[2][1]
    assert OrgUnit.objects.get(code="X-9").parent == OrgUnit.objects.get(code="TP")


@pytest.fixture
def two_units():
    units_import_csv(raw=csv_bytes("code,name,kind,parent", "TP,Thành phố,city,", "X-1,Xã An Hòa,commune,TP", "X-2,Xã Bình,commune,TP"))
    return OrgUnit.objects.get(code="X-1"), OrgUnit.objects.get(code="X-2")


GOOD_FILE = csv_bytes(
    "Họ và tên,Email,Số điện thoại,Mã đơn vị,Chức vụ",
    "Nguyễn Thị Ánh Tuyết,tuyet@example.org,,X-1,Chuyên viên",
    "Trần Văn Bình,,0912 345 678,X-2,Phó chủ tịch",
    "Lê Hoa,Hoa@Example.org,+84 987 654 321,X-1,Công chức",
)


def test_a_good_file_creates_accounts_that_must_set_a_password(two_units):
    report = learners_import(raw=GOOD_FILE, filename="people.csv")

    assert (report.created, report.errors) == (3, [])
    tuyet = Learner.objects.get(full_name="Nguyễn Thị Ánh Tuyết")
    assert (tuyet.kind, tuyet.unit.code, tuyet.position, tuyet.must_set_password) == ("civil_servant", "X-1", "Chuyên viên", True)
    assert not tuyet.user.has_usable_password()
    assert Learner.objects.get(full_name="Trần Văn Bình").phone == "+84912345678"
    assert get_user_model().objects.get(email="hoa@example.org").learner.phone == "+84987654321"


def test_bad_rows_get_clear_per_row_errors_and_good_rows_are_still_imported(two_units, english):
    report = learners_import(raw=csv_bytes(
        "name,email or phone,unit code,position",
        "Phạm An,an@example.org,X-1,",
        ",noname@example.org,X-1,",
        "Võ Bé,not-an-email@,X-1,",
        "Đỗ Cường,12345,X-1,",
        "Hồ Dung,dung@example.org,X-404,",
        "Mai Em,,X-1,",
        "Phạm An lần hai,AN@example.org,X-2,",
        "Lý Giang,0987 111 222,X-2,Cán bộ",
    ), filename="people.csv")

    assert report.created == 2
    errors = dict(report.errors)
    assert sorted(errors) == [3, 4, 5, 6, 7, 8]
    assert "name" in errors[3].lower()
    assert "email" in errors[4].lower()
    assert "12345" in errors[5]
    assert "X-404" in errors[6]
    assert "row 2" in errors[8]
    assert set(Learner.objects.values_list("full_name", flat=True)) == {"Phạm An", "Lý Giang"}


def test_vietnamese_messages_when_the_language_is_vietnamese(two_units):
    from django.utils import translation

    with translation.override("vi"):
        report = learners_import(raw=csv_bytes("name,email,unit", "An,an@example.org,X-404"), filename="p.csv")

    assert report.errors and "X-404" in report.errors[0][1]


def test_reimport_updates_people_and_creates_no_duplicates(two_units):
    learners_import(raw=GOOD_FILE, filename="people.csv")
    first_user_ids = set(get_user_model().objects.values_list("pk", flat=True))

    again = learners_import(raw=GOOD_FILE, filename="people.csv")
    moved = learners_import(raw=csv_bytes(
        "name,email,phone,unit,position", "Nguyễn Thị Ánh Tuyết,tuyet@example.org,,X-2,Trưởng phòng",
    ), filename="people.csv")

    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 3, [])
    assert (moved.created, moved.updated) == (0, 1)
    assert set(get_user_model().objects.values_list("pk", flat=True)) == first_user_ids
    assert Learner.objects.count() == 3
    tuyet = Learner.objects.get(user__email="tuyet@example.org")
    assert (tuyet.unit.code, tuyet.position) == ("X-2", "Trưởng phòng")


def test_xlsx_files_import_like_csv(two_units):
    raw = xlsx_bytes([
        ["Họ tên", "Email hoặc số điện thoại", "Đơn vị", "Chức vụ"],
        ["Nguyễn Văn Hải", "0905123456", "X-1", "Chuyên viên"],
        ["Bad Unit", "x@example.org", "X-9", None],
    ])

    report = learners_import(raw=raw, filename="people.xlsx")

    assert report.created == 1 and [n for n, _ in report.errors] == [3]
    assert Learner.objects.get().phone == "+84905123456"


def test_a_file_without_the_needed_columns_is_rejected_as_a_whole(two_units):
    with pytest.raises(ImportRejected, match="unit"):
        learners_import(raw=csv_bytes("name,email", "An,an@example.org"), filename="p.csv")
    with pytest.raises(ImportRejected):
        learners_import(raw=b"PK\x03\x04 broken", filename="p.xlsx")


def test_imported_learners_get_the_assignments_of_their_unit(two_units, admin_user, make_module, make_course):
    course = make_course("ai", [make_module("RuntimeBasicCalls_SCORM12.zip", "golf")])
    assignment_create(course=course, unit=two_units[0], assigned_by=admin_user)

    learners_import(raw=GOOD_FILE, filename="people.csv")

    enrolled = set(Enrolment.objects.filter(course=course).values_list("learner__email", flat=True))
    assert enrolled == {"tuyet@example.org", "hoa@example.org"}  # X-1 only, not Bình in X-2


def test_the_set_password_link_works_once_and_signs_the_learner_in(client, two_units, english):
    from lms.services import first_login_path

    report = learners_import(raw=GOOD_FILE, filename="people.csv")
    user = report.new_users[0][1]
    link = first_login_path(user=user)

    form_page = client.get(link, follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "Mật-khẩu-rất-mạnh-2025", "new_password2": "Mật-khẩu-rất-mạnh-2025"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.has_usable_password() and user.check_password("Mật-khẩu-rất-mạnh-2025")
    assert user.learner.must_set_password is False
    assert client.get("/learner/my-data.json").status_code == 200  # signed in
    client.logout()
    assert b"no longer valid" in client.get(link, follow=True).content


def test_twenty_thousand_rows_import_in_reasonable_time(two_units):
    import time

    lines = ["name,email,phone,unit,position"]
    for i in range(20_000):
        lines.append(f"Công chức {i},cc{i}@example.org,09{i:08d},X-{1 + i % 2},Chuyên viên")
    raw = csv_bytes(*lines)

    started = time.monotonic()
    report = learners_import(raw=raw, filename="big.csv")
    first = time.monotonic() - started
    started = time.monotonic()
    again = learners_import(raw=raw, filename="big.csv")
    second = time.monotonic() - started
    print(f"\n20,000-row import: first {first:.1f} s, re-import {second:.1f} s")

    assert (report.created, report.errors, again.created, again.unchanged) == (20_000, [], 0, 20_000)
    assert Learner.objects.count() == 20_000
    assert first < 120 and second < 120
