"""The follow-up of annual plans, computed once for every follow-up report (monthly, PR
board, quarterly, six-month, annual) and for the dashboard.

``collect(user=…, plans=[…], period=…)`` reads the plans' projects as the user may see
them, and for each project what happened by the end of the period: its status and percent
complete (monitoring's progress reports, else the plan's own status), money planned for the
year, planned until the period's end (the budget lines' monthly plans) and disbursed (finance),
problems; per strategic issue the indicators' weighted achievement (performance). Figures
are grouped per strategic issue (or per organisation for a parent's roll-up) and the totals
are the sums of the groups, so a report's total always equals the sum of its lines.

Rules:

* Cancelled projects are counted under "cancelled" and nowhere else: no money planned, no
  money disbursed, no share of a percentage.
* A project's status as of the period is its latest progress report up to the period's
  end; a project without one counts as "not started" unless its plan says otherwise.
* Money is Decimal baht with two places, from finance's S-curves (``s_curves`` by project):
  "planned until the period" is the cumulative monthly plan of the budget lines up to the
  period's last fiscal month (a line without a monthly plan is spread evenly over the
  project's planned months, all twelve when it has none); "disbursed" is the cumulative
  spending (disbursements, cleared advances, adjustments — an uncleared advance is not
  spending) of the project's lineage up to the period's end.
* Weighted achievement (ร้อยละเฉลี่ยถ่วงน้ำหนัก) of a group = Σ weight × achievement ÷ Σ weight
  over the indicators with a result; the total is the same formula over ALL the indicators
  of all groups (not the mean of the groups' figures). 0 when no indicator has a result
  (``indicators_with_results`` says how many had one).

* Spending efficiency (issue 5, item 6) — money spent per output achieved:

  - per project: the project's first output with a target (outputs before outcomes, then
    in the order entered) and the quantity achieved in its latest submitted (or
    acknowledged) progress report up to the period's end (matched by the output row, else
    by its description across editions). ``cost_per_unit`` = disbursed to the period's end ÷
    achieved (finance's ``efficiency``: ``None`` while nothing is achieved, never a division
    by zero); ``planned_cost_per_unit`` = the year's budget ÷ the target. A project without
    an output target, or cancelled, has no efficiency.
  - per strategic issue, over its projects that have one: when every one of them measures
    its output in the same unit (compared without case or surrounding spaces), the same
    two figures on the sums (Σ disbursed ÷ Σ achieved, Σ budget ÷ Σ target) —
    ``basis = "unit"``. Units that differ cannot be added, so then ``basis = "share"`` and
    only the shares are compared.
  - in both cases the issue shows ``output_pct`` = the share of its planned output achieved,
    each project's share (achieved ÷ target) weighted by its budget (Σ budget × share ÷
    Σ budget: the planned value of what was delivered), ``spent_pct`` = Σ disbursed ÷
    Σ budget, and ``ratio`` = output_pct ÷ spent_pct (``None`` while nothing is spent).
    A ratio of 1 means output comes as fast as money goes; above 1, more output per baht
    than planned. For one project (or one unit) it equals planned ÷ actual cost per unit.

The number of queries does not depend on the number of projects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from phaen.core import thai
from phaen.plans import choices as pc
from phaen.plans.models import AnnualPlan, BudgetLine, Project
from phaen.reports.builders.annual_plan_data import PlanHead, load_annual_plan, plan_head
from phaen.reports.registry import ReportError

ZERO = Decimal(0)
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
STATUSES = ("not_started", "in_progress", "done", "postponed", "cancelled")
NO_ISSUE = 10_000  # sorts projects without a strategic issue last


def q2(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def pct(part, whole) -> Decimal:
    """``part`` as a percentage of ``whole``, two places half up; 0 when ``whole`` is 0."""
    if not whole:
        return Decimal("0.00")
    return q2(Decimal(part) * HUNDRED / Decimal(whole))


def status_labels() -> dict[str, str]:
    return {
        "not_started": pgettext("report", "Not started"),
        "in_progress": pgettext("report", "In progress"),
        "done": pgettext("report", "Done"),
        "postponed": pgettext("report", "Postponed"),
        "cancelled": pgettext("report", "Cancelled"),
    }


# --- the period -----------------------------------------------------------------------------
@dataclass
class Period:
    code: str  # "Q1", "2569-11", "R6", "R12"
    kind: str  # month | quarter | round
    number: int
    fiscal_year: int
    start: dt.date
    end: dt.date
    label: str

    @property
    def last_month(self) -> int:
        """Fiscal month (1 = October) of the period's last day."""
        return thai.fiscal_month_index(self.end.month)


def period_of(*, organization, fiscal_year: int, code: str, kinds: tuple[str, ...]) -> Period:
    """The reporting period ``code`` of ``fiscal_year``; ``ReportError`` naming the code when
    it is not a period, not in that year or not of a kind this report accepts."""
    from phaen.monitoring.selectors import parse_period_code, period_by_code

    try:
        kind, _number = parse_period_code(code, fiscal_year)
    except ValueError as exc:
        raise ReportError(str(exc)) from None
    if kind not in kinds:
        raise ReportError(
            _("“%(code)s” is not a period of this report: use %(accepted)s.")
            % {"code": code, "accepted": accepted_periods(kinds)}
        )
    p = period_by_code(organization=organization, fiscal_year=fiscal_year, code=code)
    return Period(
        code=p.code,
        kind=p.kind,
        number=p.number,
        fiscal_year=fiscal_year,
        start=p.start,
        end=p.end,
        label=str(p.label),
    )


def accepted_periods(kinds: tuple[str, ...]) -> str:
    texts = {
        "quarter": _("Q1–Q4"),
        "month": _("a Buddhist-Era month such as 2567-10"),
        "round": _("R6 or R12"),
    }
    return _(" or ").join(texts[k] for k in kinds)


def period_choices(fiscal_year: int, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    """``(code, label)`` of the periods of ``fiscal_year`` a report of ``kinds`` accepts, in
    the year's order (months October…September, Q1…Q4, R6 and R12). No query."""
    lang = "en" if (get_language() or "th").startswith("en") else "th"
    first_year = thai.fiscal_year_range(fiscal_year)[0].year
    out: list[tuple[str, str]] = []
    if "month" in kinds:
        for index in range(12):
            month = (9 + index) % 12 + 1
            year = thai.be_year(first_year + (1 if month < 10 else 0))
            out.append((f"{year}-{month:02d}", f"{thai.month_name(month, lang=lang)} {year}"))
    if "quarter" in kinds:
        for number in range(1, 5):
            first = (9 + (number - 1) * 3) % 12 + 1
            last = (first + 1) % 12 + 1
            out.append(
                (
                    f"Q{number}",
                    _("Quarter %(n)s (%(first)s–%(last)s)")
                    % {
                        "n": number,
                        "first": thai.month_name(first, abbr=True, lang=lang),
                        "last": thai.month_name(last, abbr=True, lang=lang),
                    },
                )
            )
    if "round" in kinds:
        out.append(("R6", _("6-month round (October–March)")))
        out.append(("R12", _("Annual round (the whole year)")))
    return out


def default_period_code(fiscal_year: int, kind: str, today: dt.date | None = None) -> str:
    """The period a report shows when none is asked for: the one containing today, or the
    year's last (first) one when the fiscal year is over (not begun)."""
    today = today or timezone.localdate()
    start, end = thai.fiscal_year_range(fiscal_year)
    day = min(max(today, start), end)
    if kind == "quarter":
        return f"Q{thai.fiscal_quarter(day)}"
    if kind == "month":
        return f"{thai.be_year(day.year)}-{day.month:02d}"
    return "R6" if thai.fiscal_month_index(day.month) <= 6 and day < end else "R12"


# --- what is collected ----------------------------------------------------------------------
@dataclass
class Money:
    budget_planned: Decimal = ZERO
    planned_to_date: Decimal = ZERO
    disbursed: Decimal = ZERO

    @property
    def disbursed_pct(self) -> Decimal:
        return pct(self.disbursed, self.budget_planned)

    def add(self, other: Money) -> None:
        self.budget_planned += other.budget_planned
        self.planned_to_date += other.planned_to_date
        self.disbursed += other.disbursed


@dataclass
class Efficiency:
    """Money spent per output achieved for one project (see the module's docstring)."""

    output: str
    unit: str
    target: Decimal
    achieved: Decimal | None
    budget: Decimal
    spent: Decimal
    cost_per_unit: Decimal | None
    planned_cost_per_unit: Decimal | None

    @property
    def achieved_pct(self) -> Decimal:
        return pct(self.achieved or ZERO, self.target)


@dataclass
class IssueEfficiency:
    """Spending efficiency of a group of projects (see the module's docstring)."""

    basis: str  # "unit": one unit of measure, sums compared; "share": shares compared
    unit: str
    projects: int
    budget: Decimal
    spent: Decimal
    target: Decimal | None  # sums only when basis == "unit"
    achieved: Decimal | None
    cost_per_unit: Decimal | None
    planned_cost_per_unit: Decimal | None
    output_pct: Decimal
    spent_pct: Decimal
    ratio: Decimal | None


@dataclass
class ProjectLine:
    id: int
    lineage: str
    plan: int
    organization: str
    organization_code: str
    code: str
    name: str
    issue_number: int | None
    issue_title: str
    unit_id: int | None
    unit: str
    out_of_plan: bool
    status: str
    status_label: str
    percent: Decimal | None  # percent complete of the latest report; None when none
    reported_on: dt.date | None
    money: Money
    planned_months: list[int]
    behind: bool  # planned months passed, not done, and no progress beyond "not started"
    problems: list[str] = field(default_factory=list)
    efficiency: Efficiency | None = None


@dataclass
class IndicatorLine:
    number: str
    name: str
    weight: Decimal
    achievement: Decimal | None


@dataclass
class Group:
    key: str  # issue number, or organisation code in a roll-up
    number: int | None
    title: str
    projects_by_status: dict[str, int]
    money: Money
    in_plan: Money
    out_of_plan: Money
    indicators: list[IndicatorLine] = field(default_factory=list)
    projects: list[ProjectLine] = field(default_factory=list)

    @property
    def project_count(self) -> int:
        return sum(self.projects_by_status.values())

    @property
    def done(self) -> int:
        return self.projects_by_status["done"]

    @property
    def done_pct(self) -> Decimal:
        return pct(self.done, self.project_count - self.projects_by_status["cancelled"])

    @property
    def weight_sum(self) -> Decimal:
        return sum((i.weight for i in self.indicators if i.achievement is not None), ZERO)

    @property
    def weighted_sum(self) -> Decimal:
        return sum(
            (i.weight * i.achievement for i in self.indicators if i.achievement is not None),
            ZERO,
        )

    @property
    def indicators_with_results(self) -> int:
        return sum(1 for i in self.indicators if i.achievement is not None)

    @property
    def weighted_achievement(self) -> Decimal:
        return q2(self.weighted_sum / self.weight_sum) if self.weight_sum else Decimal("0.00")

    @property
    def efficiency(self) -> IssueEfficiency | None:
        return issue_efficiency(self.projects)


@dataclass
class CurvePoint:
    month: int  # fiscal month, 1 = October
    label: str  # "ต.ค. 67"
    planned: Decimal  # cumulative
    actual: Decimal | None  # cumulative; None for months not yet reached
    target: Decimal | None  # cumulative government target in baht, at quarter ends


@dataclass
class ProblemLine:
    project: str
    description: str
    measure: str
    status: str


@dataclass
class SatisfactionLine:
    project: str
    survey: str
    responses: int
    mean: Decimal | None  # of the five-point answers (1–5), two places


@dataclass
class Followup:
    plans: list[PlanHead]
    period: Period
    as_of: dt.date
    groups: list[Group]
    total: Group
    projects: list[ProjectLine]
    curve: list[CurvePoint]
    problems: list[ProblemLine]
    decisions: list[str]
    sources: dict[str, bool]  # which follow-up data were available to the report
    satisfaction: list[SatisfactionLine] = field(default_factory=list)

    @property
    def plan(self) -> PlanHead:
        return self.plans[0]


# --- sources: other apps' follow-up records -------------------------------------------------
@dataclass
class Progress:
    status: str
    percent: Decimal | None
    reported_on: dt.date | None
    problems: str = ""
    report_id: int | None = None


def progress_of(user, projects: list[Project], period: Period) -> dict[int, Progress]:
    """{project id: its latest progress report up to the period's end}, matched by lineage in
    the plan's organisation and fiscal year; only reports that were submitted (or
    acknowledged) count: a draft is not yet a report. One query."""
    if not projects:
        return {}
    reports = (
        _reports(user, projects, period)
        .select_related("period")
        .order_by("period__start", "id")
        .only(
            "id",
            "lineage",
            "status",
            "percent",
            "problems",
            "period__start",
            "period__end",
            "period__organization_id",
        )
    )
    latest = {}
    for report in reports:
        latest[(report.lineage, report.period.organization_id)] = report
    result = {}
    for project in projects:
        report = latest.get((project.lineage, project.plan.organization_id))
        if report is not None:
            result[project.pk] = Progress(
                status=report.status,
                percent=Decimal(report.percent) if report.percent is not None else None,
                reported_on=report.period.end,
                problems=report.problems.strip(),
                report_id=report.pk,
            )
    return result


def _reports(user, projects: list[Project], period: Period):
    """The submitted (or acknowledged) progress reports of the projects' lineages up to the
    period's end, in the plans' organisations and years."""
    from phaen.monitoring.choices import ReportState
    from phaen.monitoring.models import ProgressReport

    scope = Q(pk__in=[])
    for org_id, fy in {(p.plan.organization_id, p.plan.fiscal_year) for p in projects}:
        scope |= Q(period__organization_id=org_id, period__fiscal_year=fy)
    return (
        ProgressReport.objects.for_user(user, "view")
        .filter(scope, lineage__in={p.lineage for p in projects}, period__end__lte=period.end)
        .filter(state__in=[ReportState.SUBMITTED, ReportState.ACKNOWLEDGED])
    )


def achieved_of(user, projects: list[Project], period: Period, progress: dict) -> dict[int, list]:
    """{report id: [(output id, output description, achieved)]} for the latest reports in
    ``progress``. One query (always, so that the count does not depend on the data)."""
    from phaen.monitoring.models import OutputAchievement

    if not projects:
        return {}
    latest = {p.report_id for p in progress.values()}
    rows = (
        OutputAchievement.objects.filter(report__in=_reports(user, projects, period).values("pk"))
        .order_by("report_id", "output_id")
        .values_list("report_id", "output_id", "output__description", "actual")
    )
    result: dict[int, list] = {}
    for report_id, output_id, description, actual in rows:
        if report_id in latest:
            result.setdefault(report_id, []).append((output_id, description, actual))
    return result


def efficiency_of(project: Project, money: Money, achieved: list) -> Efficiency | None:
    """The project's spending efficiency from its first output with a target (outputs are
    prefetched) and what its latest report says was achieved of it."""
    from phaen.finance.selectors import efficiency

    with_target = [o for o in project.outputs.all() if o.target]
    if not with_target:
        return None
    kinds = {pc.OutputKind.OUTPUT: 0, pc.OutputKind.OUTCOME: 1}
    output = min(with_target, key=lambda o: (kinds.get(o.kind, 2), o.pk))
    actual = next((a for o_id, _d, a in achieved if o_id == output.pk), None)
    if actual is None:
        actual = next((a for _o, d, a in achieved if d == output.description), None)
    return Efficiency(
        output=output.description,
        unit=output.unit.strip(),
        target=output.target,
        achieved=actual,
        budget=money.budget_planned,
        spent=money.disbursed,
        cost_per_unit=efficiency(money.disbursed, actual),
        planned_cost_per_unit=efficiency(money.budget_planned, output.target),
    )


def issue_efficiency(lines: list[ProjectLine]) -> IssueEfficiency | None:
    """Spending efficiency of a group's projects (rules in the module's docstring)."""
    from phaen.finance.selectors import efficiency

    found = [line.efficiency for line in lines if line.efficiency is not None]
    if not found:
        return None
    budget = sum((e.budget for e in found), ZERO)
    spent = sum((e.spent for e in found), ZERO)
    delivered = sum((e.budget * (e.achieved or ZERO) / e.target for e in found), ZERO)
    output_pct = pct(delivered, budget)
    spent_pct = pct(spent, budget)
    ratio = q2(output_pct / spent_pct) if spent_pct else None
    units = {e.unit.casefold() for e in found}
    same = len(units) == 1 and "" not in units
    target = achieved = cost = planned = None
    if same:
        target = sum((e.target for e in found), ZERO)
        achieved = sum((e.achieved or ZERO for e in found), ZERO)
        cost = efficiency(spent, achieved)
        planned = efficiency(budget, target)
    return IssueEfficiency(
        basis="unit" if same else "share",
        unit=found[0].unit if same else "",
        projects=len(found),
        budget=budget,
        spent=spent,
        target=target,
        achieved=achieved,
        cost_per_unit=cost,
        planned_cost_per_unit=planned,
        output_pct=output_pct,
        spent_pct=spent_pct,
        ratio=ratio,
    )


def money_of(projects: list[Project], period: Period) -> dict[int, list]:
    """{project id: 12 finance CurvePoints} (planned and spent per fiscal month, by project
    lineage) from finance's S-curves; cancelled projects are left out. Three queries."""
    from phaen.finance.selectors import s_curves

    return s_curves(projects, period.fiscal_year, group="project")


def quarter_of(period: Period) -> int | None:
    """The quarter whose indicator results a period reports (None: the year's results)."""
    if period.kind == "quarter":
        return period.number
    if period.kind == "round":
        return None if period.number == 12 else period.number // 3
    return (period.last_month - 1) // 3 + 1


def achievement_of(plans: list[AnnualPlan], period: Period) -> dict[tuple, list] | None:
    """{(issue number, title): [IndicatorLine]} from performance's indicator results, top
    level indicators only, with the weight counted in weighted averages (five queries per
    plan)."""
    from phaen.performance.selectors import issue_achievement

    result: dict[tuple, list] = {}
    for plan in plans:
        found = issue_achievement(plan, period.fiscal_year, quarter_of(period))
        for issue in found.issues:
            key = (issue.number if issue.number is not None else NO_ISSUE, issue.title)
            result.setdefault(key, []).extend(
                IndicatorLine(
                    number=row.number,
                    name=row.name,
                    weight=row.counted_weight,
                    achievement=row.achievement,
                )
                for row in issue.indicators
                if row.counted_weight is not None
            )
    return result


def targets_of(fiscal_year: int) -> dict[int, Decimal]:
    """The government's cumulative overall disbursement target (%) per quarter (one query);
    quarters without a target are missing."""
    from phaen.finance.models import DisbursementTarget

    return {
        t.quarter: t.overall
        for t in DisbursementTarget.objects.filter(fiscal_year=fiscal_year)
        if t.overall is not None
    }


def problems_of(user, plans: list[AnnualPlan], period: Period):
    """The problems found up to the period's end in the plans' organisations and years
    (any edition), and the decisions of the latest coordination meeting held by then.
    Two queries."""
    from phaen.monitoring.models import CoordinationMeeting, Problem

    scope = Q(pk__in=[])
    for plan in plans:
        scope |= Q(plan__organization_id=plan.organization_id, plan__fiscal_year=plan.fiscal_year)
    problems = list(
        Problem.objects.for_user(user, "view")
        .filter(scope, found_on__lte=period.end)
        .select_related("project")
        .order_by("found_on", "id")
    )
    meeting = (
        CoordinationMeeting.objects.for_user(user, "view")
        .filter(scope, held_on__lte=period.end)
        .order_by("-held_on", "-id")
        .prefetch_related("decisions")
        .first()
    )
    decisions = []
    if meeting is not None:
        head = f"{meeting.title} ({thai.format_thai_date(meeting.held_on, 'medium')})"
        decisions = [f"{head}: {d.text}" for d in meeting.decisions.all()]
    return problems, decisions


def satisfaction_of(projects: list[Project]) -> list[SatisfactionLine]:
    """Per survey of the projects (by lineage): responses and the mean of its five-point
    answers (Σ question mean × answers ÷ Σ answers), from the surveys app. Five queries."""
    from phaen.surveys.selectors import project_survey_summary

    names = {p.pk: p.name for p in projects}
    lines = []
    for project_id, summaries in project_survey_summary(projects).items():
        for summary in summaries:
            scored = [q for q in summary.questions if q.mean is not None and q.count]
            answers = sum(q.count for q in scored)
            mean = q2(sum((q.mean * q.count for q in scored), ZERO) / answers) if answers else None
            lines.append(
                SatisfactionLine(
                    project=names[project_id],
                    survey=summary.title,
                    responses=summary.responses,
                    mean=mean,
                )
            )
    return lines


# --- the computation -----------------------------------------------------------------------
def project_queryset(user, plans: list[AnnualPlan], unit_id: int | None = None):
    lines = BudgetLine.objects.only("id", "project_id", "amount", "monthly_plan").order_by("id")
    projects = (
        Project.objects.for_user(user, "view")
        .filter(plan__in=plans)
        .select_related("issue", "responsible_unit", "plan__organization")
        .prefetch_related(Prefetch("budget_lines", lines), "outputs")
        .order_by("plan__organization__code", "sort_order", "id")
    )
    if unit_id:
        projects = projects.filter(responsible_unit_id=unit_id)
    return projects


def _planned_status(project: Project) -> str:
    status = project.status
    if status in (pc.ProjectStatus.PLANNED, pc.ProjectStatus.NOT_STARTED):
        return "not_started"
    return status


def collect(
    *,
    user,
    plans: list[AnnualPlan],
    period: Period,
    unit_id: int | None = None,
    by: str = "issue",
    today: dt.date | None = None,
    with_surveys: bool = False,
) -> Followup:
    """The follow-up of ``plans`` (one plan, or a parent's roll-up of its children's) by the
    end of ``period``, grouped by strategic issue (``by="issue"``) or organisation."""
    today = today or timezone.localdate()
    as_of = min(period.end, today)
    fy_start, fy_end = thai.fiscal_year_range(period.fiscal_year)
    if as_of < fy_start:
        current_month = 0  # the year has not begun: no actual spending to show
    elif as_of > fy_end:
        current_month = 12
    else:
        current_month = thai.fiscal_month_index(as_of.month)
    projects = list(project_queryset(user, plans, unit_id))
    progress = progress_of(user, projects, period)
    achieved = achieved_of(user, projects, period, progress)
    curves = money_of(projects, period)
    achievement = achievement_of(plans, period) if by == "issue" else {}
    targets = targets_of(period.fiscal_year)
    problems, decisions = problems_of(user, plans, period)
    labels = status_labels()

    lines: list[ProjectLine] = []
    planned_by_month = [ZERO] * 12
    spent_by_month = [ZERO] * 12
    for project in projects:
        months = sorted(set(project.months or []))
        report = progress.get(project.pk)
        status = report.status if report is not None else _planned_status(project)
        if project.status == pc.ProjectStatus.CANCELLED:
            status = "cancelled"
        money = Money()
        points = curves.get(project.pk)
        if status != "cancelled" and points:
            money.budget_planned = sum((line.amount for line in project.budget_lines.all()), ZERO)
            money.planned_to_date = points[period.last_month - 1].cumulative_planned
            money.disbursed = points[period.last_month - 1].cumulative_actual
            for i, point in enumerate(points):
                planned_by_month[i] += point.planned
                spent_by_month[i] += point.actual
        passed = [m for m in months if m <= current_month]
        behind = bool(passed) and status == "not_started"
        issue = project.issue
        lines.append(
            ProjectLine(
                id=project.pk,
                lineage=str(project.lineage),
                plan=project.plan_id,
                organization=project.plan.organization.name,
                organization_code=project.plan.organization.code,
                code=project.code,
                name=project.name,
                issue_number=issue.number if issue is not None else None,
                issue_title=issue.title if issue is not None else "",
                unit_id=project.responsible_unit_id,
                unit=project.responsible_unit.name if project.responsible_unit_id else "",
                out_of_plan=project.out_of_plan,
                status=status,
                status_label=labels[status],
                percent=report.percent if report is not None else None,
                reported_on=report.reported_on if report is not None else None,
                money=money,
                planned_months=months,
                behind=behind,
                efficiency=None
                if status == "cancelled"
                else efficiency_of(
                    project,
                    money,
                    achieved.get(report.report_id, []) if report is not None else [],
                ),
            )
        )

    by_lineage = {line.lineage: line for line in lines}
    for line in lines:
        report = progress.get(line.id)
        if report is not None and report.problems:
            line.problems.append(report.problems)
    for problem in problems:
        if problem.project_id and str(problem.project.lineage) in by_lineage:
            by_lineage[str(problem.project.lineage)].problems.append(problem.description)

    issues = issues_of(plans) if by == "issue" else []
    groups = _group(lines, plans, by, achievement, issues)
    total = _total(groups)
    curve = _curve(period, planned_by_month, spent_by_month, current_month, targets)
    satisfaction = satisfaction_of(projects) if with_surveys else []
    return Followup(
        satisfaction=satisfaction,
        plans=[plan_head(p) for p in plans],
        period=period,
        as_of=as_of,
        groups=groups,
        total=total,
        projects=lines,
        curve=curve,
        problems=[
            ProblemLine(
                project=p.project.name if p.project_id else "",
                description=p.description,
                measure=p.measure,
                status=str(p.get_status_display()),
            )
            for p in problems
        ],
        decisions=decisions,
        sources={"targets": bool(targets)},
    )


def _empty_group(key: str, number: int | None, title: str) -> Group:
    return Group(
        key=key,
        number=number,
        title=title,
        projects_by_status=dict.fromkeys(STATUSES, 0),
        money=Money(),
        in_plan=Money(),
        out_of_plan=Money(),
    )


def issues_of(plans: list[AnnualPlan]) -> list:
    """The strategic issues of the plans' strategic plans (one query), so that an issue
    without projects still shows in the report."""
    from phaen.strategy.models import Issue

    ids = {p.multi_year_plan_id for p in plans if p.multi_year_plan_id}
    if not ids:
        return []
    return list(Issue.objects.filter(plan_id__in=ids).order_by("number", "id"))


def _group(lines, plans, by: str, achievement, issues=()) -> list[Group]:
    groups: dict[tuple, Group] = {}
    if by == "issue":
        for issue in issues:
            groups.setdefault(
                (issue.number, issue.title),
                _empty_group(str(issue.number), issue.number, issue.title),
            )
        for line in lines:
            number = line.issue_number
            key = (number if number is not None else NO_ISSUE, line.issue_title)
            if key not in groups:
                title = line.issue_title or pgettext("report", "No strategic issue given")
                groups[key] = _empty_group(str(number or ""), number, title)
        for key, indicators in (achievement or {}).items():
            if key not in groups:
                number = key[0] if key[0] != NO_ISSUE else None
                title = key[1] or pgettext("report", "No strategic issue given")
                groups[key] = _empty_group(str(number or ""), number, title)
            groups[key].indicators = list(indicators)
    else:
        for plan in plans:
            org = plan.organization
            groups.setdefault((org.code, org.name), _empty_group(org.code, None, org.name))
    for line in lines:
        if by == "issue":
            number = line.issue_number
            key = (number if number is not None else NO_ISSUE, line.issue_title)
        else:
            key = (line.organization_code, line.organization)
        group = groups[key]
        group.projects.append(line)
        group.projects_by_status[line.status] += 1
        group.money.add(line.money)
        (group.out_of_plan if line.out_of_plan else group.in_plan).add(line.money)
    return [groups[k] for k in sorted(groups, key=lambda k: (k[0], k[1]))]


def _total(groups: list[Group]) -> Group:
    total = _empty_group("", None, pgettext("report", "Total"))
    for group in groups:
        for status, n in group.projects_by_status.items():
            total.projects_by_status[status] += n
        total.money.add(group.money)
        total.in_plan.add(group.in_plan)
        total.out_of_plan.add(group.out_of_plan)
        total.indicators.extend(group.indicators)
        total.projects.extend(group.projects)
    return total


def _curve(period, planned, spent, current_month, targets) -> list[CurvePoint]:
    year_total = sum(planned, ZERO)
    points, cum_planned, cum_spent = [], ZERO, ZERO
    for index, (year, month) in enumerate(thai.fiscal_months(period.fiscal_year), start=1):
        cum_planned += planned[index - 1]
        cum_spent += spent[index - 1]
        target = None
        if targets and index % 3 == 0 and (index // 3) in targets:
            target = q2(year_total * targets[index // 3] / HUNDRED)
        points.append(
            CurvePoint(
                month=index,
                label=f"{thai.month_name(month, abbr=True)} {str(thai.be_year(year))[-2:]}",
                planned=cum_planned,
                actual=cum_spent if index <= current_month else None,
                target=target,
            )
        )
    return points


# --- plans ----------------------------------------------------------------------------------
def plan_in_force(organization, fiscal_year: int) -> AnnualPlan:
    """The plan the follow-up pages use (monitoring's rule: the latest approved or announced
    edition of the year, else the newest); ``ReportError`` when there is none."""
    from phaen.monitoring.selectors import plan_in_force as in_force

    plan = in_force(organization=organization, fiscal_year=fiscal_year)
    if plan is None:
        raise ReportError(
            pgettext("report", "%(org)s has no annual plan for fiscal year %(year)s.")
            % {"org": organization.name, "year": fiscal_year or "-"}
        )
    return plan


def load_plan(*, user, plan_id) -> AnnualPlan:
    return load_annual_plan(user=user, plan_id=plan_id)


# --- JSON helpers ---------------------------------------------------------------------------
def money_json(money: Money) -> dict[str, Any]:
    return {
        "budget_planned": money.budget_planned,
        "planned_to_date": money.planned_to_date,
        "disbursed": money.disbursed,
        "disbursed_pct": money.disbursed_pct,
    }


def group_json(group: Group) -> dict[str, Any]:
    return {
        "number": group.number,
        "title": group.title,
        "projects": group.project_count,
        "projects_by_status": dict(group.projects_by_status),
        "budget_planned": group.money.budget_planned,
        "planned_to_date": group.money.planned_to_date,
        "disbursed": group.money.disbursed,
        "disbursed_pct": group.money.disbursed_pct,
        "in_plan": money_json(group.in_plan),
        "out_of_plan": money_json(group.out_of_plan),
        "weighted_achievement": group.weighted_achievement,
        "indicators_with_results": group.indicators_with_results,
        "efficiency": issue_efficiency_json(group.efficiency),
        "indicators": [
            {
                "number": i.number,
                "name": i.name,
                "weight": i.weight,
                "achievement": i.achievement,
            }
            for i in group.indicators
        ],
    }


def project_json(line: ProjectLine) -> dict[str, Any]:
    return {
        "id": line.id,
        "code": line.code,
        "name": line.name,
        "issue": line.issue_number,
        "unit": line.unit,
        "out_of_plan": line.out_of_plan,
        "status": line.status,
        "percent": line.percent,
        "reported_on": line.reported_on,
        "budget_planned": line.money.budget_planned,
        "planned_to_date": line.money.planned_to_date,
        "disbursed": line.money.disbursed,
        "disbursed_pct": line.money.disbursed_pct,
        "behind": line.behind,
        "problems": line.problems,
        "efficiency": efficiency_json(line.efficiency),
    }


def efficiency_json(e: Efficiency | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {
        "output": e.output,
        "unit": e.unit,
        "target": e.target,
        "achieved": e.achieved,
        "achieved_pct": e.achieved_pct,
        "budget": e.budget,
        "spent": e.spent,
        "cost_per_unit": e.cost_per_unit,
        "planned_cost_per_unit": e.planned_cost_per_unit,
    }


def issue_efficiency_json(e: IssueEfficiency | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {
        "basis": e.basis,
        "unit": e.unit,
        "projects": e.projects,
        "budget": e.budget,
        "spent": e.spent,
        "target": e.target,
        "achieved": e.achieved,
        "cost_per_unit": e.cost_per_unit,
        "planned_cost_per_unit": e.planned_cost_per_unit,
        "output_pct": e.output_pct,
        "spent_pct": e.spent_pct,
        "ratio": e.ratio,
    }


def curve_json(points: list[CurvePoint]) -> list[dict[str, Any]]:
    return [
        {
            "month": p.month,
            "label": p.label,
            "planned": p.planned,
            "actual": p.actual,
            "target": p.target,
        }
        for p in points
    ]
