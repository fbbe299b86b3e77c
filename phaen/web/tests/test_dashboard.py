"""The follow-up dashboard: the plan in force of the current organisation and fiscal year,
status counts, money against plan, issues with drill-down to projects, filters by unit and
quarter, the parent's rolled-up view, access, and a query count that does not grow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from phaen.budget.models import BudgetSource, ExpenseCategory
from phaen.finance.tests.conftest import record
from phaen.organizations.models import Unit
from phaen.plans import services
from phaen.plans.models import BudgetLine
from phaen.plans.tests.conftest import strategic  # noqa: F401
from phaen.web.middleware import SESSION_FY, SESSION_ORG

URL = "/dashboard/"
FY = 2570  # today (2026-11-22) is in FY 2570, month 2


def login(client, user, org=None, fy=FY):
    client.force_login(user)
    session = client.session
    if org is not None:
        session[SESSION_ORG] = org.pk
    session[SESSION_FY] = fy
    session.save()
    return client


def add(plan, name, amount, months, issue=None, unit=None, **fields):
    project = services.project_create(
        plan=plan, name=name, by=None, issue=issue, months=months, responsible_unit=unit, **fields
    )
    BudgetLine.objects.create(
        project=project,
        source=BudgetSource.objects.get(code="state_budget"),
        category=ExpenseCategory.objects.get(code="C2.1"),
        amount=Decimal(amount),
        monthly_plan=[str(Decimal(amount) / 12)] * 12,
        description=name,
    )
    return project


@pytest.fixture
def plan(world, strategic):  # noqa: F811
    plan = services.plan_create(
        organization=world.own,
        kind="action_plan",
        fiscal_year=FY,
        by=world.planner,
        multi_year_plan=strategic,
    )
    unit = Unit.objects.create(organization=world.own, code="U1", name_th="กลุ่มงานแผน")
    one, two = strategic.issues.get(number=1), strategic.issues.get(number=2)
    late = add(plan, "โครงการที่เลยกำหนด", "12000", [1], issue=one, unit=unit)
    add(plan, "โครงการปลายปี", "24000", [10, 11], issue=two)
    record(late, "disbursement", "ฎ1", "3000", dt.date(2026, 10, 20))
    return plan


def test_anonymous_users_go_to_login(client, db):
    assert client.get(URL).status_code == 302


def test_the_planner_sees_status_money_issues_and_late_projects(client, world, plan):
    response = login(client, world.planner, world.own).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    data = response.context["data"]
    assert data.total.project_count == 2
    assert data.total.money.budget_planned == Decimal("36000")
    assert data.total.money.disbursed == Decimal("3000")
    assert [p.name for p in response.context["late"]] == ["โครงการที่เลยกำหนด"]
    assert "โครงการที่เลยกำหนด" in html and "chart.umd.min.js" in html
    assert 'id="dashboard-charts"' in html  # the charts' numbers
    assert "36,000.00" in html  # … and the same numbers as a table
    assert f"/plans/projects/{data.projects[0].id}/" in html  # drill-down to the project


def test_drill_down_from_issue_to_its_projects(client, world, plan):
    response = login(client, world.planner, world.own).get(URL, {"issue": "2"})
    assert [p.name for p in response.context["projects"]] == ["โครงการปลายปี"]
    assert 'data-testid="issue-projects"' in response.content.decode()


def test_filters_by_unit_and_quarter(client, world, plan):
    unit = Unit.objects.get(code="U1")
    c = login(client, world.planner, world.own)
    by_unit = c.get(URL, {"unit": unit.pk}).context["data"]
    assert [p.name for p in by_unit.projects] == ["โครงการที่เลยกำหนด"]
    q3 = c.get(URL, {"quarter": "3"}).context
    assert q3["period"].code == "Q3"
    assert q3["data"].total.money.planned_to_date == Decimal("27000")  # 9 of 12 months


def test_the_parent_sees_its_children_rolled_up(client, world, plan):
    child_plan = services.plan_create(
        organization=world.child, kind="action_plan", fiscal_year=FY, by=None
    )
    add(child_plan, "โครงการของหน่วยงานลูก", "5000", [3])
    response = login(client, world.planner, world.own).get(URL, {"scope": "children"})
    data = response.context["data"]
    assert [g.title for g in data.groups] == [world.own.name, world.child.name] or sorted(
        g.title for g in data.groups
    ) == sorted([world.own.name, world.child.name])
    assert data.total.money.budget_planned == Decimal("41000")
    assert sum(g.money.budget_planned for g in data.groups) == data.total.money.budget_planned


def test_no_plan_yet_shows_an_empty_state(client, world, db):
    response = login(client, world.planner, world.own).get(URL)
    assert response.status_code == 200 and response.context["data"] is None
    assert 'data-testid="empty-state"' in response.content.decode()


def test_an_outsider_does_not_see_the_organisations_projects(client, world, plan):
    response = login(client, world.outsider, world.other).get(URL)
    assert response.status_code == 200
    assert "โครงการที่เลยกำหนด" not in response.content.decode()


def test_the_page_works_in_english(client, world, plan):
    from django.conf import settings

    c = login(client, world.planner, world.own)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = c.get(URL)
    assert response.status_code == 200
    assert "Follow-up dashboard" in response.content.decode()


def test_query_count_is_the_same_for_a_small_and_a_large_plan(client, world, strategic):  # noqa: F811
    issue = strategic.issues.get(number=1)
    counts = []
    c = login(client, world.planner, world.own)
    for n, kind in ((5, "action_plan"), (50, "gov_action_plan")):
        plan = services.plan_create(
            organization=world.own,
            kind=kind,
            fiscal_year=FY,
            by=world.planner,
            multi_year_plan=strategic,
        )
        for i in range(n):
            add(plan, f"โครงการ {kind} {i}", "1200", [1, 2], issue=issue)
        c.get(URL, {"plan": plan.pk})  # reporting periods created once
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(URL, {"plan": plan.pk}).context["data"].total.project_count == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_warnings_of_the_alerts_app_link_to_the_place_to_fix_them(client, world, plan):
    """The late project (planned for October, nothing reported) is warned about and the
    warning links to its follow-up page."""
    response = login(client, world.planner, world.own).get(URL)
    warnings = response.context["warnings"]
    assert any(w.project_id == plan.projects.get(name="โครงการที่เลยกำหนด").pk for w in warnings)
    html = response.content.decode()
    assert 'data-testid="warning-link"' in html
    assert all(w.url in html for w in warnings[:10] if w.url)
