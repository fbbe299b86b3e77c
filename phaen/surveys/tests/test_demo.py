import pytest
from django.core.management import call_command

from phaen.surveys import selectors
from phaen.surveys.models import Survey

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_open_survey_on_an_announced_activity_with_thirty_answers():
    call_command("load_demo")
    survey = Survey.objects.select_related("project__plan", "activity").get()
    assert survey.state == "open" and survey.accepts_answers()
    assert survey.project.plan.state == "announced" and survey.activity is not None
    assert survey.project.plan.organization.code == "SK-PMJ"
    summary = selectors.project_survey_summary([survey.project])[survey.project_id][0]
    assert summary.responses == 30
    scale = [q for q in summary.questions if q.kind == "scale"]
    assert all(q.count == 30 and 3 <= q.mean <= 5 for q in scale)
    assert any(q.texts for q in summary.questions if q.kind == "text")
