"""`manage.py import_scorm PATH.zip [--json]`: the command door of the import service."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from scorm_player.models import Package
from tests.scorm_player.manifest_oracle import (
    expected_scorm_version,
    read_fixture_manifest,
    strip_tree,
)
from tests.services import ROOT, shared_fixtures_dir

pytestmark = pytest.mark.django_db

FIXTURES = shared_fixtures_dir()


def test_json_report_describes_the_imported_package(local_storage, capsys):
    zip_path = FIXTURES / "valid" / "ContentPackagingOneFilePerSCO_SCORM12.zip"
    expected = read_fixture_manifest(zip_path)

    call_command("import_scorm", str(zip_path), "--json")

    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {"id", "title", "scorm_version", "organizations", "scos", "warnings"}
    assert report["id"] == Package.objects.get().pk
    assert report["title"] == expected["title"]
    assert report["scorm_version"] == expected_scorm_version(expected["schemaversion"])
    assert strip_tree(report["organizations"][0]["items"]) == expected["items"]
    assert report["scos"] == expected["scos"]
    assert isinstance(report["warnings"], list)


def test_rejected_package_exits_non_zero_with_the_reason(local_storage):
    with pytest.raises(CommandError, match="unknown_resource"):
        call_command("import_scorm", str(FIXTURES / "invalid" / "ItemWithNonExistentResourceId_SCORM12.zip"))

    assert not Package.objects.exists()


def test_command_line_exit_status_is_non_zero_on_rejection(tmp_path):
    not_a_zip = tmp_path / "course.zip"
    not_a_zip.write_text("this is not a zip")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_scorm", str(not_a_zip), "--json"],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "LMS_STATE_DIR": str(tmp_path / "state"), "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"},
    )

    assert result.returncode != 0
    assert "not_a_zip" in result.stderr
