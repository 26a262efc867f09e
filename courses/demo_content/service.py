"""Load the demo catalog: build the 12 modules, import them through the player's ingestion
service, and publish the home page, themes, module pages and courses in Wagtail.

Idempotent, and cheap when nothing changed: the packages are rebuilt in memory (tens of
milliseconds) and compared by sha256 with what is already imported, so a re-run imports
nothing and creates nothing. Pages are found by slug. Pages that exist are left as editors
made them; only a module whose built zip changed gets a new package version, and only
while its package is still the builder's (an editor who uploaded their own package keeps it).
"""

import io
import logging
from dataclasses import dataclass, field
from html import escape

from django.db import transaction
from wagtail.models import Page

from courses.models import CourseModule, CoursePage, HomePage, ModulePage, ThemePage
from courses.package_builder import package_build, package_sha256
from scorm_player.models import PackageVersion
from scorm_player.services import package_import

from . import COURSES, HOME_INTRO, module_descriptions

logger = logging.getLogger(__name__)

MANIFEST_IDENTIFIER_PREFIX = "vn.binhdan."
HOME_TITLE = "Bình dân học vụ số"


@dataclass
class DemoContentReport:
    created_pages: list = field(default_factory=list)  # slugs
    imported_versions: list = field(default_factory=list)  # module identifiers
    kept_editor_packages: list = field(default_factory=list)  # modules whose package an editor replaced

    @property
    def changed(self):
        return bool(self.created_pages or self.imported_versions)


def _publish(page):
    page.save_revision().publish()


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _create_child(parent, page, report):
    parent.add_child(instance=page)
    _publish(page)
    report.created_pages.append(page.slug)
    return page


def _home(report):
    home = HomePage.objects.first()
    if home is None:  # migration 0002 creates it; a database where it was deleted gets a new one
        home = _create_child(Page.get_first_root_node(), HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO), report)
    elif not home.intro:
        home.intro = HOME_INTRO
        _publish(home)
    return home


def _is_builders(version, description):
    return (version.manifest or {}).get("identifier") == MANIFEST_IDENTIFIER_PREFIX + description.identifier


def _module_package(page, description, zip_bytes, report):
    """The package the module page should show, importing the built zip when it is new."""
    zip_sha256 = package_sha256(zip_bytes)
    package = page.package if page is not None else None
    if package is None:
        # A package imported by an interrupted earlier run, not yet attached to its page.
        existing = PackageVersion.objects.filter(zip_sha256=zip_sha256, package__current_version__zip_sha256=zip_sha256).first()
        if existing is not None and not existing.package.module_pages.exists():
            return existing.package
    current = package.current_version if package is not None else None
    if current is not None and current.zip_sha256 == zip_sha256:
        return package
    if current is not None and not _is_builders(current, description):
        report.kept_editor_packages.append(description.identifier)
        return package
    version = package_import(file=io.BytesIO(zip_bytes), title=description.title, package=package)
    report.imported_versions.append(description.identifier)
    logger.info("Imported demo module %s as package %s version %s", description.identifier, version.package_id, version.number)
    return version.package


def _module_body(description):
    topics = "".join(f"<li>{escape(slide.title)}</li>" for slide in description.slides)
    return (
        f"<p>{escape(description.summary)}</p>"
        f"<p>Nội dung bài học ({len(description.slides)} trang và {len(description.quiz)} câu hỏi kiểm tra):</p><ul>{topics}</ul>"
    )


def _module_page(theme_page, description, report):
    zip_bytes = package_build(description=description)
    page = _child(theme_page, ModulePage, description.identifier)
    package = _module_package(page, description, zip_bytes, report)
    if page is None:
        page = _create_child(theme_page, ModulePage(
            title=description.title,
            slug=description.identifier,
            package=package,
            summary=description.summary,
            body=_module_body(description),
            duration_minutes=max(1, round(description.reading_minutes())),
            open_to_all=True,
        ), report)
    elif page.package_id is None:
        page.package = package
        _publish(page)
    return page


def _course(home, course, modules_by_slug, report):
    page = _child(home, CoursePage, course["slug"])
    if page is not None:
        return page
    page = CoursePage(
        title=course["title"],
        slug=course["slug"],
        summary=course["summary"],
        enrolment=course["enrolment"],
        completion_rule=course["completion_rule"],
        awards_certificate=True,
    )
    page.course_modules = [
        CourseModule(module=modules_by_slug[slug], sort_order=order) for order, slug in enumerate(course["modules"])
    ]
    return _create_child(home, page, report)


def demo_content_load() -> DemoContentReport:
    """Create what is missing of the demo catalog; return what was created or imported."""
    report = DemoContentReport()
    with transaction.atomic():
        home = _home(report)
    theme_pages = {}
    modules_by_slug = {}
    for theme, description in module_descriptions():
        slug = theme.THEME["slug"]
        if slug not in theme_pages:
            with transaction.atomic():
                theme_pages[slug] = _child(home, ThemePage, slug) or _create_child(
                    home, ThemePage(title=theme.THEME["title"], slug=slug, summary=theme.THEME["summary"]), report
                )
        # Each module stands alone: an interrupted run leaves whole modules, and the next run completes the rest.
        with transaction.atomic():
            modules_by_slug[description.identifier] = _module_page(theme_pages[slug], description, report)
    with transaction.atomic():
        for course in COURSES:
            _course(home, course, modules_by_slug, report)
    return report


def demo_packages():
    """The demo modules' packages, by module identifier (for tests and reports)."""
    pages = ModulePage.objects.filter(slug__in=[d.identifier for _, d in module_descriptions()])
    return {page.slug: page.package for page in pages.select_related("package__current_version") if page.package_id}

