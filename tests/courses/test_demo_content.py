"""The demo-content command: 4 themes, 12 Vietnamese modules imported through the ingestion
service, 2 courses; running it again changes nothing."""

import dataclasses
import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from courses.demo_content import COURSES, module_descriptions
from courses.demo_content.service import demo_content_load, demo_packages
from courses.models import CourseModule, CoursePage, ModulePage, ThemePage
from courses.package_builder import package_build, package_sha256
from scorm_player.models import Package, PackageVersion, Sco
from scorm_player.services import package_import
from tests.courses.catalog import home
from tests.services import shared_fixtures_dir

pytestmark = pytest.mark.django_db


def snapshot():
    """Everything the command creates, by id, to compare two runs."""
    return {
        "pages": sorted(Page.objects.values_list("pk", "slug", "live", "latest_revision_id")),
        "packages": sorted(Package.objects.values_list("pk", "current_version_id")),
        "versions": sorted(PackageVersion.objects.values_list("pk", "package_id", "number", "zip_sha256")),
        "scos": Sco.objects.count(),
        "course_modules": sorted(CourseModule.objects.values_list("pk", "course_id", "module_id", "sort_order")),
    }


def test_the_command_creates_four_themes_twelve_modules_and_two_courses(local_storage):
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "18 pages created, 12 module packages imported" in out.getvalue()

    home_page = home()
    assert home_page.intro.startswith("Học kỹ năng số")
    themes = ThemePage.objects.child_of(home_page).live()
    assert [t.title for t in themes] == [
        "Nhận thức số và năng lực số cơ bản",
        "Sử dụng dịch vụ số thiết yếu",
        "Tương tác trên môi trường số",
        "Ứng dụng AI trong công việc và cuộc sống",
    ]
    for theme in themes:
        modules = ModulePage.objects.child_of(theme).live()
        assert modules.count() == 3
        for module in modules:
            assert module.open_to_all and module.summary and module.body
            assert 5 <= module.duration_minutes <= 7
            assert module.version is not None and module.version.warnings == []
            assert module.version.scos.count() == 1
    versions = {page.slug: page.version.scorm_version for page in ModulePage.objects.all()}
    assert sorted(set(versions.values())) == ["1.2", "2004 3rd"]
    assert versions["su-dung-dien-thoai-an-toan"] == "1.2" and versions["ai-la-gi"] == "2004 3rd"
    # Every module's stored files are the builder's zip, imported once.
    for _, description in module_descriptions():
        page = ModulePage.objects.get(slug=description.identifier)
        assert page.version.zip_sha256 == package_sha256(package_build(description=description))
        assert local_storage.exists(page.version.storage_prefix + "index.html")

    residents = CoursePage.objects.get(slug="chuyen-doi-so-cho-moi-nguoi-dan")
    assert residents.title == "Chuyển đổi số cho mọi người dân"
    assert residents.is_open and residents.completion_rule == CoursePage.CompletionRule.ALL_COMPLETED
    assert residents.awards_certificate and residents.live
    assert [m.slug for m in residents.modules()] == COURSES[0]["modules"]
    civil_servants = CoursePage.objects.get(slug="ung-dung-ai-trong-quan-ly-hanh-chinh-cong")
    assert civil_servants.title == "Ứng dụng AI trong quản lý hành chính công"
    assert civil_servants.enrolment == CoursePage.Enrolment.ASSIGNED
    assert civil_servants.completion_rule == CoursePage.CompletionRule.ALL_PASSED and civil_servants.awards_certificate
    assert [m.slug for m in civil_servants.modules()] == COURSES[1]["modules"]


def test_running_twice_gives_the_same_pages_versions_and_counts(local_storage):
    first_report = demo_content_load()
    assert first_report.changed
    first = snapshot()
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "up to date" in out.getvalue()
    assert snapshot() == first
    assert len(first["versions"]) == 12 and len(first["packages"]) == 12


def test_every_module_is_five_to_seven_minutes_of_vietnamese_reading_with_a_quiz():
    described = module_descriptions()
    assert len(described) == 12 and len({d.identifier for _, d in described}) == 12
    for _, description in described:
        assert 8 <= len(description.slides) <= 12, description.identifier
        assert 4 <= len(description.quiz) <= 5, description.identifier
        assert 5 <= description.reading_minutes() <= 7, (description.identifier, description.reading_minutes())
        assert description.language == "vi"


def test_a_changed_module_becomes_a_new_version_of_its_package_and_nothing_else_changes(local_storage, monkeypatch):
    demo_content_load()
    before = snapshot()
    original = module_descriptions()
    changed_id = original[0][1].identifier

    def with_one_change():
        return [
            (theme, dataclasses.replace(d, title=d.title + " (cập nhật)") if d.identifier == changed_id else d)
            for theme, d in original
        ]

    monkeypatch.setattr("courses.demo_content.service.module_descriptions", with_one_change)
    report = demo_content_load()
    assert report.imported_versions == [changed_id] and report.created_pages == []
    page = ModulePage.objects.get(slug=changed_id)
    assert page.version.number == 2 and page.package.versions.count() == 2
    assert Package.objects.count() == 12 and PackageVersion.objects.count() == 13
    assert sorted(Page.objects.values_list("pk", flat=True)) == [pk for pk, *_ in before["pages"]]


def test_a_package_an_editor_uploaded_for_a_demo_module_is_kept(local_storage):
    demo_content_load()
    page = ModulePage.objects.get(slug="ai-la-gi")
    golf = sorted((shared_fixtures_dir() / "valid").glob("*.zip"))[0]
    editor_version = package_import(file=golf, package=page.package)
    report = demo_content_load()
    assert report.kept_editor_packages == ["ai-la-gi"] and not report.changed
    page.package.refresh_from_db()
    assert page.package.current_version == editor_version
    assert demo_packages()["ai-la-gi"] == page.package
