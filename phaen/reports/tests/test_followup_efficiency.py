"""Spending efficiency in the follow-up data and reports: money spent per output achieved
per project (next to the planned cost per unit) and per strategic issue (sums when the unit
is the same, else the ratio of output achieved to budget spent), with hand-computed numbers."""

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from phaen.core.thai import to_arabic_digits
from phaen.finance.tests.conftest import add_project, record
from phaen.monitoring.models import OutputAchievement, ProgressReport
from phaen.monitoring.selectors import period_by_code
from phaen.plans import services
from phaen.plans.models import ProjectOutput
from phaen.plans.tests.conftest import strategic  # noqa: F401
from phaen.reports.builders import followup_data as fd
from phaen.reports.registry import get_report
from phaen.reports.renderers import render
from phaen.reports.tests.pdf_text import pdf_text

D = Decimal


def project_with(plan, name, issue, budget, *, unit, target, spent):
    project = add_project(plan, name, [(budget, [1, 2, 3], "C2.1")], issue=issue)
    output = ProjectOutput.objects.create(
        project=project, description=f"ผลผลิต {name}", unit=unit, target=D(target)
    )
    if spent:
        record(project, "disbursement", f"ฎ-{name}", spent, dt.date(2026, 10, 15))
    return project, output


def progress(project, output, code, actual, state="submitted"):
    period = period_by_code(organization=project.plan.organization, fiscal_year=2570, code=code)
    report = ProgressReport.objects.create(
        project=project, period=period, status="in_progress", percent=20, state=state
    )
    OutputAchievement.objects.create(report=report, output=output, actual=D(actual))
    return report


@pytest.fixture
def efficient(world, strategic):  # noqa: F811
    """FY 2570. Issue 1 (all in คน): A 300,000 baht, 200 คน, 50,000 spent, 40 achieved;
    B 100,000 baht, 100 คน, 10,000 spent, 0 achieved. Issue 2 (units differ): C 100,000 baht,
    10 ครั้ง, 20,000 spent, 5 achieved; D 300,000 baht, 50 คน, 60,000 spent, 10 achieved."""
    plan = services.plan_create(
        organization=world.own,
        kind="action_plan",
        fiscal_year=2570,
        by=world.planner,
        multi_year_plan=strategic,
    )
    one, two = strategic.issues.get(number=1), strategic.issues.get(number=2)
    a, a_out = project_with(plan, "A", one, 300000, unit="คน", target=200, spent=50000)
    b, b_out = project_with(plan, "B", one, 100000, unit="คน", target=100, spent=10000)
    c, c_out = project_with(plan, "C", two, 100000, unit="ครั้ง", target=10, spent=20000)
    d, d_out = project_with(plan, "D", two, 300000, unit=" คน ", target=50, spent=60000)
    progress(a, a_out, "2569-10", 10)
    progress(a, a_out, "2569-11", 40)  # the latest submitted one counts
    progress(a, a_out, "2569-12", 150, state="draft")  # a draft is not a report yet
    progress(a, a_out, "2570-01", 180)  # after Q1
    progress(b, b_out, "2569-11", 0)
    progress(c, c_out, "2569-11", 5)
    progress(d, d_out, "2569-12", 10)
    return plan


def quarterly(plan, period="Q1", user=None):
    from phaen.reports.management.commands.report import console_user

    report = get_report("quarterly")
    data = report.build(user=user or console_user(), plan=plan.pk, period=period)
    return report, data


def test_baht_per_unit_achieved_next_to_the_planned_cost_per_unit(efficient):
    report, data = quarterly(efficient)
    doc = json.loads(render(report, data, "json").content)
    projects = {p["name"]: p["efficiency"] for p in doc["projects"]}
    a = projects["A"]
    assert D(str(a["achieved"])) == 40
    assert D(str(a["spent"])) == 50000
    assert D(str(a["cost_per_unit"])) == D("1250.00")  # 50,000 ÷ 40
    assert D(str(a["planned_cost_per_unit"])) == D("1500.00")  # 300,000 ÷ 200
    assert a["unit"] == "คน"
    assert D(str(a["achieved_pct"])) == 20


def test_nothing_achieved_yet_gives_none_never_a_division_by_zero(efficient):
    _report, data = quarterly(efficient)
    b = next(p for p in data.projects if p.name == "B")
    assert b.efficiency.achieved == 0
    assert b.efficiency.cost_per_unit is None
    assert b.efficiency.planned_cost_per_unit == D("1000.00")
    # before any report: achieved unknown, cost per unit None
    early = fd.collect(
        user=_console(),
        plans=[efficient],
        period=fd.period_of(
            organization=efficient.organization, fiscal_year=2570, code="2569-10", kinds=("month",)
        ),
    )
    b_early = next(p for p in early.projects if p.name == "B")
    assert b_early.efficiency.achieved is None
    assert b_early.efficiency.cost_per_unit is None


def _console():
    from phaen.reports.management.commands.report import console_user

    return console_user()


def test_an_issue_in_one_unit_divides_the_sums(efficient):
    _report, data = quarterly(efficient)
    issue = next(g for g in data.groups if g.number == 1).efficiency
    assert issue.basis == "unit" and issue.unit == "คน" and issue.projects == 2
    assert issue.cost_per_unit == D("1500.00")  # (50,000 + 10,000) ÷ (40 + 0)
    assert issue.planned_cost_per_unit == D("1333.33")  # 400,000 ÷ 300
    assert issue.output_pct == D("15.00")  # (300,000 × 20% + 100,000 × 0%) ÷ 400,000
    assert issue.spent_pct == D("15.00")  # 60,000 ÷ 400,000
    assert issue.ratio == D("1.00")


def test_an_issue_with_different_units_compares_shares(efficient):
    report, data = quarterly(efficient)
    issue = next(g for g in data.groups if g.number == 2).efficiency
    assert issue.basis == "share"
    assert issue.cost_per_unit is None and issue.achieved is None
    assert issue.output_pct == D("27.50")  # (100,000 × 50% + 300,000 × 20%) ÷ 400,000
    assert issue.spent_pct == D("20.00")  # 80,000 ÷ 400,000
    assert issue.ratio == D("1.38")  # 27.50 ÷ 20.00 = 1.375, half up
    doc = json.loads(render(report, data, "json").content)
    two = next(i for i in doc["issues"] if i["number"] == 2)["efficiency"]
    assert two["basis"] == "share" and D(str(two["ratio"])) == D("1.38")
    assert doc["total"]["efficiency"]["basis"] == "share"
    # an issue without projects has no efficiency
    assert all(i["efficiency"] is None for i in doc["issues"] if i["number"] not in (1, 2))


def test_one_project_ratio_is_planned_over_actual_cost(efficient):
    """For one project the ratio equals planned ÷ actual cost per unit: 1,500 ÷ 1,250."""
    _report, data = quarterly(efficient)
    a = next(p for p in data.projects if p.name == "A")
    assert fd.issue_efficiency([a]).ratio == D("1.20")  # 20.00 % ÷ 16.67 %


def test_a_cancelled_project_has_no_efficiency(efficient):
    from phaen.plans.models import Project

    Project.objects.filter(plan=efficient, name="B").update(status="cancelled")
    _report, data = quarterly(efficient)
    assert next(p for p in data.projects if p.name == "B").efficiency is None
    issue = next(g for g in data.groups if g.number == 1).efficiency
    assert issue.projects == 1 and issue.cost_per_unit == D("1250.00")


def test_the_annual_report_json_has_efficiency(efficient):
    report = get_report("annual")
    data = report.build(user=_console(), plan=efficient.pk)
    doc = json.loads(render(report, data, "json").content)
    a = next(p for p in doc["projects"] if p["name"] == "A")["efficiency"]
    assert D(str(a["cost_per_unit"])) == D("277.78")  # 50,000 ÷ 180 (the January report)


@pytest.mark.parametrize("name", ["quarterly", "annual"])
def test_the_pdf_and_the_workbook_show_the_efficiency_columns(efficient, name):
    report = get_report(name)
    period = "Q1" if name == "quarterly" else None
    data = report.build(user=_console(), plan=efficient.pk, period=period)
    pdf = render(report, data, "pdf").content
    artifacts = Path("test-artifacts")
    artifacts.mkdir(exist_ok=True)
    (artifacts / f"followup_efficiency_{name}.pdf").write_bytes(pdf)
    text = to_arabic_digits(pdf_text(pdf))
    assert "1,500.00" in text and "1,333.33" in text
    book = load_workbook(io.BytesIO(render(report, data, "xlsx").content))
    numbers = {
        D(str(v))
        for ws in book.worksheets
        for r in ws.iter_rows(values_only=True)
        for v in r
        if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)
    }
    expected = {D("1250"), D("1500"), D("1333.33"), D("1.38")}  # numbers, not text
    if name == "annual":
        expected = {D("277.78"), D("1500"), D("1333.33")}
    assert expected <= numbers


@pytest.mark.parametrize("name", ["quarterly", "annual"])
def test_query_count_does_not_grow_with_measured_projects(world, strategic, name):  # noqa: F811
    """Outputs, reports and achievements on every project: the same number of queries for
    3 projects as for 30."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    issue = strategic.issues.get(number=1)
    report = get_report(name)
    counts = []
    for n, kind in ((3, "action_plan"), (30, "gov_action_plan")):
        plan = services.plan_create(
            organization=world.own,
            kind=kind,
            fiscal_year=2570,
            by=world.planner,
            multi_year_plan=strategic,
        )
        for i in range(n):
            project, output = project_with(
                plan, f"{kind}{i}", issue, 1000, unit="คน", target=10, spent=0
            )
            progress(project, output, "2569-11", 2)
        period = "Q1" if name == "quarterly" else "R12"
        report.build(user=world.planner, plan=plan.pk, period=period)  # periods created once
        with CaptureQueriesContext(connection) as ctx:
            data = report.build(user=world.planner, plan=plan.pk, period=period)
            render(report, data, "json")
        counts.append(len(ctx.captured_queries))
        assert data.groups[0].efficiency.achieved == 2 * n
    assert counts[0] == counts[1]


def test_a_later_edition_finds_what_was_achieved_on_the_earlier_editions_output(efficient, world):
    """Follow-up goes by lineage: the copy's output (same description, another row) gets the
    quantity reported against the earlier edition's output."""
    from phaen.plans.models import Project

    a = Project.objects.get(plan=efficient, name="A")
    newer = services.plan_create(
        organization=world.own, kind="operational_plan", fiscal_year=2570, by=world.planner
    )
    copy, _output = project_with(newer, "A", None, 300000, unit="คน", target=200, spent=0)
    Project.objects.filter(pk=copy.pk).update(lineage=a.lineage)
    _report, data = quarterly(newer)
    e = data.projects[0].efficiency
    assert e.achieved == 40
    assert e.spent == D("50000")  # the vouchers of the lineage
    assert e.cost_per_unit == D("1250.00") and e.planned_cost_per_unit == D("1500.00")
