"""What a module is made of, as plain data: slides of text with an illustration, and a short quiz.

A description comes from Python (the demo content) or from a JSON file (the
`build_scorm_package` command); `description_from_dict` checks it and says, in the
editor's language, what is missing or wrong.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .illustrations import ILLUSTRATIONS

SCORM_12, SCORM_2004 = "1.2", "2004"
IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
LANGUAGES = ("vi", "en")


class DescriptionInvalid(ValueError):
    """A module description the builder refuses; `message` is translatable and names what to fix."""

    def __init__(self, message, **params):
        self.message_template = message
        self.params = params
        super().__init__(str(self))

    @property
    def message(self):
        return str(self.message_template) % self.params if self.params else str(self.message_template)

    def __str__(self):
        return self.message


@dataclass(frozen=True)
class Slide:
    title: str
    # Paragraphs (str) and bullet lists (tuple of str), in reading order.
    body: tuple
    illustration: str
    alt: str


@dataclass(frozen=True)
class Question:
    prompt: str
    choices: tuple
    answer: int  # index of the correct choice
    explanation: str = ""


@dataclass(frozen=True)
class ModuleDescription:
    identifier: str  # ASCII slug: manifest identifier, page slug
    title: str
    scorm_version: str
    slides: tuple
    quiz: tuple
    summary: str = ""
    language: str = "vi"
    passing_score: float = 0.8  # share of correct answers needed to pass (scaled, 0..1)
    accent: str = "#0b5394"

    @property
    def mastery_score(self):
        """SCORM 1.2 masteryscore (0..100) matching `passing_score`."""
        return round(self.passing_score * 100)

    def word_count(self):
        """Words (Vietnamese: syllables) a learner reads: slides, questions and choices."""
        texts = [self.title]
        for slide in self.slides:
            texts.append(slide.title)
            for block in slide.body:
                texts.extend(block if isinstance(block, tuple) else [block])
        for question in self.quiz:
            texts.append(question.prompt)
            texts.extend(question.choices)
        return sum(len(text.split()) for text in texts)

    def reading_minutes(self, *, words_per_minute=180, seconds_per_question=30):
        """Estimated study time: reading at a plain-language pace plus thinking over each question."""
        return self.word_count() / words_per_minute + len(self.quiz) * seconds_per_question / 60


def _text(data, key, where, *, required=True):
    value = data.get(key, "")
    if not isinstance(value, str):
        raise DescriptionInvalid(_("%(where)s: “%(key)s” must be text."), where=where, key=key)
    value = value.strip()
    if required and not value:
        raise DescriptionInvalid(_("%(where)s: “%(key)s” is missing."), where=where, key=key)
    return value


def _slide(data, number):
    where = _("Slide %(number)s") % {"number": number}
    if not isinstance(data, dict):
        raise DescriptionInvalid(_("%(where)s must be an object with a title and a body."), where=where)
    body = data.get("body")
    if isinstance(body, str):
        body = [body]
    if not isinstance(body, list) or not body:
        raise DescriptionInvalid(_("%(where)s: “%(key)s” is missing."), where=where, key="body")
    blocks = []
    for block in body:
        if isinstance(block, str) and block.strip():
            blocks.append(block.strip())
        elif isinstance(block, (list, tuple)) and block and all(isinstance(item, str) and item.strip() for item in block):
            blocks.append(tuple(item.strip() for item in block))
        else:
            raise DescriptionInvalid(
                _("%(where)s: each part of the body must be a paragraph or a list of bullet points."), where=where
            )
    illustration = _text(data, "illustration", where)
    if illustration not in ILLUSTRATIONS:
        raise DescriptionInvalid(
            _("%(where)s: unknown illustration “%(name)s”; choose one of: %(choices)s."),
            where=where, name=illustration, choices=", ".join(sorted(ILLUSTRATIONS)),
        )
    return Slide(title=_text(data, "title", where), body=tuple(blocks), illustration=illustration, alt=_text(data, "alt", where))


def _question(data, number):
    where = _("Question %(number)s") % {"number": number}
    if not isinstance(data, dict):
        raise DescriptionInvalid(_("%(where)s must be an object with a prompt, choices and an answer."), where=where)
    choices = data.get("choices")
    if not isinstance(choices, list) or not 2 <= len(choices) <= 6 or not all(isinstance(c, str) and c.strip() for c in choices):
        raise DescriptionInvalid(_("%(where)s needs between 2 and 6 choices."), where=where)
    answer = data.get("answer")
    if type(answer) is not int or not 0 <= answer < len(choices):
        raise DescriptionInvalid(
            _("%(where)s: “answer” must be the number of the correct choice, from 0 to %(last)s."),
            where=where, last=len(choices) - 1,
        )
    return Question(
        prompt=_text(data, "prompt", where), choices=tuple(c.strip() for c in choices), answer=answer,
        explanation=_text(data, "explanation", where, required=False),
    )


def description_from_dict(data) -> ModuleDescription:
    """A checked ModuleDescription from plain data (a JSON object); raises DescriptionInvalid."""
    if not isinstance(data, dict):
        raise DescriptionInvalid(_("The description must be a JSON object."))
    where = _("The module")
    identifier = _text(data, "identifier", where)
    if not IDENTIFIER.match(identifier):
        raise DescriptionInvalid(
            _("The identifier “%(identifier)s” may contain only lowercase letters a–z, digits and hyphens (at most 63)."),
            identifier=identifier,
        )
    version = str(data.get("scorm_version", SCORM_12))
    if version not in (SCORM_12, SCORM_2004):
        raise DescriptionInvalid(_("The SCORM version must be “1.2” or “2004”, not “%(version)s”."), version=version)
    language = data.get("language", "vi")
    if language not in LANGUAGES:
        raise DescriptionInvalid(_("The language must be one of: %(choices)s."), choices=", ".join(LANGUAGES))
    passing_score = data.get("passing_score", 0.8)
    if isinstance(passing_score, bool) or not isinstance(passing_score, (int, float)) or not 0 < passing_score <= 1:
        raise DescriptionInvalid(_("The passing score must be a number above 0 and at most 1, such as 0.8."))
    slides = data.get("slides")
    if not isinstance(slides, list) or not slides:
        raise DescriptionInvalid(_("The module has no slides: add at least one slide to teach something."))
    quiz = data.get("quiz")
    if not isinstance(quiz, list) or not quiz:
        raise DescriptionInvalid(_("The module has no quiz: add at least one question so that learners can pass it."))
    accent = data.get("accent", "#0b5394")
    if not isinstance(accent, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", accent):
        raise DescriptionInvalid(_("The accent colour must look like #0b5394."))
    return ModuleDescription(
        identifier=identifier,
        title=_text(data, "title", where),
        scorm_version=version,
        slides=tuple(_slide(slide, number) for number, slide in enumerate(slides, start=1)),
        quiz=tuple(_question(question, number) for number, question in enumerate(quiz, start=1)),
        summary=_text(data, "summary", where, required=False),
        language=language,
        passing_score=float(passing_score),
        accent=accent.lower(),
    )
