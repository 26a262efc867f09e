"""Hostile zips through the import service itself: refused for the right reason, and nothing left behind.

test_zipsafety.py checks each defence on its own; here every case goes through
package_import, the one door of the admin, the command and the Celery job, and
must leave storage and database exactly as they were.
"""

import io
import os
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest

from scorm_player.errors import PackageRejected
from scorm_player.models import Package, PackageVersion, Sco
from scorm_player.services import package_import
from scorm_player.zipsafety import inspect_zip
from tests.scorm_player import adversarial
from tests.scorm_player.test_package_import import stored_files
from tests.services import shared_fixtures_dir

pytestmark = pytest.mark.django_db

GOLF_ZIP = shared_fixtures_dir() / "valid" / "RuntimeBasicCalls_SCORM12.zip"
INDEX = {"index.html": b"<html><body>Lesson</body></html>"}


def package_with(*extra_entries, manifest=None):
    """A valid one-SCO package plus `extra_entries` ((name or ZipInfo, data) pairs), in that order."""
    entries = [("imsmanifest.xml", manifest or adversarial.scorm12_manifest()), *INDEX.items(), *extra_entries]
    return adversarial.zip_bytes(entries)


def lying_bomb(honest_files=30):
    """Honest files first, then an entry whose header claims 1,000 bytes and that inflates to 8 MiB.

    Inspection cannot see the lie: it shows only while extracting, after the
    honest files have been written.
    """
    honest = [(f"media/page{index:02d}.html", f"<p>{index}</p>".encode()) for index in range(honest_files)]
    archive = package_with(*honest, ("zz/bomb.bin", adversarial.ZEROS_PER_MIB * 8))
    return adversarial.patch_entry(archive, "zz/bomb.bin", declared_size=1000)


def duplicate_identifiers():
    items = (
        '<item identifier="lesson" identifierref="res_1"><title>One</title></item>'
        '<item identifier="lesson" identifierref="res_1"><title>Two</title></item>'
    )
    return package_with(manifest=adversarial.scorm12_manifest(items))


def two_top_level_folders():
    return adversarial.zip_bytes(
        [
            ("course-a/imsmanifest.xml", adversarial.scorm12_manifest()),
            ("course-a/index.html", b"<html></html>"),
            ("course-b/imsmanifest.xml", adversarial.scorm12_manifest()),
            ("course-b/index.html", b"<html></html>"),
        ]
    )


def manifest_of_20_mb():
    manifest = adversarial.oversized_manifest(20 * 1024 * 1024)
    # Stored, not deflated: 20 MB of one letter would otherwise be refused as a zip bomb first.
    return adversarial.zip_bytes([("imsmanifest.xml", manifest), *INDEX.items()], compression=zipfile.ZIP_STORED)


# (case, zip bytes builder, expected code, settings for the case)
HOSTILE = [
    *[
        (f"zip slip {name}", lambda name=name: package_with((name, b"owned")), "path_traversal", {})
        for name in ("../x", "a/../../x", "/etc/x", "C:\\x", "C:/x", "a\\..\\x")
    ],
    ("symlink entry", lambda: package_with((adversarial.symlink_info("shared/passwd"), b"/etc/passwd")), "symlink", {}),
    ("zip bomb by ratio", lambda: package_with(("media/blank.bin", adversarial.ZEROS_PER_MIB * 4)), "zip_bomb", {}),
    ("zip bomb hidden by a lying header", lying_bomb, "zip_bomb", {}),
    ("encrypted entry", lambda: adversarial.patch_entry(package_with(), "index.html", set_flags=0x1), "encrypted", {}),
    (
        "too many files",
        lambda: package_with(*[(f"page{index}.html", b"x") for index in range(5)]),
        "too_many_files",
        {"SCORM_MAX_FILES": 5},
    ),
    (
        "too large in total",
        lambda: package_with(("a.bin", os.urandom(600)), ("b.bin", os.urandom(600))),
        "too_large",
        {"SCORM_MAX_UNCOMPRESSED_BYTES": 1000},
    ),
    ("not a zip", lambda: b"<html>certainly not a zip</html>", "not_a_zip", {}),
    ("empty file", lambda: b"", "not_a_zip", {}),
    ("truncated zip", lambda: GOLF_ZIP.read_bytes()[: GOLF_ZIP.stat().st_size // 2], "not_a_zip", {}),
    ("XXE manifest", lambda: package_with(manifest=adversarial.xxe_manifest()), "unsafe_manifest", {}),
    ("billion laughs manifest", lambda: package_with(manifest=adversarial.billion_laughs_manifest()), "unsafe_manifest", {}),
    ("20 MB manifest", manifest_of_20_mb, "manifest_too_large", {}),
    ("two top-level folders without a root manifest", two_top_level_folders, "no_manifest", {}),
    ("duplicate identifiers", duplicate_identifiers, "duplicate_identifier", {}),
]
CASES = {case: (build, code, overrides) for case, build, code, overrides in HOSTILE}

# One of each kind of defence, also against real object storage.
S3_CASES = ["zip slip ../x", "zip bomb hidden by a lying header", "XXE manifest", "truncated zip", "duplicate identifiers"]


@pytest.fixture(params=["path", "file object"])
def as_upload(request, tmp_path):
    """The zip as the command passes it (a path) and as the Celery job does (an open file)."""

    def convert(data):
        zip_path = tmp_path / "upload.zip"
        zip_path.write_bytes(data)
        return zip_path if request.param == "path" else io.BytesIO(data)

    return convert


def assert_nothing_left(storage):
    assert stored_files(storage) == set()
    assert not Package.objects.exists()
    assert not PackageVersion.objects.exists()
    assert not Sco.objects.exists()


def rejection(source, **options):
    with pytest.raises(PackageRejected) as rejected:
        package_import(file=source, **options)
    return rejected.value


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_zip_is_rejected_with_its_reason_and_leaves_nothing(case, as_upload, local_storage, settings):
    build, code, overrides = CASES[case]
    for name, value in overrides.items():
        setattr(settings, name, value)

    rejected = rejection(as_upload(build()))

    assert rejected.code == code
    assert rejected.message
    assert_nothing_left(local_storage)


@pytest.mark.integration
@pytest.mark.parametrize("case", S3_CASES)
def test_a_hostile_zip_leaves_nothing_in_seaweedfs(case, as_upload, s3_storage):
    build, code, _overrides = CASES[case]

    rejected = rejection(as_upload(build()))

    assert rejected.code == code
    assert_nothing_left(s3_storage)


def test_the_lying_header_passes_inspection_and_is_caught_while_extracting():
    entries = inspect_zip(io.BytesIO(lying_bomb()))

    assert next(entry for entry in entries if entry.path == "zz/bomb.bin").size == 1000


def files_seen_while_extracting(storage):
    """A progress callback that records how many files were in storage at each call."""
    seen = []

    def progress(done, total):
        seen.append(len(stored_files(storage)))

    return seen, progress


def test_files_written_before_a_hidden_bomb_goes_off_are_removed(local_storage):
    seen, progress = files_seen_while_extracting(local_storage)

    rejected = rejection(io.BytesIO(lying_bomb(honest_files=30)), progress=progress)

    assert rejected.code == "zip_bomb"
    assert seen and seen[0] >= 25, "honest files were on disk before the bomb was reached"
    assert_nothing_left(local_storage)


@pytest.mark.integration
def test_files_uploaded_before_a_hidden_bomb_goes_off_are_removed_from_seaweedfs(s3_storage):
    seen, progress = files_seen_while_extracting(s3_storage)

    rejected = rejection(io.BytesIO(lying_bomb(honest_files=30)), progress=progress)

    assert rejected.code == "zip_bomb"
    assert seen and seen[0] >= 25, "honest files were uploaded before the bomb was reached"
    assert_nothing_left(s3_storage)


def first_line_of_etc_passwd():
    return Path("/etc/passwd").read_text().splitlines()[0]


def test_an_xxe_manifest_never_brings_etc_passwd_into_the_lms(local_storage):
    secret = first_line_of_etc_passwd()  # "root:x:0:0:..."

    rejected = rejection(io.BytesIO(package_with(manifest=adversarial.xxe_manifest())))

    assert rejected.code == "unsafe_manifest"
    assert secret not in str(rejected) and secret not in repr(rejected.params)
    assert_nothing_left(local_storage)


def test_a_billion_laughs_manifest_is_refused_without_expanding_it(local_storage):
    started = time.perf_counter()

    rejected = rejection(io.BytesIO(package_with(manifest=adversarial.billion_laughs_manifest())))

    assert rejected.code == "unsafe_manifest"
    assert time.perf_counter() - started < 2  # expanding it would take minutes and gigabytes


# --- what the specification allows ------------------------------------------


def launch_file(version, sco):
    """The stored name of a SCO's launch file: its launch URL without query or fragment."""
    return version.storage_prefix + sco.launch.split("?", 1)[0].split("#", 1)[0]


def folder_package():
    files = {"index.html": b"<html>lesson</html>", "shared/style.css": b"body {}"}
    return adversarial.scorm_zip(adversarial.scorm12_manifest(), files, folder="Golf Course/")


def assert_stored_relative_to_the_manifest_folder(version, storage):
    prefix = version.storage_prefix
    assert stored_files(storage) == {prefix + "imsmanifest.xml", prefix + "index.html", prefix + "shared/style.css"}
    (sco,) = version.scos.all()
    assert sco.launch == "index.html"
    with storage.open(launch_file(version, sco)) as launched:
        assert launched.read() == b"<html>lesson</html>"


def test_a_package_zipped_inside_one_folder_is_stored_relative_to_its_manifest(as_upload, local_storage):
    version = package_import(file=as_upload(folder_package()))

    assert_stored_relative_to_the_manifest_folder(version, local_storage)
    assert version.file_count == 3


@pytest.mark.integration
def test_a_package_zipped_inside_one_folder_launches_from_seaweedfs(s3_storage):
    version = package_import(file=io.BytesIO(folder_package()))

    assert_stored_relative_to_the_manifest_folder(version, s3_storage)


def cp437_named_package():
    """A package whose file names are cp437 bytes without the UTF-8 flag, as old Windows tools write them."""
    resources = (
        '<resource identifier="res_1" type="webcontent" adlcp:scormtype="sco" href="café.html">'
        '<file href="café.html"/><file href="Übung/straße.css"/></resource>'
    )
    manifest = adversarial.scorm12_manifest(resources=resources)
    raw_names = {"café.html": b"<html>caf\xc3\xa9</html>", "Übung/straße.css": b"p {}"}
    placeholders = {name: "x" * len(name.encode("cp437")) for name in raw_names}
    archive = adversarial.zip_bytes(
        [("imsmanifest.xml", manifest), *((placeholders[name], data) for name, data in raw_names.items())]
    )
    for name in raw_names:
        archive = adversarial.patch_entry(
            archive, placeholders[name], raw_name=name.encode("cp437"), clear_flags=0x800
        )
    return archive, raw_names


def test_cp437_file_names_are_accepted_and_stored_under_their_normalised_names(as_upload, local_storage):
    archive, files = cp437_named_package()

    version = package_import(file=as_upload(archive))

    prefix = version.storage_prefix
    assert stored_files(local_storage) == {prefix + "imsmanifest.xml"} | {
        prefix + unicodedata.normalize("NFC", name) for name in files
    }
    for name, data in files.items():
        with local_storage.open(prefix + name) as stored:
            assert stored.read() == data
    (sco,) = version.scos.all()
    assert sco.launch == "café.html"
    assert local_storage.exists(launch_file(version, sco))
    assert not version.warnings, "every file the manifest lists was found under its decoded name"
