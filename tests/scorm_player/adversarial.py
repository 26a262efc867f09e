"""Hostile zips and manifests for the ingestion tests, built in memory.

zipfile writes only honest archives, so the lies (encrypted flag, wrong sizes,
raw non-UTF-8 or NUL-carrying names) are patched into the bytes afterwards:
both the central directory record and the local header of the entry.
"""

import io
import random
import stat
import struct
import warnings
import zipfile
import zlib

ZEROS_PER_MIB = b"\0" * (1024 * 1024)

_END_OF_CENTRAL_DIR = struct.Struct("<4s4H2LH")
_CENTRAL_HEADER = struct.Struct("<4s6H3L5H2L")
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")

# Offsets of fields inside the two headers (APPNOTE 4.3.7 and 4.3.12).
_CENTRAL_FLAGS, _CENTRAL_CRC, _CENTRAL_SIZE = 8, 16, 24
_LOCAL_FLAGS, _LOCAL_CRC, _LOCAL_SIZE = 6, 14, 22


def zip_bytes(files, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of (name or ZipInfo, data) pairs, duplicates allowed, in that order."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(buffer, "w", compression) as archive:
            for name, data in files.items() if isinstance(files, dict) else files:
                archive.writestr(name, data)
    return buffer.getvalue()


def patch_entry(
    data: bytes,
    name: str,
    *,
    raw_name: bytes | None = None,
    set_flags: int = 0,
    clear_flags: int = 0,
    declared_size: int | None = None,
    crc: int | None = None,
) -> bytes:
    """Rewrite header fields of the entry currently called `name`.

    raw_name must have the same length as name, so no offset moves.
    """
    patched = bytearray(data)
    encoded_name = name.encode("utf-8")
    if raw_name is not None and len(raw_name) != len(encoded_name):
        raise ValueError("raw_name must keep the name's length")
    found = False
    for central_at, local_at in _entry_offsets(patched, encoded_name):
        found = True
        for header_at, flags_at, crc_at, size_at, name_at in (
            (central_at, _CENTRAL_FLAGS, _CENTRAL_CRC, _CENTRAL_SIZE, _CENTRAL_HEADER.size),
            (local_at, _LOCAL_FLAGS, _LOCAL_CRC, _LOCAL_SIZE, _LOCAL_HEADER.size),
        ):
            (flags,) = struct.unpack_from("<H", patched, header_at + flags_at)
            struct.pack_into("<H", patched, header_at + flags_at, (flags | set_flags) & ~clear_flags)
            if declared_size is not None:
                struct.pack_into("<L", patched, header_at + size_at, declared_size)
            if crc is not None:
                struct.pack_into("<L", patched, header_at + crc_at, crc)
            if raw_name is not None:
                start = header_at + name_at
                patched[start : start + len(raw_name)] = raw_name
    if not found:
        raise KeyError(name)
    return bytes(patched)


def forge_entry_count(data: bytes, count: int) -> bytes:
    """Make the end-of-central-directory record announce `count` entries."""
    patched = bytearray(data)
    record_at = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", patched, record_at + 8, count, count)  # entries on this disk, in total
    return bytes(patched)


def zip_with_raw_names(raw_names: list[bytes], *, data: bytes = b"x", utf8_flag: bool = False) -> bytes:
    """A zip whose entry names are exactly these bytes, flagged UTF-8 or not."""
    placeholders = [chr(ord("a") + index) * len(raw) for index, raw in enumerate(raw_names)]
    archive = zip_bytes([(placeholder, data) for placeholder in placeholders])
    for placeholder, raw in zip(placeholders, raw_names):
        archive = patch_entry(
            archive,
            placeholder,
            raw_name=raw,
            set_flags=0x800 if utf8_flag else 0,
            clear_flags=0 if utf8_flag else 0x800,
        )
    return archive


def with_unicode_path_field(name_bytes: bytes, unicode_name: str, *, crc_of: bytes | None = None) -> zipfile.ZipInfo:
    """A ZipInfo carrying an Info-ZIP Unicode Path extra field (0x7075)."""
    body = b"\x01" + struct.pack("<L", zlib.crc32(crc_of if crc_of is not None else name_bytes))
    body += unicode_name.encode("utf-8")
    info = zipfile.ZipInfo(name_bytes.decode("ascii"))
    info.extra = struct.pack("<HH", 0x7075, len(body)) + body
    return info


def symlink_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix, where the high 16 bits of external_attr are st_mode
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def scorm_zip(manifest: bytes, files: dict[str, bytes] | None = None, *, folder: str = "") -> bytes:
    """A package: the manifest and files, all under `folder` ("" or "name/")."""
    entries = [(folder + "imsmanifest.xml", manifest)]
    entries += [(folder + name, data) for name, data in (files or {"index.html": b"<html></html>"}).items()]
    return zip_bytes(entries)


def scorm12_manifest(items: str | None = None, resources: str | None = None, *, doctype: str = "") -> bytes:
    """A small SCORM 1.2 manifest; by default one SCO launched from index.html."""
    if items is None:
        items = '<item identifier="item_1" identifierref="res_1"><title>Lesson</title></item>'
    if resources is None:
        resources = (
            '<resource identifier="res_1" type="webcontent" adlcp:scormtype="sco" href="index.html">'
            '<file href="index.html"/></resource>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"{doctype}"
        '<manifest identifier="adversarial" version="1"'
        ' xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"'
        ' xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">'
        "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>"
        '<organizations default="org"><organization identifier="org"><title>Course</title>'
        f"{items}</organization></organizations>"
        f"<resources>{resources}</resources>"
        "</manifest>"
    ).encode("utf-8")


def scorm2004_manifest(organization_body: str, resources: str, *, schemaversion="2004 3rd Edition", tail="") -> bytes:
    """A SCORM 2004 manifest with all the SCORM namespaces bound to their usual prefixes."""
    metadata = (
        f"<metadata><schema>ADL SCORM</schema><schemaversion>{schemaversion}</schemaversion></metadata>"
        if schemaversion
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest identifier="adversarial2004" version="1"'
        ' xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"'
        ' xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"'
        ' xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"'
        ' xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"'
        ' xmlns:imsss="http://www.imsglobal.org/xsd/imsss">'
        f"{metadata}"
        '<organizations default="org"><organization identifier="org"><title>Course</title>'
        f"{organization_body}</organization></organizations>"
        f"<resources>{resources}</resources>{tail}"
        "</manifest>"
    ).encode("utf-8")


def xxe_manifest(target: str = "file:///etc/passwd") -> bytes:
    """An external entity that would pull a local file into the item's title."""
    doctype = f'<!DOCTYPE manifest [<!ENTITY xxe SYSTEM "{target}">]>'
    return scorm12_manifest(
        '<item identifier="item_1" identifierref="res_1"><title>&xxe;</title></item>', doctype=doctype
    )


def billion_laughs_manifest(levels: int = 10) -> bytes:
    """Nested entities that expand to 10**levels copies of "lol"."""
    declarations = ['<!ENTITY lol0 "lol">']
    declarations += [
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, levels)
    ]
    doctype = f"<!DOCTYPE manifest [{''.join(declarations)}]>"
    return scorm12_manifest(
        f'<item identifier="item_1" identifierref="res_1"><title>&lol{levels - 1};</title></item>',
        doctype=doctype,
    )


def oversized_manifest(size: int) -> bytes:
    """A valid manifest padded with a comment to `size` bytes."""
    base = scorm12_manifest()
    padding = size - len(base) - len("<!---->")
    return base + b"<!--" + b"x" * padding + b"-->"


def _entry_offsets(data: bytearray, encoded_name: bytes):
    """(central header offset, local header offset) of every entry with this name."""
    record_at = bytes(data).rfind(b"PK\x05\x06")
    record = _END_OF_CENTRAL_DIR.unpack_from(data, record_at)
    count, offset = record[4], record[6]
    for _ in range(count):
        header = _CENTRAL_HEADER.unpack_from(data, offset)
        name_length, extra_length, comment_length = header[10], header[11], header[12]
        local_at = header[16]
        name = bytes(data[offset + _CENTRAL_HEADER.size : offset + _CENTRAL_HEADER.size + name_length])
        if name == encoded_name:
            yield offset, local_at
        offset += _CENTRAL_HEADER.size + name_length + extra_length + comment_length


def big_package(path, source_package, *, files: int = 300, total_bytes: int = 50 * 1024 * 1024, seed: int = 42):
    """A real package plus `files` media files of random bytes totalling total_bytes.

    The same shape as the team's make_big_zip.py benchmark input; media are
    stored uncompressed, as already-compressed video and images are.
    """
    rng = random.Random(seed)
    size = total_bytes // files
    with zipfile.ZipFile(source_package) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        for index in range(files):
            out.writestr(
                f"media/part{index // 50:02d}/asset_{index:03d}.mp4",
                rng.randbytes(size),
                compress_type=zipfile.ZIP_STORED,
            )
    return path
