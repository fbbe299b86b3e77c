"""The reports page lets a user choose what a report is about (its period) before making it:
the chosen value reaches the run, a value not offered is refused naming the field and
creates nothing, and other pages can link with a choice already made."""

import pytest
from django.urls import reverse

from phaen.plans.tests.conftest import add_project, annual, strategic  # noqa: F401
from phaen.reports.builders import followup_data as fd
from phaen.reports.models import ReportRun
from phaen.reports.registry import get_report


@pytest.fixture
def planner(client, world, annual):  # noqa: F811
    client.force_login(world.planner)
    client.post(reverse("web:switch_fiscal_year"), {"fiscal_year": annual.fiscal_year})
    return client


def test_periods_offered_follow_the_thai_fiscal_year():
    months = fd.period_choices(2568, ("month",))
    assert [code for code, _label in months][:4] == ["2567-10", "2567-11", "2567-12", "2568-01"]
    assert months[-1] == ("2568-09", "กันยายน 2568")
    quarters = fd.period_choices(2568, ("quarter",))
    assert [code for code, _label in quarters] == ["Q1", "Q2", "Q3", "Q4"]
    assert quarters[0][1] == "ไตรมาส 1 (ต.ค.–ธ.ค.)" and quarters[3][1] == "ไตรมาส 4 (ก.ค.–ก.ย.)"
    assert [code for code, _label in fd.period_choices(2568, ("round",))] == ["R6", "R12"]


def test_only_reports_with_a_choice_to_make_offer_one(world):
    assert set(get_report("quarterly").web_choices(world.own, 2568)) == {"period"}
    assert len(get_report("pr-board").web_choices(world.own, 2568)["period"].choices) == 18
    assert get_report("annual").web_choices(world.own, 2568) == {}
    assert get_report("org-directory").web_choices(world.own, 2568) == {}


def test_the_chosen_quarter_reaches_the_run(planner, annual, django_capture_on_commit_callbacks):  # noqa: F811
    page = planner.get(reverse("reports:index")).content.decode()
    assert 'name="quarterly-period"' in page and 'value="Q3"' in page
    assert 'name="org-directory-period"' not in page
    with django_capture_on_commit_callbacks(execute=False):
        response = planner.post(
            reverse("reports:run_create", args=["quarterly"]),
            {"quarterly-format": "json", "quarterly-period": "Q3"},
        )
    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert run.options == {"plan": annual.pk, "period": "Q3"}


def test_a_period_not_offered_is_refused_and_creates_nothing(planner):
    response = planner.post(
        reverse("reports:run_create", args=["quarterly"]),
        {"quarterly-format": "json", "quarterly-period": "Q9"},
    )
    assert response.status_code == 400
    errors = response.content.decode()
    assert 'data-testid="form-errors"' in errors and "งวดรายงาน" in errors
    assert not ReportRun.objects.exists()


def test_a_link_can_preselect_the_period(planner):
    page = planner.get(reverse("reports:index") + "?quarterly-period=Q2").content.decode()
    card = page[page.index('id="report-quarterly"') :]
    card = card[: card.index("</form>")]
    assert '<option value="Q2" selected>' in card
