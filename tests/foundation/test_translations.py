"""Vietnamese first: every message of our own has a Vietnamese translation."""

import polib
import pytest
from django.utils import translation

from scorm_player.errors import REJECTION_MESSAGES, WARNING_MESSAGES, PackageRejected
from tests.services import ROOT

CATALOG = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_the_vietnamese_catalog_has_no_untranslated_or_fuzzy_entries():
    catalog = polib.pofile(str(CATALOG))

    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []


@pytest.mark.parametrize("message", [*REJECTION_MESSAGES.values(), *WARNING_MESSAGES.values()], ids=str)
def test_every_rejection_reason_and_warning_reads_in_vietnamese(message):
    with translation.override("en"):
        english = str(message)
    with translation.override("vi"):
        vietnamese = str(message)

    assert vietnamese != english


def test_a_rejection_is_shown_in_the_active_language():
    rejection = PackageRejected("path_traversal", name="../x")

    with translation.override("vi"):
        assert rejection.message == "Tệp zip chứa một đường dẫn nằm ngoài gói: ../x"
    with translation.override("en"):
        assert rejection.message == "The zip contains a path outside the package: ../x"
