"""Building the catalog in tests: real pages under the migration's home page, real packages."""

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from courses.models import CourseModule, CoursePage, HomePage, ModulePage, ThemePage
from scorm_player.services import package_import
from tests.services import shared_fixtures_dir

VALID = shared_fixtures_dir() / "valid"
GOLF_12 = "RuntimeBasicCalls_SCORM12.zip"
SINGLE_SCO_12 = "ContentPackagingSingleSCO_SCORM12.zip"
SINGLE_SCO_2004 = "ContentPackagingSingleSCO_SCORM20043rdEdition.zip"


def home():
    """The migration's home page; rebuilt when a transactional (e2e) test has flushed the database."""
    page = HomePage.objects.first()
    if page is None:
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        page = root.add_child(instance=HomePage(title="Bình dân học vụ số", slug="home"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": page})
    return page


def theme_create(title="Nhận thức số và năng lực số cơ bản", slug="nhan-thuc-so", **fields):
    return home().add_child(instance=ThemePage(title=title, slug=slug, **fields))


def module_create(theme, *, zip_name=SINGLE_SCO_12, title="An toàn trên mạng", slug="an-toan", open_to_all=True, **fields):
    version = package_import(file=VALID / zip_name)
    return theme.add_child(instance=ModulePage(title=title, slug=slug, package=version.package, open_to_all=open_to_all, **fields))


def course_create(modules, *, title="Kỹ năng số cho mọi người", slug="ky-nang-so", enrolment=CoursePage.Enrolment.OPEN, **fields):
    course = home().add_child(instance=CoursePage(title=title, slug=slug, enrolment=enrolment, **fields))
    for order, module in enumerate(modules):
        CourseModule.objects.create(course=course, module=module, sort_order=order)
    return course


def url(page, language="vi"):
    """A page's URL in a language (page.url follows whichever language a previous request activated)."""
    with translation.override(language):
        return page.url
