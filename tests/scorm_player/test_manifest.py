"""Reading imsmanifest.xml: real packages, hand-made edge cases and hostile XML."""

import io
import json
import time
import unicodedata
import zipfile

import pytest
from django.utils import translation
from lxml import etree

from scorm_player.errors import PackageRejected
from scorm_player.manifest import (
    join_parameters,
    manifest_parser,
    parse_manifest,
    parse_manifest_from_zip,
    walk_items,
)
from scorm_player.zipsafety import inspect_zipfile, open_zip
from tests.scorm_player import adversarial
from tests.scorm_player.manifest_oracle import (
    expected_scorm_version,
    read_fixture_manifest,
    strip_tree,
)
from tests.services import shared_fixtures_dir

FIXTURES = shared_fixtures_dir()
VALID_PACKAGES = sorted((FIXTURES / "valid").glob("*.zip"))


def manifest_of(package_name: str):
    with open_zip(FIXTURES / "valid" / f"{package_name}.zip") as archive:
        return parse_manifest_from_zip(archive, inspect_zipfile(archive))[1]


def rejection(xml: bytes, **options) -> PackageRejected:
    with pytest.raises(PackageRejected) as rejected:
        parse_manifest(xml, **options)
    return rejected.value


def item(manifest, identifier):
    return next(found for found in walk_items(manifest.organization.items) if found.identifier == identifier)


def sco_resource(identifier="res_1", href="index.html", extra=""):
    return f'<resource identifier="{identifier}" type="webcontent" adlcp:scormtype="sco" href="{href}" {extra}/>'


# --- the real packages, against what their manifests say ----------------------


@pytest.mark.parametrize("package", VALID_PACKAGES, ids=lambda path: path.stem)
def test_every_real_package_parses_as_its_manifest_reads(package):
    expected = read_fixture_manifest(package)

    manifest = manifest_of(package.stem)
    summary = manifest.to_json_dict()

    assert manifest.scorm_version == expected_scorm_version(expected["schemaversion"])
    assert manifest.title == expected["title"]
    assert manifest.default_organization == expected["organization_identifier"]
    (organization,) = summary["organizations"]
    assert strip_tree(organization["items"]) == expected["items"]
    assert [{"identifier": sco["identifier"], "launch": sco["launch"]} for sco in summary["scos"]] == expected["scos"]
    assert manifest.warnings == []


# Read off each imsmanifest.xml: <schemaversion>, and the <item>s with an identifierref.
@pytest.mark.parametrize(
    "package, scorm_version, launchable_count",
    [
        ("ContentPackagingOneFilePerSCO_SCORM12", "1.2", 18),  # 6 + 4 + 5 + 3 under four aggregations
        ("ContentPackagingSingleSCO_SCORM12", "1.2", 1),
        ("ContentPackagingSingleSCO_SCORM20042ndEdition", "2004 2nd", 1),  # schemaversion "CAM 1.3"
        ("ContentPackagingSingleSCO_SCORM20043rdEdition", "2004 3rd", 1),
        ("RuntimeBasicCalls_SCORM12", "1.2", 1),
        ("RuntimeBasicCalls_SCORM20043rdEdition", "2004 3rd", 1),
        ("SequencingForcedSequential_SCORM20043rdEdition", "2004 3rd", 5),
        ("SequencingSimpleRemediation_SCORM20043rdEdition", "2004 3rd", 8),  # 4 content + 4 tests
    ],
)
def test_each_real_package_has_its_version_and_number_of_launchable_items(package, scorm_version, launchable_count):
    manifest = manifest_of(package)

    assert manifest.scorm_version == scorm_version
    assert len(manifest.scos) == launchable_count


def test_one_file_per_sco_launches_assets_and_passes_quiz_parameters():
    manifest = manifest_of("ContentPackagingOneFilePerSCO_SCORM12")

    # <item identifier="playing_quiz_item" identifierref="playing_quiz_resource" parameters="?questions=Playing">
    # <resource identifier="playing_quiz_resource" adlcp:scormtype="asset" href="shared/assessmenttemplate.html">
    quiz = item(manifest, "playing_quiz_item")
    assert quiz.launch == "shared/assessmenttemplate.html?questions=Playing"
    assert quiz.scorm_type == "asset"
    assert {sco.scorm_type for sco in manifest.scos} == {"asset"}
    # The four sections are aggregations: <item identifier="playing_item"> has no identifierref.
    assert [section.launch for section in manifest.organization.items] == [None] * 4
    assert [section.identifier for section in manifest.organization.items] == [
        "playing_item",
        "etiquette_item",
        "handicapping_item",
        "havingfun_item",
    ]


def test_parameters_are_appended_to_a_plain_href_in_simple_remediation():
    manifest = manifest_of("SequencingSimpleRemediation_SCORM20043rdEdition")

    # <item identifier="test_1" identifierref="assessment_resource" parameters="?content=assessment1">,
    # <resource identifier="assessment_resource" ... href="shared/launchpage.html">
    assert item(manifest, "test_1").launch == "shared/launchpage.html?content=assessment1"
    assert item(manifest, "test_4").launch == "shared/launchpage.html?content=assessment4"


def test_a_query_already_in_the_href_is_kept_in_forced_sequential():
    manifest = manifest_of("SequencingForcedSequential_SCORM20043rdEdition")

    # <resource identifier="playing_resource" ... href="shared/launchpage.html?content=playing">
    assert [sco.launch for sco in manifest.scos] == [
        f"shared/launchpage.html?content={name}"
        for name in ("playing", "etiquette", "handicapping", "havingfun", "assessment")
    ]


def test_resources_keep_their_files_and_dependencies():
    manifest = manifest_of("ContentPackagingOneFilePerSCO_SCORM12")
    resources = {resource.identifier: resource for resource in manifest.resources}

    assert resources["playing_par_resource"].files == ["Playing/Par.html", "Playing/par.jpg"]
    assert resources["playing_par_resource"].dependencies == ["common_files"]
    assert resources["common_files"].href is None
    assert len(resources) == 19


@pytest.mark.parametrize(
    "package, code, params",
    [
        # <organization> has no identifier attribute
        ("InvalidMissingOrgIdentifier_SCORM20043rdEdition", "missing_identifier", {"element": "organization"}),
        # <item identifier="item_1" identifierref="non_existent_resource">
        (
            "ItemWithNonExistentResourceId_SCORM12",
            "unknown_resource",
            {"item": "item_1", "resource": "non_existent_resource"},
        ),
        # <item identifier="item_1" ...> is never closed
        ("MalformedXml_SCORM12", "malformed_manifest", None),
        # <resource identifier="resource_1" adlcp:scormtype="sco"> without href
        ("MissingLaunchUrl_SCORM12", "missing_launch", {"resource": "resource_1"}),
    ],
)
def test_each_invalid_package_is_rejected_with_its_own_reason(package, code, params):
    with open_zip(FIXTURES / "invalid" / f"{package}.zip") as archive:
        with pytest.raises(PackageRejected) as rejected:
            parse_manifest_from_zip(archive, inspect_zipfile(archive))

    assert rejected.value.code == code
    if params is not None:
        assert rejected.value.params == params


def test_every_invalid_fixture_is_covered_by_a_rejection_test():
    covered = {
        "InvalidMissingOrgIdentifier_SCORM20043rdEdition",
        "ItemWithNonExistentResourceId_SCORM12",
        "MalformedXml_SCORM12",
        "MissingLaunchUrl_SCORM12",
    }

    assert {path.stem for path in (FIXTURES / "invalid").glob("*.zip")} == covered


def test_the_summary_and_the_activity_tree_are_plain_json():
    manifest = manifest_of("SequencingSimpleRemediation_SCORM20043rdEdition")

    summary = json.loads(json.dumps(manifest.to_json_dict()))
    tree = json.loads(json.dumps(manifest.activity_tree))
    json.dumps(manifest.to_dict())

    assert set(summary) >= {"title", "scorm_version", "organizations", "scos", "warnings"}
    assert summary["title"] == "Golf Explained - Simple Remediation"
    assert tree["identifier"] == "golf_sample_default_org"
    assert [child["identifier"] for child in tree["children"]] == ["content_wrapper"]
    assert len(tree["children"][0]["children"]) == 8


# --- sequencing read from the real packages -----------------------------------


def test_forced_sequential_organization_allows_choice_and_flow():
    manifest = manifest_of("SequencingForcedSequential_SCORM20043rdEdition")

    # <imsss:controlMode choice="true" flow="true"/> on the organization
    control_mode = manifest.organization.sequencing.control_mode
    assert (control_mode.choice, control_mode.flow, control_mode.forward_only) == (True, True, False)
    assert manifest.organization.objectives_global_to_system is False


def test_forced_sequential_items_take_the_shared_collection_rules():
    sequencing = item(manifest_of("SequencingForcedSequential_SCORM20043rdEdition"), "playing_item").sequencing

    # <imsss:sequencing ID="common_seq_rules">: rollupRules objectiveMeasureWeight="0",
    # deliveryControls completionSetByContent="true" objectiveSetByContent="true"
    assert sequencing.collection_id == "common_seq_rules"
    assert sequencing.rollup_rules.objective_measure_weight == 0.0
    assert sequencing.rollup_rules.rollup_objective_satisfied is True
    assert sequencing.delivery_controls.completion_set_by_content is True
    assert sequencing.delivery_controls.objective_set_by_content is True
    assert sequencing.delivery_controls.tracked is True
    # its own primary objective writes to the global playing_satisfied
    primary = sequencing.objectives.primary
    assert primary.objective_id == "playing_satisfied"
    assert [(m.target_objective_id, m.read_satisfied_status, m.write_satisfied_status) for m in primary.map_info] == [
        ("com.scorm.golfsamples.sequencing.forcedsequential.playing_satisfied", True, True)
    ]


def test_forced_sequential_disables_an_item_until_the_previous_one_is_satisfied():
    sequencing = item(manifest_of("SequencingForcedSequential_SCORM20043rdEdition"), "etuqiette_item").sequencing

    (rule,) = sequencing.sequencing_rules.pre
    assert rule.action == "disabled"
    assert rule.condition_combination == "any"
    assert [(c.referenced_objective, c.operator, c.condition) for c in rule.conditions] == [
        ("previous_sco_satisfied", "not", "satisfied"),
        ("previous_sco_satisfied", "not", "objectiveStatusKnown"),
    ]
    assert sequencing.sequencing_rules.exit == sequencing.sequencing_rules.post == []
    (previous,) = sequencing.objectives.others
    assert previous.objective_id == "previous_sco_satisfied"
    assert [(m.target_objective_id, m.read_satisfied_status, m.write_satisfied_status) for m in previous.map_info] == [
        ("com.scorm.golfsamples.sequencing.forcedsequential.playing_satisfied", True, False)
    ]


def test_forced_sequential_quiz_has_a_primary_objective_without_a_global_map():
    sequencing = item(manifest_of("SequencingForcedSequential_SCORM20043rdEdition"), "assessment_item").sequencing

    # <imsss:primaryObjective objectiveID="assessment_satisfied" />
    assert sequencing.objectives.primary.objective_id == "assessment_satisfied"
    assert sequencing.objectives.primary.map_info == []


def test_simple_remediation_is_flow_only_with_a_hidden_wrapper_that_retries():
    manifest = manifest_of("SequencingSimpleRemediation_SCORM20043rdEdition")
    wrapper = item(manifest, "content_wrapper")

    assert manifest.organization.sequencing.control_mode.choice is False
    assert manifest.organization.sequencing.control_mode.flow is True
    assert wrapper.is_visible is False
    assert wrapper.launch is None
    control_mode = wrapper.sequencing.control_mode
    assert (control_mode.choice, control_mode.flow, control_mode.choice_exit) == (False, True, False)
    retry, exit_all = wrapper.sequencing.sequencing_rules.post
    assert (retry.action, retry.condition_combination) == ("retry", "any")
    assert [(c.operator, c.condition) for c in retry.conditions] == [
        ("not", "satisfied"),
        ("not", "objectiveStatusKnown"),
    ]
    assert exit_all.action == "exitAll"
    assert [(c.operator, c.condition) for c in exit_all.conditions] == [("noOp", "satisfied")]


def test_simple_remediation_content_is_skipped_once_satisfied_and_not_rolled_up():
    sequencing = item(manifest_of("SequencingSimpleRemediation_SCORM20043rdEdition"), "playing_item").sequencing

    # <imsss:sequencing ID="content_seq_rules">
    (skip,) = sequencing.sequencing_rules.pre
    assert skip.action == "skip"
    assert [(c.operator, c.condition) for c in skip.conditions] == [("noOp", "satisfied")]
    rollup = sequencing.rollup_rules
    assert (rollup.objective_measure_weight, rollup.rollup_objective_satisfied, rollup.rollup_progress_completion) == (
        0.0,
        False,
        False,
    )
    assert sequencing.objectives.primary.map_info[0].write_satisfied_status is False


def test_simple_remediation_last_test_keeps_the_collection_skip_and_adds_its_own_exit():
    sequencing = item(manifest_of("SequencingSimpleRemediation_SCORM20043rdEdition"), "test_4").sequencing

    # pre rule from <imsss:sequencing ID="test_seq_rules">, post rule from the item itself
    assert [rule.action for rule in sequencing.sequencing_rules.pre] == ["skip"]
    (exit_parent,) = sequencing.sequencing_rules.post
    assert exit_parent.action == "exitParent"
    assert [c.condition for c in exit_parent.conditions] == ["always"]
    assert sequencing.rollup_rules.objective_measure_weight == 1.0
    # <adlseq:rollupConsiderations requiredForCompleted="ifNotSkipped"/>
    assert sequencing.rollup_considerations.required_for_completed == "ifNotSkipped"
    assert sequencing.rollup_considerations.required_for_satisfied == "always"
    map_info = sequencing.objectives.primary.map_info[0]
    assert (map_info.write_satisfied_status, map_info.write_normalized_measure) == (True, True)


def test_items_without_sequencing_in_a_2004_package_get_the_defaults():
    sequencing = item(manifest_of("ContentPackagingSingleSCO_SCORM20043rdEdition"), "item_1").sequencing

    assert sequencing.control_mode.choice is True
    assert sequencing.control_mode.flow is False
    assert sequencing.delivery_controls.completion_set_by_content is False
    assert sequencing.objectives.primary is None


def test_scorm_12_items_carry_no_sequencing():
    manifest = manifest_of("RuntimeBasicCalls_SCORM12")

    assert manifest.organization.sequencing is None
    assert item(manifest, "item_1").sequencing is None


# --- versions ------------------------------------------------------------------


def test_a_4th_edition_schemaversion_is_read():
    xml = adversarial.scorm2004_manifest(
        '<item identifier="i" identifierref="r"><title>T</title></item>',
        '<resource identifier="r" adlcp:scormType="sco" href="a.html" type="webcontent"/>',
        schemaversion="2004 4th Edition",
    )

    assert parse_manifest(xml).scorm_version == "2004 4th"


def test_without_schemaversion_a_2004_package_is_read_as_3rd_edition_with_a_warning():
    xml = adversarial.scorm2004_manifest(
        '<item identifier="i" identifierref="r"><title>T</title></item>',
        '<resource identifier="r" adlcp:scormType="sco" href="a.html" type="webcontent"/>',
        schemaversion=None,
    )

    manifest = parse_manifest(xml)

    assert manifest.scorm_version == "2004 3rd"
    assert [warning.code for warning in manifest.warnings] == ["version_guessed"]


def test_without_schemaversion_4th_edition_markup_means_4th_edition():
    xml = adversarial.scorm2004_manifest(
        '<item identifier="i" identifierref="r"><title>T</title>'
        '<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.5"/></item>',
        '<resource identifier="r" adlcp:scormType="sco" href="a.html" type="webcontent"/>',
        schemaversion=None,
    )

    assert parse_manifest(xml).scorm_version == "2004 4th"


def test_an_unknown_schemaversion_in_a_12_package_is_read_as_12_with_a_warning():
    xml = adversarial.scorm12_manifest().replace(b"<schemaversion>1.2<", b"<schemaversion>SCORM 1.2 beta<")

    manifest = parse_manifest(xml)

    assert manifest.scorm_version == "1.2"
    assert manifest.warnings[0].params == {"declared": "SCORM 1.2 beta", "version": "1.2"}


# --- launch URLs ----------------------------------------------------------------


@pytest.mark.parametrize(
    "href, parameters, launch",
    [
        ("a.html", None, "a.html"),
        ("a.html", "?x=1", "a.html?x=1"),
        ("a.html", "x=1", "a.html?x=1"),
        ("a.html", "&x=1", "a.html?x=1"),
        ("a.html?y=2", "?x=1", "a.html?y=2&x=1"),
        ("a.html", "#page3", "a.html#page3"),
        ("a.html#intro", "#page3", "a.html#intro"),
        ("a.html#intro", "x=1", "a.html?x=1#intro"),
        ("a.html", "x=1#page3", "a.html?x=1#page3"),
        ("a.html", "?", "a.html"),
    ],
)
def test_parameters_join_the_launch_url_by_the_ims_best_practice_rules(href, parameters, launch):
    assert join_parameters(href, parameters) == launch


def test_xml_base_of_manifest_resources_and_resource_are_joined_as_folders():
    xml = adversarial.scorm12_manifest(
        resources=sco_resource(href="./start.html", extra='xml:base="unit1"')
    ).replace(b"<resources>", b'<resources xml:base="content/">').replace(
        b'<manifest identifier="adversarial"', b'<manifest xml:base="course/" identifier="adversarial"'
    )

    manifest = parse_manifest(xml, available_files={"course/content/unit1/start.html"})

    assert [sco.launch for sco in manifest.scos] == ["course/content/unit1/start.html"]


def test_a_percent_encoded_launch_href_matches_the_file_it_names():
    xml = adversarial.scorm12_manifest(resources=sco_resource(href="b%C3%A0i%201.html"))

    manifest = parse_manifest(xml, available_files={"bài 1.html"})

    assert [sco.launch for sco in manifest.scos] == ["b%C3%A0i%201.html"]


@pytest.mark.parametrize(
    "href, code",
    [
        ("http://example.com/course.html", "external_launch_url"),
        ("https://example.com/course.html", "external_launch_url"),
        ("//example.com/course.html", "external_launch_url"),
        ("javascript:alert(1)", "unsafe_launch_url"),
        ("data:text/html,hi", "unsafe_launch_url"),
        ("file:///etc/passwd", "unsafe_launch_url"),
        ("C:/course/index.html", "unsafe_launch_url"),
        ("../index.html", "unsafe_launch_url"),
        ("a/../../index.html", "unsafe_launch_url"),
        ("%2e%2e/index.html", "unsafe_launch_url"),
        ("%2Fetc/passwd", "unsafe_launch_url"),
        ("index%00.html", "unsafe_launch_url"),
        ("/index.html", "unsafe_launch_url"),
        ("shared\\index.html", "unsafe_launch_url"),
    ],
)
def test_a_launch_url_outside_the_package_is_rejected(href, code):
    xml = adversarial.scorm12_manifest(resources=sco_resource(href=href))

    assert rejection(xml).code == code


def test_an_absolute_xml_base_makes_the_launch_external():
    xml = adversarial.scorm12_manifest(resources=sco_resource(extra='xml:base="https://cdn.example.com/"'))

    assert rejection(xml).code == "external_launch_url"


def test_a_launch_file_missing_from_the_zip_is_rejected():
    xml = adversarial.scorm12_manifest()

    rejected = rejection(xml, available_files={"other.html"})

    assert rejected.code == "launch_file_missing"
    assert rejected.params == {"path": "index.html", "resource": "res_1"}


def test_launch_files_are_not_checked_when_the_file_list_is_unknown():
    assert [sco.launch for sco in parse_manifest(adversarial.scorm12_manifest()).scos] == ["index.html"]


def test_listed_files_missing_from_the_zip_are_a_warning():
    resources = (
        '<resource identifier="res_1" type="webcontent" adlcp:scormtype="sco" href="index.html">'
        '<file href="index.html"/><file href="img/a.png"/><file href="img/b.png"/></resource>'
    )

    manifest = parse_manifest(adversarial.scorm12_manifest(resources=resources), available_files={"index.html"})

    (warning,) = manifest.warnings
    assert warning.code == "missing_files"
    assert warning.params == {"count": 2, "names": "img/a.png, img/b.png"}


def test_an_item_pointing_at_a_resource_without_href_is_rejected():
    resources = '<resource identifier="res_1" type="webcontent" adlcp:scormtype="asset"/>'

    assert rejection(adversarial.scorm12_manifest(resources=resources)).code == "missing_launch"


# --- structure errors ---------------------------------------------------------


def test_duplicate_item_identifiers_are_rejected():
    items = (
        '<item identifier="same" identifierref="res_1"><title>A</title></item>'
        '<item identifier="group"><title>G</title><item identifier="same" identifierref="res_1"><title>B</title></item></item>'
    )

    rejected = rejection(adversarial.scorm12_manifest(items))

    assert (rejected.code, rejected.params) == ("duplicate_identifier", {"identifier": "same"})


def test_duplicate_resource_identifiers_are_rejected():
    resources = sco_resource() + sco_resource(href="other.html")

    assert rejection(adversarial.scorm12_manifest(resources=resources)).code == "duplicate_identifier"


def test_an_item_and_its_resource_may_share_an_identifier():
    items = '<item identifier="lesson" identifierref="lesson"><title>A</title></item>'

    manifest = parse_manifest(adversarial.scorm12_manifest(items, sco_resource(identifier="lesson")))

    assert [sco.identifier for sco in manifest.scos] == ["lesson"]


def test_an_item_without_identifier_is_rejected():
    items = '<item identifierref="res_1"><title>A</title></item>'

    assert rejection(adversarial.scorm12_manifest(items)).params == {"element": "item"}


def test_a_manifest_without_organizations_is_rejected():
    xml = adversarial.scorm12_manifest().replace(
        b'<organization identifier="org"><title>Course</title>', b"<!--"
    ).replace(b"</organization>", b"-->")

    assert rejection(xml).code == "no_organizations"


def test_an_organization_with_nothing_to_launch_is_rejected():
    items = '<item identifier="section"><title>Only a heading</title></item>'

    assert rejection(adversarial.scorm12_manifest(items)).code == "nothing_to_launch"


def test_a_document_that_is_not_a_content_package_is_rejected():
    assert rejection(b'<?xml version="1.0"?><html><body/></html>').code == "not_a_manifest"


def test_a_missing_default_organization_falls_back_to_the_first_with_a_warning():
    xml = adversarial.scorm12_manifest().replace(b'default="org"', b'default="gone"')

    manifest = parse_manifest(xml)

    assert manifest.default_organization == "org"
    assert [warning.code for warning in manifest.warnings] == ["default_organization_missing"]


def test_titles_are_stored_in_composed_unicode():
    decomposed = unicodedata.normalize("NFD", "Bài học số 1")
    xml = adversarial.scorm12_manifest(
        f'<item identifier="item_1" identifierref="res_1"><title>{decomposed}</title></item>'
    ).replace(b"<title>Course</title>", f"<title>{decomposed}</title>".encode())

    manifest = parse_manifest(xml)

    assert manifest.title == item(manifest, "item_1").title == unicodedata.normalize("NFC", "Bài học số 1")


def test_the_title_falls_back_to_the_manifest_identifier():
    xml = adversarial.scorm12_manifest().replace(b"<title>Course</title>", b"<title>  </title>")

    assert parse_manifest(xml).title == "adversarial"


# --- hostile XML ----------------------------------------------------------------


def test_an_external_entity_is_refused_and_never_read():
    rejected = rejection(adversarial.xxe_manifest())

    assert rejected.code == "unsafe_manifest"
    assert "root:" not in str(rejected)


def test_the_parser_itself_does_not_expand_an_external_entity():
    # Second line of defence, should the entity check ever be bypassed.
    root = etree.fromstring(adversarial.xxe_manifest(), manifest_parser())

    assert b"root:" not in etree.tostring(root)


def test_a_billion_laughs_manifest_is_refused_quickly():
    started = time.perf_counter()

    assert rejection(adversarial.billion_laughs_manifest()).code == "unsafe_manifest"
    assert time.perf_counter() - started < 1


def test_the_parser_itself_does_not_expand_an_entity_bomb():
    started = time.perf_counter()
    try:
        root = etree.fromstring(adversarial.billion_laughs_manifest(), manifest_parser())
    except etree.XMLSyntaxError:
        root = None  # libxml2's amplification guard stopped it

    assert root is None or len(etree.tostring(root)) < 100_000
    assert time.perf_counter() - started < 1


def test_entities_are_refused_in_a_utf16_manifest_too():
    xml = adversarial.xxe_manifest().decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')

    assert rejection(xml.encode("utf-16")).code == "unsafe_manifest"


def test_a_manifest_over_the_size_limit_is_refused():
    manifest = adversarial.oversized_manifest(20 * 1024 * 1024)

    rejected = rejection(manifest)

    assert rejected.code == "manifest_too_large"
    assert rejected.params["limit"] == 10 * 1024 * 1024


def test_the_size_limit_can_be_lowered():
    assert rejection(adversarial.scorm12_manifest(), max_bytes=100).code == "manifest_too_large"


def test_a_plain_doctype_without_entities_is_allowed():
    xml = adversarial.scorm12_manifest(doctype='<!DOCTYPE manifest SYSTEM "http://example.com/never-fetched.dtd">')

    assert len(parse_manifest(xml).scos) == 1


def test_malformed_xml_names_the_problem():
    with translation.override("en"):
        message = rejection(b"<manifest><organizations></manifest>").message

    assert message.startswith("imsmanifest.xml is not well-formed XML: ")


# --- per-item data ------------------------------------------------------------


def test_scorm_12_item_data_is_read():
    items = (
        '<item identifier="item_1" identifierref="res_1"><title>Quiz</title>'
        "<adlcp:masteryscore>80</adlcp:masteryscore>"
        "<adlcp:maxtimeallowed>00:30:00</adlcp:maxtimeallowed>"
        "<adlcp:timelimitaction>exit,message</adlcp:timelimitaction>"
        "<adlcp:datafromlms>level=2</adlcp:datafromlms>"
        '<adlcp:prerequisites type="aicc_script">intro</adlcp:prerequisites>'
        "</item>"
    )

    quiz = item(parse_manifest(adversarial.scorm12_manifest(items)), "item_1")

    assert quiz.mastery_score == 80.0
    assert quiz.max_time_allowed == "00:30:00"
    assert quiz.time_limit_action == "exit,message"
    assert quiz.data_from_lms == "level=2"
    assert (quiz.prerequisites, quiz.prerequisites_type) == ("intro", "aicc_script")


def test_a_3rd_edition_completion_threshold_is_a_minimum_progress_measure():
    xml = adversarial.scorm2004_manifest(
        '<item identifier="i" identifierref="r"><title>T</title>'
        "<adlcp:completionThreshold>0.75</adlcp:completionThreshold>"
        "<adlcp:dataFromLMS>chapter=3</adlcp:dataFromLMS>"
        "<adlcp:timeLimitAction>continue,no message</adlcp:timeLimitAction>"
        "<adlnav:presentation><adlnav:navigationInterface>"
        "<adlnav:hideLMSUI>continue</adlnav:hideLMSUI><adlnav:hideLMSUI>previous</adlnav:hideLMSUI>"
        "</adlnav:navigationInterface></adlnav:presentation></item>",
        '<resource identifier="r" adlcp:scormType="sco" href="a.html" type="webcontent"/>',
    )

    lesson = item(parse_manifest(xml), "i")

    assert (lesson.completion_threshold.completed_by_measure, lesson.completion_threshold.min_progress_measure) == (
        True,
        0.75,
    )
    assert lesson.data_from_lms == "chapter=3"
    assert lesson.time_limit_action == "continue,no message"
    assert lesson.hide_lms_ui == ["continue", "previous"]


def test_a_4th_edition_completion_threshold_is_read_from_its_attributes():
    xml = adversarial.scorm2004_manifest(
        '<item identifier="i" identifierref="r"><title>T</title>'
        '<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.6" progressWeight="2"/></item>',
        '<resource identifier="r" adlcp:scormType="sco" href="a.html" type="webcontent"/>',
        schemaversion="2004 4th Edition",
    )

    threshold = item(parse_manifest(xml), "i").completion_threshold

    assert (threshold.completed_by_measure, threshold.min_progress_measure, threshold.progress_weight) == (
        True,
        0.6,
        2.0,
    )


def test_full_sequencing_elements_are_kept_as_structured_data():
    sequencing_xml = (
        "<imsss:sequencing>"
        '<imsss:controlMode choice="false" forwardOnly="true" useCurrentAttemptProgressInfo="false"/>'
        "<imsss:sequencingRules><imsss:exitConditionRule>"
        '<imsss:ruleConditions><imsss:ruleCondition condition="objectiveMeasureGreaterThan" measureThreshold="0.5"/>'
        '</imsss:ruleConditions><imsss:ruleAction action="exit"/></imsss:exitConditionRule></imsss:sequencingRules>'
        '<imsss:limitConditions attemptLimit="3" attemptAbsoluteDurationLimit="PT1H"/>'
        '<imsss:auxiliaryResources><imsss:auxiliaryResource auxiliaryResourceID="glossary" purpose="help"/>'
        "</imsss:auxiliaryResources>"
        '<imsss:rollupRules objectiveMeasureWeight="0.5"><imsss:rollupRule childActivitySet="atLeastCount" minimumCount="2">'
        '<imsss:rollupConditions conditionCombination="all"><imsss:rollupCondition operator="not" condition="attempted"/>'
        '</imsss:rollupConditions><imsss:rollupAction action="incomplete"/></imsss:rollupRule></imsss:rollupRules>'
        '<imsss:objectives><imsss:primaryObjective objectiveID="pass" satisfiedByMeasure="true">'
        "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives>"
        '<imsss:randomizationControls selectCount="2" selectionTiming="onEachNewAttempt" reorderChildren="true"/>'
        '<imsss:deliveryControls tracked="false"/>'
        '<adlseq:constrainedChoiceConsiderations preventActivation="true" constrainChoice="true"/>'
        '<adlseq:rollupConsiderations measureSatisfactionIfActive="false"/>'
        '<adlseq:objectives><adlseq:objective objectiveID="pass">'
        '<adlseq:mapInfo targetObjectiveID="g.pass" writeRawScore="true" readCompletionStatus="false"/>'
        "</adlseq:objective></adlseq:objectives>"
        "</imsss:sequencing>"
    )
    xml = adversarial.scorm2004_manifest(
        f'<item identifier="i" identifierref="r"><title>T</title>{sequencing_xml}</item>',
        '<resource identifier="r" adlcp:scormType="sco" href="a.html" type="webcontent"/>',
        schemaversion="2004 4th Edition",
    )

    sequencing = item(parse_manifest(xml), "i").sequencing

    assert (sequencing.control_mode.choice, sequencing.control_mode.forward_only) == (False, True)
    assert sequencing.control_mode.use_current_attempt_progress_info is False
    (exit_rule,) = sequencing.sequencing_rules.exit
    assert (exit_rule.action, exit_rule.conditions[0].measure_threshold) == ("exit", 0.5)
    assert (sequencing.limit_conditions.attempt_limit, sequencing.limit_conditions.attempt_absolute_duration_limit) == (
        3,
        "PT1H",
    )
    assert [(aux.auxiliary_resource_id, aux.purpose) for aux in sequencing.auxiliary_resources] == [("glossary", "help")]
    (rollup_rule,) = sequencing.rollup_rules.rules
    assert (rollup_rule.child_activity_set, rollup_rule.minimum_count, rollup_rule.action) == ("atLeastCount", 2, "incomplete")
    assert (rollup_rule.condition_combination, rollup_rule.conditions[0].operator) == ("all", "not")
    assert sequencing.rollup_rules.objective_measure_weight == 0.5
    primary = sequencing.objectives.primary
    assert (primary.satisfied_by_measure, primary.min_normalized_measure) == (True, 0.8)
    (extended,) = primary.extended_map_info
    assert (extended.target_objective_id, extended.write_raw_score, extended.read_completion_status) == (
        "g.pass",
        True,
        False,
    )
    assert (sequencing.randomization_controls.select_count, sequencing.randomization_controls.reorder_children) == (2, True)
    assert sequencing.randomization_controls.selection_timing == "onEachNewAttempt"
    assert sequencing.delivery_controls.tracked is False
    assert sequencing.constrained_choice_considerations.constrain_choice is True
    assert sequencing.rollup_considerations.measure_satisfaction_if_active is False


def test_an_item_attribute_overrides_only_that_attribute_of_its_collection():
    xml = adversarial.scorm2004_manifest(
        '<item identifier="i" identifierref="r"><title>T</title>'
        '<imsss:sequencing IDRef="shared"><imsss:controlMode flow="false"/></imsss:sequencing></item>',
        '<resource identifier="r" adlcp:scormType="sco" href="a.html" type="webcontent"/>',
        tail='<imsss:sequencingCollection><imsss:sequencing ID="shared">'
        '<imsss:controlMode choice="false" flow="true"/></imsss:sequencing></imsss:sequencingCollection>',
    )

    control_mode = item(parse_manifest(xml), "i").sequencing.control_mode

    assert (control_mode.choice, control_mode.flow) == (False, False)


def test_an_unknown_sequencing_collection_is_a_warning_and_defaults_apply():
    xml = adversarial.scorm2004_manifest(
        '<item identifier="i" identifierref="r"><title>T</title><imsss:sequencing IDRef="missing"/></item>',
        '<resource identifier="r" adlcp:scormType="sco" href="a.html" type="webcontent"/>',
    )

    manifest = parse_manifest(xml)

    assert [warning.code for warning in manifest.warnings] == ["unknown_sequencing_collection"]
    assert item(manifest, "i").sequencing.control_mode.choice is True


def test_an_invalid_attribute_value_is_a_warning_and_the_default_stays():
    xml = adversarial.scorm2004_manifest(
        '<item identifier="i" identifierref="r"><title>T</title>'
        '<imsss:sequencing><imsss:controlMode flow="yes"/></imsss:sequencing></item>',
        '<resource identifier="r" adlcp:scormType="sco" href="a.html" type="webcontent"/>',
    )

    manifest = parse_manifest(xml)

    assert item(manifest, "i").sequencing.control_mode.flow is False
    assert [(w.code, w.params["attribute"], w.params["value"]) for w in manifest.warnings] == [
        ("invalid_value", "flow", "yes")
    ]


def test_warnings_render_in_the_active_language_and_serialise():
    manifest = parse_manifest(adversarial.scorm12_manifest().replace(b'default="org"', b'default="gone"'))

    with translation.override("en"):
        (warning,) = manifest.to_json_dict()["warnings"]

    assert warning == {
        "code": "default_organization_missing",
        "message": "The default organization gone does not exist; the first organization is used.",
        "params": {"identifier": "gone"},
    }


def test_the_zip_reader_gives_the_manifest_its_folder_relative_file_list():
    archive_bytes = adversarial.scorm_zip(adversarial.scorm12_manifest(), {"other.html": b"x"}, folder="pkg/")

    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as archive:
        with pytest.raises(PackageRejected) as rejected:
            parse_manifest_from_zip(archive, inspect_zipfile(archive))

    assert (rejected.value.code, rejected.value.params["path"]) == ("launch_file_missing", "index.html")
