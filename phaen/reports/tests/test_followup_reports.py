"""Follow-up reports (monthly, pr-board, quarterly, six-month, annual): the command contract,
the quarterly JSON, totals against fresh database sums, quarter boundaries of the Thai fiscal
year, PDFs with Thai text, Excel, and query counts that do not grow with the plan."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from openpyxl import load_workbook

from phaen.budget.models import BudgetSource, ExpenseCategory
from phaen.core.thai import to_arabic_digits
from phaen.plans import services
from phaen.plans.models import BudgetLine
from phaen.plans.tests.conftest import add_project, annual, strategic  # noqa: F401
from phaen.reports.builders import followup_data as fd
from phaen.reports.registry import ReportError, get_report
from phaen.reports.renderers import render
from phaen.reports.tests.pdf_text import pdf_text

FY = 2568
NAMES = ("monthly", "pr-board", "quarterly", "six-month", "annual")


def console():
    from phaen.reports.management.commands.report import console_user

    return console_user()


def build(name, plan, user=None, **options):
    report = get_report(name)
    return report, report.build(user=user or console(), plan=plan.pk, **options)


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def quarterly_json(plan, period="Q1", user=None) -> dict:
    report, data = build("quarterly", plan, user=user, period=period)
    return json.loads(render(report, data, "json").content)


@pytest.fixture
def empty_plan(world):
    return services.plan_create(
        organization=world.own, kind="action_plan", fiscal_year=FY, by=world.planner
    )


def make_projects(plan, issue, n, prefix="P"):
    state = BudgetSource.objects.get(code="state_budget")
    category = ExpenseCategory.objects.get(code="C2.1")
    for i in range(n):
        project = services.project_create(
            plan=plan, name=f"โครงการ {prefix}{i}", by=None, issue=issue, months=[1, 2, 3]
        )
        BudgetLine.objects.create(
            project=project,
            source=state,
            category=category,
            amount=Decimal("1200.00"),
            monthly_plan=[100] * 12,
        )


# --- the quarterly JSON ----------------------------------------------------------------------
def test_quarterly_json_has_the_contract_keys_and_totals_are_sums(annual, strategic):  # noqa: F811
    issue2 = strategic.issues.get(number=2)
    add_project(annual, "โครงการนอกแผน", 25000, issue=issue2, out_of_plan=True)
    doc = quarterly_json(annual)
    assert doc["plan"] == annual.pk and doc["period"] == "Q1"
    issues = doc["issues"]
    assert [i["number"] for i in issues][:2] == [1, 2]
    for issue in issues:
        assert set(issue["projects_by_status"]) == {
            "not_started",
            "in_progress",
            "done",
            "postponed",
            "cancelled",
        }
        assert {"number", "title", "budget_planned", "disbursed", "weighted_achievement"} <= set(
            issue
        )
    total = doc["total"]
    assert total["projects"] == sum(sum(i["projects_by_status"].values()) for i in issues) == 4
    for key in ("budget_planned", "disbursed"):
        assert total[key] == sum(i[key] for i in issues)
    fresh = BudgetLine.objects.filter(project__plan=annual).aggregate(s=Sum("amount"))["s"]
    assert Decimal(str(total["budget_planned"])) == fresh == Decimal("275000")
    assert issues[0]["budget_planned"] == 250000 and issues[1]["budget_planned"] == 25000
    assert total["out_of_plan"]["budget_planned"] == 25000
    assert total["in_plan"]["budget_planned"] == 250000
    assert isinstance(total["budget_planned"], int)


def test_cancelled_projects_count_only_as_cancelled(annual):  # noqa: F811
    project = annual.projects.get(name="โครงการอบรมอาสาสมัคร")
    project.status = "cancelled"
    project.save()
    doc = quarterly_json(annual)
    assert doc["total"]["projects_by_status"]["cancelled"] == 1
    assert doc["total"]["budget_planned"] == 210000  # 250,000 less its 40,000


def test_an_empty_plan_gives_zeros(empty_plan):
    doc = quarterly_json(empty_plan, "Q3")
    assert doc["issues"] == []
    assert doc["total"]["projects"] == 0
    assert doc["total"]["budget_planned"] == 0 and doc["total"]["disbursed"] == 0
    assert doc["total"]["weighted_achievement"] == 0
    assert set(doc["total"]["projects_by_status"].values()) == {0}


# --- periods ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("Q1", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
        ("Q2", dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
        ("Q3", dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
        ("Q4", dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
    ],
)
def test_quarters_follow_the_thai_fiscal_year(annual, code, start, end):  # noqa: F811
    doc = quarterly_json(annual, code)
    assert (doc["period_start"], doc["period_end"]) == (start.isoformat(), end.isoformat())


def test_planned_until_the_period_follows_the_monthly_plan(empty_plan, strategic):  # noqa: F811
    make_projects(empty_plan, strategic.issues.get(number=1), 2)
    q1, q3 = quarterly_json(empty_plan, "Q1"), quarterly_json(empty_plan, "Q3")
    assert q1["total"]["planned_to_date"] == 600  # 2 × 3 months × 100
    assert q3["total"]["planned_to_date"] == 1800
    _report, data = build("monthly", empty_plan, period="2567-11")
    assert data.total.money.planned_to_date == Decimal("400")  # Oct + Nov
    assert data.curve[-1].planned == data.total.money.budget_planned == Decimal("2400")


def test_a_line_without_monthly_plan_is_spread_over_the_projects_months(empty_plan):
    project = services.project_create(plan=empty_plan, name="ก", by=None, months=[2, 3, 4])
    BudgetLine.objects.create(
        project=project,
        source=BudgetSource.objects.get(code="state_budget"),
        category=ExpenseCategory.objects.get(code="C2.1"),
        amount=Decimal("100.00"),
    )
    _report, data = build("quarterly", empty_plan, period="Q1")
    assert data.total.money.planned_to_date == Decimal("66.66")
    assert [p.planned for p in data.curve][3] == Decimal("100.00")


@pytest.mark.parametrize("bad", ["Q5", "2566-09", "abc", "2567-13"])
def test_a_bad_period_is_an_error_naming_it(annual, bad):  # noqa: F811
    with pytest.raises(CommandError, match=bad):
        run("quarterly", "--plan", str(annual.pk), "--period", bad, "--format", "json")


def test_a_period_of_the_wrong_kind_is_refused(annual):  # noqa: F811
    with pytest.raises(ReportError, match="R6"):
        build("quarterly", annual, period="R6")
    with pytest.raises(ReportError, match="2567-10"):
        build("monthly", annual, period="Q1")


def test_default_period_is_the_one_containing_today():
    assert fd.default_period_code(2570, "quarter", dt.date(2026, 11, 22)) == "Q1"
    assert fd.default_period_code(2570, "month", dt.date(2026, 11, 22)) == "2569-11"
    assert fd.default_period_code(2568, "quarter", dt.date(2026, 11, 22)) == "Q4"
    assert fd.default_period_code(2568, "round", dt.date(2026, 11, 22)) == "R12"
    assert fd.default_period_code(2570, "round", dt.date(2026, 11, 22)) == "R6"


# --- the command -----------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_every_report_as_pdf_xlsx_and_json(annual, name, tmp_path):  # noqa: F811
    period = {"monthly": "2567-12", "quarterly": "Q2", "six-month": "R6"}.get(name)
    extra = ["--period", period] if period else []
    pdf, xlsx, js = tmp_path / "r.pdf", tmp_path / "r.xlsx", tmp_path / "r.json"
    for fmt, path in (("pdf", pdf), ("xlsx", xlsx), ("json", js)):
        assert "Wrote" in run(
            name, "--plan", str(annual.pk), *extra, "--format", fmt, "--out", str(path)
        )
    text = "".join(pdf_text(pdf.read_bytes()).split())  # table cells wrap lines
    assert "โครงการเยี่ยมบ้านผู้สูงอายุ" in text or name == "pr-board"
    assert "การพัฒนาคุณภาพชีวิตกลุ่มเปราะบาง" in text  # strategic issue 1, in Thai
    assert load_workbook(xlsx).worksheets
    assert json.loads(js.read_text(encoding="utf-8"))["plan"] == annual.pk


def test_the_pr_board_is_one_page(annual):  # noqa: F811
    report, data = build("pr-board", annual, period="Q1")
    pdf = render(report, data, "pdf").content
    from phaen.reports.tests.pdf_text import page_count

    assert page_count(pdf) == 1
    assert "250,000.00" in to_arabic_digits(pdf_text(pdf))


def test_unknown_or_invisible_plan(annual, world):  # noqa: F811
    with pytest.raises(CommandError, match="999999"):
        run("quarterly", "--plan", "999999", "--period", "Q1")
    with pytest.raises(CommandError, match=str(annual.pk)):
        run("quarterly", "--plan", str(annual.pk), "--period", "Q1", "--user", "outsider")


# --- query counts ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_query_count_does_not_grow_with_the_plan(
    world,
    strategic,  # noqa: F811
    name,
    django_assert_num_queries,
):
    issue = strategic.issues.get(number=1)
    small = services.plan_create(
        organization=world.own, kind="action_plan", fiscal_year=FY, by=world.planner
    )
    large = services.plan_create(
        organization=world.own, kind="gov_action_plan", fiscal_year=FY, by=world.planner
    )
    make_projects(small, issue, 5, "S")
    make_projects(large, issue, 50, "L")
    report = get_report(name)
    period = {"monthly": "2567-12", "quarterly": "Q2", "six-month": "R6", "pr-board": "Q1"}.get(
        name, "R12"
    )
    report.build(user=world.planner, plan=small.pk, period=period)  # periods created once
    counts = []
    for plan in (small, large):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            data = report.build(user=world.planner, plan=plan.pk, period=period)
            render(report, data, "json")
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    with django_assert_num_queries(counts[0]):
        report.build(user=world.planner, plan=large.pk, period=period)


# --- money from finance ----------------------------------------------------------------------
@pytest.fixture
def spending(world, strategic):  # noqa: F811
    """FY 2570: two projects on issues 1 and 2 with vouchers in October and November 2569,
    an advance half cleared and one not cleared at all."""
    from phaen.finance.tests.conftest import add_project as finance_project
    from phaen.finance.tests.conftest import record

    plan = services.plan_create(
        organization=world.own,
        kind="action_plan",
        fiscal_year=2570,
        by=world.planner,
        multi_year_plan=strategic,
    )
    one = finance_project(
        plan, "โครงการหนึ่ง", [(120000, [1, 2, 3], "C2.1")], issue=strategic.issues.get(number=1)
    )
    two = finance_project(
        plan,
        "โครงการสอง",
        [(60000, [2, 3, 4, 5], "C2.1")],
        issue=strategic.issues.get(number=2),
        out_of_plan=True,
    )
    record(one, "disbursement", "ฎ1", "30000.50", dt.date(2026, 10, 15))
    record(one, "disbursement", "ฎ2", "12000", dt.date(2026, 11, 3))
    advance = record(two, "advance", "ย1", "10000", dt.date(2026, 11, 1))
    record(two, "clearing", "ค1", "4000", dt.date(2026, 11, 10), related=advance)
    record(two, "advance", "ย2", "5000", dt.date(2026, 11, 12))
    return plan


def test_disbursed_equals_the_transactions_and_an_uncleared_advance_is_not_spending(spending):
    from phaen.finance.models import Transaction

    doc = quarterly_json(spending, "Q1")
    issues = {i["number"]: i for i in doc["issues"]}
    assert Decimal(str(issues[1]["disbursed"])) == Decimal("42000.50")
    assert issues[2]["disbursed"] == 4000  # the cleared part of the advance only
    fresh = Transaction.objects.filter(
        project__plan=spending, kind__in=["disbursement", "clearing", "adjustment"]
    ).aggregate(s=Sum("amount"))["s"]
    assert (
        Decimal(str(doc["total"]["disbursed"]))
        == fresh
        == sum(Decimal(str(i["disbursed"])) for i in doc["issues"])
    )
    assert doc["total"]["out_of_plan"]["disbursed"] == 4000
    assert doc["total"]["budget_planned"] == 180000
    assert doc["total"]["disbursed_pct"] == pytest.approx(25.56)  # 46,000.50 / 180,000


def test_the_curve_ends_at_the_years_total_and_shows_months_passed(spending):
    _report, data = build("quarterly", spending, period="Q1")
    assert data.curve[-1].planned == Decimal("180000")
    assert [p.actual for p in data.curve[:3]] == [Decimal("30000.50"), Decimal("46000.50"), None]


def test_a_later_edition_keeps_the_money_of_its_lineage(spending, world):
    """Follow-up is aggregated by lineage: a project copied into a new edition shows the
    vouchers recorded on the earlier edition's row."""
    from phaen.plans.models import Project

    one = Project.objects.get(plan=spending, name="โครงการหนึ่ง")
    copy = services.project_create(
        plan=services.plan_create(
            organization=world.own, kind="operational_plan", fiscal_year=2570, by=world.planner
        ),
        name=one.name,
        by=None,
    )
    Project.objects.filter(pk=copy.pk).update(lineage=one.lineage)
    BudgetLine.objects.create(
        project=copy,
        source=one.budget_lines.first().source,
        category=one.budget_lines.first().category,
        amount=Decimal("120000"),
        monthly_plan=[10000] * 12,
    )
    doc = quarterly_json(copy.plan, "Q1")
    assert Decimal(str(doc["total"]["disbursed"])) == Decimal("42000.50")


# --- progress, problems and decisions from monitoring ----------------------------------------
def report(project, code, status, percent, state="submitted", problems=""):
    from phaen.monitoring.models import ProgressReport
    from phaen.monitoring.selectors import period_by_code

    period = period_by_code(
        organization=project.plan.organization, fiscal_year=project.plan.fiscal_year, code=code
    )
    return ProgressReport.objects.create(
        project=project,
        period=period,
        status=status,
        percent=percent,
        state=state,
        problems=problems,
    )


def test_status_comes_from_the_latest_submitted_report_up_to_the_period(annual):  # noqa: F811
    good = annual.projects.get(name="โครงการเยี่ยมบ้านผู้สูงอายุ")
    small = annual.projects.get(name="โครงการอบรมอาสาสมัคร")
    report(good, "2567-11", "in_progress", 20)
    report(good, "2567-12", "in_progress", 45, problems="ฝนตกหนัก")
    report(good, "2568-01", "done", 100)  # after Q1
    report(small, "2567-12", "postponed", 0, state="draft")  # a draft is not a report yet
    q1 = quarterly_json(annual, "Q1")
    assert q1["total"]["projects_by_status"] == {
        "not_started": 2,
        "in_progress": 1,
        "done": 0,
        "postponed": 0,
        "cancelled": 0,
    }
    line = next(p for p in q1["projects"] if p["id"] == good.pk)
    assert line["percent"] == 45 and line["problems"] == ["ฝนตกหนัก"]
    q2 = quarterly_json(annual, "Q2")
    assert q2["total"]["projects_by_status"]["done"] == 1


def test_problems_measures_and_the_latest_meeting_are_reported(annual, world):  # noqa: F811
    from phaen.monitoring.models import CoordinationMeeting, MeetingDecision, Problem

    good = annual.projects.get(name="โครงการเยี่ยมบ้านผู้สูงอายุ")
    Problem.objects.create(
        plan=annual,
        project=good,
        category="other",
        description="งบประมาณล่าช้า",
        found_on=dt.date(2024, 12, 1),
        measure="เร่งรัดการเบิกจ่าย",
        status="open",
    )
    Problem.objects.create(
        plan=annual, category="other", description="หลังไตรมาส", found_on=dt.date(2025, 2, 1)
    )
    old = CoordinationMeeting.objects.create(
        plan=annual, held_on=dt.date(2024, 11, 1), title="ประชุมครั้งที่ 1/2568"
    )
    MeetingDecision.objects.create(meeting=old, text="รับทราบ")
    latest = CoordinationMeeting.objects.create(
        plan=annual, held_on=dt.date(2024, 12, 20), title="ประชุมครั้งที่ 2/2568"
    )
    MeetingDecision.objects.create(meeting=latest, text="ให้เร่งรัดโครงการที่ล่าช้า")
    doc = quarterly_json(annual, "Q1")
    assert [p["description"] for p in doc["problems"]] == ["งบประมาณล่าช้า"]
    assert doc["problems"][0]["measure"] == "เร่งรัดการเบิกจ่าย"
    assert len(doc["decisions"]) == 1 and "ให้เร่งรัดโครงการที่ล่าช้า" in doc["decisions"][0]
    line = next(p for p in doc["projects"] if p["id"] == good.pk)
    assert line["problems"] == ["งบประมาณล่าช้า"]
    report_, data = build("quarterly", annual, period="Q1")
    text = "".join(pdf_text(render(report_, data, "pdf").content).split())
    assert "เร่งรัดการเบิกจ่าย" in text and "ให้เร่งรัดโครงการที่ล่าช้า" in text


# --- indicators from performance -------------------------------------------------------------
def test_weighted_achievement_per_issue_and_in_total(world):
    """Hand-computed: issue 1 = (60 × 75 + 40 × 25) ÷ 100 = 55.00 (1.1: 15 against the Q1
    target 20 → 75 %; 1.2: 50 of the year's 200 so far → 25 %); issue 2 = 10 ÷ 12.5 = 80.00
    (lower is better); total over all indicators = (60 × 75 + 40 × 25 + 100 × 80) ÷ 200 =
    67.50, the figure performance computes for the plan."""
    from phaen.monitoring.selectors import period_by_code
    from phaen.performance.models import IndicatorResult
    from phaen.performance.selectors import issue_achievement
    from phaen.performance.tests.factories import sample

    s = sample(world.own)
    plan = services.plan_create(
        organization=world.own,
        kind="action_plan",
        fiscal_year=2570,
        by=world.planner,
        multi_year_plan=s["plan"],
    )
    q1 = period_by_code(organization=world.own, fiscal_year=2570, code="Q1")
    for key, value in (("a", "15"), ("b", "50"), ("c", "12.5")):
        IndicatorResult.objects.create(
            organization=world.own, indicator=s[key], period=q1, actual=Decimal(value)
        )
    doc = quarterly_json(plan, "Q1")
    issues = {i["number"]: i for i in doc["issues"]}
    assert issues[1]["weighted_achievement"] == 55
    assert issues[2]["weighted_achievement"] == 80
    assert doc["total"]["weighted_achievement"] == 67.5
    assert doc["total"]["indicators_with_results"] == 3
    expected = issue_achievement(plan, 2570, 1)
    assert Decimal(str(doc["total"]["weighted_achievement"])) == expected.total.weighted_achievement


def test_total_achievement_is_weighted_over_all_indicators_not_the_mean_of_issues(world):
    from phaen.monitoring.selectors import period_by_code
    from phaen.performance.models import IndicatorResult
    from phaen.performance.tests.factories import sample

    s = sample(world.own)
    plan = services.plan_create(
        organization=world.own,
        kind="action_plan",
        fiscal_year=2570,
        by=world.planner,
        multi_year_plan=s["plan"],
    )
    q1 = period_by_code(organization=world.own, fiscal_year=2570, code="Q1")
    IndicatorResult.objects.create(
        organization=world.own, indicator=s["a"], period=q1, actual=Decimal("15")
    )  # 75 %, weight 60
    IndicatorResult.objects.create(
        organization=world.own, indicator=s["c"], period=q1, actual=Decimal("10")
    )  # 100 %, weight 100
    doc = quarterly_json(plan, "Q1")
    issues = {i["number"]: i for i in doc["issues"]}
    assert (issues[1]["weighted_achievement"], issues[2]["weighted_achievement"]) == (75, 100)
    # (60 × 75 + 100 × 100) ÷ 160 = 90.625 → 90.63, not (75 + 100) ÷ 2 = 87.5
    assert doc["total"]["weighted_achievement"] == 90.63


def test_the_quarterly_pdf_looks_right(spending, tmp_path):
    """Renders the quarterly report and the PR board into test-artifacts/ for a human look."""
    import subprocess
    from pathlib import Path

    out = Path("test-artifacts")
    out.mkdir(exist_ok=True)
    for name in ("quarterly", "pr-board"):
        report, data = build(name, spending, period="Q1")
        pdf = out / f"followup-{name}.pdf"
        pdf.write_bytes(render(report, data, "pdf").content)
        subprocess.run(
            ["pdftoppm", "-r", "50", "-png", str(pdf), str(out / f"followup-{name}")],
            check=True,
            timeout=60,
        )
        text = "".join(to_arabic_digits(pdf_text(pdf.read_bytes())).split())
        assert "46,000.50" in text  # disbursed so far
    assert "โครงการสอง" in "".join(pdf_text((out / "followup-quarterly.pdf").read_bytes()).split())


def test_the_reports_page_prints_the_plan_in_force(world, annual):  # noqa: F811
    report = get_report("quarterly")
    assert report.options_for_organization(world.own, FY) == {"plan": annual.pk, "period": None}
    with pytest.raises(ReportError, match="2569"):
        report.options_for_organization(world.own, 2569)  # no plan that year


def test_the_quarterly_workbook_holds_numbers_whose_total_is_the_sum(spending, tmp_path):
    report, data = build("quarterly", spending, period="Q1")
    path = tmp_path / "q.xlsx"
    path.write_bytes(render(report, data, "xlsx").content)
    ws = load_workbook(path).worksheets[0]
    rows = [
        r for r in ws.iter_rows(values_only=True) if r[0] and str(r[0])[:2] in ("1.", "2.", "3.")
    ]
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "รวม")
    disbursed = 8  # column of "disbursed"
    assert total[disbursed] == sum(r[disbursed] for r in rows) == Decimal("46000.50")
    board = load_workbook(
        io.BytesIO(render(*build("pr-board", spending, period="Q1"), "xlsx").content)
    ).worksheets[0]
    values = {r[0]: r[1] for r in board.iter_rows(values_only=True) if r[0]}
    assert values["โครงการ"] == 2 and values["ร้อยละการเบิกจ่าย"] == 25.56


def test_the_api_gives_the_quarterly_json_with_the_callers_access(client, world, annual):  # noqa: F811
    client.force_login(world.viewer)
    response = client.get(f"/api/v1/reports/quarterly/?plan={annual.pk}")
    assert response.status_code == 200
    assert response.json()["plan"] == annual.pk and "total" in response.json()
    client.force_login(world.outsider)
    assert client.get(f"/api/v1/reports/quarterly/?plan={annual.pk}").status_code == 404


@pytest.mark.parametrize("role", ["planner", "project_owner", "finance", "executive", "viewer"])
def test_who_may_print_the_follow_up_of_which_plan(world, role):
    """Every role of an organisation reads its own and its children's follow-up; nobody
    reads another organisation's (the same error as for a plan that does not exist)."""
    user = world.role_users[role]
    plans = {
        relation: services.plan_create(
            organization=world.org(relation), kind="action_plan", fiscal_year=FY, by=None
        )
        for relation in ("own", "child", "other")
    }
    for relation in ("own", "child"):
        assert build("quarterly", plans[relation], user=user, period="Q1")[1].plan.id
    with pytest.raises(ReportError, match=str(plans["other"].pk)):
        build("quarterly", plans["other"], user=user, period="Q1")


def test_the_annual_report_gives_the_satisfaction_of_those_served(world, annual):  # noqa: F811
    """Two answers: (5, 4) and (3, 4) → question means 4.00 and 4.00 → overall 4.00; a third
    answer (2, 5) → means 3.33 and 4.33 → overall (3.33 × 3 + 4.33 × 3) ÷ 6 = 3.83."""
    from phaen.surveys import services as survey_services
    from phaen.surveys.tests.conftest import answer

    s = survey_services.survey_create(
        project=annual.projects.get(name="โครงการเยี่ยมบ้านผู้สูงอายุ"),
        title="ความพึงพอใจต่อการเยี่ยมบ้าน",
        by=world.planner,
    )
    for order, (kind, text) in enumerate(
        (("scale", "เจ้าหน้าที่สุภาพ"), ("scale", "ได้ประโยชน์"), ("text", "ข้อเสนอแนะ")), start=1
    ):
        survey_services.question_save(
            survey=s, by=world.planner, kind=kind, text=text, order=order, required=kind != "text"
        )
    s = survey_services.survey_set_state(survey=s, state="open", by=world.planner)
    for values, who in (((5, 4, ""), "a"), ((3, 4, "ดีมาก"), "b"), ((2, 5, ""), "c")):
        answer(s, values, who)
    report, data = build("annual", annual)
    doc = json.loads(render(report, data, "json").content)
    assert doc["satisfaction"] == [
        {
            "project": "โครงการเยี่ยมบ้านผู้สูงอายุ",
            "survey": "ความพึงพอใจต่อการเยี่ยมบ้าน",
            "responses": 3,
            "mean": 3.83,
        }
    ]


def test_the_default_quarter_turns_at_midnight_in_bangkok_not_utc(monkeypatch):
    """31 Dec 2026 20:00 UTC is 1 Jan 2027 03:00 in Bangkok: the second quarter of FY 2570."""
    from django.utils import timezone

    moment = dt.datetime(2026, 12, 31, 20, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    assert fd.default_period_code(2570, "quarter") == "Q2"
    assert fd.default_period_code(2570, "month") == "2570-01"
    monkeypatch.setattr(timezone, "now", lambda: moment - dt.timedelta(hours=4))  # 23:00 BKK
    assert fd.default_period_code(2570, "quarter") == "Q1"
