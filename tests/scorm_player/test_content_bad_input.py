"""Odd file addresses and a storage out of reach get a clear 404 or 503 from the content
view, never a 500: a 500 is logged as a server error and, behind a proxy, retried."""

import re
import socket

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from scorm_player.content import content_response
from scorm_player.services import package_import
from tests.services import shared_fixtures_dir

pytestmark = pytest.mark.django_db

PACKAGE = shared_fixtures_dir() / "valid" / "RuntimeBasicCalls_SCORM12.zip"
LAUNCH_PAGE = "shared/launchpage.html"


@pytest.fixture
def learner_client(django_user_model):
    client = Client(raise_request_exception=False)  # a 500 is answered, as to a browser
    client.force_login(django_user_model.objects.create_user("lan", password="x-strong-password-1"))
    return client


def content_root(client, version):
    page = client.get(f"/scorm/play/{version.pk}/")
    assert page.status_code == 200, page.status_code
    return re.search(rf"/scorm/content/{version.pk}/[^/\"]+/", page.content.decode()).group(0)


@pytest.mark.parametrize("path", ["shared/" + "a" * 300 + ".html", "/".join(["c" * 250] * 20)])
def test_a_name_too_long_for_the_file_system_is_a_404(learner_client, local_storage, allow_everyone, path):
    """A path segment over 255 bytes (or a path over 4,096) makes the file system answer
    ENAMETOOLONG: no file has that name."""
    version = package_import(file=PACKAGE)

    response = learner_client.get(content_root(learner_client, version) + path)

    assert response.status_code == 404, response.status_code


@pytest.mark.parametrize("storage_fixture", ["local_storage", pytest.param("s3_storage", marks=pytest.mark.integration)])
@pytest.mark.parametrize("path", ["shared\\launchpage.html", "shared\\..\\shared\\launchpage.html", "x\\..\\shared/launchpage.html"])
def test_a_path_with_a_backslash_is_refused(request, storage_fixture, learner_client, allow_everyone, path):
    """SeaweedFS reads "\\" as a folder separator (it served the first path), and on another
    storage "..\\" could leave the package: the view's ".." check splits on "/" only."""
    request.getfixturevalue(storage_fixture)
    version = package_import(file=PACKAGE)

    response = learner_client.get(content_root(learner_client, version) + path)

    assert response.status_code == 404, response.status_code


@pytest.mark.integration
@pytest.mark.parametrize("range_header", [None, "bytes=0-9"])
def test_a_key_the_object_storage_refuses_is_no_such_file(s3_storage, allow_everyone, range_header):
    """S3 servers refuse some keys outright (InvalidRequest, KeyTooLongError, InvalidArgument)
    rather than answer NoSuchKey: for the view it is a 404 all the same. (SeaweedFS refuses a
    key with "\\..\\"; the view no longer asks for one, so content_response is called here.)"""
    version = package_import(file=PACKAGE)
    headers = {"Range": range_header} if range_header else {}
    request = RequestFactory().get("/", headers=headers)

    with pytest.raises(FileNotFoundError):
        content_response(request, s3_storage, version.storage_prefix + "x\\..\\y.html", etag='"e"')


def a_closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("method, range_header", [("get", None), ("get", "bytes=0-9"), ("head", None)])
def test_object_storage_out_of_reach_is_a_503_to_retry_later(learner_client, local_storage, settings, allow_everyone, method, range_header):
    """Storage down for a moment (restarting, the network) is no fault of the request: 503
    with Retry-After and a short message in the learner's language, not a 500."""
    version = package_import(file=PACKAGE)
    url = content_root(learner_client, version) + LAUNCH_PAGE
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": "lms", "endpoint_url": f"http://127.0.0.1:{a_closed_port()}", "region_name": "us-east-1",
        "access_key": "key", "secret_key": "secret", "default_acl": None,
    }}}
    headers = {"Range": range_header} if range_header else {}

    response = getattr(learner_client, method)(url, headers=headers)

    assert response.status_code == 503, response.status_code
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    if method == "get":
        assert "thử lại" in response.content.decode()


@pytest.mark.integration
def test_object_storage_refusing_the_lms_itself_is_a_503_not_missing_files(seaweedfs, learner_client, settings, allow_everyone, caplog):
    """A bucket gone or credentials expired is the storage refusing the LMS (NoSuchBucket,
    AccessDenied…), not a file missing: every learner would see "not found", and no alarm rings."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": seaweedfs.storage_options(location="t-gone"),
    }}
    version = package_import(file=PACKAGE)
    url = content_root(learner_client, version) + LAUNCH_PAGE
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**seaweedfs.storage_options(location="t-gone"), "bucket_name": "no-such-bucket-here"},
    }}

    response = learner_client.get(url)

    assert response.status_code == 503, response.status_code
    assert "NoSuchBucket" in caplog.text
