#!/usr/bin/env python
"""Time SCORM package import: local storage and SeaweedFS, against zipfile.extractall.

    .venv/bin/python bench/bench_import.py

Input: the team's seeded big package (the golf package RuntimeBasicCalls_SCORM12
plus 300 files of random bytes, 50 MiB; built by the peer harness's
make_big_zip.py, so both LMSs import the same bytes) and the golf package itself.

What is timed: `package_import(file=path)` — full validation (zip inspection,
bomb/CRC checks on every byte, manifest parsing), extraction into Django's
default storage, the database rows. Each run imports into an empty storage:
the package and its files are deleted (package_delete) between runs. In the
same loop, alternating with the imports so that noise hits both, CPython's
`zipfile.ZipFile(path).extractall(fresh_dir)` on the same file is timed. One
untimed warm-up of each comes first; figures are medians of 5.

Own throwaway state: a temp folder holds the SQLite database (LMS_STATE_DIR),
the local media folder and SeaweedFS's data; all removed at the end. Set
BENCH_DATABASE_URL to use a (throwaway) PostgreSQL database instead; it is migrated.
SeaweedFS is started on free loopback ports and stopped by its PID, always.

The peer, wagtail-lms, in the same loop: when its harness
(../shared/bench_peer_wagtail_lms/run_all.sh) has left its venv and site
behind (PEER_VENV, default /tmp/peer-venv; PEER_DIR, default /tmp/peer-site),
a peer process imports the same zips the way its load_package.py does
(SCORMPackage.save(), then delete), one timed import per round, interleaved
with ours and with extractall. On a shared, noisy machine only figures taken side by side compare.
Without the peer's site, the figure of its latest run
(/tmp/peer-bench/import.json) or of its README (0.126 s) is shown instead.

Prints a table and one line `BENCHJSON {...}`. Targets (issue): local import
<= 1.5x extractall and no slower than wagtail-lms; SeaweedFS import <= 5 s.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 5
BIG_FILES, BIG_TOTAL_MB, BIG_SEED = 300, 50, 42
PEER_README_IMPORT_S = 0.126  # wagtail-lms 0.11.1, bench_peer_wagtail_lms/README.md
PEER_RESULTS = Path(os.environ.get("PEER_OUT", "/tmp/peer-bench")) / "import.json"
PEER_VENV = Path(os.environ.get("PEER_VENV", "/tmp/peer-venv"))
PEER_SITE = Path(os.environ.get("PEER_DIR", "/tmp/peer-site"))
# Runs in the peer's venv: one import per zip path read from stdin, as load_package.time_import does it.
PEER_WORKER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
import load_package
load_package.setup_django(sys.argv[2])
from django.db import transaction
for line in sys.stdin:
    package, handle = load_package.new_package(line.strip(), "bench_import side by side")
    try:
        started = time.perf_counter()
        package.save()
        elapsed = time.perf_counter() - started
    finally:
        handle.close()
    files, _size = load_package.count_extracted(package)
    with transaction.atomic():
        package.delete()
    print(json.dumps({"seconds": elapsed, "files": files}), flush=True)
"""
TARGET_RATIO_VS_EXTRACTALL = 1.5
TARGET_SEAWEEDFS_S = 5.0


def configure_django(state_dir):
    """Environment for a throwaway LMS, set before Django reads its settings."""
    os.environ["LMS_STATE_DIR"] = str(state_dir / "state")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{state_dir / 'state' / 'bench.sqlite3'}"
    os.environ["DJANGO_MEDIA_ROOT"] = str(state_dir / "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    for name in ("AWS_STORAGE_BUCKET_NAME", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        os.environ.pop(name, None)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def build_big_zip(peer_dir, golf_zip, out_path):
    subprocess.run(
        [
            sys.executable, str(peer_dir / "make_big_zip.py"), str(golf_zip), str(out_path),
            "--files", str(BIG_FILES), "--total-mb", str(BIG_TOTAL_MB), "--seed", str(BIG_SEED),
        ],
        check=True, stdout=subprocess.DEVNULL,
    )
    return out_path


def files_in_zip(zip_path):
    with zipfile.ZipFile(zip_path) as archive:
        return sum(1 for info in archive.infolist() if not info.is_dir())


def timed_import(zip_path, storage, expected_files):
    """Seconds of one package_import; then checks the files and deletes package and files."""
    from scorm_player.services import package_delete, package_import
    from tests.scorm_player.test_package_import import stored_files

    started = time.perf_counter()
    version = package_import(file=zip_path)
    elapsed = time.perf_counter() - started

    stored = stored_files(storage, version.storage_prefix)
    if len(stored) != expected_files:
        raise SystemExit(f"{zip_path.name}: {len(stored)} files stored, {expected_files} expected")
    # package_delete removes the files in an on_commit hook: it runs as its atomic block ends.
    package_delete(package=version.package)
    if stored_files(storage, version.storage_prefix):
        raise SystemExit(f"{zip_path.name}: files left after package_delete")
    return elapsed


def timed_extractall(zip_path, scratch):
    target = Path(tempfile.mkdtemp(prefix="extractall-", dir=scratch))
    try:
        started = time.perf_counter()
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(target)
        return time.perf_counter() - started
    finally:
        shutil.rmtree(target, ignore_errors=True)


def median(values):
    return statistics.median(values)


class PeerImporter:
    """A wagtail-lms process that imports a zip when asked; None when the peer's site is not there."""

    @classmethod
    def start(cls, peer_dir):
        python = PEER_VENV / "bin" / "python"
        if not (python.exists() and (PEER_SITE / "manage.py").exists() and (peer_dir / "load_package.py").exists()):
            return None
        process = subprocess.Popen(
            [str(python), "-c", PEER_WORKER, str(peer_dir), str(PEER_SITE)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "peersite.settings"},
        )
        return cls(process)

    def __init__(self, process):
        self.process = process

    def timed_import(self, zip_path, expected_files):
        self.process.stdin.write(f"{zip_path}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the peer's import process stopped")
        result = json.loads(line)
        if result["files"] != expected_files:
            raise RuntimeError(f"the peer extracted {result['files']} files, {expected_files} expected")
        return result["seconds"]

    def stop(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def local_series(zip_path, scratch, peer=None):
    """Imports, extractalls (and the peer's imports) in turn, the first of each round rotating; one warm-up each."""
    from django.core.files.storage import default_storage

    expected = files_in_zip(zip_path)
    timings = {
        "import": lambda: timed_import(zip_path, default_storage, expected),
        "extractall": lambda: timed_extractall(zip_path, scratch),
    }
    if peer is not None:
        timings["peer"] = lambda: peer.timed_import(zip_path, expected)
    names = list(timings)
    for name in names:
        timings[name]()
    seconds = {name: [] for name in names}
    for run in range(RUNS):
        for name in names[run % len(names):] + names[: run % len(names)]:
            seconds[name].append(timings[name]())
    result = {
        "files": expected,
        "zip_bytes": zip_path.stat().st_size,
        "import_s": [round(t, 4) for t in seconds["import"]],
        "import_median_s": round(median(seconds["import"]), 4),
        "extractall_s": [round(t, 4) for t in seconds["extractall"]],
        "extractall_median_s": round(median(seconds["extractall"]), 4),
        "ratio_vs_extractall": round(median(seconds["import"]) / median(seconds["extractall"]), 2),
    }
    if peer is not None:
        result["peer_import_s"] = [round(t, 4) for t in seconds["peer"]]
        result["peer_import_median_s"] = round(median(seconds["peer"]), 4)
    return result


def seaweedfs_series(zip_path, scratch):
    from django.test import override_settings

    from tests import services

    server = services.start_seaweedfs(Path(tempfile.mkdtemp(prefix="seaweedfs-", dir=scratch)))
    try:
        s3 = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": server.storage_options(location="bench")}
        from django.conf import settings

        # override_settings sends setting_changed, which makes default_storage rebuild itself.
        with override_settings(STORAGES={**settings.STORAGES, "default": s3}):
            from django.core.files.storage import default_storage

            expected = files_in_zip(zip_path)
            timed_import(zip_path, default_storage, expected)  # warm-up: connections, bucket
            imports = [timed_import(zip_path, default_storage, expected) for _ in range(RUNS)]
    finally:
        services.stop_process(server.process, grace=5)
    return {"files": expected, "import_s": [round(t, 4) for t in imports], "import_median_s": round(median(imports), 4)}


def peer_figure(big_local):
    """The peer's big-package import median and the extractall beside it, and where they come from."""
    if "peer_import_median_s" in big_local:
        return big_local["peer_import_median_s"], big_local["extractall_median_s"], "side by side in this run"
    try:
        result = json.loads(PEER_RESULTS.read_text())["import"]["big"]
        return result["median_s"], result["py_extractall"]["median_s"], f"{PEER_RESULTS} (its own run)"
    except (OSError, KeyError, ValueError):
        return PEER_README_IMPORT_S, 0.082, "bench_peer_wagtail_lms/README.md (another day)"


def main():
    from tests.services import shared_fixtures_dir

    fixtures = shared_fixtures_dir()
    peer_dir = fixtures.parent.parent / "bench_peer_wagtail_lms"
    golf_zip = fixtures / "valid" / "RuntimeBasicCalls_SCORM12.zip"
    wall_started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        big_zip = build_big_zip(peer_dir, golf_zip, scratch / "big.zip")
        configure_django(scratch)
        from django.db import connection

        database = connection.vendor
        peer = PeerImporter.start(peer_dir)
        try:
            big_local = local_series(big_zip, scratch, peer)
            golf_local = local_series(golf_zip, scratch, peer)
        finally:
            if peer is not None:
                peer.stop()
        big_s3 = seaweedfs_series(big_zip, scratch)
        connection.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    peer_s, peer_extractall_s, peer_source = peer_figure(big_local)

    checks = {
        "local_le_1.5x_extractall": big_local["ratio_vs_extractall"] <= TARGET_RATIO_VS_EXTRACTALL,
        "local_le_peer": big_local["import_median_s"] <= peer_s,
        "seaweedfs_le_5s": big_s3["import_median_s"] <= TARGET_SEAWEEDFS_S,
    }
    rows = [
        ("big zip, local storage", big_local["files"], big_local["import_median_s"], big_local["extractall_median_s"], big_local["ratio_vs_extractall"]),
        ("golf zip, local storage", golf_local["files"], golf_local["import_median_s"], golf_local["extractall_median_s"], golf_local["ratio_vs_extractall"]),
        ("big zip, SeaweedFS (S3)", big_s3["files"], big_s3["import_median_s"], None, None),
        ("peer wagtail-lms, big zip", big_local["files"], peer_s, peer_extractall_s, round(peer_s / peer_extractall_s, 2)),
    ]
    if "peer_import_median_s" in golf_local:
        peer_golf_s = golf_local["peer_import_median_s"]
        rows.append(("peer wagtail-lms, golf zip", golf_local["files"], peer_golf_s, golf_local["extractall_median_s"],
                     round(peer_golf_s / golf_local["extractall_median_s"], 2)))
    print(f"\nSCORM import, median of {RUNS} (database: {database}; big zip {big_local['zip_bytes'] / 1e6:.1f} MB)")
    print(f"{'case':<26} {'files':>5} {'import s':>9} {'extractall s':>13} {'ratio':>6}")
    for case, files, seconds, floor, ratio in rows:
        floor_text = f"{floor:.3f}" if floor is not None else "-"
        ratio_text = f"{ratio:.2f}" if ratio is not None else "-"
        print(f"{case:<26} {files:>5} {seconds:>9.3f} {floor_text:>13} {ratio_text:>6}")
    print(f"peer figure from {peer_source}")
    print("targets: " + ", ".join(f"{name} {'ok' if passed else 'MISSED'}" for name, passed in checks.items()))
    wall_s = round(time.perf_counter() - wall_started, 1)
    print(f"wall time {wall_s} s")
    print("BENCHJSON " + json.dumps({
        "bench": "import", "runs": RUNS, "database": database,
        "big_local": big_local, "golf_local": golf_local, "big_seaweedfs": big_s3,
        "peer": {"import_median_s": peer_s, "extractall_median_s": peer_extractall_s, "source": peer_source},
        "targets": checks, "wall_s": wall_s,
    }))


if __name__ == "__main__":
    main()
