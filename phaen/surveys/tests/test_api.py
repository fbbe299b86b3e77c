"""API: surveys and questions for staff, the results summary read-only; no public answer
endpoint."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from phaen.organizations.choices import Role
from phaen.surveys.models import Survey
from phaen.surveys.tests.conftest import answer

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_list_is_scoped_and_results_summarise(world, survey):
    answer(survey, [5, 4, "ดี"], "a")
    answer(survey, [4, 4, ""], "b")
    rows = _api(world.viewer).get("/api/v1/surveys/").json()
    items = rows["results"] if isinstance(rows, dict) else rows
    assert [r["id"] for r in items] == [survey.pk]
    assert items[0]["response_count"] == 2
    assert items[0]["public_path"] == f"/surveys/r/{survey.token}/"
    other = _api(world.outsider).get("/api/v1/surveys/").json()
    assert (other["results"] if isinstance(other, dict) else other) == []
    assert _api(world.outsider).get(f"/api/v1/surveys/{survey.pk}/results/").status_code == 404
    result = _api(world.viewer).get(f"/api/v1/surveys/{survey.pk}/results/").json()
    q1 = result["questions"][0]
    assert result["responses"] == 2 and q1["count"] == 2
    assert Decimal(str(q1["mean"])) == Decimal("4.50")
    assert [b["count"] for b in q1["distribution"]] == [1, 1, 0, 0, 0]
    assert result["questions"][2]["texts"] == ["ดี"]


def test_owner_creates_with_default_questions_opens_and_viewer_cannot(world, project):
    owner = _api(world.role_users[Role.PROJECT_OWNER])
    created = owner.post(
        "/api/v1/surveys/",
        {"project": project.pk, "title": "แบบสอบถาม", "default_questions": True},
        format="json",
    )
    assert created.status_code == 201, created.json()
    survey = Survey.objects.get(pk=created.json()["id"])
    assert survey.questions.count() == 7 and survey.state == "draft"
    opened = owner.post(f"/api/v1/surveys/{survey.pk}/open/")
    assert opened.status_code == 200 and opened.json()["state"] == "open"
    viewer = _api(world.viewer)
    assert viewer.post(f"/api/v1/surveys/{survey.pk}/close/").status_code == 403
    refused = viewer.post("/api/v1/surveys/", {"project": project.pk, "title": "x"}, format="json")
    assert refused.status_code == 403
    # bad input names the field; an activity of another project is refused
    blank = owner.patch(f"/api/v1/surveys/{survey.pk}/", {"title": ""}, format="json")
    assert blank.status_code == 400 and "title" in blank.json()["error"]["fields"]
    foreign = project.plan.projects.exclude(pk=project.pk).first()
    from phaen.plans.models import Activity

    elsewhere = Activity.objects.create(project=foreign, name="อื่น")
    wrong = owner.patch(f"/api/v1/surveys/{survey.pk}/", {"activity": elsewhere.pk}, format="json")
    assert wrong.status_code == 400 and "activity" in wrong.json()["error"]["fields"]


def test_questions_are_locked_once_answered(world, survey):
    planner = _api(world.planner)
    question = survey.questions.first()
    ok = planner.patch(f"/api/v1/survey-questions/{question.pk}/", {"text": "ใหม่"}, format="json")
    assert ok.status_code == 200 and ok.json()["text"] == "ใหม่"
    answer(survey, [5, 5, ""], "a")
    locked = planner.patch(f"/api/v1/survey-questions/{question.pk}/", {"text": "x"}, format="json")
    assert locked.status_code == 400
    assert planner.delete(f"/api/v1/survey-questions/{question.pk}/").status_code == 400
    added = planner.post(
        "/api/v1/survey-questions/",
        {"survey": survey.pk, "kind": "text", "text": "เพิ่ม"},
        format="json",
    )
    assert added.status_code == 400
    assert (
        _api(world.viewer)
        .patch(f"/api/v1/survey-questions/{question.pk}/", {"text": "x"}, format="json")
        .status_code
        == 403
    )
