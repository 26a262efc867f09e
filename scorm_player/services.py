"""Writes of the SCORM player: importing and deleting packages.

One import service serves every door: the Wagtail admin (through a Celery task),
the `import_scorm` management command, demo content and tests.
"""

import hashlib
import io
import logging
import os
import shutil
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max

from .errors import PackageRejected
from .manifest import parse_manifest_from_zip, walk_items
from .models import Package, PackageImport, PackageVersion, Sco
from .storage import PackageWriter, delete_prefix, package_prefix
from .zipsafety import ZipLimits, inspect_zipfile, iter_entry_chunks, open_zip

logger = logging.getLogger(__name__)

# Larger reads than zipfile's 64 KiB halve the per-chunk overhead of the bomb and CRC checks.
EXTRACT_CHUNK_BYTES = 1024 * 1024


def zip_limits():
    return ZipLimits(
        max_files=settings.SCORM_MAX_FILES,
        max_total_uncompressed=settings.SCORM_MAX_UNCOMPRESSED_BYTES,
        max_entry_uncompressed=settings.SCORM_MAX_ENTRY_BYTES,
        max_compression_ratio=settings.SCORM_MAX_COMPRESSION_RATIO,
    )


def sha256_of(file):
    digest = hashlib.sha256()
    file.seek(0)
    while chunk := file.read(1024 * 1024):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _sha256_of_descriptor(fd, stop):
    # pread leaves the file's position to the thread that reads the zip.
    digest = hashlib.sha256()
    offset = 0
    while not stop.is_set() and (chunk := os.pread(fd, 1024 * 1024, offset)):
        digest.update(chunk)
        offset += len(chunk)
    return digest.hexdigest()


@contextmanager
def _zip_sha256(file):
    """Yield a function that returns the zip's sha256.

    A zip in a real file is hashed by a second thread, through the same open
    file, while this one inspects the zip and parses its manifest: hashlib
    releases the GIL, so on a second core most of the hash (15% of importing
    a 50 MB package) costs no time. Other file objects are hashed here first.
    """
    try:
        fd = file.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):
        zip_sha256 = sha256_of(file)
        yield lambda: zip_sha256
        return
    file.seek(0)  # flushes what a caller may have written but not flushed
    stop = threading.Event()
    executor = ThreadPoolExecutor(1)
    try:
        yield executor.submit(_sha256_of_descriptor, fd, stop).result
    finally:
        stop.set()  # a rejected zip: no need to finish the hash
        executor.shutdown(wait=True)


@contextmanager
def _opened(source):
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as file:
            yield file
    else:
        yield source


@dataclass
class _ReadPackage:
    manifest: object
    entries: list  # the package's files: those under the manifest's folder
    root: str


def _read_package(archive, limits):
    entries = inspect_zipfile(archive, limits=limits)
    root, manifest = parse_manifest_from_zip(archive, entries, max_bytes=settings.SCORM_MAX_MANIFEST_BYTES)
    return _ReadPackage(manifest=manifest, entries=[entry for entry in entries if entry.path.startswith(root)], root=root)


def _store_files(archive, read, prefix, limits, progress):
    """Extract the package's files under `prefix`; the caller removes them on failure."""
    writer = PackageWriter(default_storage)
    total = len(read.entries)
    try:
        for done, entry in enumerate(read.entries, start=1):
            relative_path = entry.path[len(read.root):]
            chunks = iter_entry_chunks(archive, entry, limit=limits.max_entry_uncompressed, chunk_size=EXTRACT_CHUNK_BYTES)
            writer.write(prefix + relative_path, chunks, entry.size)
            if progress and (done == total or done % 25 == 0):
                writer.drain()
                progress(done, total)
    finally:
        writer.close()


def _files_in_use(zip_sha256):
    return PackageVersion.objects.filter(zip_sha256=zip_sha256).exists()


def package_import(*, file, title="", package=None, uploaded_by=None, progress=None) -> PackageVersion:
    """Validate a SCORM zip, store its files and record it as a new version.

    `file` is a path or a seekable binary file. A new package is created unless
    `package` is given, in which case the zip becomes its next version. Raises
    PackageRejected with a user-facing reason; on rejection nothing is left in
    storage or in the database. `progress(done, total)` is called while extracting.
    """
    limits = zip_limits()
    with _opened(file) as zip_file, _zip_sha256(zip_file) as zip_sha256_result:
        with open_zip(zip_file, limits=limits) as archive:
            read = _read_package(archive, limits)
            zip_sha256 = zip_sha256_result()
            prefix = package_prefix(zip_sha256)
            # The same zip imported before: its files are already in place and in use.
            reuse_files = _files_in_use(zip_sha256)
            if not reuse_files:
                delete_prefix(default_storage, prefix)  # leftovers of an interrupted import
                try:
                    _store_files(archive, read, prefix, limits, progress)
                except BaseException:
                    delete_prefix(default_storage, prefix)
                    raise
            elif progress:
                progress(len(read.entries), len(read.entries))
    try:
        return _record_version(
            read=read, zip_sha256=zip_sha256, prefix=prefix, title=title, package=package, uploaded_by=uploaded_by
        )
    except BaseException:
        if not reuse_files and not _files_in_use(zip_sha256):
            delete_prefix(default_storage, prefix)
        raise


@transaction.atomic
def _record_version(*, read, zip_sha256, prefix, title, package, uploaded_by):
    manifest = read.manifest
    if package is None:
        package = Package.objects.create(title=title or manifest.title)
    else:
        package = Package.objects.select_for_update().get(pk=package.pk)
    number = (package.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = PackageVersion.objects.create(
        package=package,
        number=number,
        zip_sha256=zip_sha256,
        storage_prefix=prefix,
        scorm_version=manifest.scorm_version,
        title=manifest.title,
        manifest=manifest.to_json_dict(),
        activity_tree=manifest.activity_tree,
        warnings=[warning.to_dict() for warning in manifest.warnings],
        file_count=len(read.entries),
        total_size=sum(entry.size for entry in read.entries),
        uploaded_by=uploaded_by,
    )
    items = {item.identifier: item for item in walk_items(manifest.organization.items)}
    Sco.objects.bulk_create(
        Sco(
            version=version, identifier=sco.identifier, title=sco.title, launch=sco.launch, order=order,
            settings=_launch_settings(items[sco.identifier], sco.scorm_type),
        )
        for order, sco in enumerate(manifest.scos)
    )
    package.current_version = version
    package.save(update_fields=["current_version", "updated_at"])
    return version


def _launch_settings(item, scorm_type):
    """What the runtime seeds the SCO's data model with, read once from the manifest."""
    threshold = item.completion_threshold
    primary = item.sequencing.objectives.primary if item.sequencing else None
    values = {
        "scorm_type": scorm_type,
        "mastery_score": item.mastery_score,
        "max_time_allowed": item.max_time_allowed,
        "time_limit_action": item.time_limit_action,
        "launch_data": item.data_from_lms,
        "prerequisites": item.prerequisites,
        "completion_threshold": threshold.min_progress_measure if threshold and threshold.completed_by_measure else None,
        # SCORM 2004 RTE 4.2.21: the primary objective's minNormalizedMeasure, when satisfied by measure.
        "scaled_passing_score": primary.min_normalized_measure if primary and primary.satisfied_by_measure else None,
        "hide_lms_ui": item.hide_lms_ui,
    }
    return {key: value for key, value in values.items() if value not in (None, [], "")}


@transaction.atomic
def package_delete(*, package):
    """Delete a package, its versions and exactly its own files (shared identical zips stay)."""
    hashes = set(package.versions.values_list("zip_sha256", flat=True))
    package.delete()
    still_used = set(PackageVersion.objects.filter(zip_sha256__in=hashes).values_list("zip_sha256", flat=True))
    for zip_sha256 in hashes - still_used:
        transaction.on_commit(lambda prefix=package_prefix(zip_sha256): delete_prefix(default_storage, prefix))


# --- Uploads through the admin: the web request stores the zip, a Celery task imports it.

UPLOADS_ROOT = "scorm-uploads"


def package_import_job_create(*, uploaded_file, title="", package=None, uploaded_by=None) -> PackageImport:
    from .tasks import package_import_job_run_task

    upload_name = default_storage.save(f"{UPLOADS_ROOT}/{uploaded_file.name}", uploaded_file)
    job = PackageImport.objects.create(
        upload_name=upload_name, original_filename=uploaded_file.name[:255], title=title, package=package,
        uploaded_by=uploaded_by,
    )
    package_import_job_run_task.delay_on_commit(job.pk)
    return job


def _progress_recorder(job):
    def record(done, total):
        PackageImport.objects.filter(pk=job.pk).update(files_done=done, files_total=total)

    return record


@contextmanager
def _local_copy(name):
    """The upload as a local file: zipfile needs to seek, S3 objects cannot."""
    with default_storage.open(name, "rb") as stored, tempfile.TemporaryFile() as local:
        shutil.copyfileobj(stored, local, 1024 * 1024)
        local.seek(0)
        yield local


def package_import_job_run(*, job_id):
    """Run an upload job once; a finished job is left alone (tasks may be delivered twice)."""
    with transaction.atomic():
        job = PackageImport.objects.select_for_update().get(pk=job_id)
        if job.status in (PackageImport.Status.SUCCEEDED, PackageImport.Status.FAILED):
            return job
        job.status = PackageImport.Status.RUNNING
        job.save(update_fields=["status", "updated_at"])
    try:
        with _local_copy(job.upload_name) as zip_file:
            version = package_import(
                file=zip_file, title=job.title, package=job.package, uploaded_by=job.uploaded_by,
                progress=_progress_recorder(job),
            )
    except PackageRejected as rejection:
        job.status, job.error_code, job.error_params = PackageImport.Status.FAILED, rejection.code, rejection.params
    except Exception:
        logger.exception("SCORM import job %s failed", job.pk)
        job.status, job.error_code = PackageImport.Status.FAILED, PackageImport.INTERNAL_ERROR
    else:
        job.status, job.version, job.package = PackageImport.Status.SUCCEEDED, version, version.package
    # Progress columns were written by the recorder; keep them.
    job.save(update_fields=["status", "error_code", "error_params", "version", "package", "updated_at"])
    default_storage.delete(job.upload_name)
    return job
