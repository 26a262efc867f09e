"""Turn a ModuleDescription into SCORM zip bytes, the same bytes for the same description.

The zip holds imsmanifest.xml, one launch page (index.html) with every slide and the quiz,
the shared sco.js and sco.css, and one SVG per slide. Entries are sorted and carry a fixed
timestamp and mode, so re-building an unchanged module gives an identical zip, and the
importer recognises it by its sha256.
"""

import hashlib
import io
import json
import math
import zipfile
from html import escape
from pathlib import Path

from .description import ModuleDescription
from .illustrations import illustration_svg
from .manifest import manifest_xml

SCO_ASSETS = Path(__file__).resolve().parent / "sco"
FIXED_TIMESTAMP = (2020, 1, 1, 0, 0, 0)  # zip timestamps are local times without zone: any constant will do

# The SCO's own words, in the module's language (the content is written in one language).
LABELS = {
    "vi": {
        "prev": "← Trang trước",
        "next": "Trang sau →",
        "to_quiz": "Làm bài kiểm tra →",
        "page": "Trang %(n)s/%(total)s",
        "quiz_page": "Bài kiểm tra",
        "quiz_title": "Bài kiểm tra nhanh",
        "quiz_intro": "Trả lời %(count)s câu hỏi. Bạn cần đúng ít nhất %(needed)s câu để đạt. Được làm lại nếu chưa đạt.",
        "question": "Câu %(n)s.",
        "submit": "Nộp bài",
        "unanswered": "Bạn chưa trả lời câu %(n)s. Hãy chọn một đáp án.",
        "correct": "Đúng.",
        "incorrect": "Chưa đúng. Đáp án đúng: %(answer)s.",
        "passed_title": "Chúc mừng! Bạn đã đạt.",
        "failed_title": "Bạn chưa đạt. Hãy xem lại bài và làm lại.",
        "score": "Bạn trả lời đúng %(correct)s/%(total)s câu (%(percent)s điểm).",
        "finish": "Hoàn thành học phần",
        "finish_failed": "Kết thúc, làm lại sau",
        "retry": "Làm lại bài kiểm tra",
        "review": "Xem lại bài học",
        "done_title": "Bạn đã hoàn thành học phần",
        "done_text": "Kết quả của bạn đã được lưu. Bạn có thể đóng trang này.",
        "resumed": "Bạn đang học tiếp từ trang %(n)s, nơi bạn dừng lần trước.",
        "resumed_quiz": "Bạn đang học tiếp ở bài kiểm tra, nơi bạn dừng lần trước.",
        "restart": "Học lại từ đầu",
        "no_lms": "Không kết nối được với hệ thống học tập: bạn vẫn học được, nhưng kết quả sẽ không được lưu.",
        "pager": "Chuyển trang",
    },
    "en": {
        "prev": "← Previous",
        "next": "Next →",
        "to_quiz": "Take the quiz →",
        "page": "Page %(n)s of %(total)s",
        "quiz_page": "Quiz",
        "quiz_title": "Quick quiz",
        "quiz_intro": "Answer %(count)s questions. You need at least %(needed)s right to pass. You may try again.",
        "question": "Question %(n)s.",
        "submit": "Submit answers",
        "unanswered": "You have not answered question %(n)s yet. Please choose an answer.",
        "correct": "Correct.",
        "incorrect": "Not quite. The right answer: %(answer)s.",
        "passed_title": "Well done! You passed.",
        "failed_title": "Not passed yet. Review the lesson and try again.",
        "score": "You answered %(correct)s of %(total)s correctly (%(percent)s points).",
        "finish": "Finish the module",
        "finish_failed": "Stop here, try again later",
        "retry": "Try the quiz again",
        "review": "Review the lesson",
        "done_title": "You have finished the module",
        "done_text": "Your result has been saved. You may close this page.",
        "resumed": "You are continuing from page %(n)s, where you stopped last time.",
        "resumed_quiz": "You are continuing at the quiz, where you stopped last time.",
        "restart": "Start again from the beginning",
        "no_lms": "The learning system could not be reached: you can still study, but your result will not be saved.",
        "pager": "Page navigation",
    },
}


def needed_to_pass(description: ModuleDescription) -> int:
    return math.ceil(description.passing_score * len(description.quiz) - 1e-9)


def _image_name(index):
    return f"img/slide-{index + 1:02d}.svg"


def _block_html(block):
    if isinstance(block, tuple):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block) + "</ul>"
    return f"<p>{escape(block)}</p>"


def _slide_html(index, slide):
    loading = "" if index == 0 else ' loading="lazy"'
    body = "\n      ".join(_block_html(block) for block in slide.body)
    return f"""    <section class="slide" id="slide-{index + 1}" aria-labelledby="slide-{index + 1}-title">
      <h1 id="slide-{index + 1}-title" tabindex="-1">{escape(slide.title)}</h1>
      <img src="{_image_name(index)}" alt="{escape(slide.alt)}" width="320" height="180"{loading}>
      {body}
    </section>
"""


def _question_html(index, question, labels):
    number = index + 1
    choices = "\n".join(
        f'        <label class="choice"><input type="radio" name="q{number}" value="{choice_index}"> '
        f"<span>{escape(choice)}</span></label>"
        for choice_index, choice in enumerate(question.choices)
    )
    legend = escape(labels["question"] % {"n": number})
    return f"""      <fieldset class="question" id="q{number}">
        <legend>{legend} {escape(question.prompt)}</legend>
{choices}
        <p class="feedback" id="q{number}-feedback" aria-live="polite" hidden></p>
      </fieldset>
"""


def _module_data(description, labels):
    data = {
        "version": description.scorm_version,
        "passingScore": description.passing_score,
        "labels": labels,
        "questions": [
            {"prompt": q.prompt, "choices": list(q.choices), "answer": q.answer, "explanation": q.explanation}
            for q in description.quiz
        ],
    }
    # Inside <script>: "</" would end the element early.
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def index_html(description: ModuleDescription) -> str:
    labels = LABELS[description.language]
    slides = "".join(_slide_html(index, slide) for index, slide in enumerate(description.slides))
    questions = "".join(_question_html(index, question, labels) for index, question in enumerate(description.quiz))
    intro = labels["quiz_intro"] % {"count": len(description.quiz), "needed": needed_to_pass(description)}
    return f"""<!doctype html>
<html lang="{description.language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(description.title)}</title>
  <link rel="stylesheet" href="sco.css">
  <style>:root{{--accent:{description.accent}}}</style>
</head>
<body>
  <header class="top">
    <p class="module-title">{escape(description.title)}</p>
    <p class="progress-text" id="progress-text"></p>
    <div class="bar" aria-hidden="true"><span id="bar"></span></div>
  </header>
  <main>
    <div class="notice" id="notice" role="status" hidden>
      <span id="notice-text"></span>
      <div><button type="button" id="restart">{escape(labels["restart"])}</button></div>
    </div>
{slides}    <section class="quiz" id="quiz" aria-labelledby="quiz-title">
      <h1 id="quiz-title" tabindex="-1">{escape(labels["quiz_title"])}</h1>
      <p>{escape(intro)}</p>
      <form id="quiz-form" novalidate>
{questions}        <p class="error" id="quiz-error" role="alert" hidden></p>
        <button type="submit" class="primary" id="submit-quiz">{escape(labels["submit"])}</button>
      </form>
      <div class="result" id="result" tabindex="-1" hidden>
        <h2 id="result-title"></h2>
        <p id="result-text"></p>
        <div class="actions">
          <button type="button" class="primary" id="finish">{escape(labels["finish"])}</button>
          <button type="button" id="retry">{escape(labels["retry"])}</button>
          <button type="button" id="review">{escape(labels["review"])}</button>
        </div>
      </div>
    </section>
    <section id="done" aria-labelledby="done-title" hidden>
      <h1 id="done-title" tabindex="-1">{escape(labels["done_title"])}</h1>
      <p>{escape(labels["done_text"])}</p>
    </section>
  </main>
  <nav class="pager" id="pager" aria-label="{escape(labels["pager"])}">
    <button type="button" id="prev">{escape(labels["prev"])}</button>
    <button type="button" class="primary" id="next">{escape(labels["next"])}</button>
  </nav>
  <script type="application/json" id="module-data">{_module_data(description, labels)}</script>
  <script src="sco.js"></script>
</body>
</html>
"""


def package_files(description: ModuleDescription) -> dict:
    """{path in the zip: bytes} of the module's package."""
    files = {
        "index.html": index_html(description).encode(),
        "sco.js": (SCO_ASSETS / "sco.js").read_bytes(),
        "sco.css": (SCO_ASSETS / "sco.css").read_bytes(),
    }
    for index, slide in enumerate(description.slides):
        files[_image_name(index)] = illustration_svg(slide.illustration, accent=description.accent).encode()
    files["imsmanifest.xml"] = manifest_xml(description, list(files)).encode()
    return files


def deterministic_zip(files: dict) -> bytes:
    """A zip of `files` whose bytes depend only on the names and contents."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the mode below means what it says
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            archive.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()


def package_build(*, description: ModuleDescription) -> bytes:
    """The module's SCORM package as zip bytes."""
    return deterministic_zip(package_files(description))


def package_sha256(zip_bytes: bytes) -> str:
    return hashlib.sha256(zip_bytes).hexdigest()
