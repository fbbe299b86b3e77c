"""Annual plans: projects, lost-update protection, copying, money roll-ups and ceilings,
priority and fit-to-ceiling, the alignment check."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum

from phaen.budget.models import Appropriation, AppropriationLine, ExpenseCategory
from phaen.plans import selectors, services
from phaen.plans.checks import alignment_check
from phaen.plans.models import BudgetLine, Project
from phaen.plans.tests.conftest import add_project
from phaen.strategy.models import IndicatorTarget

pytestmark = pytest.mark.django_db


def test_a_second_save_from_an_old_version_is_refused_and_loses_nothing(annual, world):
    project = annual.projects.get(name="โครงการอบรมอาสาสมัคร")
    first = Project.objects.get(pk=project.pk)
    second = Project.objects.get(pk=project.pk)
    services.project_update(
        project=first, version=first.version, by=world.planner, place="หอประชุมอำเภอ"
    )
    with pytest.raises(services.StaleEditError):
        services.project_update(
            project=second, version=second.version, by=world.viewer, place="ศาลากลาง"
        )
    stored = Project.objects.get(pk=project.pk)
    assert stored.place == "หอประชุมอำเภอ" and stored.version == 2


def test_copying_a_project_into_next_years_plan_takes_its_parts(annual, world):
    nxt = services.plan_create(
        organization=world.own, kind="action_plan", fiscal_year=2569, by=world.planner
    )
    source = annual.projects.get(name="โครงการเยี่ยมบ้านผู้สูงอายุ")
    copy = services.project_copy(project=source, to_plan=nxt, by=world.planner)
    assert copy.copied_from == source and copy.lineage != source.lineage
    assert copy.activities.count() == 1 and copy.risks.get().activity == copy.activities.get()
    assert copy.budget_lines.get().amount == Decimal(150000)
    assert list(copy.indicators.all()) == list(source.indicators.all())
    assert copy.start_date is None  # another year: dates must be planned again


def test_the_rollup_equals_a_fresh_sum_of_the_budget_lines(annual, world):
    extra = add_project(
        annual,
        "โครงการเพิ่มกลางปี",
        25000,
        out_of_plan=True,
        issue=annual.multi_year_plan.issues.get(number=2),
    )
    cancelled = add_project(annual, "โครงการยกเลิก", 9999, status="cancelled")
    data = selectors.rollup(list(selectors.plan_projects(annual)))
    fresh = (
        BudgetLine.objects.filter(project__plan=annual)
        .exclude(project=cancelled)
        .aggregate(t=Sum("amount"))["t"]
    )
    assert data.total == fresh == Decimal(275000)
    assert data.out_of_plan == Decimal(25000) and data.in_plan == Decimal(250000)
    assert sum(data.by_strategy.values()) == data.total
    assert sum(data.by_source.values()) == data.total == sum(data.by_category.values())
    assert data.by_category == {"งบดำเนินงาน": Decimal(275000)}
    assert data.by_project[extra.pk] == Decimal(25000)


def test_the_plan_is_checked_against_its_appropriation(annual, world):
    appropriation = Appropriation.objects.create(
        organization=world.own, fiscal_year=2568, kind="budget_act", title="งบตาม พ.ร.บ. 2568"
    )
    line = AppropriationLine.objects.create(
        appropriation=appropriation,
        category=ExpenseCategory.objects.get(code="C2.1"),
        amount=Decimal(200000),
    )
    BudgetLine.objects.filter(project__plan=annual).update(appropriation_line=line)
    check = selectors.ceiling_check(annual)
    assert check.ceiling == Decimal(200000) and check.planned == Decimal(250000)
    assert check.over == Decimal(50000) and check.lines_over == [(line, Decimal(250000))]


def test_ranking_and_fit_to_ceiling_defer_the_lowest_priority_first(annual):
    projects = list(selectors.plan_projects(annual))
    assert [p.name for p in selectors.ranked(projects)] == [
        "โครงการเยี่ยมบ้านผู้สูงอายุ",
        "โครงการจัดทำฐานข้อมูล",
        "โครงการอบรมอาสาสมัคร",
    ]
    proposal = selectors.fit_to_ceiling(projects, Decimal(160000))
    assert [p.name for p, _ in proposal.deferred] == ["โครงการอบรมอาสาสมัคร", "โครงการจัดทำฐานข้อมูล"]
    assert proposal.remaining == Decimal(150000) and proposal.fits
    assert selectors.fit_to_ceiling(projects, Decimal(300000)).deferred == []


def test_the_alignment_check_finds_what_is_missing(annual, world):
    issue = annual.multi_year_plan.issues.get(number=1)
    add_project(annual, "โครงการลอย", 5000)
    add_project(annual, "โครงการจัดทำฐานข้อมูล", 0, issue=issue)
    big = add_project(annual, "โครงการใหญ่ไม่มีความเสี่ยง", 500000, issue=issue)
    result = alignment_check(annual)
    codes = {f.code.split(":")[0] for f in result.findings}
    assert {"no_strategy", "no_indicator", "no_risk", "duplicate_name", "no_responsible"} <= codes
    blocking = [f for f in result.blocking]
    assert [f.project_id for f in blocking if f.code.startswith("no_strategy")]
    assert any(f.project_id == big.pk and f.code.startswith("no_risk") for f in result.findings)
    assert all(f.url for f in result.findings)
    assert not result.may_submit


def test_indicators_with_a_target_this_year_but_no_project_are_found(annual):
    second = annual.multi_year_plan.indicators.get(issue__number=1, number="2")
    IndicatorTarget.objects.create(indicator=second, fiscal_year=2568, value=10)
    codes = [f.code for f in alignment_check(annual).findings]
    assert f"unserved_indicator:{second.pk}" in codes


def test_activities_outside_the_fiscal_year_are_found(annual):
    project = annual.projects.get(name="โครงการเยี่ยมบ้านผู้สูงอายุ")
    activity = project.activities.get()
    activity.end_date = dt.date(2025, 10, 15)
    activity.save()
    assert any(
        f.code.startswith(f"activity_dates_{activity.pk}") for f in alignment_check(annual).findings
    )
