"""The zip checks that run before any file of an upload is extracted."""

import io
import os
import pickle
import time
import unicodedata
import zipfile

import pytest

from scorm_player.errors import PackageRejected
from scorm_player.manifest import parse_manifest_from_zip
from scorm_player.zipsafety import (
    ZipLimits,
    find_manifest,
    inspect_zip,
    inspect_zipfile,
    iter_entry_chunks,
    open_zip,
    package_files,
    read_entry_bytes,
)
from tests.scorm_player import adversarial
from tests.services import shared_fixtures_dir

FIXTURES = shared_fixtures_dir()
VALID_PACKAGES = sorted((FIXTURES / "valid").glob("*.zip"))


def rejection_code(source, **options) -> str:
    with pytest.raises(PackageRejected) as rejected:
        inspect_zip(io.BytesIO(source) if isinstance(source, bytes) else source, **options)
    return rejected.value.code


def extract_all(data: bytes, limits=ZipLimits()) -> dict[str, bytes]:
    with open_zip(io.BytesIO(data), limits=limits) as archive:
        return {
            entry.path: read_entry_bytes(archive, entry, limit=limits.max_entry_uncompressed)
            for entry in inspect_zipfile(archive, limits=limits)
        }


# --- real packages -----------------------------------------------------------


@pytest.mark.parametrize("package", VALID_PACKAGES, ids=lambda path: path.stem)
def test_every_real_package_passes_inspection_with_its_manifest_at_the_root(package):
    entries = inspect_zip(package)

    with zipfile.ZipFile(package) as archive:
        expected_files = sorted(info.filename for info in archive.infolist() if not info.is_dir())
    assert sorted(entry.path for entry in entries) == expected_files
    assert find_manifest(entries) == ""


def test_a_path_and_a_file_object_give_the_same_entries():
    package = VALID_PACKAGES[0]

    from_path = inspect_zip(package)
    with open(package, "rb") as file:
        from_file = inspect_zip(file)

    assert from_path == from_file


def test_extracted_files_match_the_original_bytes():
    package = FIXTURES / "valid" / "RuntimeBasicCalls_SCORM12.zip"
    with zipfile.ZipFile(package) as archive:
        expected = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}

    assert extract_all(package.read_bytes()) == expected


def test_a_50_mb_300_file_package_is_inspected_in_well_under_100_ms(tmp_path):
    source = FIXTURES / "valid" / "RuntimeBasicCalls_SCORM12.zip"
    big_zip = adversarial.big_package(tmp_path / "big.zip", source)

    def timed_inspection():
        started = time.perf_counter()
        entries = inspect_zip(big_zip)
        return time.perf_counter() - started, entries

    # Best of three: the machine is shared, the code's own cost is what counts.
    elapsed, entries = min((timed_inspection() for _ in range(3)), key=lambda result: result[0])

    assert len(entries) > 300
    assert sum(entry.size for entry in entries) > 50 * 1024 * 1024
    assert elapsed < 0.1


# --- not a zip ---------------------------------------------------------------


def test_a_file_that_is_not_a_zip_is_rejected():
    assert rejection_code(b"<html>certainly not a zip</html>") == "not_a_zip"


def test_an_empty_file_is_rejected_as_not_a_zip():
    assert rejection_code(b"") == "not_a_zip"


def test_a_truncated_zip_is_rejected_as_not_a_zip():
    whole = VALID_PACKAGES[0].read_bytes()

    assert rejection_code(whole[: len(whole) // 2]) == "not_a_zip"


def test_a_zip_cut_just_before_its_end_record_is_rejected_as_not_a_zip():
    whole = VALID_PACKAGES[0].read_bytes()

    assert rejection_code(whole[:-10]) == "not_a_zip"


# --- paths -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../x",
        "a/../../x",
        "a/../b",
        "/etc/x",
        "C:\\x",
        "C:/x",
        "c:x",
        "a\\..\\x",
        "shared\\style.css",
        "../escape/",
    ],
)
def test_a_path_that_could_leave_the_package_folder_is_rejected(name):
    assert rejection_code(adversarial.zip_bytes({name: b"owned"})) == "path_traversal"


def test_a_nul_byte_in_a_file_name_is_rejected():
    # zipfile itself would cut the name at the NUL and show "evil.html".
    archive = adversarial.zip_with_raw_names([b"evil.html\x00.png"])

    assert rejection_code(archive) == "path_traversal"


def test_a_control_character_in_a_file_name_is_rejected():
    assert rejection_code(adversarial.zip_bytes({"bad\nname.html": b"x"})) == "path_traversal"


def test_harmless_dot_segments_and_doubled_slashes_are_normalised():
    entries = inspect_zip(io.BytesIO(adversarial.zip_bytes({"./shared//style.css": b"x"})))

    assert [entry.path for entry in entries] == ["shared/style.css"]


def test_a_file_name_longer_than_file_systems_allow_is_rejected():
    assert rejection_code(adversarial.zip_bytes({"a" * 300 + ".html": b"x"})) == "file_name_too_long"


def test_a_symbolic_link_entry_is_rejected():
    archive = adversarial.zip_bytes([(adversarial.symlink_info("shared/passwd"), b"/etc/passwd")])

    assert rejection_code(archive) == "symlink"


def test_the_same_file_twice_is_rejected():
    archive = adversarial.zip_bytes([("index.html", b"one"), ("index.html", b"two")])

    assert rejection_code(archive) == "duplicate_entry"


def test_two_names_that_normalise_to_the_same_path_are_rejected():
    archive = adversarial.zip_bytes([("a/b.html", b"one"), ("a//./b.html", b"two")])

    assert rejection_code(archive) == "duplicate_entry"


def test_nfc_and_nfd_spellings_of_one_name_are_the_same_file():
    name = "bài học.html"
    archive = adversarial.zip_bytes(
        [(unicodedata.normalize("NFC", name), b"one"), (unicodedata.normalize("NFD", name), b"two")]
    )

    assert rejection_code(archive) == "duplicate_entry"


def test_a_name_used_both_as_a_file_and_as_a_folder_is_rejected():
    archive = adversarial.zip_bytes([("media", b"a file"), ("media/clip.mp4", b"x")])

    assert rejection_code(archive) == "path_conflict"


def test_directory_entries_are_checked_but_not_listed():
    archive = adversarial.zip_bytes([("shared/", b""), ("shared/style.css", b"x")])

    assert [entry.path for entry in inspect_zip(io.BytesIO(archive))] == ["shared/style.css"]


# --- file names that are not UTF-8 -------------------------------------------


def test_a_cp437_file_name_without_the_utf8_flag_is_read_as_cp437():
    archive = adversarial.zip_with_raw_names(["café.html".encode("cp437")])

    assert [entry.path for entry in inspect_zip(io.BytesIO(archive))] == ["café.html"]


def test_a_cp1258_file_name_is_accepted_and_always_read_the_same_way():
    raw = unicodedata.normalize("NFD", "bài_học.html").encode("cp1258")
    archive = adversarial.zip_with_raw_names([raw], data=b"lesson")

    first = inspect_zip(io.BytesIO(archive))
    second = inspect_zip(io.BytesIO(archive))

    assert [entry.path for entry in first] == [raw.decode("cp437")]
    assert first == second
    assert extract_all(archive) == {raw.decode("cp437"): b"lesson"}


def test_a_cp1258_file_name_reads_as_vietnamese_when_that_legacy_encoding_is_chosen():
    raw = unicodedata.normalize("NFD", "bài_học.html").encode("cp1258")
    archive = adversarial.zip_with_raw_names([raw])

    entries = inspect_zip(io.BytesIO(archive), legacy_encoding="cp1258")

    assert [entry.path for entry in entries] == ["bài_học.html"]


def test_utf8_bytes_without_the_utf8_flag_are_read_as_utf8():
    archive = adversarial.zip_with_raw_names(["bài_học.html".encode("utf-8")])

    assert [entry.path for entry in inspect_zip(io.BytesIO(archive))] == ["bài_học.html"]


def test_a_matching_unicode_path_extra_field_gives_the_name():
    info = adversarial.with_unicode_path_field(b"bai_hoc.html", "bài_học.html")
    archive = adversarial.zip_bytes([(info, b"x")])

    assert [entry.path for entry in inspect_zip(io.BytesIO(archive))] == ["bài_học.html"]


def test_a_stale_unicode_path_extra_field_is_ignored():
    info = adversarial.with_unicode_path_field(b"bai_hoc.html", "other.html", crc_of=b"renamed.html")
    archive = adversarial.zip_bytes([(info, b"x")])

    assert [entry.path for entry in inspect_zip(io.BytesIO(archive))] == ["bai_hoc.html"]


def test_decomposed_utf8_names_from_macos_are_stored_composed():
    archive = adversarial.zip_bytes({unicodedata.normalize("NFD", "Bài 1/học.html"): b"x"})

    (entry,) = inspect_zip(io.BytesIO(archive))

    assert entry.path == unicodedata.normalize("NFC", "Bài 1/học.html")


# --- encryption and compression ----------------------------------------------


def test_an_entry_flagged_as_encrypted_is_rejected():
    archive = adversarial.patch_entry(adversarial.zip_bytes({"index.html": b"x"}), "index.html", set_flags=0x1)

    assert rejection_code(archive) == "encrypted"


def test_an_entry_compressed_with_bzip2_is_rejected():
    archive = adversarial.zip_bytes({"index.html": b"x" * 100}, compression=zipfile.ZIP_BZIP2)

    assert rejection_code(archive) == "unsupported_compression"


# --- counts and sizes --------------------------------------------------------


def test_more_files_than_the_limit_are_rejected():
    archive = adversarial.zip_bytes({f"page{index}.html": b"x" for index in range(6)})

    assert rejection_code(archive, limits=ZipLimits(max_files=5)) == "too_many_files"


def test_ten_thousand_and_one_files_are_rejected_by_default_before_they_are_listed():
    archive = adversarial.zip_bytes(
        {f"p{index}": b"" for index in range(10_001)}, compression=zipfile.ZIP_STORED
    )

    with pytest.raises(PackageRejected) as rejected:
        open_zip(io.BytesIO(archive))

    assert rejected.value.code == "too_many_files"
    assert rejected.value.params == {"count": 10_001, "limit": 10_000}


def test_a_forged_small_entry_count_does_not_hide_a_large_central_directory():
    honest = adversarial.zip_bytes({f"page{index:04d}.html": b"" for index in range(100)})
    forged = adversarial.forge_entry_count(honest, 1)

    with pytest.raises(PackageRejected) as rejected:
        open_zip(io.BytesIO(forged), limits=ZipLimits(max_files=2))

    assert rejected.value.code == "too_many_files"


def test_a_package_larger_than_the_total_limit_is_rejected():
    archive = adversarial.zip_bytes({"a.bin": os.urandom(600), "b.bin": os.urandom(600)})

    assert rejection_code(archive, limits=ZipLimits(max_total_uncompressed=1000)) == "too_large"


def test_a_single_file_larger_than_the_entry_limit_is_rejected():
    archive = adversarial.zip_bytes({"video.mp4": os.urandom(600)})

    assert rejection_code(archive, limits=ZipLimits(max_entry_uncompressed=500)) == "entry_too_large"


# --- zip bombs ---------------------------------------------------------------


def test_an_entry_that_expands_more_than_the_allowed_ratio_is_rejected_as_a_zip_bomb():
    archive = adversarial.zip_bytes({"bomb.bin": adversarial.ZEROS_PER_MIB * 4})

    assert rejection_code(archive) == "zip_bomb"


def test_many_small_entries_that_together_expand_too_much_are_rejected_as_a_zip_bomb():
    half_mib_of_zeros = adversarial.ZEROS_PER_MIB[: 512 * 1024]
    archive = adversarial.zip_bytes({f"part{index}.bin": half_mib_of_zeros for index in range(20)})

    assert rejection_code(archive) == "zip_bomb"


def test_small_files_that_compress_well_are_not_taken_for_bombs():
    archive = adversarial.zip_bytes({"blank.bmp": adversarial.ZEROS_PER_MIB[: 500 * 1024]})

    assert [entry.path for entry in inspect_zip(io.BytesIO(archive))] == ["blank.bmp"]


def test_an_entry_whose_header_understates_its_size_stops_extraction_as_a_zip_bomb():
    honest = adversarial.zip_bytes({"bomb.bin": adversarial.ZEROS_PER_MIB * 8})
    lying = adversarial.patch_entry(honest, "bomb.bin", declared_size=1000)

    with open_zip(io.BytesIO(lying)) as archive:
        (entry,) = inspect_zipfile(archive)  # headers alone look harmless
        assert entry.size == 1000
        produced = []
        with pytest.raises(PackageRejected) as rejected:
            for chunk in iter_entry_chunks(archive, entry):
                produced.append(chunk)

    assert rejected.value.code == "zip_bomb"
    assert sum(map(len, produced)) <= 1000


def test_extraction_stops_at_the_callers_limit_before_decompressing():
    archive_bytes = adversarial.zip_bytes({"page.html": b"x" * 5000})

    with open_zip(io.BytesIO(archive_bytes)) as archive:
        (entry,) = inspect_zipfile(archive)
        with pytest.raises(PackageRejected) as rejected:
            read_entry_bytes(archive, entry, limit=4000)

    assert rejected.value.code == "entry_too_large"


def test_an_entry_shorter_than_its_header_says_is_rejected_as_corrupt():
    honest = adversarial.zip_bytes({"page.html": b"x" * 5000})
    overstated = adversarial.patch_entry(honest, "page.html", declared_size=6000)

    with pytest.raises(PackageRejected) as rejected:
        extract_all(overstated)

    assert rejected.value.code == "corrupt_zip"


def test_an_entry_with_a_wrong_checksum_is_rejected_as_corrupt():
    honest = adversarial.zip_bytes({"page.html": b"x" * 5000})
    damaged = adversarial.patch_entry(honest, "page.html", crc=0xDEADBEEF)

    with pytest.raises(PackageRejected) as rejected:
        extract_all(damaged)

    assert rejected.value.code == "corrupt_zip"


# --- where the manifest is ---------------------------------------------------


def test_a_manifest_at_the_root_means_an_empty_prefix():
    entries = inspect_zip(io.BytesIO(adversarial.scorm_zip(adversarial.scorm12_manifest())))

    assert find_manifest(entries) == ""


def test_a_package_zipped_as_one_folder_is_accepted_with_that_folder_as_prefix():
    archive = adversarial.scorm_zip(adversarial.scorm12_manifest(), folder="Golf Course/")

    with open_zip(io.BytesIO(archive)) as zip_file:
        entries = inspect_zipfile(zip_file)
        prefix, manifest = parse_manifest_from_zip(zip_file, entries)

    assert prefix == "Golf Course/"
    assert package_files(entries, prefix) == {"imsmanifest.xml", "index.html"}
    assert [sco.launch for sco in manifest.scos] == ["index.html"]


def test_a_folder_zipped_on_macos_is_not_confused_by_its_resource_forks():
    archive = adversarial.zip_bytes(
        [
            ("course/imsmanifest.xml", adversarial.scorm12_manifest()),
            ("course/index.html", b"<html></html>"),
            ("__MACOSX/course/._index.html", b"apple double"),
            (".DS_Store", b"finder"),
        ]
    )

    assert find_manifest(inspect_zip(io.BytesIO(archive))) == "course/"


def test_two_top_level_folders_without_a_root_manifest_are_rejected():
    archive = adversarial.zip_bytes(
        [
            ("course-a/imsmanifest.xml", adversarial.scorm12_manifest()),
            ("course-a/index.html", b"x"),
            ("course-b/imsmanifest.xml", adversarial.scorm12_manifest()),
        ]
    )

    with pytest.raises(PackageRejected) as rejected:
        find_manifest(inspect_zip(io.BytesIO(archive)))

    assert rejected.value.code == "no_manifest"


def test_a_manifest_two_folders_deep_is_not_found():
    archive = adversarial.zip_bytes([("outer/inner/imsmanifest.xml", adversarial.scorm12_manifest())])

    with pytest.raises(PackageRejected) as rejected:
        find_manifest(inspect_zip(io.BytesIO(archive)))

    assert rejected.value.code == "no_manifest"


def test_a_zip_without_any_manifest_is_rejected():
    with pytest.raises(PackageRejected) as rejected:
        find_manifest(inspect_zip(io.BytesIO(adversarial.zip_bytes({"index.html": b"x"}))))

    assert rejected.value.code == "no_manifest"


# --- hostile manifests inside a zip ------------------------------------------


def manifest_rejection(archive_bytes: bytes) -> PackageRejected:
    with open_zip(io.BytesIO(archive_bytes)) as archive:
        entries = inspect_zipfile(archive)
        with pytest.raises(PackageRejected) as rejected:
            parse_manifest_from_zip(archive, entries)
    return rejected.value


def test_a_manifest_with_an_external_entity_is_rejected_without_reading_the_file():
    rejection = manifest_rejection(adversarial.scorm_zip(adversarial.xxe_manifest()))

    assert rejection.code == "unsafe_manifest"
    assert "root:" not in str(rejection)


def test_a_billion_laughs_manifest_is_rejected_quickly():
    started = time.perf_counter()
    rejection = manifest_rejection(adversarial.scorm_zip(adversarial.billion_laughs_manifest()))

    assert rejection.code == "unsafe_manifest"
    assert time.perf_counter() - started < 1


def test_a_20_mb_manifest_is_rejected_before_it_is_read():
    manifest = adversarial.oversized_manifest(20 * 1024 * 1024)
    archive = adversarial.zip_bytes([("imsmanifest.xml", manifest)], compression=zipfile.ZIP_STORED)

    rejection = manifest_rejection(archive)

    assert rejection.code == "manifest_too_large"
    assert rejection.params == {"size": len(manifest), "limit": 10 * 1024 * 1024}


def test_a_manifest_with_duplicate_item_identifiers_is_rejected():
    items = (
        '<item identifier="lesson" identifierref="res_1"><title>One</title></item>'
        '<item identifier="lesson" identifierref="res_1"><title>Two</title></item>'
    )

    rejection = manifest_rejection(adversarial.scorm_zip(adversarial.scorm12_manifest(items)))

    assert rejection.code == "duplicate_identifier"
    assert rejection.params == {"identifier": "lesson"}


def test_a_rejection_survives_pickling_with_its_code_and_params():
    rejection = PackageRejected("zip_bomb", name="bomb.bin")

    restored = pickle.loads(pickle.dumps(rejection))

    assert (restored.code, restored.params) == ("zip_bomb", {"name": "bomb.bin"})
