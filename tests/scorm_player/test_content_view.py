"""Package files are streamed through the LMS origin, only to learners allowed to play them:
the player page, which checks the access rule, gives the browser a content URL carrying a
signed, expiring proof of that check (no session lookup per file)."""

import json
import re
import time
import unicodedata
import zipfile

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from scorm_player.content import CONTENT_TOKEN_WINDOW_SECONDS, content_token
from scorm_player.services import package_import
from tests.scorm_player.wsgi_client import WsgiClient
from tests.services import shared_fixtures_dir

pytestmark = pytest.mark.django_db

PACKAGE = shared_fixtures_dir() / "valid" / "RuntimeBasicCalls_SCORM12.zip"
LAUNCH_PAGE = "shared/launchpage.html"


@pytest.fixture
def learner_client(client, django_user_model):
    learner = django_user_model.objects.create_user("lan", password="x-strong-password-1")
    client.force_login(learner)
    return client


def original(name):
    with zipfile.ZipFile(PACKAGE) as archive:
        return archive.read(name)


def content_root(client, version):
    """The content URL the player page gives this client's learner (fails if it gives none)."""
    page = client.get(f"/scorm/play/{version.pk}/")
    assert page.status_code == 200, page.status_code
    match = re.search(rf"/scorm/content/{version.pk}/[^/\"]+/", page.content.decode())
    assert match, "no content URL on the player page"
    return match.group(0)


def get(client, version, path, **headers):
    return client.get(content_root(client, version) + path, headers=headers)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("storage_fixture", ["local_storage", pytest.param("s3_storage", marks=pytest.mark.integration)])
def test_files_come_back_byte_for_byte_with_their_content_type(request, storage_fixture, learner_client, allow_everyone):
    request.getfixturevalue(storage_fixture)
    version = package_import(file=PACKAGE)

    page = get(learner_client, version, LAUNCH_PAGE)
    script = get(learner_client, version, "shared/scormfunctions.js")

    assert page.status_code == 200 and body(page) == original(LAUNCH_PAGE)
    assert page["Content-Type"] == "text/html; charset=utf-8"
    assert script["Content-Type"] == "text/javascript"
    assert page["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("storage_fixture", ["local_storage", pytest.param("s3_storage", marks=pytest.mark.integration)])
def test_a_page_that_declares_its_charset_is_not_labelled_utf_8(request, storage_fixture, learner_client, allow_everyone, tmp_path):
    """A legacy Vietnamese page in windows-1258 names its charset in a meta tag; a header
    naming utf-8 would override it and garble every accented letter."""
    request.getfixturevalue(storage_fixture)
    legacy = unicodedata.normalize("NFD", (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
        "<title>Bài 1</title></head><body>Chào bạn</body></html>"
    )).encode("cp1258")  # windows-1258 writes most tones as combining marks
    package = tmp_path / "legacy.zip"
    with zipfile.ZipFile(PACKAGE) as source, zipfile.ZipFile(package, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("shared/legacy.html", legacy)
    version = package_import(file=package)

    page = get(learner_client, version, "shared/legacy.html")
    modern = get(learner_client, version, LAUNCH_PAGE)

    assert page.status_code == 200 and body(page) == legacy
    assert page["Content-Type"] == "text/html"
    assert modern["Content-Type"] == "text/html; charset=utf-8" and body(modern) == original(LAUNCH_PAGE)
    part = get(learner_client, version, "shared/legacy.html", Range="bytes=20-")  # a part has the page's type
    assert part.status_code == 206 and part["Content-Type"] == "text/html" and body(part) == legacy[20:]
    modern_part = get(learner_client, version, LAUNCH_PAGE, Range="bytes=5-9")
    assert modern_part["Content-Type"] == "text/html; charset=utf-8" and body(modern_part) == original(LAUNCH_PAGE)[5:10]


@pytest.mark.parametrize("storage_fixture", ["local_storage", pytest.param("s3_storage", marks=pytest.mark.integration)])
def test_range_requests_return_exactly_the_bytes_asked_for(request, storage_fixture, learner_client, allow_everyone):
    request.getfixturevalue(storage_fixture)
    version = package_import(file=PACKAGE)
    whole = original(LAUNCH_PAGE)

    middle = get(learner_client, version, LAUNCH_PAGE, Range="bytes=100-199")
    tail = get(learner_client, version, LAUNCH_PAGE, Range="bytes=-50")
    beyond = get(learner_client, version, LAUNCH_PAGE, Range=f"bytes={len(whole) + 10}-")

    assert middle.status_code == 206 and body(middle) == whole[100:200]
    assert middle["Content-Range"] == f"bytes 100-199/{len(whole)}"
    assert tail.status_code == 206 and body(tail) == whole[-50:]
    assert beyond.status_code == 416


def test_a_learner_without_access_gets_404(learner_client, local_storage):
    version = package_import(file=PACKAGE)

    # No player page, so no content URL; a guessed or old-style URL gets nothing either.
    assert learner_client.get(f"/scorm/play/{version.pk}/").status_code == 404
    assert learner_client.get(f"/scorm/content/{version.pk}/{LAUNCH_PAGE}").status_code == 404
    assert learner_client.get(f"/scorm/content/{version.pk}/forged-token/{LAUNCH_PAGE}").status_code == 404


def test_anonymous_visitors_get_nothing(client, local_storage, allow_everyone):
    version = package_import(file=PACKAGE)

    assert client.get(f"/scorm/play/{version.pk}/").status_code == 302
    assert client.get(f"/scorm/content/{version.pk}/{LAUNCH_PAGE}").status_code == 404
    assert client.get(f"/scorm/content/{version.pk}/x:y/{LAUNCH_PAGE}").status_code == 404


def test_a_content_token_opens_only_its_own_version_and_expires(learner_client, local_storage, allow_everyone):
    version = package_import(file=PACKAGE)
    other = package_import(file=shared_fixtures_dir() / "valid" / "ContentPackagingSingleSCO_SCORM12.zip")
    session_key = learner_client.session.session_key
    token = content_token(version, session_key)
    expired = content_token(version, session_key, now=time.time() - 2 * CONTENT_TOKEN_WINDOW_SECONDS)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")

    assert learner_client.get(f"/scorm/content/{version.pk}/{token}/{LAUNCH_PAGE}").status_code == 200
    assert learner_client.get(f"/scorm/content/{other.pk}/{token}/{LAUNCH_PAGE}").status_code == 404
    assert learner_client.get(f"/scorm/content/{version.pk}/{expired}/{LAUNCH_PAGE}").status_code == 404
    assert learner_client.get(f"/scorm/content/{version.pk}/{tampered}/{LAUNCH_PAGE}").status_code == 404


def test_the_player_knows_how_long_its_file_addresses_open(learner_client, local_storage, allow_everyone, monkeypatch):
    """The player loads again, when shown after that, rather than let the SCO's next file fail."""
    version = package_import(file=PACKAGE)
    page = learner_client.get(f"/scorm/play/{version.pk}/").content.decode()
    valid = json.loads(re.search(r'<script id="scorm-config" type="application/json">(.*?)</script>', page, re.S).group(1))["contentValidSeconds"]
    token = re.search(r"/scorm/content/\d+/([^/]+)/", page).group(1)

    assert CONTENT_TOKEN_WINDOW_SECONDS < valid <= 2 * CONTENT_TOKEN_WINDOW_SECONDS
    url = f"/scorm/content/{version.pk}/{token}/{LAUNCH_PAGE}"
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + valid - 5)
    assert learner_client.get(url).status_code == 200
    monkeypatch.setattr(time, "time", lambda: now + valid + 5)
    assert learner_client.get(url).status_code == 404


def test_a_content_url_opens_only_in_the_session_it_was_given_to(learner_client, django_user_model, local_storage, allow_everyone):
    version = package_import(file=PACKAGE)
    url = content_root(learner_client, version) + LAUNCH_PAGE
    assert learner_client.get(url).status_code == 200
    other_browser = Client()
    other_browser.force_login(django_user_model.objects.create_user("binh", password="x-strong-password-1"))

    assert other_browser.get(url).status_code == 404  # the link copied to another browser
    assert Client().get(url).status_code == 404
    learner_client.logout()
    assert learner_client.get(url).status_code == 404


def test_the_same_content_url_is_given_for_hours_so_the_browser_cache_works(learner_client, local_storage, allow_everyone):
    version = package_import(file=PACKAGE)

    first, second = content_root(learner_client, version), content_root(learner_client, version)
    page = learner_client.get(first + LAUNCH_PAGE)
    again = learner_client.get(first + LAUNCH_PAGE, headers={"If-None-Match": page["ETag"]})

    assert first == second
    assert page["Cache-Control"] == "private, max-age=86400" and page["X-Frame-Options"] == "SAMEORIGIN"
    assert again.status_code == 304


def test_paths_outside_the_package_are_not_served(learner_client, local_storage, allow_everyone):
    version = package_import(file=PACKAGE)

    root = content_root(learner_client, version)
    for path in ["../../config/settings.py", "shared/../../x", "missing.html", "shared/", "%2e%2e/%2e%2e/config/settings.py",
                 "shared/launchpage.html%00.txt"]:
        assert learner_client.get(root + path).status_code == 404, path


def test_the_player_page_gives_the_sco_its_launch_url_and_the_state(learner_client, local_storage, allow_everyone):
    version = package_import(file=PACKAGE)

    page = learner_client.get(f"/scorm/play/{version.pk}/")

    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]  # each load is a launch, numbering its commits
    html = page.content.decode()
    assert f'/{LAUNCH_PAGE}' in html and content_root(learner_client, version) + LAUNCH_PAGE in html
    assert '"student_id"' in html and "scorm-again/scorm12.min.js" in html


@pytest.mark.parametrize("chosen, accept_language, language", [
    (None, "vi", "vi"), (None, "en-US,en;q=0.9", "vi"), ("en", "vi", "en"), ("vi", "en", "vi"), ("fr", "en", "vi"),
])
def test_the_player_speaks_the_learners_language_and_tells_the_sco(learner_client, local_storage, allow_everyone, chosen, accept_language, language):
    """The language chosen on the site (its cookie), else Vietnamese as the site's pages
    without a language prefix, whatever the browser's language: the player has no prefix."""
    version = package_import(file=PACKAGE)
    if chosen:
        learner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = chosen

    page = learner_client.get(f"/scorm/play/{version.pk}/", headers={"Accept-Language": accept_language})

    html = page.content.decode()
    config = json.loads(re.search(r'<script id="scorm-config" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert config["state"]["cmi"]["student_preference"]["language"] == language
    assert f'<html lang="{language}">' in html
    assert config["messages"]["saved"] == ("Đã lưu tiến độ." if language == "vi" else "Progress saved.")


def test_the_player_speaks_the_language_of_the_page_that_opened_it(learner_client, local_storage, allow_everyone):
    """A link to an /en/ page reaches English readers who never used the language switcher."""
    version = package_import(file=shared_fixtures_dir() / "valid" / "ContentPackagingOneFilePerSCO_SCORM12.zip")
    second = version.scos.all()[1]

    def language(query):
        return re.search(r'<html lang="(\w+)">', learner_client.get(f"/scorm/play/{version.pk}/{query}").content.decode()).group(1)

    assert language("?back=/en/digital-awareness/online-safety/") == "en"
    page = learner_client.get(f"/scorm/play/{version.pk}/").content.decode()
    assert re.search(r'"commitUrl": "/scorm/commit/[^"?]+/\?lang=en"', page)  # its commits' errors in English too
    assert language(f"?sco={second.identifier}") == "en"  # the player's next page: the same opener
    learner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert language("?back=/nhan-thuc-so/an-toan/") == "vi"  # a Vietnamese page opened it


def test_the_back_arrow_returns_to_the_page_that_opened_the_player(learner_client, local_storage, allow_everyone):
    """Kept across the player's own pages (another SCO); never another site."""
    version = package_import(file=shared_fixtures_dir() / "valid" / "ContentPackagingOneFilePerSCO_SCORM12.zip")
    second = version.scos.all()[1]

    def back_link(query):
        html = learner_client.get(f"/scorm/play/{version.pk}/{query}").content.decode()
        return re.search(r'<a href="([^"]*)" aria-label="[^"]*">←</a>', html).group(1)

    assert back_link("") == "/"
    assert back_link("?back=/vi/nhan-thuc-so/an-toan/%3Fx%3D1") == "/vi/nhan-thuc-so/an-toan/?x=1"
    assert back_link(f"?sco={second.identifier}") == "/vi/nhan-thuc-so/an-toan/?x=1"
    for elsewhere in ("//evil.example/", "https://evil.example/", "/\\evil.example/", "javascript:alert(1)"):
        assert back_link("?back=" + elsewhere) == "/vi/nhan-thuc-so/an-toan/?x=1", elsewhere


def test_a_multi_sco_package_gets_a_table_of_contents(learner_client, local_storage, allow_everyone):
    version = package_import(file=shared_fixtures_dir() / "valid" / "ContentPackagingOneFilePerSCO_SCORM12.zip")
    scos = list(version.scos.all())

    page = learner_client.get(f"/scorm/play/{version.pk}/?sco={scos[2].identifier}").content.decode()

    for sco in scos:
        assert f"?sco={sco.identifier}" in page
    token = content_token(version, learner_client.session.session_key)
    assert f"/scorm/content/{version.pk}/{token}/{scos[2].launch}" in page.replace("&amp;", "&")


@pytest.mark.parametrize("storage_fixture", ["local_storage", pytest.param("s3_storage", marks=pytest.mark.integration)])
def test_an_invalid_range_is_ignored_and_the_whole_file_sent(request, storage_fixture, learner_client, allow_everyone):
    """A range whose last byte comes before its first is invalid, not unsatisfiable: RFC 9110
    §14.2 says to ignore the header (SeaweedFS answered 416, the local storage too)."""
    request.getfixturevalue(storage_fixture)
    version = package_import(file=PACKAGE)

    response = get(learner_client, version, LAUNCH_PAGE, Range="bytes=5-2")

    assert response.status_code == 200 and body(response) == original(LAUNCH_PAGE)
    assert "Content-Range" not in response


@pytest.mark.parametrize("storage_fixture", ["local_storage", pytest.param("s3_storage", marks=pytest.mark.integration)])
@pytest.mark.parametrize("first, last, status, answered", [
    ("0", "9999999999999999999", 206, (0, None)),  # the end clipped to the file's
    ("11000", "20000", 206, (11000, None)),
    ("000100", "00199", 206, (100, 199)),
    ("", "0", 416, None),
    ("9999999999999999999", "", 416, None),
])
def test_both_storages_answer_a_range_alike(request, storage_fixture, learner_client, allow_everyone, first, last, status, answered):
    """The header is parsed once and object storage is sent only the byte range worked out
    from it: SeaweedFS refused a last byte past 2^63 (416) that the local storage clips."""
    request.getfixturevalue(storage_fixture)
    version = package_import(file=PACKAGE)
    whole = original(LAUNCH_PAGE)

    response = get(learner_client, version, LAUNCH_PAGE, Range=f"bytes={first}-{last}")

    assert response.status_code == status, (response.status_code, response.get("Content-Range"))
    if answered is None:
        assert response["Content-Range"] == f"bytes */{len(whole)}"
    else:
        start, end = answered[0], len(whole) - 1 if answered[1] is None else answered[1]
        assert response["Content-Range"] == f"bytes {start}-{end}/{len(whole)}"
        assert body(response) == whole[start:end + 1] and response["Content-Length"] == str(end - start + 1)


@pytest.mark.parametrize("storage_fixture", ["local_storage", pytest.param("s3_storage", marks=pytest.mark.integration)])
@pytest.mark.parametrize("path", [LAUNCH_PAGE, "shared/scormfunctions.js"])
def test_head_is_answered_with_the_headers_of_get_and_no_body(request, storage_fixture, learner_client, allow_everyone, path):
    """Media elements, download managers and proxies ask with HEAD (require_GET answered 405).
    Not every WSGI server drops a HEAD answer's body, so the view sends none: asked here
    through the WSGI application gunicorn serves, not the test client (which drops it)."""
    request.getfixturevalue(storage_fixture)
    version = package_import(file=PACKAGE)
    url = content_root(learner_client, version) + path
    whole = get(learner_client, version, path)
    cookie = f"{settings.SESSION_COOKIE_NAME}={learner_client.cookies[settings.SESSION_COOKIE_NAME].value}"

    head = WsgiClient().request(RequestFactory().head(url, headers={"Cookie": cookie, "Range": "bytes=0-9"}).environ)

    assert head.status_code == 200  # ranges are for GET only (RFC 9110 §14.2)
    assert head.content == b""
    assert head["Content-Length"] == str(len(original(path)))
    for name in ("Content-Type", "ETag", "Cache-Control", "Accept-Ranges", "X-Content-Type-Options"):
        assert head[name] == whole[name], name


@pytest.mark.parametrize("storage_fixture", ["local_storage", pytest.param("s3_storage", marks=pytest.mark.integration)])
def test_a_range_is_honoured_only_if_range_names_this_file(request, storage_fixture, learner_client, allow_everyone):
    """A media element resuming a download sends If-Range with the validator it saw: parts of
    another file would splice two files together (RFC 9110 §13.1.5), so it gets the whole file."""
    request.getfixturevalue(storage_fixture)
    version = package_import(file=PACKAGE)
    etag = get(learner_client, version, LAUNCH_PAGE)["ETag"]

    same = get(learner_client, version, LAUNCH_PAGE, Range="bytes=0-9", **{"If-Range": etag})
    other = get(learner_client, version, LAUNCH_PAGE, Range="bytes=0-9", **{"If-Range": '"another-file"'})
    dated = get(learner_client, version, LAUNCH_PAGE, Range="bytes=0-9", **{"If-Range": "Wed, 21 Oct 2015 07:28:00 GMT"})

    assert same.status_code == 206 and body(same) == original(LAUNCH_PAGE)[:10]
    assert other.status_code == 200 and body(other) == original(LAUNCH_PAGE)
    assert dated.status_code == 200  # no Last-Modified is sent, so no date can match
