"""Writes of the surveys app. Keyword-only arguments; each write validates the whole
object and returns it; ``by`` is recorded in the history."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phaen.surveys import choices as c
from phaen.surveys.models import Answer, Question, Response, Survey

# The questions a new survey can start with in one click (the usual satisfaction form of
# a project or training activity). Source strings in English, asked in the active language.
DEFAULT_QUESTIONS = (
    (c.QuestionKind.SCALE, gettext_lazy("The activity met its objectives")),
    (c.QuestionKind.SCALE, gettext_lazy("The content was useful to you")),
    (c.QuestionKind.SCALE, gettext_lazy("The speakers or staff explained clearly")),
    (c.QuestionKind.SCALE, gettext_lazy("The place, time and facilities were suitable")),
    (c.QuestionKind.SCALE, gettext_lazy("You can apply what you gained")),
    (c.QuestionKind.SCALE, gettext_lazy("Overall satisfaction with the activity")),
    (c.QuestionKind.TEXT, gettext_lazy("Suggestions for improvement")),
)


class SurveyClosedError(ValidationError):
    """The survey does not accept answers today (draft, closed, not yet open, ended)."""


class AlreadyAnsweredError(ValidationError):
    """This person (browser) has already answered the survey."""


def _save(obj, by):
    obj._history_user = by
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def survey_create(
    *,
    project,
    title: str,
    by,
    activity=None,
    intro: str = "",
    opens_on=None,
    closes_on=None,
    default_questions: bool = False,
) -> Survey:
    survey = _save(
        Survey(
            project=project,
            activity=activity,
            title=title,
            intro=intro,
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=by if getattr(by, "pk", None) else None,
        ),
        by,
    )
    if default_questions:
        questions_add_defaults(survey=survey, by=by)
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, by, **fields) -> Survey:
    allowed = {"activity", "title", "intro", "opens_on", "closes_on"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"survey_update() got unexpected fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(survey, name, value)
    return _save(survey, by)


@transaction.atomic
def survey_set_state(*, survey: Survey, state: str, by) -> Survey:
    """Open, close or reopen a survey. A survey opens only with at least one question."""
    if state not in c.SurveyState.values:
        raise ValidationError({"state": _("Unknown state.")})
    if state == c.SurveyState.OPEN and not survey.questions.exists():
        raise ValidationError({"state": _("Add at least one question before opening the survey.")})
    if state == c.SurveyState.DRAFT and survey.responses.exists():
        raise ValidationError({"state": _("A survey with answers cannot go back to draft.")})
    survey.state = state
    return _save(survey, by)


def _refuse_if_answered(survey: Survey) -> None:
    if survey.responses.exists():
        raise ValidationError(
            _("The survey already has answers: its questions can no longer change.")
        )


@transaction.atomic
def questions_add_defaults(*, survey: Survey, by) -> list[Question]:
    """Append the default question set after the survey's own questions (the rating
    questions required, the suggestion box optional)."""
    _refuse_if_answered(survey)
    start = (survey.questions.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    return [
        _save(
            Question(
                survey=survey,
                kind=kind,
                text=str(text),
                order=start + i,
                required=kind == c.QuestionKind.SCALE,
            ),
            by,
        )
        for i, (kind, text) in enumerate(DEFAULT_QUESTIONS)
    ]


@transaction.atomic
def question_save(*, survey: Survey, by, question: Question | None = None, **fields) -> Question:
    """Create or change one question (refused once the survey has answers)."""
    _refuse_if_answered(survey)
    question = question or Question(survey=survey)
    if question.survey_id != survey.pk:
        raise ValidationError(_("The question belongs to another survey."))
    for name in ("kind", "text", "order", "required"):
        if name in fields:
            setattr(question, name, fields[name])
    return _save(question, by)


@transaction.atomic
def question_delete(*, question: Question, by) -> None:
    _refuse_if_answered(question.survey)
    question._history_user = by
    question.delete()


# --- answering ----------------------------------------------------------------------------
def client_fingerprint(*, ip: str, user_agent: str) -> str:
    """A salted hash of the client's address and user agent: equal for the same browser on
    the same network, meaningless outside this installation (salted with SECRET_KEY)."""
    message = f"{ip}\n{user_agent}".encode()
    key = f"phaen.surveys.fingerprint:{settings.SECRET_KEY}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _clean_answers(survey: Survey, questions: list[Question], raw: dict) -> list[Answer]:
    """Answers from ``raw`` (question id → value); errors keyed ``q<id>``, naming the
    question."""
    errors: dict[str, list[str]] = {}
    answers = []
    for number, question in enumerate(questions, start=1):
        value = raw.get(question.pk, raw.get(str(question.pk)))
        value = "" if value is None else str(value).strip()
        key = f"q{question.pk}"
        if not value:
            if question.required:
                errors[key] = [
                    _("Question %(number)s (%(text)s) needs an answer.")
                    % {"number": number, "text": question.text}
                ]
            continue
        if question.kind == c.QuestionKind.SCALE:
            if value not in {str(v) for v in c.SCALE_VALUES}:
                errors[key] = [
                    _("Question %(number)s (%(text)s): choose one of the five levels.")
                    % {"number": number, "text": question.text}
                ]
                continue
            answers.append(Answer(question=question, scale=int(value)))
        else:
            if len(value) > 2000:
                errors[key] = [
                    _("Question %(number)s (%(text)s): at most 2,000 characters.")
                    % {"number": number, "text": question.text}
                ]
                continue
            answers.append(Answer(question=question, text=value))
    if errors:
        raise ValidationError(errors)
    return answers


@transaction.atomic
def response_submit(*, survey: Survey, answers: dict, fingerprint: str) -> Response:
    """Record one person's answers (all or nothing). Raises :class:`SurveyClosedError`,
    :class:`AlreadyAnsweredError` or a ValidationError keyed by question."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.accepts_answers():
        raise SurveyClosedError(_("This survey is not open for answers."))
    if Response.objects.filter(survey=survey, fingerprint=fingerprint).exists():
        raise AlreadyAnsweredError(_("You have already answered this survey. Thank you."))
    questions = list(survey.questions.order_by("order", "id"))
    cleaned = _clean_answers(survey, questions, answers)
    try:
        with transaction.atomic():
            response = Response.objects.create(survey=survey, fingerprint=fingerprint)
    except IntegrityError:  # a simultaneous second submit from the same client
        raise AlreadyAnsweredError(_("You have already answered this survey. Thank you.")) from None
    for answer in cleaned:
        answer.response = response
    Answer.objects.bulk_create(cleaned)
    return response
