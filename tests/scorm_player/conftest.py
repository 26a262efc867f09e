"""Rustici's golf runtime packages, imported into local storage: one SCO each; a rule that lets
every learner play."""

import pytest

from scorm_player.access import register_access_rule, unregister_access_rule
from scorm_player.services import package_import
from tests.services import shared_fixtures_dir


@pytest.fixture
def sco_12(local_storage):
    return package_import(file=shared_fixtures_dir() / "valid" / "RuntimeBasicCalls_SCORM12.zip").scos.get()


@pytest.fixture
def sco_2004(local_storage):
    return package_import(file=shared_fixtures_dir() / "valid" / "RuntimeBasicCalls_SCORM20043rdEdition.zip").scos.get()


@pytest.fixture
def allow_everyone():
    rule = register_access_rule(lambda user, version: True)
    yield
    unregister_access_rule(rule)
