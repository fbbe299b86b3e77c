"""Demo data of surveys: one open satisfaction survey on an activity of an announced
project of พมจ.สงขลา (SK-PMJ), with 30 anonymous answers (fictional; no personal data)."""

from __future__ import annotations

import datetime as dt
import random

from phaen.plans.models import Activity, AnnualPlan
from phaen.surveys import choices as c
from phaen.surveys import services
from phaen.surveys.models import Answer, Response

# Chances of the five levels (5 … 1) per question: a well-run activity with a weaker spot
# (the venue) so the results page shows something to improve.
PROFILES = [
    (0.55, 0.35, 0.08, 0.02, 0.0),
    (0.50, 0.38, 0.10, 0.02, 0.0),
    (0.45, 0.40, 0.12, 0.03, 0.0),
    (0.20, 0.35, 0.30, 0.12, 0.03),
    (0.40, 0.42, 0.15, 0.03, 0.0),
    (0.50, 0.40, 0.08, 0.02, 0.0),
]
SUGGESTIONS = [
    "อยากให้จัดกิจกรรมแบบนี้อีกในปีหน้า",
    "สถานที่ค่อนข้างคับแคบ ควรหาห้องที่ใหญ่กว่านี้",
    "ควรแจ้งกำหนดการล่วงหน้าให้นานกว่านี้",
    "วิทยากรอธิบายเข้าใจง่าย ขอบคุณมากค่ะ",
    "อยากให้มีเอกสารประกอบเป็นภาษาที่อ่านง่าย",
    "เสียงลำโพงด้านหลังห้องได้ยินไม่ชัด",
    "ควรเพิ่มเวลาช่วงถามตอบ",
    "อาหารว่างดีมาก",
    "อยากให้ลงพื้นที่ในหมู่บ้านอื่นด้วย",
    "ที่จอดรถไม่เพียงพอ",
]
RESPONSES = 30


def _pick(rng: random.Random, profile) -> int:
    return rng.choices(c.SCALE_VALUES, weights=profile)[0]


def load(ctx) -> None:
    plan = (
        AnnualPlan.objects.filter(organization__code="SK-PMJ", state="announced")
        .order_by("-fiscal_year", "-edition_number")
        .first()
    )
    if plan is None:
        return
    owner = ctx.people.get("owner")
    activity = (
        Activity.objects.filter(project__plan=plan, sort_order=1, project__owner=owner)
        .select_related("project")
        .order_by("project__sort_order", "project_id")
        .first()
    ) or Activity.objects.filter(project__plan=plan).order_by("project_id", "sort_order").first()
    if activity is None:
        return
    by = ctx.users["owner"]
    survey = services.survey_create(
        project=activity.project,
        activity=activity,
        title=f"แบบประเมินความพึงพอใจ: {activity.name}",
        intro=("ขอบคุณที่เข้าร่วมกิจกรรม โปรดให้คะแนนความพึงพอใจของท่าน ใช้เวลาไม่เกิน 2 นาที ไม่ต้องระบุชื่อ"),
        opens_on=ctx.today - dt.timedelta(days=14),
        closes_on=ctx.today + dt.timedelta(days=30),
        default_questions=True,
        by=by,
    )
    survey = services.survey_set_state(survey=survey, state=c.SurveyState.OPEN, by=by)
    questions = list(survey.questions.order_by("order", "id"))
    rng = random.Random(14)
    answers = []
    for index in range(RESPONSES):
        response = Response.objects.create(
            survey=survey,
            fingerprint=services.client_fingerprint(ip=f"demo-{index}", user_agent="demo"),
        )
        scale_index = 0
        for question in questions:
            if question.kind == c.QuestionKind.SCALE:
                profile = PROFILES[scale_index % len(PROFILES)]
                scale_index += 1
                answers.append(
                    Answer(response=response, question=question, scale=_pick(rng, profile))
                )
            elif index % 3 == 0:
                text = SUGGESTIONS[(index // 3) % len(SUGGESTIONS)]
                answers.append(Answer(response=response, question=question, text=text))
    Answer.objects.bulk_create(answers)
