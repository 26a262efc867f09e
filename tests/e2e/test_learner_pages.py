"""Learner pages in headless Chromium at 360 × 640: no serious or critical axe-core violations,
under 150 KB transferred, usable without sideways scrolling and with large touch targets; and
a resident who signs up plays an open module (the access rule end to end)."""

import datetime
import json
import re
import time

import pytest
from django.conf import settings
from django.utils import timezone, translation
from playwright.sync_api import expect

from courses.models import CoursePage, Enrolment
from lms.models import ModuleProgress
from scorm_player.models import Attempt
from tests.courses.catalog import course_create, module_create, theme_create
from tests.services import ROOT

# Transactional: the live server's thread must see the rows. Flushing removes the migration's
# home page; tests.courses.catalog.home() rebuilds it.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_WEIGHT_LIMIT = 150 * 1024
VIEWPORT = {"width": 360, "height": 640}
UI_TIMEOUT_MS = 15_000
# Controls a thumb must hit: WCAG 2.5.5 asks 44 × 44 CSS px.
TOUCH_TARGETS = "button:visible, a.button:visible, input:not([type=hidden]):visible, select:visible, nav a:visible, .card a.title:visible, .crumb a:visible"


@pytest.fixture
def catalog(local_storage):
    theme = theme_create(summary="Những kỹ năng số đầu tiên")
    module = module_create(theme, summary="Giữ an toàn khi dùng mạng")
    closed = module_create(theme, title="Dịch vụ công", slug="dich-vu-cong", open_to_all=False)
    course = course_create([module, closed], summary="Khoá học mở cho mọi người")
    assigned = course_create([closed], title="Khoá bắt buộc", slug="bat-buoc", enrolment=CoursePage.Enrolment.ASSIGNED)
    with translation.override("vi"):
        urls = {"catalog": "/", "theme": theme.url, "module": module.url, "course": course.url}
    return {"module": module, "course": course, "assigned": assigned, "urls": urls}


@pytest.fixture
def signed_in_context(browser, live_server, client, django_user_model, catalog):
    learner = django_user_model.objects.create_user("lan", password="x-strong-password-1", first_name="Lan")
    Enrolment.objects.create(learner=learner, course=catalog["course"])
    Enrolment.objects.create(
        learner=learner, course=catalog["assigned"], source=Enrolment.Source.ASSIGNED,
        deadline=timezone.localdate() - datetime.timedelta(days=2),
    )
    Attempt.objects.create(
        learner=learner, sco=catalog["module"].version.scos.get(), completion_status="completed", closed_at=timezone.now(),
    )
    client.force_login(learner)
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}])
    yield context
    context.close()


@pytest.fixture
def anonymous_context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT)
    yield context
    context.close()


class Weighed:
    """Bytes transferred for a page and its subresources (headers and bodies), SCORM content excepted."""

    def __init__(self, page):
        self.responses = []
        page.on("requestfinished", self._record)

    def _record(self, request):
        if "/scorm/content/" in request.url:
            return
        sizes = request.sizes()
        self.responses.append((request.url, sizes["responseHeadersSize"] + sizes["responseBodySize"]))

    @property
    def total(self):
        return sum(size for _url, size in self.responses)


def axe_serious_violations(page):
    page.add_script_tag(path=str(AXE_SCRIPT))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in violations if v["impact"] in ("serious", "critical")
    ]


def small_targets(page, selector=TOUCH_TARGETS):
    small = []
    for element in page.locator(selector).all():
        box = element.bounding_box()
        if box and (box["height"] < 44 or box["width"] < 44):
            small.append((element.evaluate("e => e.outerHTML.slice(0, 120)"), round(box["width"]), round(box["height"])))
    return small


def check_learner_page(context, path):
    """Open a page as a learner on a phone; return the bytes it transferred."""
    page = context.new_page()
    weighed = Weighed(page)
    response = page.goto(path, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert response.status == 200, f"{path} answered {response.status}"

    violations = axe_serious_violations(page)
    assert violations == [], f"axe-core on {path}:\n" + json.dumps(violations, indent=2, ensure_ascii=False)
    assert page.locator("h1").count() == 1, path
    assert page.evaluate("document.documentElement.lang") in ("vi", "en")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= VIEWPORT["width"], f"{path} scrolls sideways at 360 px ({scroll_width} px wide)"
    assert small_targets(page) == [], f"touch targets under 44 px on {path}"
    assert weighed.total < PAGE_WEIGHT_LIMIT, f"{path} transferred {weighed.total} bytes: {weighed.responses}"
    page.close()
    return weighed.total


def test_learner_pages_pass_axe_weigh_under_150_kb_and_fit_360_px(signed_in_context, anonymous_context, catalog):
    measurements = {}
    for path in [*catalog["urls"].values(), "/my-learning/", "/search/?q=an+toan", "/en/"]:
        measurements[path] = check_learner_page(signed_in_context, path)
    for path in ["/accounts/sign-up/", "/accounts/sign-in/", catalog["urls"]["module"]]:
        measurements[f"{path} (signed out)"] = check_learner_page(anonymous_context, path)
    print("page weight (bytes):", json.dumps(measurements, indent=1))  # noqa: T201 - reported in the issue


def test_the_player_passes_axe_and_fits_a_phone_with_large_touch_targets(signed_in_context, catalog):
    """With the back arrow and the reload offer shown (as when another tab took over)."""
    page = signed_in_context.new_page()
    # Only the page is looked at: its commits stay on the device, not racing the teardown's flush.
    page.route("**/scorm/commit/**", lambda route: route.abort())
    version = catalog["module"].version
    page.goto(f"/scorm/play/{version.pk}/?back={catalog['urls']['module']}", wait_until="load")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { document.getElementById('reload').hidden = false; }")

    violations = axe_serious_violations(page)
    assert violations == [], "axe-core on the player:\n" + json.dumps(violations, indent=2, ensure_ascii=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"]
    assert small_targets(page, "header a:visible, header button:visible, .navbar :is(a, button):visible") == []


@pytest.fixture
def resident_context(browser, network_link):
    """A signed-out phone reaching the live server through `network_link`."""
    context = browser.new_context(base_url=network_link.url, viewport=VIEWPORT)
    yield context
    # The player's last commit on closing must not reach a server whose database is being emptied.
    network_link.down()
    context.close()


def test_a_resident_signs_up_and_plays_an_open_module(resident_context, catalog):
    page = resident_context.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    module_url = catalog["urls"]["module"]

    page.goto(module_url)
    page.locator("#module-action").click()  # "sign in to start", back to the module afterwards
    page.locator("main a[href^='/accounts/sign-up/?next=']").click()
    page.fill("#id_full_name", "Trần Thị Lan")
    page.fill("#id_login", "0912 345 678")
    page.fill("#id_password", "hoc-vu-so-2026")
    page.fill("#id_password_again", "hoc-vu-so-2026")
    page.locator("main button[type=submit]").click()

    page.wait_for_url(f"**{module_url}")
    version = catalog["module"].version
    # The SCO's launch page is served (under /scorm/content/) only to a learner the access rule lets in.
    with page.expect_response(lambda r: f"/scorm/content/{version.pk}/" in r.url) as launch:
        page.locator("#module-action").click()
    page.wait_for_url(re.compile(rf"/scorm/play/{version.pk}/\?back="))

    assert launch.value.status == 200
    expect(page.frame_locator("#sco").locator("body")).not_to_be_empty()
    attempt = Attempt.objects.get(learner__learner__phone="+84912345678")
    assert attempt.sco.version == catalog["module"].version
    page.locator("header a[aria-label]").click()  # "←": back to the module page
    page.wait_for_url(f"**{module_url}")
    # The player's last commit, sent as it went, is stored with the progress it moves before
    # the database is emptied: a write still under way there deadlocks the flush. The device
    # keeps a copy until it hears back, which a page gone never does: the module page sends
    # it again, and clears it once answered.
    deadline = time.monotonic() + 20
    while not (
        page.evaluate("Object.keys(localStorage).filter(k => k.endsWith(':pending')).length") == 0
        and ModuleProgress.objects.filter(learner=attempt.learner, started_at__isnull=False).exists()
    ):
        assert time.monotonic() < deadline, "the player's last commit was not stored"
        time.sleep(0.2)
    time.sleep(0.5)  # the end of that request
