"""The catalog's page models, the Wagtail way: where each type may be created, and each renders."""

import re
from html import unescape as html_unescape
from urllib.parse import urlencode

import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from courses.models import CoursePage, Enrolment, HomePage, ModulePage, ThemePage
from scorm_player.models import Attempt
from tests.courses.catalog import course_create, home, module_create, theme_create, url


class CatalogPageTypesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_holds_themes_and_courses(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {ThemePage, CoursePage})

    def test_themes_sit_under_the_home_page_and_hold_modules(self):
        self.assertAllowedParentPageTypes(ThemePage, {HomePage})
        self.assertAllowedSubpageTypes(ThemePage, {ModulePage})

    def test_modules_sit_only_in_themes_and_have_no_children(self):
        self.assertAllowedParentPageTypes(ModulePage, {ThemePage})
        self.assertAllowedSubpageTypes(ModulePage, set())
        self.assertCanNotCreateAt(HomePage, ModulePage)

    def test_courses_sit_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(CoursePage, {HomePage})
        self.assertAllowedSubpageTypes(CoursePage, set())
        self.assertCanCreateAt(HomePage, CoursePage)
        self.assertCanNotCreateAt(ThemePage, CoursePage)

    def test_a_second_home_page_cannot_be_created(self):
        home()
        root = Page.get_first_root_node()

        assert HomePage.objects.count() == 1
        assert not HomePage.can_create_at(root)  # max_count = 1

    def test_an_editor_creates_a_theme_through_the_admin(self):
        self.login()
        self.assertCanCreate(home(), ThemePage, nested_form_data({
            "title": "Sử dụng dịch vụ số thiết yếu", "slug": "dich-vu-so", "summary": "Dịch vụ công trực tuyến",
        }))
        assert ThemePage.objects.filter(slug="dich-vu-so").exists()

    def test_an_editor_creates_a_course_with_its_modules_through_the_admin(self):
        self.login()
        theme = theme_create()
        module = theme.add_child(instance=ModulePage(title="Mô-đun", slug="mo-dun"))
        self.assertCanCreate(home(), CoursePage, nested_form_data({
            "title": "Khoá học", "slug": "khoa-hoc", "summary": "", "body": rich_text("<p>Nội dung</p>"),
            "completion_rule": "completed", "awards_certificate": "on", "enrolment": "open",
            "course_modules": inline_formset([{"module": module.pk}]),
        }))
        assert CoursePage.objects.get(slug="khoa-hoc").modules() == [module]


@pytest.fixture
def catalog(local_storage):
    theme = theme_create(summary="Những kỹ năng số đầu tiên")
    module = module_create(theme, summary="Giữ an toàn khi dùng mạng", duration_minutes=6)
    course = course_create([module], summary="Khoá học mở")
    return theme, module, course


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("lan", password="x-strong-password-1")


@pytest.mark.django_db
def test_the_catalog_lists_themes_with_their_modules_and_the_courses(client, catalog):
    theme, module, course = catalog

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert theme.title in html and module.title in html and course.title in html
    assert url(module) in html


@pytest.mark.django_db
def test_the_catalog_shows_a_signed_in_learners_status_badges(client, catalog, learner):
    _theme, module, _course = catalog
    Attempt.objects.create(learner=learner, sco=module.version.scos.get(), completion_status="completed", closed_at=timezone.now())
    client.force_login(learner)

    html = client.get("/en/").content.decode()

    assert 'class="badge completed"' in html


@pytest.mark.django_db
def test_a_theme_page_renders_its_modules(client, catalog):
    theme, module, _course = catalog

    response = client.get(url(theme))

    assert response.status_code == 200
    assert module.title in response.content.decode()


@pytest.mark.django_db
def test_a_module_page_asks_an_anonymous_visitor_to_sign_in_and_come_back(client, catalog):
    _theme, module, _course = catalog

    html = client.get(url(module)).content.decode()

    assert 'href="/accounts/sign-in/?next=%2Fnhan-thuc-so%2Fan-toan%2F"' in html


@pytest.mark.django_db
def test_a_module_page_offers_start_then_resume_then_review(client, catalog, learner):
    _theme, module, _course = catalog
    client.force_login(learner)
    # The player's "←" comes back to the module page.
    player = f"/scorm/play/{module.version.pk}/?" + urlencode({"back": url(module, "en")})
    sco = module.version.scos.get()

    start = client.get(url(module, "en")).content.decode()
    Attempt.objects.create(learner=learner, sco=sco, state={"cmi": {"core": {"exit": "suspend"}}}, completion_status="incomplete", total_seconds=180)
    resume = client.get(url(module, "en")).content.decode()
    Attempt.objects.filter(learner=learner).update(completion_status="passed", score_scaled=0.85, closed_at=timezone.now())
    review = client.get(url(module, "en")).content.decode()

    assert f'id="module-action" href="{player}">Start<' in start
    assert f'id="module-action" href="{player}">Resume<' in resume and "3 min" in resume
    assert f'id="module-action" href="{player}&amp;mode=browse">Review<' in review
    assert "85%" in review and 'data-status="passed"' in review


@pytest.mark.django_db
def test_a_closed_module_tells_a_learner_who_is_not_enrolled_to_enrol(client, local_storage, learner):
    module = module_create(theme_create(), open_to_all=False)
    client.force_login(learner)

    html = client.get(url(module, "en")).content.decode()

    assert 'id="module-action"' not in html
    assert "Enrol in the course to study it" in html


@pytest.mark.django_db
def test_a_course_page_shows_each_modules_status_and_the_progress_of_an_enrolled_learner(client, catalog, learner):
    _theme, module, course = catalog
    Enrolment.objects.create(learner=learner, course=course)
    Attempt.objects.create(learner=learner, sco=module.version.scos.get(), completion_status="completed", closed_at=timezone.now())
    client.force_login(learner)

    html = client.get(url(course, "en")).content.decode()

    assert '<progress id="course-progress" max="1" value="1">100%</progress>' in html
    assert "1 of 1 lessons done" in html
    assert 'class="badge completed"' in html


@pytest.mark.django_db
def test_an_open_course_offers_enrolment_and_an_assigned_one_shows_the_deadline(client, catalog, learner):
    _theme, module, open_course = catalog
    assigned = course_create([module], title="Bắt buộc", slug="bat-buoc", enrolment=CoursePage.Enrolment.ASSIGNED)
    Enrolment.objects.create(learner=learner, course=assigned, source=Enrolment.Source.ASSIGNED, deadline="2030-01-31")
    client.force_login(learner)

    open_html = client.get(url(open_course, "en")).content.decode()
    assigned_html = client.get(url(assigned, "en")).content.decode()

    assert f'action="/en/enrol/{open_course.pk}/"' in open_html
    assert "Deadline" in assigned_html and "2030" in assigned_html
    assert "/enrol/" not in assigned_html


@pytest.mark.django_db
def test_pages_render_in_english_under_the_en_prefix(client, catalog):
    _theme, module, _course = catalog

    html = client.get(url(module, "en")).content.decode()

    assert '<html lang="en">' in html and "Sign in to start" in html


# --- editor tools on module pages


@pytest.fixture
def editor(django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("editor", password="x-strong-password-1")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


@pytest.mark.django_db
def test_a_module_pages_admin_header_offers_upload_preview_and_learner_counts(client, catalog, editor, learner):
    _theme, module, _course = catalog
    Attempt.objects.create(learner=learner, sco=module.version.scos.get(), completion_status="completed", closed_at=timezone.now())
    client.force_login(editor)

    html = client.get(f"/admin/pages/{module.pk}/edit/").content.decode()

    assert f"/admin/scorm/upload/?package={module.package_id}" in html
    preview = re.search(rf'href="(/scorm/play/{module.version.pk}/[^"]*)"', html).group(1)
    assert "1 started, 1 finished" in html
    player = client.get(html_unescape(preview)).content.decode()
    assert f'<a href="/admin/pages/{module.pk}/edit/"' in player  # "←" back to the editor


@pytest.mark.django_db
def test_the_upload_link_preselects_the_modules_package(client, catalog, editor):
    _theme, module, _course = catalog
    client.force_login(editor)

    html = client.get(f"/admin/scorm/upload/?package={module.package_id}").content.decode()

    assert f'<option value="{module.package_id}" selected>' in html


@pytest.mark.django_db
def test_module_activity_counts_distinct_learners_who_started_and_finished(client, catalog, editor, django_user_model):
    _theme, module, _course = catalog
    sco = module.version.scos.get()
    finished, started = (django_user_model.objects.create_user(name) for name in ("finished", "started"))
    Attempt.objects.create(learner=finished, sco=sco, number=1, completion_status="incomplete", closed_at=timezone.now())
    Attempt.objects.create(learner=finished, sco=sco, number=2, completion_status="passed", closed_at=timezone.now())
    Attempt.objects.create(learner=started, sco=sco, number=1, completion_status="incomplete")
    client.force_login(editor)

    html = client.get("/admin/modules/activity/").content.decode()

    row = html[html.index(f'id="module-{module.pk}"'):]
    assert row.index("<td data-started>2</td>") < row.index("<td data-finished>1</td>") < row.index("</tr>")


@pytest.mark.django_db
def test_learners_cannot_see_the_module_activity_report(client, learner):
    client.force_login(learner)

    response = client.get("/admin/modules/activity/")

    assert response.status_code in (302, 403)
    assert "data-started" not in response.content.decode()


@pytest.mark.django_db
def test_module_images_are_small_lazy_renditions(client, catalog):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images.models import Image

    _theme, module, _course = catalog
    buffer = BytesIO()
    PillowImage.new("RGB", (1600, 900), "#0b5394").save(buffer, "JPEG")
    module.image = Image.objects.create(title="Ảnh", file=ImageFile(buffer, name="module.jpg"))
    module.save_revision().publish()

    html = client.get(url(module.get_parent())).content.decode()

    image_tag = html[html.index("<img"):html.index(">", html.index("<img"))]
    assert 'loading="lazy"' in image_tag and 'width="160"' in image_tag and 'height="90"' in image_tag
    assert ".fill-160x90." in image_tag


@pytest.mark.django_db
def test_the_catalogs_queries_do_not_grow_with_the_number_of_modules(client, catalog, learner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    theme, module, _course = catalog
    client.force_login(learner)
    client.get("/")  # warm the site-root cache
    with CaptureQueriesContext(connection) as one_module:
        client.get("/")
    for n in range(3):
        module_create(theme, title=f"Bài {n}", slug=f"bai-{n}")
    with CaptureQueriesContext(connection) as four_modules:
        client.get("/")

    assert len(four_modules) == len(one_module), [q["sql"][:120] for q in four_modules.captured_queries]
