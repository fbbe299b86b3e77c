"""Who may see and manage surveys: role × organisation × action, through pages too."""

import pytest
from django.test import Client
from django.urls import reverse

from phaen.core.testing import PASSWORD, make_user
from phaen.organizations import access
from phaen.organizations.choices import Role
from phaen.surveys.models import Question, Survey
from phaen.surveys.tests.conftest import answer

pytestmark = pytest.mark.django_db

MANAGERS = {Role.PLANNER, Role.ORG_ADMIN, Role.PROJECT_OWNER}  # the owner owns the project


@pytest.mark.parametrize("role", sorted(Role.values))
@pytest.mark.parametrize("relation", ["own", "parent", "child", "other"])
def test_permission_matrix(world, survey, role, relation):
    user = (
        world.role_users[role]
        if relation == "own"
        else make_user(world.org(relation), role, username=f"{relation}-{role}")
    )
    question = survey.questions.first()
    sees = relation in ("own", "parent")
    manages = relation == "own" and role in MANAGERS
    for obj in (survey, question):
        assert access.can(user, "view", obj) is sees, (obj, "view")
        for action in ("add", "change", "delete"):
            assert access.can(user, action, obj) is manages, (obj, action)
    assert (Survey.objects.for_user(user, "view").count() == 1) is sees
    assert (Question.objects.for_user(user, "change").count() == 3) is manages


def test_a_project_owner_manages_only_their_own_projects_surveys(world, survey):
    another_owner = make_user(world.own, Role.PROJECT_OWNER, username="owner-2")
    assert access.can(another_owner, "view", survey)
    assert not access.can(another_owner, "change", survey)
    assert access.can(world.role_users[Role.PROJECT_OWNER], "change", survey)


def _client(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_pages_read_for_every_role_write_for_managers_404_outside(world, survey):
    viewer = _client(world.viewer)
    for name in ("survey_detail", "survey_results", "survey_sheet"):
        assert viewer.get(reverse(f"surveys:{name}", args=[survey.pk])).status_code == 200, name
    assert viewer.get(reverse("surveys:survey_edit", args=[survey.pk])).status_code == 403
    assert (
        viewer.post(
            reverse("surveys:survey_state", args=[survey.pk]), {"state": "closed"}
        ).status_code
        == 403
    )
    assert viewer.get(reverse("surveys:survey_create")).status_code == 403
    outsider = _client(world.outsider)
    assert outsider.get(reverse("surveys:survey_detail", args=[survey.pk])).status_code == 404
    assert outsider.get(reverse("surveys:survey_results", args=[survey.pk])).status_code == 404
    owner = _client(world.role_users[Role.PROJECT_OWNER])
    assert owner.get(reverse("surveys:survey_edit", args=[survey.pk])).status_code == 200
    assert (
        owner.post(
            reverse("surveys:survey_state", args=[survey.pk]), {"state": "closed"}
        ).status_code
        == 302
    )
    survey.refresh_from_db()
    assert survey.state == "closed"


def test_results_page_uses_the_same_number_of_queries_for_few_and_many_answers(
    world, survey, django_assert_num_queries
):
    client = _client(world.viewer)
    url = reverse("surveys:survey_results", args=[survey.pk])
    answer(survey, [5, 4, "ดี"], "first")
    client.get(url)  # warm the session and the user's access context
    with django_assert_num_queries(14) as small:
        page = client.get(url)
    assert page.status_code == 200
    for n in range(40):
        answer(survey, [1 + n % 5, 1 + (n * 3) % 5, f"ข้อความ {n}"], f"c{n}")
    with django_assert_num_queries(len(small.captured_queries)):
        page = client.get(url)
    assert page.context["summary"].responses == 41
    assert "ข้อความ 39" in page.content.decode()
