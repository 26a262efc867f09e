"""Headless Chromium plays each of the 12 demo modules the builder makes, through the player:
read every slide, answer the quiz, finish — and the server records completion, success,
score and time. Also: wrong answers fail, and a closed module reopens at its bookmark."""

import io

import pytest
from playwright.sync_api import expect

from courses.demo_content import module_descriptions
from courses.package_builder import package_build
from scorm_player.attempts import commit_receipt_read
from scorm_player.models import Attempt
from scorm_player.services import package_import
from tests.e2e.helpers import wait_for_attempt

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

UI_TIMEOUT_MS = 15_000
MODULES = {description.identifier: description for _, description in module_descriptions()}



def location(state):
    cmi = state.get("cmi", {})
    return cmi.get("core", {}).get("lesson_location") if "core" in cmi else cmi.get("location")


def exit_value(state):
    cmi = state.get("cmi", {})
    return cmi.get("core", {}).get("exit") if "core" in cmi else cmi.get("exit")


class ModulePlayer:
    """One tab on the player page, driving the builder's SCO inside #sco."""

    def __init__(self, context, description, version):
        self.description = description
        self.script_errors = []
        self.page = context.new_page()
        self.page.set_default_timeout(UI_TIMEOUT_MS)
        self.page.on("pageerror", lambda error: self.script_errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.script_errors.append(dialog.message), dialog.dismiss()))
        self.page.goto(f"/scorm/play/{version.pk}/")
        self.sco = self.page.frame_locator("#sco")

    def shows_slide(self, index):
        expect(self.sco.locator(f"#slide-{index + 1}-title")).to_be_visible()
        expect(self.sco.locator(f"#slide-{index + 1}-title")).to_have_text(self.description.slides[index].title)

    def next(self):
        self.sco.locator("#next").click()

    def read_to_the_quiz(self, start=0):
        for index in range(start, len(self.description.slides)):
            self.shows_slide(index)
            self.next()
        expect(self.sco.locator("#quiz-title")).to_be_visible()

    def answer(self, *, correctly):
        for number, question in enumerate(self.description.quiz, start=1):
            choice = question.answer if correctly else (question.answer + 1) % len(question.choices)
            self.sco.locator(f"input[name='q{number}'][value='{choice}']").check()
        self.sco.locator("#submit-quiz").click()
        expect(self.sco.locator("#result")).to_be_visible()

    def finish(self):
        self.sco.locator("#finish").click()
        expect(self.sco.locator("#done-title")).to_be_visible()

    def close(self):
        with self.page.expect_event("close"):
            self.page.close(run_before_unload=True)


def imported(identifier):
    description = MODULES[identifier]
    return description, package_import(file=io.BytesIO(package_build(description=description)), title=description.title)


@pytest.mark.parametrize("identifier", list(MODULES))
def test_each_demo_module_plays_to_completed_and_passed(identifier, local_storage, learner_context):
    description, version = imported(identifier)
    player = ModulePlayer(learner_context, description, version)
    player.read_to_the_quiz()
    player.answer(correctly=True)
    expect(player.sco.locator("#result-title")).to_have_text("Chúc mừng! Bạn đã đạt.")
    player.finish()

    attempt = wait_for_attempt(lambda a: a.closed_at is not None, what="the finished attempt")
    assert attempt.completion_status == "completed"
    assert attempt.success_status == "passed"
    assert attempt.score_raw == 100 and attempt.score_scaled == 1.0
    assert attempt.total_seconds > 0
    assert location(attempt.state) == "quiz"
    interactions = attempt.state["cmi"]["interactions"]
    assert len(interactions) == len(description.quiz)
    assert {i["result"] for i in interactions} == {"correct"}
    assert player.script_errors == []
    assert learner_context.commit_log.failures() == []
    # After the first, each commit of a slide carried the receipt of the one before, and the
    # browser rebuilt from it exactly the state the server had signed.
    with_receipts = [body for body in learner_context.commit_log.requests if "stored" in body]
    assert len(with_receipts) >= len(description.slides) - 1, learner_context.commit_log.requests
    for body in with_receipts:
        sent = {key: body[key] for key in ("cmi", "adl") if key in body}
        assert commit_receipt_read(attempt_id=attempt.pk, receipt=body["stored"], submitted=sent) is not None, body


@pytest.mark.parametrize("identifier", ["dich-vu-cong-truc-tuyen", "nhan-dien-tin-gia"], ids=["scorm12", "scorm2004"])
def test_wrong_answers_fail_and_a_retry_is_offered(identifier, local_storage, learner_context):
    description, version = imported(identifier)
    player = ModulePlayer(learner_context, description, version)
    player.read_to_the_quiz()
    player.answer(correctly=False)
    expect(player.sco.locator("#result-title")).to_have_text("Bạn chưa đạt. Hãy xem lại bài và làm lại.")
    expect(player.sco.locator("#retry")).to_be_visible()
    expect(player.sco.locator("#q1-feedback")).to_contain_text("Chưa đúng")
    failed = wait_for_attempt(lambda a: a.score_raw is not None, what="the failed quiz")
    assert failed.success_status == "failed" and failed.score_raw == 0 and failed.closed_at is None
    player.finish()

    attempt = wait_for_attempt(lambda a: a.closed_at is not None, what="the finished attempt")
    assert attempt.completion_status == "completed"
    assert attempt.success_status == "failed"
    assert attempt.score_raw == 0 and attempt.total_seconds > 0
    assert player.script_errors == []
    assert learner_context.commit_log.failures() == []


@pytest.mark.parametrize("identifier", ["su-dung-dien-thoai-an-toan", "ai-trong-hanh-chinh-cong"], ids=["scorm12", "scorm2004"])
def test_closing_mid_module_and_reopening_lands_on_the_bookmark(identifier, local_storage, learner_context):
    description, version = imported(identifier)
    first = ModulePlayer(learner_context, description, version)
    for index in range(4):
        first.shows_slide(index)
        first.next()
    first.shows_slide(4)
    wait_for_attempt(lambda a: location(a.state) == "4", what="the bookmark")
    first.close()
    suspended = wait_for_attempt(lambda a: exit_value(a.state) == "suspend", what="the suspended session")
    assert suspended.closed_at is None and suspended.completion_status == "incomplete"

    second = ModulePlayer(learner_context, description, version)
    second.shows_slide(4)
    expect(second.sco.locator("#notice-text")).to_contain_text("trang 5")
    assert Attempt.objects.count() == 1
    # The rest of the module, from the bookmark, still finishes the attempt.
    second.read_to_the_quiz(start=4)
    second.answer(correctly=True)
    second.finish()
    attempt = wait_for_attempt(lambda a: a.closed_at is not None, what="the finished attempt")
    assert attempt.pk == suspended.pk and attempt.success_status == "passed"
    assert attempt.total_seconds > suspended.total_seconds > 0
    assert first.script_errors == [] and second.script_errors == []
    assert learner_context.commit_log.failures() == []


@pytest.mark.parametrize("identifier", ["thanh-toan-khong-dung-tien-mat", "dung-tro-ly-ai-hieu-qua"], ids=["scorm12", "scorm2004"])
def test_a_failed_quiz_can_be_retried_and_passed(identifier, local_storage, learner_context):
    description, version = imported(identifier)
    player = ModulePlayer(learner_context, description, version)
    player.read_to_the_quiz()
    player.answer(correctly=False)
    player.sco.locator("#retry").click()
    expect(player.sco.locator("#result")).to_be_hidden()
    player.answer(correctly=True)
    player.finish()

    attempt = wait_for_attempt(lambda a: a.closed_at is not None, what="the finished attempt")
    assert attempt.success_status == "passed" and attempt.score_raw == 100
    interactions = attempt.state["cmi"]["interactions"]
    if version.scorm_version == "1.2":
        # SCORM 1.2 interactions are a journal: both tries are kept.
        assert len(interactions) == 2 * len(description.quiz)
    else:
        # SCORM 2004: the second try updates the records of the first.
        assert len(interactions) == len(description.quiz)
        assert {i["result"] for i in interactions} == {"correct"}
    assert player.script_errors == []
    assert learner_context.commit_log.failures() == []
    # After the first, each commit of a slide carried the receipt of the one before, and the
    # browser rebuilt from it exactly the state the server had signed.
    with_receipts = [body for body in learner_context.commit_log.requests if "stored" in body]
    assert len(with_receipts) >= len(description.slides) - 1, learner_context.commit_log.requests
    for body in with_receipts:
        sent = {key: body[key] for key in ("cmi", "adl") if key in body}
        assert commit_receipt_read(attempt_id=attempt.pk, receipt=body["stored"], submitted=sent) is not None, body


def test_a_module_is_usable_on_a_360_px_phone(local_storage, learner_context):
    description, version = imported("nhan-dien-lua-dao-truc-tuyen")
    player = ModulePlayer(learner_context, description, version)
    player.page.set_viewport_size({"width": 360, "height": 740})
    player.shows_slide(0)
    sco = next(frame for frame in player.page.frames if frame.url.endswith("/index.html"))
    measures = sco.evaluate(
        """() => ({
            lang: document.documentElement.lang,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            buttons: Array.from(document.querySelectorAll('#pager button'))
                .map(b => Math.round(b.getBoundingClientRect().height)),
            imageAlt: document.querySelector('#slide-1 img').alt,
            focusable: document.querySelector('#slide-1 h1').tabIndex,
        })"""
    )
    assert measures["lang"] == "vi"
    assert measures["overflow"] <= 0, "the slide scrolls sideways at 360 px"
    assert min(measures["buttons"]) >= 44, measures["buttons"]
    assert measures["imageAlt"] == description.slides[0].alt
    # Moving on puts the keyboard and screen-reader focus on the new slide's heading.
    player.next()
    expect(player.sco.locator("#slide-2-title")).to_be_focused()
    player.read_to_the_quiz(start=1)
    choice_heights = sco.evaluate("() => Array.from(document.querySelectorAll('label.choice')).map(l => l.getBoundingClientRect().height)")
    assert min(choice_heights) >= 44
