import pytest

from phaen.plans.tests.conftest import annual, strategic  # noqa: F401  (fixtures)
from phaen.surveys import choices as c
from phaen.surveys import services


@pytest.fixture
def project(annual):  # noqa: F811
    """The documented project of the plans fixture (owned by the project owner, one activity)."""
    return annual.projects.get(name="โครงการเยี่ยมบ้านผู้สูงอายุ")


@pytest.fixture
def survey(world, project):
    """An open survey on the project's activity: two five-point questions and a text one."""
    s = services.survey_create(
        project=project,
        activity=project.activities.first(),
        title="ความพึงพอใจต่อการเยี่ยมบ้าน",
        by=world.planner,
    )
    services.question_save(survey=s, by=world.planner, kind="scale", text="เจ้าหน้าที่สุภาพ", order=1)
    services.question_save(survey=s, by=world.planner, kind="scale", text="ได้ประโยชน์", order=2)
    services.question_save(
        survey=s, by=world.planner, kind="text", text="ข้อเสนอแนะ", order=3, required=False
    )
    return services.survey_set_state(survey=s, state=c.SurveyState.OPEN, by=world.planner)


def answer(survey, values, who: str):
    """Submit ``values`` (one per question, in order) as client ``who``."""
    questions = list(survey.questions.order_by("order", "id"))
    return services.response_submit(
        survey=survey,
        answers={q.pk: v for q, v in zip(questions, values, strict=True)},
        fingerprint=services.client_fingerprint(ip=who, user_agent="test"),
    )
