"""Check an uploaded zip before anything in it is extracted.

Usage, with the archive left open for extraction:

    with open_zip(upload, limits=limits) as archive:
        entries = inspect_zipfile(archive, limits=limits)
        prefix = find_manifest(entries)
        for entry in entries:
            for chunk in iter_entry_chunks(archive, entry, limit=limits.max_entry_uncompressed):
                ...

`inspect_zip` does the first two steps for callers that only need the listing.

Only headers are read during inspection (a 300-file, 50 MB zip takes a few
milliseconds); sizes in headers are then enforced while extracting, because a
crafted zip can declare small sizes and expand to gigabytes.

File names. Names flagged UTF-8 (general purpose bit 11) are read as UTF-8.
Unflagged names are read, in order of preference, from an Info-ZIP Unicode
Path extra field (0x7075) whose CRC matches, as UTF-8 when the bytes are valid
UTF-8 (what most tools write without setting the flag), else in
``legacy_encoding`` (default cp437, the zip specification's default; cp437 maps
every byte, so any name is accepted). Names are then NFC-normalised, so a
package zipped on macOS (NFD names) and its manifest (usually NFC) agree; the
view that serves files must NFC-normalise requested paths the same way.
A name in a code page other than ``legacy_encoding`` (for example Vietnamese
cp1258 from an old Windows tool) is accepted but comes out as different
letters, always the same ones for the same bytes.
"""

import copy
import io
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from scorm_player.errors import PackageRejected

MIB = 1024 * 1024
GIB = 1024 * MIB

MANIFEST_NAME = "imsmanifest.xml"

# Deflate is what every authoring tool writes. bzip2 and LZMA are refused
# because the standard library decompresses them without an output bound,
# so a small compressed chunk could allocate gigabytes.
SUPPORTED_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}

# Files that operating systems add when a folder is zipped; they do not count
# as a second top-level folder when looking for the manifest.
OS_JUNK_TOP_LEVEL = {"__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"}

_ZIP_FLAG_ENCRYPTED = 0x1
_ZIP_FLAG_UTF8_NAME = 0x800
_UNICODE_PATH_EXTRA_ID = 0x7075
_MAX_PATH_BYTES = 1024  # S3 key limit; local file systems allow more
_MAX_NAME_BYTES = 255  # one path component, as on ext4 and most file systems
# Bytes of central directory allowed per permitted file: a record is 46 bytes
# plus name, extra fields and comment, typically 100-200 bytes in all.
_CENTRAL_RECORD_BUDGET = 1024
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")
# Backslashes, absolute paths and drive letters ("C:x", "C:/x") mean a path
# made for, or aimed at, another file system.
_FOREIGN_PATH = re.compile(r"\\|^/|^[A-Za-z]:")

_END_OF_CENTRAL_DIR = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_END_OF_CENTRAL_DIR = struct.Struct("<4sQ2H2L4Q")


@dataclass(frozen=True)
class ZipLimits:
    """What an uploaded package may contain; the service fills it from settings."""

    max_files: int = 10_000
    max_total_uncompressed: int = 1 * GIB
    max_entry_uncompressed: int = 512 * MIB
    # Expansion ratio above which an entry (or the whole zip) is taken for a
    # zip bomb. Text compresses 5-20x and blank images a few hundred times,
    # but only small files reach such ratios, so files under
    # ratio_min_size are not judged by ratio at all.
    max_compression_ratio: float = 200.0
    ratio_min_size: int = 1 * MIB


@dataclass(frozen=True)
class SafeEntry:
    """A regular file in the zip whose name and declared sizes passed inspection."""

    path: str  # normalised: NFC, "/"-separated, no empty, "." or ".." parts
    size: int  # declared uncompressed size
    compressed_size: int
    info: zipfile.ZipInfo = field(compare=False, repr=False)


def open_zip(source, *, limits: ZipLimits = ZipLimits()) -> zipfile.ZipFile:
    """Open a zip (path or binary file object) for reading, or reject it.

    The entry count is checked from the end-of-central-directory record
    before zipfile builds one object per entry. zipfile reads the central
    directory by its size, not by the count, so the size is bounded too: a
    forged small count must not smuggle in millions of entries.
    """
    try:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as file:
                summary = _central_directory_summary(file)
        else:
            summary = _central_directory_summary(source)
        if summary is None:
            raise PackageRejected("not_a_zip")
        declared_count, directory_size = summary
        if declared_count > limits.max_files or directory_size > limits.max_files * _CENTRAL_RECORD_BUDGET:
            raise PackageRejected("too_many_files", count=declared_count, limit=limits.max_files)
        return zipfile.ZipFile(source)
    except PackageRejected:
        raise
    except (zipfile.BadZipFile, EOFError, ValueError, struct.error, NotImplementedError) as error:
        raise PackageRejected("not_a_zip") from error


def inspect_zip(source, *, limits: ZipLimits = ZipLimits(), legacy_encoding="cp437") -> list[SafeEntry]:
    """Validate every entry of a zip without extracting anything; return its files."""
    with open_zip(source, limits=limits) as archive:
        return inspect_zipfile(archive, limits=limits, legacy_encoding=legacy_encoding)


def inspect_zipfile(
    archive: zipfile.ZipFile, *, limits: ZipLimits = ZipLimits(), legacy_encoding="cp437"
) -> list[SafeEntry]:
    """Validate every entry of an open zip; return its regular files in archive order.

    Directory entries are checked like files, then left out.
    """
    infos = archive.infolist()
    file_count = sum(1 for info in infos if not info.is_dir())
    if file_count > limits.max_files:
        raise PackageRejected("too_many_files", count=file_count, limit=limits.max_files)

    entries = []
    file_paths = set()
    folder_paths = set()
    total_size = 0
    total_compressed = 0
    for info in infos:
        path = normalised_entry_path(info, legacy_encoding=legacy_encoding)
        if not path:
            continue
        if info.is_dir():
            if path in file_paths:
                raise PackageRejected("path_conflict", name=path)
            folder_paths.add(path)
            continue
        if path in file_paths:
            raise PackageRejected("duplicate_entry", name=path)
        if path in folder_paths:
            raise PackageRejected("path_conflict", name=path)
        file_paths.add(path)
        _check_entry(info, path, limits)
        total_size += info.file_size
        total_compressed += info.compress_size
        if total_size > limits.max_total_uncompressed:
            raise PackageRejected("too_large", size=total_size, limit=limits.max_total_uncompressed)
        entries.append(SafeEntry(path, info.file_size, info.compress_size, info))

    _check_overall_ratio(entries, total_size, total_compressed, limits)
    _check_file_folder_conflicts(file_paths)
    return entries


def normalised_entry_path(info: zipfile.ZipInfo, *, legacy_encoding="cp437") -> str:
    """The entry's name as a safe relative path, or PackageRejected(path_traversal)."""
    name = _decoded_name(info, legacy_encoding)
    if _CONTROL_CHARACTER.search(name):
        raise PackageRejected("path_traversal", name=name.encode("unicode_escape").decode("ascii"))
    if _FOREIGN_PATH.search(name):
        raise PackageRejected("path_traversal", name=name)
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise PackageRejected("path_traversal", name=name)
    path = unicodedata.normalize("NFC", "/".join(parts))
    if len(path.encode("utf-8")) > _MAX_PATH_BYTES or any(
        len(part.encode("utf-8")) > _MAX_NAME_BYTES for part in path.split("/")
    ):
        raise PackageRejected("file_name_too_long", name=path)
    return path


def find_manifest(entries: list[SafeEntry]) -> str:
    """Where the package root is: "" or "<folder>/" when zipped as one top-level folder."""
    paths = {entry.path for entry in entries}
    if MANIFEST_NAME in paths:
        return ""
    top_levels = {path.split("/", 1)[0] for path in paths} - OS_JUNK_TOP_LEVEL
    files_at_root = {path for path in paths if "/" not in path} - OS_JUNK_TOP_LEVEL
    if len(top_levels) == 1 and not files_at_root:
        prefix = f"{top_levels.pop()}/"
        if prefix + MANIFEST_NAME in paths:
            return prefix
    raise PackageRejected("no_manifest")


def package_files(entries: list[SafeEntry], prefix: str) -> set[str]:
    """Paths of the package's files relative to the manifest's folder."""
    return {entry.path[len(prefix):] for entry in entries if entry.path.startswith(prefix)}


def iter_entry_chunks(
    archive: zipfile.ZipFile, entry: SafeEntry, *, limit: int | None = None, chunk_size: int = 64 * 1024
) -> Iterator[bytes]:
    """Decompress one entry in chunks, trusting neither its header nor its data.

    Stops with zip_bomb as soon as the output exceeds the declared size, and
    with corrupt_zip when the data is shorter than declared or fails its CRC.
    """
    if limit is not None and entry.size > limit:
        raise PackageRejected("entry_too_large", name=entry.path, size=entry.size, limit=limit)
    # zipfile cuts the output at the declared size and then fails the CRC, so
    # a lie would look like plain damage. Declaring one byte more, and taking
    # the CRC away (zipfile then skips its check, done here instead), shows
    # whether the data really is longer than its header says.
    probe = copy.copy(entry.info)
    probe.file_size = entry.size + 1
    del probe.CRC
    produced = 0
    crc = 0
    try:
        with archive.open(probe) as stream:
            while chunk := stream.read(chunk_size):
                produced += len(chunk)
                if produced > entry.size:
                    raise PackageRejected("zip_bomb", name=entry.path)
                crc = zlib.crc32(chunk, crc)
                yield chunk
    except (zipfile.BadZipFile, EOFError, zlib.error, ValueError, NotImplementedError) as error:
        raise PackageRejected("corrupt_zip", name=entry.path) from error
    if produced != entry.size or crc != entry.info.CRC:
        raise PackageRejected("corrupt_zip", name=entry.path)


def read_entry_bytes(archive: zipfile.ZipFile, entry: SafeEntry, *, limit: int | None = None) -> bytes:
    """The whole entry in memory: only for small files such as the manifest."""
    return b"".join(iter_entry_chunks(archive, entry, limit=limit))


def _check_entry(info: zipfile.ZipInfo, path: str, limits: ZipLimits) -> None:
    if info.flag_bits & _ZIP_FLAG_ENCRYPTED:
        raise PackageRejected("encrypted", name=path)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise PackageRejected("symlink", name=path)
    if info.compress_type not in SUPPORTED_COMPRESSION:
        raise PackageRejected("unsupported_compression", name=path)
    if info.file_size > limits.max_entry_uncompressed:
        raise PackageRejected(
            "entry_too_large", name=path, size=info.file_size, limit=limits.max_entry_uncompressed
        )
    if info.file_size > limits.ratio_min_size and (
        info.file_size > limits.max_compression_ratio * max(info.compress_size, 1)
    ):
        raise PackageRejected("zip_bomb", name=path)


def _check_overall_ratio(entries: list[SafeEntry], total_size: int, total_compressed: int, limits: ZipLimits) -> None:
    # Many small entries can each stay under ratio_min_size yet add up to a
    # bomb; the reason names the entry that expands the most.
    if total_size > limits.ratio_min_size and (
        total_size > limits.max_compression_ratio * max(total_compressed, 1)
    ):
        worst = max(entries, key=lambda entry: entry.size / max(entry.compressed_size, 1))
        raise PackageRejected("zip_bomb", name=worst.path)


def _check_file_folder_conflicts(file_paths: set[str]) -> None:
    # "a" as a file and "a/b" cannot both be written to a file system.
    for path in file_paths:
        parent = path
        while "/" in parent:
            parent = parent.rsplit("/", 1)[0]
            if parent in file_paths:
                raise PackageRejected("path_conflict", name=parent)


def _decoded_name(info: zipfile.ZipInfo, legacy_encoding: str) -> str:
    # orig_filename keeps what zipfile's filename cuts off at a NUL byte.
    name = info.orig_filename
    if info.flag_bits & _ZIP_FLAG_UTF8_NAME:
        return name
    raw = name.encode("cp437")  # zipfile decoded unflagged names as cp437; undo it
    unicode_path = _unicode_path_extra(info.extra, raw)
    if unicode_path is not None:
        return unicode_path
    for encoding in ("utf-8", legacy_encoding, "cp437"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("cp437 decodes every byte")


def _unicode_path_extra(extra: bytes, raw_name: bytes) -> str | None:
    """The UTF-8 name of an Info-ZIP Unicode Path extra field (APPNOTE 4.6.9), if valid."""
    offset = 0
    while offset + 4 <= len(extra):
        header_id, size = struct.unpack_from("<HH", extra, offset)
        body = extra[offset + 4 : offset + 4 + size]
        offset += 4 + size
        if header_id != _UNICODE_PATH_EXTRA_ID or len(body) < 5 or body[0] != 1:
            continue
        (name_crc,) = struct.unpack_from("<L", body, 1)
        # A stale field (name changed by another tool) must be ignored.
        if name_crc != zlib.crc32(raw_name):
            return None
        try:
            return body[5:].decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def _central_directory_summary(file) -> tuple[int, int] | None:
    """(entries, central directory size) from the end records (APPNOTE 4.3.14-16), or None."""
    start = file.tell()
    try:
        file.seek(0, io.SEEK_END)
        size = file.tell()
        tail_length = min(size, _END_OF_CENTRAL_DIR.size + 0xFFFF)
        file.seek(size - tail_length)
        tail = file.read(tail_length)
        record_at = tail.rfind(b"PK\x05\x06")
        if record_at < 0 or record_at + _END_OF_CENTRAL_DIR.size > len(tail):
            return None
        record = _END_OF_CENTRAL_DIR.unpack_from(tail, record_at)
        entries, directory_size = record[4], record[5]
        if entries != 0xFFFF and directory_size != 0xFFFFFFFF:
            return entries, directory_size
        # Zip64: the real figures are in the zip64 record the locator points to.
        locator_at = record_at - _ZIP64_LOCATOR.size
        if locator_at < 0 or tail[locator_at : locator_at + 4] != b"PK\x06\x07":
            return entries, directory_size
        file.seek(_ZIP64_LOCATOR.unpack_from(tail, locator_at)[2])
        zip64_record = file.read(_ZIP64_END_OF_CENTRAL_DIR.size)
        if len(zip64_record) != _ZIP64_END_OF_CENTRAL_DIR.size or zip64_record[:4] != b"PK\x06\x06":
            return None
        zip64_fields = _ZIP64_END_OF_CENTRAL_DIR.unpack(zip64_record)
        return zip64_fields[7], zip64_fields[8]
    finally:
        file.seek(start)
