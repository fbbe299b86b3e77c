"""Reads of reporting rounds: a child's figures for a period (the snapshot it submits),
the parent's board and the consolidation of accepted submissions. Each runs a fixed
number of queries whatever the number of children or projects.

Where the follow-up apps (monitoring progress, finance disbursements, performance
achievement) do not yet offer a figure, the snapshot says so: the value is ``None`` and
``sources`` names what it could not read, so a consolidated total never pretends."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from phaen.rounds import choices as c
from phaen.rounds.models import ReportingRound, RoundSubmission

ZERO = Decimal(0)
CENT = Decimal("0.01")
CURRENT_PLAN_STATES = ("approved", "announced")
# A plan's "planned" project has not started yet.
PLAN_STATUS_TO_KEY = {"planned": "not_started"}


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
    edition; without one, the latest draft (the snapshot records its state)."""
    from phaen.plans.models import AnnualPlan

    plans = AnnualPlan.objects.filter(organization=organization, fiscal_year=fiscal_year)
    best = None
    for plan in plans.only("pk", "state", "edition_number", "title", "edition_kind"):
        key = (plan.state not in CURRENT_PLAN_STATES, -plan.edition_number, -plan.pk)
        if best is None or key < best[0]:
            best = (key, plan)
    return best[1] if best else None


def _money(value) -> str:
    return str(Decimal(value).quantize(CENT))


def compute_snapshot(*, organization, fiscal_year: int, period_code: str) -> tuple[dict, object]:
    """The child's figures for the period, from its plan in force: projects, by status,
    budget planned, disbursed to the period's end, weighted achievement and problems
    (``None`` where no follow-up app offers the figure yet). Returns (snapshot, plan)."""
    from phaen.plans.selectors import plan_projects, rollup

    _kind, _number, start, end = period_range(fiscal_year, period_code)
    plan = plan_in_force(organization=organization, fiscal_year=fiscal_year)
    projects = list(plan_projects(plan)) if plan else []
    live = [p for p in projects if p.status != "cancelled"]
    by_status = Counter({key: 0 for key in c.STATUS_KEYS})
    for project in live:
        by_status[PLAN_STATUS_TO_KEY.get(project.status, project.status)] += 1
    money = rollup(projects)
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
        "by_status": dict(by_status),
        "budget_planned": _money(money.total),
        "disbursed": None,
        "weighted_achievement": None,
        "achievement_weight": None,
        "achievement_weighted_sum": None,
        "problems": None,
        "sources": {
            "status": "plan",
            "disbursed": None,
            "weighted_achievement": None,
            "problems": None,
        },
        "computed_at": timezone.now().isoformat(),
    }
    return snapshot, plan


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
    weight: Decimal | None = None
    weighted_sum: Decimal | None = None
    problems: int | None = None

    @property
    def weighted_achievement(self) -> Decimal | None:
        """Σ weight × achievement ÷ Σ weight over every indicator counted in the row."""
        if not self.weight:
            return None
        return (self.weighted_sum / self.weight).quantize(CENT)

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
        weight=_dec(snap.get("achievement_weight")),
        weighted_sum=_dec(snap.get("achievement_weighted_sum")),
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
        total.weight = _add(total.weight, row.weight)
        total.weighted_sum = _add(total.weighted_sum, row.weighted_sum)
        total.problems = _add(total.problems, row.problems)
    return Consolidation(round=round_, rows=rows, total=total, pending=pending)
