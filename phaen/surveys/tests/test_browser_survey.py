"""A citizen answers a survey from its QR link at phone width, is thanked, and cannot
answer twice; the planner sees the answer in the results. Screenshots in
test-artifacts/screens/surveys-*.png (looked at)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phaen.conftest import ARTIFACTS
from phaen.strategy.tests.test_browser import log_in
from phaen.surveys.models import Answer, Response

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = ARTIFACTS / "screens"


def shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"surveys-{name}.png"), full_page=True)


def test_a_citizen_answers_from_the_qr_link_once(live_server, world, survey, new_page):
    staff = new_page()
    log_in(staff, live_server.url, world.planner.username)
    staff.goto(live_server.url + reverse("surveys:survey_detail", args=[survey.pk]))
    qr = staff.locator("[data-testid=survey-qr]")
    url = qr.get_attribute("data-url")
    assert url == f"{live_server.url}/surveys/r/{survey.token}/"
    assert qr.locator("svg title").text_content() == url  # the QR encodes this URL
    shot(staff, "detail")

    phone = new_page(phone=True)
    phone.goto(url)
    phone.wait_for_selector("[data-testid=survey-answer-form]")
    assert phone.locator("html").get_attribute("lang") == "th"
    # forgetting a required question names it
    phone.click("[data-testid=survey-submit]")
    phone.wait_for_selector("[data-testid=form-errors]")
    assert "เจ้าหน้าที่สุภาพ" in phone.locator("[data-testid=form-errors]").text_content()
    questions = phone.locator("[data-testid=survey-question]")
    questions.nth(0).locator("[data-testid=choice-5]").click()
    questions.nth(1).locator("[data-testid=choice-4]").click()
    questions.nth(2).locator("textarea").fill("อยากให้จัดอีกในปีหน้า")
    shot(phone, "phone-answer")
    phone.click("[data-testid=survey-submit]")
    phone.wait_for_selector("[data-testid=survey-thanks]")
    shot(phone, "phone-thanks")
    assert Response.objects.filter(survey=survey).count() == 1
    assert sorted(Answer.objects.exclude(scale=None).values_list("scale", flat=True)) == [4, 5]

    # the same browser opens the link again: refused, nothing more saved
    phone.goto(url)
    phone.wait_for_selector("[data-testid=survey-already]")
    assert phone.locator("[data-testid=survey-answer-form]").count() == 0
    shot(phone, "phone-again")
    assert Response.objects.filter(survey=survey).count() == 1

    staff.goto(live_server.url + reverse("surveys:survey_results", args=[survey.pk]))
    first = staff.locator("[data-testid=question-summary]").first
    assert first.locator("[data-testid=q-mean]").text_content().strip() == "5.00"
    assert "อยากให้จัดอีกในปีหน้า" in staff.locator("[data-testid=q-texts]").text_content()
    shot(staff, "results")

    # staff pages work at phone width too
    planner_phone = new_page(phone=True)
    log_in(planner_phone, live_server.url, world.planner.username)
    planner_phone.goto(live_server.url + reverse("surveys:survey_detail", args=[survey.pk]))
    planner_phone.wait_for_selector("[data-testid=survey-qr] svg")
    shot(planner_phone, "phone-detail")
    width = planner_phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
