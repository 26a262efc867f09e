"""Importing SCORM zips through the one import service, into local storage and into SeaweedFS."""

import io
import zipfile

import pytest

from scorm_player.errors import PackageRejected
from scorm_player.models import Package, PackageVersion, Sco
from scorm_player.services import package_delete, package_import
from tests.scorm_player.manifest_oracle import (
    expected_scorm_version,
    read_fixture_manifest,
    strip_tree,
)
from tests.services import shared_fixtures_dir

pytestmark = pytest.mark.django_db

FIXTURES = shared_fixtures_dir()
VALID = sorted((FIXTURES / "valid").glob("*.zip"))
INVALID = sorted((FIXTURES / "invalid").glob("*.zip"))


def stored_files(storage, prefix=""):
    try:
        directories, files = storage.listdir(prefix)
    except FileNotFoundError:
        return set()
    found = {f"{prefix}{name}" for name in files}
    for directory in directories:
        found |= stored_files(storage, f"{prefix}{directory}/")
    return found


def assert_imported_as_manifest_says(version, zip_path, storage):
    expected = read_fixture_manifest(zip_path)
    assert version.scorm_version == expected_scorm_version(expected["schemaversion"])
    assert version.title == expected["title"]
    organization = next(o for o in version.manifest["organizations"] if o["identifier"] == expected["organization_identifier"])
    assert strip_tree(organization["items"]) == expected["items"]
    scos = list(version.scos.values("identifier", "launch"))
    assert scos == expected["scos"]
    # Every file of the zip is stored, byte for byte, under the version's content-addressed prefix.
    with zipfile.ZipFile(zip_path) as archive:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        assert version.file_count == len(names)
        for name in names:
            with storage.open(version.storage_prefix + name) as stored:
                assert stored.read() == archive.read(name), name


@pytest.mark.parametrize("zip_path", VALID, ids=lambda p: p.stem)
def test_every_valid_fixture_imports_into_local_storage(zip_path, local_storage):
    version = package_import(file=zip_path)

    assert_imported_as_manifest_says(version, zip_path, local_storage)
    assert version.package.current_version == version
    assert version.storage_prefix == f"scorm/{version.zip_sha256}/"


@pytest.mark.integration
@pytest.mark.parametrize("zip_path", VALID, ids=lambda p: p.stem)
def test_every_valid_fixture_imports_into_seaweedfs(zip_path, s3_storage):
    version = package_import(file=zip_path)

    assert_imported_as_manifest_says(version, zip_path, s3_storage)


@pytest.mark.parametrize("zip_path", INVALID, ids=lambda p: p.stem)
def test_every_invalid_fixture_is_rejected_and_leaves_nothing(zip_path, local_storage):
    with pytest.raises(PackageRejected) as rejected:
        package_import(file=zip_path)

    assert rejected.value.code in {"malformed_manifest", "missing_launch", "unknown_resource", "missing_identifier"}
    assert rejected.value.message
    assert not Package.objects.exists() and not PackageVersion.objects.exists()
    assert stored_files(local_storage) == set()


def test_specific_reasons_for_each_invalid_fixture(local_storage):
    codes = {}
    for zip_path in INVALID:
        with pytest.raises(PackageRejected) as rejected:
            package_import(file=zip_path)
        codes[zip_path.stem] = rejected.value.code

    assert codes == {
        "InvalidMissingOrgIdentifier_SCORM20043rdEdition": "missing_identifier",
        "ItemWithNonExistentResourceId_SCORM12": "unknown_resource",
        "MalformedXml_SCORM12": "malformed_manifest",
        "MissingLaunchUrl_SCORM12": "missing_launch",
    }


def fixture(name):
    return FIXTURES / "valid" / f"{name}.zip"


def test_reimporting_the_same_zip_reuses_its_files(local_storage):
    first = package_import(file=fixture("RuntimeBasicCalls_SCORM12"))
    probe = first.storage_prefix + "imsmanifest.xml"
    written_at = local_storage.get_modified_time(probe)

    second = package_import(file=fixture("RuntimeBasicCalls_SCORM12"), package=first.package)

    assert second.number == 2 and second.package == first.package
    assert second.storage_prefix == first.storage_prefix
    assert local_storage.get_modified_time(probe) == written_at
    assert first.package.versions.count() == 2


def test_a_new_version_never_overwrites_the_files_of_an_older_one(local_storage):
    old = package_import(file=fixture("ContentPackagingSingleSCO_SCORM12"))
    old_files = stored_files(local_storage, old.storage_prefix)

    new = package_import(file=fixture("RuntimeBasicCalls_SCORM12"), package=old.package)

    old.package.refresh_from_db()
    assert old.package.current_version == new
    assert new.storage_prefix != old.storage_prefix
    assert stored_files(local_storage, old.storage_prefix) == old_files
    assert Sco.objects.filter(version=old).exists()


def test_deleting_a_package_removes_exactly_its_own_files(local_storage, django_capture_on_commit_callbacks):
    kept = package_import(file=fixture("ContentPackagingSingleSCO_SCORM12"))
    shares_zip = package_import(file=fixture("RuntimeBasicCalls_SCORM12"))
    deleted = package_import(file=fixture("RuntimeBasicCalls_SCORM12"))
    own_version = package_import(file=fixture("RuntimeBasicCalls_SCORM20043rdEdition"), package=deleted.package)

    with django_capture_on_commit_callbacks(execute=True):
        package_delete(package=deleted.package)

    assert stored_files(local_storage, own_version.storage_prefix) == set()
    # Still used by another package: the identical zip's files stay.
    assert local_storage.exists(shares_zip.storage_prefix + "imsmanifest.xml")
    assert local_storage.exists(kept.storage_prefix + "imsmanifest.xml")

    with django_capture_on_commit_callbacks(execute=True):
        package_delete(package=shares_zip.package)

    assert stored_files(local_storage, shares_zip.storage_prefix) == set()
    assert local_storage.exists(kept.storage_prefix + "imsmanifest.xml")


def corrupt_last_entry(zip_path):
    """The fixture with its last file's data damaged: inspection passes, extraction fails midway."""
    data = bytearray(zip_path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        last = max((i for i in archive.infolist() if i.file_size > 100), key=lambda i: i.header_offset)
    start = last.header_offset + 30 + len(last.filename.encode()) + len(last.extra)
    for offset in range(start + 10, start + 40):
        data[offset] ^= 0xFF
    return io.BytesIO(bytes(data))


def test_a_zip_that_breaks_midway_leaves_no_files_and_no_rows(local_storage):
    broken = corrupt_last_entry(fixture("RuntimeBasicCalls_SCORM12"))

    with pytest.raises(PackageRejected) as rejected:
        package_import(file=broken)

    assert rejected.value.code == "corrupt_zip"
    assert stored_files(local_storage) == set()
    assert not PackageVersion.objects.exists()


@pytest.mark.integration
def test_a_zip_that_breaks_midway_leaves_nothing_in_seaweedfs(s3_storage):
    broken = corrupt_last_entry(fixture("RuntimeBasicCalls_SCORM20043rdEdition"))

    with pytest.raises(PackageRejected):
        package_import(file=broken)

    assert stored_files(s3_storage) == set()


def test_sco_launch_settings_come_from_the_manifest(local_storage):
    version = package_import(file=fixture("SequencingSimpleRemediation_SCORM20043rdEdition"))

    scos = {sco.identifier: sco for sco in version.scos.all()}
    assert scos["test_1"].launch == "shared/launchpage.html?content=assessment1"
    assert all(sco.settings["scorm_type"] == "sco" for sco in scos.values())
    assert version.activity_tree["children"], "the activity tree keeps the organization's items"
