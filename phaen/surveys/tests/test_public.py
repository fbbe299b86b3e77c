"""The public answer page: no account, CSRF, one answer per person, closed surveys say so."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from phaen.surveys import services
from phaen.surveys.models import Answer, Response
from phaen.surveys.tests.conftest import answer

pytestmark = pytest.mark.django_db


def _url(survey, name="surveys:respond"):
    return reverse(name, args=[survey.token])


def _post(client, survey, values, **extra):
    questions = list(survey.questions.order_by("order", "id"))
    data = {f"q{q.pk}": v for q, v in zip(questions, values, strict=True)}
    return client.post(_url(survey), data, **extra)


def test_an_anonymous_person_answers_and_is_thanked_in_thai(survey):
    client = Client(REMOTE_ADDR="10.0.0.1", HTTP_USER_AGENT="phone")
    page = client.get(_url(survey))
    assert page.status_code == 200
    html = page.content.decode()
    assert survey.title in html and "มากที่สุด" in html and "น้อยที่สุด" in html
    assert 'lang="th"' in html
    response = _post(client, survey, ["5", "4", "ขอบคุณครับ"])
    assert response.status_code == 302 and response.url == _url(survey, "surveys:thanks")
    assert client.get(response.url).status_code == 200
    saved = Response.objects.get(survey=survey)
    assert sorted(
        Answer.objects.filter(response=saved).values_list("scale", flat=True), key=str
    ) == [
        4,
        5,
        None,
    ]
    # nothing personal is kept: only a 64-hex hash
    assert len(saved.fingerprint) == 64 and "10.0.0.1" not in saved.fingerprint


def test_the_same_browser_cannot_answer_twice_cookie_or_fingerprint(survey):
    client = Client(REMOTE_ADDR="10.0.0.2", HTTP_USER_AGENT="phone")
    assert _post(client, survey, ["5", "5", ""]).status_code == 302
    # same browser (cookie)
    again = _post(client, survey, ["1", "1", ""])
    assert (again.status_code == 409 and "already answered" in again.content.decode().lower()) or (
        "ตอบแบบสำรวจนี้แล้ว" in again.content.decode()
    )
    # cookie cleared, same address and browser: the fingerprint refuses it
    fresh = Client(REMOTE_ADDR="10.0.0.2", HTTP_USER_AGENT="phone")
    assert fresh.get(_url(survey)).context["answered"] is True
    assert _post(fresh, survey, ["1", "1", ""]).status_code == 409
    # another person (another device) may answer
    other = Client(REMOTE_ADDR="10.0.0.3", HTTP_USER_AGENT="phone")
    assert _post(other, survey, ["3", "3", ""]).status_code == 302
    assert Response.objects.filter(survey=survey).count() == 2


def test_the_service_refuses_a_second_answer_from_the_same_client(survey):
    answer(survey, [5, 5, ""], "x")
    with pytest.raises(services.AlreadyAnsweredError):
        answer(survey, [4, 4, ""], "x")


def test_missing_or_bad_answers_name_the_question_and_save_nothing(survey):
    client = Client(REMOTE_ADDR="10.0.0.4")
    response = _post(client, survey, ["", "9", ""])
    assert response.status_code == 400
    html = response.content.decode()
    assert "เจ้าหน้าที่สุภาพ" in html and "ได้ประโยชน์" in html
    errors = response.context["errors"]
    assert len(errors) == 2 and "1" in errors[0] and "2" in errors[1]
    assert not Response.objects.exists()


def test_closed_survey_is_refused_and_says_so(world, survey):
    services.survey_set_state(survey=survey, state="closed", by=world.planner)
    client = Client(REMOTE_ADDR="10.0.0.5")
    page = client.get(_url(survey))
    assert page.status_code == 200 and page.context["availability"] == "closed"
    assert 'data-testid="survey-unavailable"' in page.content.decode()
    assert _post(client, survey, ["5", "5", ""]).status_code == 409
    with pytest.raises(services.SurveyClosedError):
        answer(survey, [5, 5, ""], "y")
    assert not Response.objects.exists()


def test_not_yet_open_and_ended_surveys_refuse_answers(world, survey):
    today = timezone.localdate()
    services.survey_update(survey=survey, by=world.planner, opens_on=today + dt.timedelta(days=1))
    client = Client(REMOTE_ADDR="10.0.0.6")
    assert client.get(_url(survey)).context["availability"] == "not_yet"
    assert _post(client, survey, ["5", "5", ""]).status_code == 409
    services.survey_update(
        survey=survey,
        by=world.planner,
        opens_on=today - dt.timedelta(days=9),
        closes_on=today - dt.timedelta(days=1),
    )
    assert client.get(_url(survey)).context["availability"] == "ended"
    assert _post(client, survey, ["5", "5", ""]).status_code == 409
    assert not Response.objects.exists()


def test_draft_surveys_and_unknown_tokens_are_not_found(world, project):
    draft = services.survey_create(project=project, title="ร่าง", by=world.planner)
    client = Client()
    assert client.get(_url(draft)).status_code == 404
    assert client.get(reverse("surveys:respond", args=["nope"])).status_code == 404


def test_the_answer_form_is_csrf_protected(survey):
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR="10.0.0.7")
    assert _post(client, survey, ["5", "5", ""]).status_code == 403
    page = client.get(_url(survey))
    token = page.cookies["csrftoken"].value
    questions = list(survey.questions.order_by("order"))
    data = {f"q{questions[0].pk}": "5", f"q{questions[1].pk}": "4", "csrfmiddlewaretoken": token}
    assert client.post(_url(survey), data).status_code == 302


def test_anonymous_users_cannot_see_staff_pages(survey):
    client = Client()
    for name in (
        "surveys:survey_detail",
        "surveys:survey_results",
        "surveys:survey_edit",
        "surveys:survey_sheet",
        "surveys:survey_sheet_pdf",
    ):
        response = client.get(reverse(name, args=[survey.pk]))
        assert response.status_code == 302 and "/login" in response.url, name
    for name in ("surveys:survey_list", "surveys:survey_create"):
        assert client.get(reverse(name)).status_code == 302
    assert (
        client.post(
            reverse("surveys:survey_state", args=[survey.pk]), {"state": "closed"}
        ).status_code
        == 302
    )
    survey.refresh_from_db()
    assert survey.state == "open"
