"""Staff pages: list, create (with the standard questions in one click), edit questions
inline, open and close."""

import pytest
from django.test import Client
from django.urls import reverse

from phaen.core.testing import PASSWORD
from phaen.organizations.choices import Role
from phaen.surveys.models import Survey
from phaen.surveys.tests.conftest import answer

pytestmark = pytest.mark.django_db


def _client(user, org):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    session = client.session
    session["phaen_org_id"] = org.pk
    session.save()
    return client


def _formset(survey, rows, extra_row=None):
    data = {}
    questions = list(survey.questions.order_by("order", "id"))
    data["q-TOTAL_FORMS"] = str(len(questions) + 1)
    data["q-INITIAL_FORMS"] = str(len(questions))
    for i, q in enumerate(questions):
        row = rows[i]
        data.update(
            {
                f"q-{i}-id": q.pk,
                f"q-{i}-order": row.get("order", q.order),
                f"q-{i}-kind": row.get("kind", q.kind),
                f"q-{i}-text": row.get("text", q.text),
            }
        )
        if row.get("required", q.required):
            data[f"q-{i}-required"] = "on"
        if row.get("DELETE"):
            data[f"q-{i}-DELETE"] = "on"
    if extra_row:
        i = len(questions)
        data.update({f"q-{i}-{k}": v for k, v in extra_row.items()})
    return data


def test_owner_creates_a_survey_with_standard_questions_and_opens_it(world, project):
    owner = world.role_users[Role.PROJECT_OWNER]
    client = _client(owner, world.own)
    form = client.get(reverse("surveys:survey_create"))
    assert form.status_code == 200
    choices = [p.pk for p in form.context["form"].fields["project"].queryset]
    assert choices == [project.pk]  # only the project they own
    response = client.post(
        reverse("surveys:survey_create"),
        {
            "project": project.pk,
            "activity": project.activities.first().pk,
            "title": "พึงพอใจไหม",
            "opens_on": "1/11/2569",
            "closes_on": "31/12/2569",
            "default_questions": "on",
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "surveys:survey_edit", args=[survey.pk]
    )
    assert survey.questions.count() == 7 and str(survey.opens_on) == "2026-11-01"
    client.post(reverse("surveys:survey_state", args=[survey.pk]), {"state": "open"})
    survey.refresh_from_db()
    assert survey.state == "open"
    listing = client.get(reverse("surveys:survey_list"))
    assert "พึงพอใจไหม" in listing.content.decode()


def test_bad_dates_and_a_foreign_activity_are_named(world, project):
    client = _client(world.planner, world.own)
    other = project.plan.projects.exclude(pk=project.pk).first()
    from phaen.plans.models import Activity

    foreign = Activity.objects.create(project=other, name="อื่น")
    response = client.post(
        reverse("surveys:survey_create"),
        {
            "project": project.pk,
            "activity": foreign.pk,
            "title": "x",
            "opens_on": "31/12/2569",
            "closes_on": "1/11/2569",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "activity" in errors and "closes_on" in errors
    assert not Survey.objects.exists()


def test_questions_are_edited_inline_and_locked_once_answered(world, survey):
    client = _client(world.planner, world.own)
    url = reverse("surveys:survey_edit", args=[survey.pk])
    base = {"title": survey.title, "activity": survey.activity_id}
    data = _formset(
        survey,
        [{"text": "เจ้าหน้าที่สุภาพ เป็นกันเอง"}, {"DELETE": True}, {}],
        extra_row={"order": "9", "kind": "scale", "text": "จะแนะนำให้คนอื่น", "required": "on"},
    )
    response = client.post(url, {**base, **data})
    assert response.status_code == 302, response.context and response.context["form"].errors
    texts = list(survey.questions.order_by("order").values_list("text", flat=True))
    assert texts == ["เจ้าหน้าที่สุภาพ เป็นกันเอง", "ข้อเสนอแนะ", "จะแนะนำให้คนอื่น"]
    client.post(reverse("surveys:survey_defaults", args=[survey.pk]))
    assert survey.questions.count() == 10
    answer(survey, [5] * 9 + [""], "a")
    page = client.get(url)
    assert page.context["locked"] and 'data-testid="questions-locked"' in page.content.decode()
    client.post(reverse("surveys:survey_defaults", args=[survey.pk]))
    assert survey.questions.count() == 10
    # the survey's own fields still change; questions posted anyway are ignored
    client.post(url, {**base, "title": "ชื่อใหม่", **_formset(survey, [{"text": "x"}] * 10)})
    survey.refresh_from_db()
    assert survey.title == "ชื่อใหม่" and not survey.questions.filter(text="x").exists()
