"""Reads of reporting rounds: a child's figures for a period (the snapshot it submits),
the parent's board and the consolidation of accepted submissions. Each runs a fixed
number of queries whatever the number of children or projects.

Figures come from the follow-up apps' selectors: monitoring (plan in force, latest
progress, problem register), finance (money spent by lineage) and performance (weighted
achievement). ``sources`` in a snapshot names where each figure came from; a figure that
could not be computed (no plan, no completed quarter) is ``None`` and stays empty in the
consolidated total instead of pretending to be zero."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone

from phaen.rounds import choices as c
from phaen.rounds.models import ReportingRound, RoundSubmission

ZERO = Decimal(0)
CENT = Decimal("0.01")


def period_range(fiscal_year: int, code: str) -> tuple[str, int, dt.date, dt.date]:
    """(kind, number, first day, last day) of a period code of ``fiscal_year``; raises
    ``ValueError`` with a message naming the code."""
    from phaen.monitoring.selectors import parse_period_code
    from phaen.monitoring.services import period_specs

    kind, number = parse_period_code(code, fiscal_year)
    for spec in period_specs(fiscal_year):
        if spec[0] == kind and spec[1] == number:
            return spec
    raise ValueError(code)  # pragma: no cover - parse_period_code only returns known periods


def plan_in_force(*, organization, fiscal_year: int):
    """The organisation's plan of the year in force: the latest approved or announced
    edition; without one, the newest edition (the snapshot records its state). The
    monitoring app's rule, so a round and the monthly follow-up read the same plan."""
    from phaen.monitoring.selectors import plan_in_force as monitoring_plan_in_force

    return monitoring_plan_in_force(organization=organization, fiscal_year=fiscal_year)


def _money(value) -> str:
    return str(Decimal(value).quantize(CENT))


def compute_snapshot(*, organization, fiscal_year: int, period_code: str) -> tuple[dict, object]:
    """The child's figures for the period, from its plan in force: projects by status (each
    project's latest monthly progress report by the period's end), budget planned, money
    spent by the period's end, weighted achievement of its indicators and problems
    registered. Cancelled projects (in the plan or by their report) count nowhere but are
    reported apart. Returns (snapshot, plan). A fixed number of queries."""
    from phaen.monitoring.selectors import latest_progress, period_by_code
    from phaen.plans.selectors import plan_projects, rollup

    kind, number, start, end = period_range(fiscal_year, period_code)
    plan = plan_in_force(organization=organization, fiscal_year=fiscal_year)
    projects = list(plan_projects(plan)) if plan else []
    live = [p for p in projects if p.status != "cancelled"]
    by_status = dict.fromkeys(c.STATUS_KEYS, 0)
    if live:
        period = period_by_code(
            organization=organization, fiscal_year=fiscal_year, code=period_code
        )
        latest = latest_progress(live, period)
        counted = []
        for project in live:
            report = latest.get(project.lineage)
            status = report.status if report else "not_started"
            if status == "cancelled":
                continue
            by_status[status] += 1
            counted.append(project)
        live = counted
    money = rollup(live)
    snapshot = {
        "period": {"code": period_code, "start": start.isoformat(), "end": end.isoformat()},
        "plan": (
            {
                "id": plan.pk,
                "title": plan.title,
                "edition": plan.edition_number,
                "state": plan.state,
            }
            if plan
            else None
        ),
        "projects": len(live),
        "cancelled": len(projects) - len(live),
        "by_status": by_status,
        "budget_planned": _money(money.total),
        "disbursed": None,
        "weighted_achievement": None,
        "achievement_formula": "",
        "problems": None,
        "sources": {
            "status": "monitoring",
            "disbursed": None,
            "weighted_achievement": None,
            "problems": None,
        },
        "computed_at": timezone.now().isoformat(),
    }
    if plan is not None:
        _add_disbursed(snapshot, live, end)
        _add_achievement(snapshot, plan, fiscal_year, kind, number)
        _add_problems(snapshot, organization, fiscal_year, end)
    return snapshot, plan


def _add_disbursed(snapshot: dict, projects: list, until: dt.date) -> None:
    """Money spent on the projects up to the period's last day (finance app: cleared
    advances, disbursements and adjustments, by project lineage)."""
    from phaen.finance.selectors import spent_by_project

    spent = spent_by_project(projects, until=until)
    snapshot["disbursed"] = _money(sum(spent.values(), ZERO))
    snapshot["sources"]["disbursed"] = "finance"


def _add_problems(snapshot: dict, organization, fiscal_year: int, until: dt.date) -> None:
    """Problems registered in follow-up of the year's plans (any edition) by the period's
    end (monitoring app's problem register)."""
    from phaen.monitoring.models import Problem

    snapshot["problems"] = Problem.objects.filter(
        plan__organization=organization, plan__fiscal_year=fiscal_year, found_on__lte=until
    ).count()
    snapshot["sources"]["problems"] = "monitoring"


def quarter_as_of(kind: str, number: int) -> int | bool | None:
    """The quarter whose results a period shows: Q1–Q4 themselves, a 6/9-month round its
    last quarter, the 12-month round the year (None), a month the last quarter completed
    by its end (False when none is)."""
    if kind == "quarter":
        return number
    if kind == "round":
        return None if number == 12 else number // 3
    return (number // 3) or False


def _add_achievement(snapshot: dict, plan, fiscal_year: int, kind: str, number: int) -> None:
    """Weighted achievement of the plan's indicators as of the period (performance app)."""
    from phaen.performance.selectors import issue_achievement

    quarter = quarter_as_of(kind, number)
    snapshot["sources"]["weighted_achievement"] = "performance"
    if quarter is False:
        return
    result = issue_achievement(plan, fiscal_year, period=quarter)
    value = result.total.weighted_achievement
    snapshot["weighted_achievement"] = None if value is None else str(value)
    snapshot["achievement_formula"] = result.total.formula


# --- Board -----------------------------------------------------------------------------------
@dataclass
class Board:
    round: ReportingRound
    submissions: list
    counts: dict = field(default_factory=dict)
    late: int = 0


def round_board(round_: ReportingRound, user) -> Board:
    """The submissions of a round the user may see (the parent sees all; a child its own),
    with counts per state and the number late (two queries)."""
    submissions = list(
        RoundSubmission.objects.for_user(user)
        .filter(round=round_)
        .select_related("organization", "submitted_by", "decided_by")
        .order_by("organization__code")
    )
    for submission in submissions:
        submission.round = round_  # no query per row for is_late
    counts = Counter(s.state for s in submissions)
    return Board(
        round=round_,
        submissions=submissions,
        counts={state: counts.get(state, 0) for state in c.SubmissionState.values},
        late=sum(1 for s in submissions if s.is_late),
    )


def rounds_of(organization, user):
    """Rounds opened by ``organization`` that ``user`` sees, with counts per state."""
    counts = {
        f"n_{state}": Count("submissions", filter=Q(submissions__state=state))
        for state in c.SubmissionState.values
    }
    return (
        ReportingRound.objects.for_user(user)
        .filter(organization=organization)
        .annotate(n_total=Count("submissions"), **counts)
        .order_by("-fiscal_year", "-deadline", "-pk")
    )


def asked_of(organization, user):
    """The submissions asked of ``organization`` (its rounds from above)."""
    return (
        RoundSubmission.objects.for_user(user)
        .filter(organization=organization)
        .select_related("round__organization")
        .order_by("-round__fiscal_year", "-round__deadline", "-pk")
    )


# --- Consolidation ---------------------------------------------------------------------------
def _dec(value):
    return None if value is None else Decimal(str(value))


def _add(total, value):
    if value is None:
        return total
    return value if total is None else total + value


@dataclass
class ConsolidatedRow:
    organization: object
    submission: object | None
    projects: int = 0
    by_status: dict = field(default_factory=dict)
    budget_planned: Decimal = ZERO
    disbursed: Decimal | None = None
    weighted_achievement: Decimal | None = None
    problems: int | None = None

    @property
    def status_list(self) -> list[int]:
        return [self.by_status.get(key, 0) for key in c.STATUS_KEYS]

    @property
    def disbursed_percent(self) -> Decimal | None:
        if self.disbursed is None or not self.budget_planned:
            return None
        return (self.disbursed * 100 / self.budget_planned).quantize(CENT)

    def as_dict(self) -> dict:
        return {
            "organization": self.organization.code if self.organization else None,
            "organization_name": str(self.organization) if self.organization else None,
            "projects": self.projects,
            "projects_by_status": dict(self.by_status),
            "budget_planned": _money(self.budget_planned),
            "disbursed": None if self.disbursed is None else _money(self.disbursed),
            "weighted_achievement": (
                None if self.weighted_achievement is None else str(self.weighted_achievement)
            ),
            "problems": self.problems,
        }


@dataclass
class Consolidation:
    round: ReportingRound
    rows: list
    total: ConsolidatedRow
    pending: list  # organisations not accepted yet

    def as_dict(self) -> dict:
        r = self.round
        return {
            "round": r.pk,
            "organization": r.organization.code,
            "fiscal_year": r.fiscal_year,
            "period": r.period_code,
            "title": r.title,
            "deadline": r.deadline.isoformat(),
            "children": [row.as_dict() for row in self.rows],
            "total": {k: v for k, v in self.total.as_dict().items() if k != "organization"}
            | {"organization": None, "organization_name": None},
            "pending": [org.code for org in self.pending],
        }


def row_from_snapshot(organization, submission) -> ConsolidatedRow:
    snap = submission.snapshot or {}
    return ConsolidatedRow(
        organization=organization,
        submission=submission,
        projects=int(snap.get("projects") or 0),
        by_status={k: int(v) for k, v in (snap.get("by_status") or {}).items()},
        budget_planned=_dec(snap.get("budget_planned")) or ZERO,
        disbursed=_dec(snap.get("disbursed")),
        weighted_achievement=_dec(snap.get("weighted_achievement")),
        problems=snap.get("problems"),
    )


def consolidate(round_: ReportingRound, user=None) -> Consolidation:
    """Accepted submissions, one row per child, and their total (each total is the sum of
    the rows; a figure no child reported stays empty). Two queries."""
    qs = RoundSubmission.objects.filter(round=round_)
    if user is not None:
        qs = RoundSubmission.objects.for_user(user).filter(round=round_)
    submissions = list(qs.select_related("organization").order_by("organization__code"))
    rows, pending = [], []
    total = ConsolidatedRow(organization=None, submission=None)
    total.by_status = {key: 0 for key in c.STATUS_KEYS}
    for submission in submissions:
        if submission.state != c.SubmissionState.ACCEPTED:
            pending.append(submission.organization)
            continue
        row = row_from_snapshot(submission.organization, submission)
        rows.append(row)
        total.projects += row.projects
        for key, value in row.by_status.items():
            total.by_status[key] = total.by_status.get(key, 0) + value
        total.budget_planned += row.budget_planned
        total.disbursed = _add(total.disbursed, row.disbursed)
        total.problems = _add(total.problems, row.problems)
    total.weighted_achievement = mean_achievement(rows)
    return Consolidation(round=round_, rows=rows, total=total, pending=pending)


def mean_achievement(rows) -> Decimal | None:
    """The organisations' weighted achievements averaged, each organisation counting
    once (their own indicator weights are on different scales); None when none has one."""
    values = [row.weighted_achievement for row in rows if row.weighted_achievement is not None]
    if not values:
        return None
    return (sum(values, ZERO) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)
