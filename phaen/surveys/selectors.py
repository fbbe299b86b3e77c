"""Reads of the surveys app: the summary of answers per question.

``summarise(surveys)`` and ``project_survey_summary(projects)`` run a fixed number of
queries whatever the number of surveys, questions and answers (see README.md)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from phaen.surveys import choices as c
from phaen.surveys.models import Answer, Question, Response, Survey

TWO = Decimal("0.01")


@dataclass
class Bucket:
    value: int
    label: str
    count: int
    percent: Decimal  # of the question's answers, 2 places


@dataclass
class QuestionSummary:
    id: int
    number: int
    text: str
    kind: str
    count: int  # answers given (blank optional answers not counted)
    mean: Decimal | None = None  # five-point questions, 2 places, half up
    distribution: list[Bucket] = field(default_factory=list)  # 5 … 1
    texts: list[str] = field(default_factory=list)  # free-text answers, in order given


@dataclass
class SurveySummary:
    id: int
    title: str
    subject: str
    project_id: int
    activity_id: int | None
    state: str
    responses: int
    questions: list[QuestionSummary] = field(default_factory=list)


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TWO, ROUND_HALF_UP)


def question_summary(question: Question, number: int, counts: dict[int, int], texts: list[str]):
    """The summary of one question from its answer counts per level and its texts."""
    if question.kind == c.QuestionKind.TEXT:
        return QuestionSummary(
            id=question.pk,
            number=number,
            text=question.text,
            kind=question.kind,
            count=len(texts),
            texts=texts,
        )
    total = sum(counts.values())
    mean = None
    if total:
        points = sum(value * n for value, n in counts.items())
        mean = (Decimal(points) / Decimal(total)).quantize(TWO, ROUND_HALF_UP)
    return QuestionSummary(
        id=question.pk,
        number=number,
        text=question.text,
        kind=question.kind,
        count=total,
        mean=mean,
        distribution=[
            Bucket(value, label, counts.get(value, 0), _percent(counts.get(value, 0), total))
            for value, label in c.SCALE
        ],
    )


def summarise(surveys) -> list[SurveySummary]:
    """Summaries of ``surveys`` (a queryset or list of surveys with project and activity
    loaded) in four queries: questions, response counts, level counts, texts."""
    surveys = list(surveys)
    ids = [s.pk for s in surveys]
    questions: dict[int, list[Question]] = defaultdict(list)
    for question in Question.objects.filter(survey_id__in=ids).order_by("survey", "order", "id"):
        questions[question.survey_id].append(question)
    responses = dict(
        Response.objects.filter(survey_id__in=ids)
        .values_list("survey")
        .annotate(n=Count("id"))
        .values_list("survey", "n")
        .order_by()
    )
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for question_id, value, n in (
        Answer.objects.filter(question__survey_id__in=ids, scale__isnull=False)
        .values("question", "scale")
        .annotate(n=Count("id"))
        .values_list("question", "scale", "n")
        .order_by()
    ):
        counts[question_id][value] = n
    texts: dict[int, list[str]] = defaultdict(list)
    for question_id, text in (
        Answer.objects.filter(question__survey_id__in=ids, question__kind=c.QuestionKind.TEXT)
        .filter(~Q(text=""))
        .order_by("response__submitted_at", "id")
        .values_list("question", "text")
    ):
        texts[question_id].append(text)
    return [
        SurveySummary(
            id=s.pk,
            title=s.title,
            subject=s.subject,
            project_id=s.project_id,
            activity_id=s.activity_id,
            state=s.state,
            responses=responses.get(s.pk, 0),
            questions=[
                question_summary(q, n, counts.get(q.pk, {}), texts.get(q.pk, []))
                for n, q in enumerate(questions[s.pk], start=1)
            ],
        )
        for s in surveys
    ]


def survey_summary(survey: Survey) -> SurveySummary:
    return summarise([survey])[0]


def project_survey_summary(projects) -> dict[int, list[SurveySummary]]:
    """{project id: summaries of its surveys} for ``projects`` (plans.Project rows).

    A project keeps its identity across plan editions through ``lineage``: the surveys of
    every edition's row of the project count (same organisation and fiscal year). Five
    queries whatever the number of projects, surveys and answers."""
    projects = list(projects)
    by_identity = {(p.lineage, p.plan.organization_id, p.plan.fiscal_year): p.pk for p in projects}
    result: dict[int, list[SurveySummary]] = {p.pk: [] for p in projects}
    if not projects:
        return result
    surveys = [
        s
        for s in Survey.objects.filter(project__lineage__in={p.lineage for p in projects})
        .select_related("project__plan", "activity")
        .order_by("created_at", "id")
        if (s.project.lineage, s.project.plan.organization_id, s.project.plan.fiscal_year)
        in by_identity
    ]
    for summary, survey in zip(summarise(surveys), surveys, strict=True):
        project = survey.project
        key = (project.lineage, project.plan.organization_id, project.plan.fiscal_year)
        result[by_identity[key]].append(summary)
    return result


def surveys_for(user, organization):
    """The surveys of ``organization`` that ``user`` may see, with what the list shows."""
    return (
        Survey.objects.for_user(user, "view")
        .filter(project__plan__organization=organization)
        .select_related("project__plan", "activity")
        .annotate(response_count=Count("responses", distinct=True))
        .order_by("-created_at", "-id")
    )
