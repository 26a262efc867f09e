"""Rustici's golf runtime packages, imported into local storage: one SCO each."""

import pytest

from scorm_player.services import package_import
from tests.services import shared_fixtures_dir


@pytest.fixture
def sco_12(local_storage):
    return package_import(file=shared_fixtures_dir() / "valid" / "RuntimeBasicCalls_SCORM12.zip").scos.get()


@pytest.fixture
def sco_2004(local_storage):
    return package_import(file=shared_fixtures_dir() / "valid" / "RuntimeBasicCalls_SCORM20043rdEdition.zip").scos.get()
