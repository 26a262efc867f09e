"""Package files in Django's default storage (local folder or S3), by content-addressed prefix."""

import os
import shutil
from concurrent.futures import ThreadPoolExecutor

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_makedirs

PACKAGES_ROOT = "scorm"
# Uploads to object storage are network-bound: a few in flight hide the latency.
S3_PARALLEL_UPLOADS = 8


def package_prefix(zip_sha256):
    return f"{PACKAGES_ROOT}/{zip_sha256}/"


def is_local(storage):
    return isinstance(storage, FileSystemStorage)


def save_exact(storage, name, content):
    """Save under exactly `name`: links inside a package break if the storage renames a file."""
    saved = storage.save(name, content)
    if saved != name:
        storage.delete(saved)
        raise FileExistsError(f"storage renamed {name} to {saved}")


def write_local_exact(storage, name, chunks, made_folders):
    """Create the file `name` in a FileSystemStorage from byte chunks; never overwrite.

    What FileSystemStorage.save does for a new file, without its per-file
    get_available_name/exists checks, name validation and lock: about a third
    of the time of importing a 300-file, 50 MB package. O_EXCL keeps
    save_exact's guarantee: an existing file is an error, never renamed or replaced.
    """
    path = storage.path(name)
    folder = os.path.dirname(path)
    if folder not in made_folders:
        if storage.directory_permissions_mode is not None:
            safe_makedirs(folder, storage.directory_permissions_mode, exist_ok=True)
        else:
            os.makedirs(folder, exist_ok=True)
        made_folders.add(folder)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    with open(fd, "wb") as file:
        if storage.file_permissions_mode is not None:
            os.chmod(fd, storage.file_permissions_mode)
        for chunk in chunks:
            file.write(chunk)


def _s3_put(storage):
    """A put(name, data) for django-storages' S3Storage, or None for other storages.

    One boto3 client (thread-safe) shared by the upload threads, one PutObject
    per file. Storage.save adds a HEAD request per file (get_available_name)
    and s3transfer's machinery, and each new upload thread builds its own boto3
    session: 300 files took 4x as long as plain PutObject calls on SeaweedFS.
    Gzip compression by the storage, if turned on, needs its save().
    """
    if not hasattr(storage, "bucket_name") or not hasattr(storage, "_get_write_parameters") or getattr(storage, "gzip", False):
        return None
    from storages.utils import clean_name

    client = storage.connection.meta.client

    def put(name, data):
        key = storage._normalize_name(clean_name(name))
        client.put_object(Bucket=storage.bucket_name, Key=key, Body=data, **storage._get_write_parameters(key))

    return put


class PackageWriter:
    """Writes one package's files: straight to disk when local, in parallel when remote."""

    def __init__(self, storage):
        self.storage = storage
        self.local = is_local(storage)
        self.made_folders = set()
        self.pool = None if self.local else ThreadPoolExecutor(S3_PARALLEL_UPLOADS)
        self.put = None if self.local else _s3_put(storage)
        self.pending = []

    def write(self, name, chunks, size):
        if self.local:
            write_local_exact(self.storage, name, chunks, self.made_folders)
            return
        # Decompress here (the zip is read by one thread), upload in the pool.
        data = b"".join(chunks)
        if self.put is not None:
            self.pending.append(self.pool.submit(self.put, name, data))
        else:
            self.pending.append(self.pool.submit(save_exact, self.storage, name, ContentFile(data, name=name)))
        if len(self.pending) >= 4 * S3_PARALLEL_UPLOADS:
            self.drain()

    def drain(self):
        pending, self.pending = self.pending, []
        for future in pending:
            future.result()

    def close(self):
        try:
            self.drain()
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)


def delete_prefix(storage, prefix):
    """Remove every file under `prefix` (a folder of one package version)."""
    if is_local(storage):
        shutil.rmtree(storage.path(prefix), ignore_errors=True)
        return
    bucket = getattr(storage, "bucket", None)
    if bucket is not None:
        key_prefix = storage._normalize_name(prefix)
        bucket.objects.filter(Prefix=key_prefix).delete()
        return
    directories, files = storage.listdir(prefix)
    for file_name in files:
        storage.delete(f"{prefix}{file_name}")
    for directory in directories:
        delete_prefix(storage, f"{prefix}{directory}/")
