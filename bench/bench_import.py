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

Prints a table and one line `BENCHJSON {...}`. Targets (issue): local import
<= 1.5x extractall and no slower than wagtail-lms (0.126 s, or the figure of
the latest peer run in /tmp/peer-bench/import.json); SeaweedFS import <= 5 s.
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


def local_series(zip_path, scratch):
    """Imports and extractalls alternating (which one goes first alternates too), after one warm-up each."""
    from django.core.files.storage import default_storage

    expected = files_in_zip(zip_path)
    timed_import(zip_path, default_storage, expected)
    timed_extractall(zip_path, scratch)
    imports, extracts = [], []
    for run in range(RUNS):
        if run % 2:
            extracts.append(timed_extractall(zip_path, scratch))
            imports.append(timed_import(zip_path, default_storage, expected))
        else:
            imports.append(timed_import(zip_path, default_storage, expected))
            extracts.append(timed_extractall(zip_path, scratch))
    return {
        "files": expected,
        "zip_bytes": zip_path.stat().st_size,
        "import_s": [round(t, 4) for t in imports],
        "import_median_s": round(median(imports), 4),
        "extractall_s": [round(t, 4) for t in extracts],
        "extractall_median_s": round(median(extracts), 4),
        "ratio_vs_extractall": round(median(imports) / median(extracts), 2),
    }


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


def peer_figure():
    """The peer's big-package import median: from its latest run on this machine, else its README."""
    try:
        result = json.loads(PEER_RESULTS.read_text())["import"]["big"]
        return result["median_s"], result["py_extractall"]["median_s"], str(PEER_RESULTS)
    except (OSError, KeyError, ValueError):
        return PEER_README_IMPORT_S, 0.082, "bench_peer_wagtail_lms/README.md"


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
        big_local = local_series(big_zip, scratch)
        golf_local = local_series(golf_zip, scratch)
        big_s3 = seaweedfs_series(big_zip, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    peer_s, peer_extractall_s, peer_source = peer_figure()
    from django.db import connection

    checks = {
        "local_le_1.5x_extractall": big_local["ratio_vs_extractall"] <= TARGET_RATIO_VS_EXTRACTALL,
        "local_le_peer": big_local["import_median_s"] <= peer_s,
        "seaweedfs_le_5s": big_s3["import_median_s"] <= TARGET_SEAWEEDFS_S,
    }
    rows = [
        ("big zip, local storage", big_local["files"], big_local["import_median_s"], big_local["extractall_median_s"], big_local["ratio_vs_extractall"]),
        ("golf zip, local storage", golf_local["files"], golf_local["import_median_s"], golf_local["extractall_median_s"], golf_local["ratio_vs_extractall"]),
        ("big zip, SeaweedFS (S3)", big_s3["files"], big_s3["import_median_s"], None, None),
        (f"peer wagtail-lms, big zip", big_local["files"], peer_s, peer_extractall_s, round(peer_s / peer_extractall_s, 2)),
    ]
    print(f"\nSCORM import, median of {RUNS} (database: {connection.vendor}; big zip {big_local['zip_bytes'] / 1e6:.1f} MB)")
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
        "bench": "import", "runs": RUNS, "database": connection.vendor,
        "big_local": big_local, "golf_local": golf_local, "big_seaweedfs": big_s3,
        "peer": {"import_median_s": peer_s, "extractall_median_s": peer_extractall_s, "source": peer_source},
        "targets": checks, "wall_s": wall_s,
    }))


if __name__ == "__main__":
    main()
