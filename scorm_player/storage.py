"""Package files in Django's default storage (local folder or S3), by content-addressed prefix."""

import shutil
from concurrent.futures import ThreadPoolExecutor

from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage

PACKAGES_ROOT = "scorm"
# Uploads to object storage are network-bound: a few in flight hide the latency.
S3_PARALLEL_UPLOADS = 8


def package_prefix(zip_sha256):
    return f"{PACKAGES_ROOT}/{zip_sha256}/"


def is_local(storage):
    return isinstance(storage, FileSystemStorage)


class ChunkedFile(File):
    """A Django File fed by an iterator of byte chunks (a zip entry being decompressed)."""

    def __init__(self, chunks, size, name):
        super().__init__(None, name=name)
        self._chunks = chunks
        self._size = size

    @property
    def size(self):
        return self._size

    def chunks(self, chunk_size=None):
        yield from self._chunks

    def close(self):
        pass


def save_exact(storage, name, content):
    """Save under exactly `name`: links inside a package break if the storage renames a file."""
    saved = storage.save(name, content)
    if saved != name:
        storage.delete(saved)
        raise FileExistsError(f"storage renamed {name} to {saved}")


class PackageWriter:
    """Writes one package's files, in parallel where the storage is remote."""

    def __init__(self, storage):
        self.storage = storage
        self.pool = None if is_local(storage) else ThreadPoolExecutor(S3_PARALLEL_UPLOADS)
        self.pending = []

    def write(self, name, chunks, size):
        if self.pool is None:
            save_exact(self.storage, name, ChunkedFile(chunks, size, name))
            return
        # Decompress here (the zip is read by one thread), upload in the pool.
        data = b"".join(chunks)
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


def prefix_exists(storage, prefix, probe_name):
    return storage.exists(f"{prefix}{probe_name}")
