"""The SCORM package builder: valid manifests for 1.2 and 2004, deterministic bytes, clear refusals."""

import copy
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from lxml import html as lxml_html

from courses.package_builder import (
    DescriptionInvalid,
    description_from_dict,
    package_build,
    package_sha256,
)
from scorm_player.manifest import parse_manifest_from_zip
from scorm_player.models import Sco
from scorm_player.services import package_import, zip_limits
from scorm_player.zipsafety import inspect_zipfile

DESCRIPTION = {
    "identifier": "mat-khau-manh",
    "title": "Mật khẩu mạnh & xác thực hai lớp",
    "summary": "Tạo mật khẩu khó đoán.",
    "slides": [
        {
            "title": "Vì sao cần mật khẩu mạnh?",
            "body": ["Mật khẩu là chìa khoá của tài khoản.", ["Không dùng ngày sinh", "Không dùng 123456"]],
            "illustration": "lock",
            "alt": "Ổ khoá bảo vệ tài khoản",
        },
        {"title": "Xác thực hai lớp", "body": "Thêm mã OTP </script> cho chắc.", "illustration": "shield", "alt": "Tấm khiên"},
    ],
    "quiz": [
        {"prompt": "Mật khẩu nào mạnh nhất?", "choices": ["123456", "ngaysinh1990", "Mây-Trắng-Bay-7!"], "answer": 2},
        {"prompt": "Có nên đưa mã OTP cho người lạ?", "choices": ["Có", "Không"], "answer": 1, "explanation": "Không bao giờ."},
    ],
}


def described(version, **changes):
    data = copy.deepcopy(DESCRIPTION)
    data.update(scorm_version=version, **changes)
    return description_from_dict(data)


def read_manifest(zip_bytes):
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    entries = inspect_zipfile(archive, limits=zip_limits())
    return parse_manifest_from_zip(archive, entries, max_bytes=1_000_000)


@pytest.mark.parametrize(("version", "expected"), [("1.2", "1.2"), ("2004", "2004 3rd")])
def test_the_manifest_parses_as_the_scorm_version_asked_for(version, expected):
    root, manifest = read_manifest(package_build(description=described(version)))
    assert root == ""
    assert manifest.scorm_version == expected
    assert manifest.title == DESCRIPTION["title"]
    assert manifest.warnings == []
    assert [(sco.identifier, sco.launch) for sco in manifest.scos] == [("item_module", "index.html")]


def test_the_12_manifest_carries_the_mastery_score():
    _, manifest = read_manifest(package_build(description=described("1.2", passing_score=0.75)))
    assert manifest.organization.items[0].mastery_score == 75


def test_the_2004_manifest_makes_the_primary_objective_satisfied_by_the_passing_measure():
    _, manifest = read_manifest(package_build(description=described("2004", passing_score=0.8)))
    primary = manifest.organization.items[0].sequencing.objectives.primary
    assert primary.satisfied_by_measure is True
    assert primary.min_normalized_measure == 0.8


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_package_passes_the_import_service(version, local_storage):
    zip_bytes = package_build(description=described(version))
    imported = package_import(file=io.BytesIO(zip_bytes), title="Mật khẩu")
    assert imported.zip_sha256 == package_sha256(zip_bytes)
    assert imported.warnings == []
    assert imported.file_count == 6  # manifest, page, script, style, two illustrations
    sco = Sco.objects.get(version=imported)
    assert sco.launch == "index.html"
    if version == "1.2":
        assert sco.settings["mastery_score"] == 80
    else:
        assert sco.settings["scaled_passing_score"] == 0.8  # seeded into cmi.scaled_passing_score at launch
    assert local_storage.exists(imported.storage_prefix + "img/slide-02.svg")


def test_the_same_description_gives_the_same_bytes_and_a_change_other_bytes():
    first = package_build(description=described("1.2"))
    assert package_build(description=described("1.2")) == first
    assert package_build(description=described("1.2", title="Mật khẩu mạnh")) != first
    assert package_build(description=described("2004")) != first
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert archive.namelist() == sorted(archive.namelist())
    assert {info.date_time for info in archive.infolist()} == {(2020, 1, 1, 0, 0, 0)}


def test_the_launch_page_is_vietnamese_accessible_and_holds_every_slide_and_question():
    files = zipfile.ZipFile(io.BytesIO(package_build(description=described("2004"))))
    page = files.read("index.html").decode()
    document = lxml_html.fromstring(page)
    assert document.get("lang") == "vi"
    assert [h.text_content() for h in document.xpath("//section[@class='slide']/h1")] == [s["title"] for s in DESCRIPTION["slides"]]
    assert [img.get("alt") for img in document.xpath("//section[@class='slide']/img")] == [s["alt"] for s in DESCRIPTION["slides"]]
    assert len(document.xpath("//fieldset[@class='question']")) == 2
    assert len(document.xpath("//input[@type='radio'][@name='q1']")) == 3
    assert all(label.xpath("input") for label in document.xpath("//label[@class='choice']"))  # each choice labelled
    assert document.xpath("//meta[@name='viewport']")
    # The text is escaped: a "</script>" in the content cannot end the page's data early.
    data = json.loads(document.get_element_by_id("module-data").text)
    assert data["version"] == "2004" and [q["answer"] for q in data["questions"]] == [2, 1]
    assert "</script> cho chắc" not in page.split('id="module-data"')[0]
    svg = files.read("img/slide-01.svg").decode()
    assert svg.startswith("<svg") and len(svg) < 3000


def test_the_sco_script_calls_the_scorm_api_of_both_versions():
    script = zipfile.ZipFile(io.BytesIO(package_build(description=described("1.2")))).read("sco.js").decode()
    for call in ("LMSInitialize", "Initialize", "LMSCommit", "LMSFinish", "Terminate", "cmi.core.lesson_location",
                 "cmi.location", "cmi.suspend_data", "cmi.progress_measure", "cmi.success_status", "cmi.score.scaled",
                 "cmi.interactions.", "pagehide", '"suspend"'):
        assert call in script, call


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"quiz": []}, "The module has no quiz"),
        ({"quiz": None}, "The module has no quiz"),
        ({"slides": []}, "The module has no slides"),
        ({"title": "  "}, "“title” is missing"),
        ({"identifier": "Có dấu"}, "may contain only lowercase letters"),
        ({"scorm_version": "2004 4th"}, "must be “1.2” or “2004”"),
        ({"passing_score": 80}, "passing score must be a number above 0 and at most 1"),
    ],
)
def test_an_incomplete_description_is_refused_with_a_clear_message(change, message, english):
    data = {**copy.deepcopy(DESCRIPTION), **change}
    with pytest.raises(DescriptionInvalid) as refused:
        description_from_dict(data)
    assert message in refused.value.message


def test_a_question_without_a_valid_answer_or_a_slide_with_an_unknown_picture_is_refused(english):
    data = copy.deepcopy(DESCRIPTION)
    data["quiz"][1]["answer"] = 2
    with pytest.raises(DescriptionInvalid, match="Question 2: “answer” must be the number of the correct choice, from 0 to 1"):
        description_from_dict(data)
    data = copy.deepcopy(DESCRIPTION)
    data["slides"][0]["illustration"] = "stock-photo"
    with pytest.raises(DescriptionInvalid, match="Slide 1: unknown illustration “stock-photo”"):
        description_from_dict(data)
    data = copy.deepcopy(DESCRIPTION)
    del data["slides"][1]["alt"]
    with pytest.raises(DescriptionInvalid, match="Slide 2: “alt” is missing"):
        description_from_dict(data)


def test_the_command_writes_the_zip_and_refuses_a_description_without_quiz(tmp_path, english):
    source = tmp_path / "module.json"
    source.write_text(json.dumps({**DESCRIPTION, "scorm_version": "2004"}, ensure_ascii=False), encoding="utf-8")
    call_command("build_scorm_package", str(source), str(tmp_path / "module.zip"), stdout=io.StringIO())
    assert (tmp_path / "module.zip").read_bytes() == package_build(description=described("2004"))

    source.write_text(json.dumps({**DESCRIPTION, "quiz": []}), encoding="utf-8")
    with pytest.raises(CommandError, match="The module has no quiz"):
        call_command("build_scorm_package", str(source), str(tmp_path / "empty.zip"))
    assert not (tmp_path / "empty.zip").exists()
    source.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="is not valid JSON"):
        call_command("build_scorm_package", str(source), str(tmp_path / "broken.zip"))


def test_the_example_description_in_the_repository_builds(tmp_path):
    example = Path(__file__).resolve().parents[2] / "courses" / "package_builder" / "example_module.json"
    call_command("build_scorm_package", str(example), str(tmp_path / "example.zip"), stdout=io.StringIO())
    _, manifest = read_manifest((tmp_path / "example.zip").read_bytes())
    assert manifest.scorm_version == "2004 3rd" and manifest.warnings == []


def test_a_refusal_reads_in_vietnamese_by_default():
    with pytest.raises(DescriptionInvalid) as refused:
        description_from_dict({**copy.deepcopy(DESCRIPTION), "quiz": []})
    with translation.override("en"):
        english = refused.value.message
    assert refused.value.message != english and "The module has no quiz" in english
