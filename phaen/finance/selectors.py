"""Reads of finance: balances per budget line and project, spending aggregated by project
lineage (editions keep their history), the S-curve of planned vs actual spending, the
comparison with the government's disbursement targets and spending efficiency.

Each function runs a fixed number of queries whatever the number of projects or
transactions. Signatures are documented in phaen/finance/README.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, Sum
from django.db.models.functions import TruncMonth

from phaen.core import thai
from phaen.finance import choices as c
from phaen.finance.models import DisbursementTarget, Transaction, Transfer
from phaen.plans.choices import PlanState, ProjectStatus
from phaen.plans.models import AnnualPlan, BudgetLine, Project

ZERO = Decimal(0)
CENT = Decimal("0.01")
K = c.TransactionKind
SPENDING = [str(k) for k in c.SPENDING_KINDS]


# --- which rows are in force -----------------------------------------------------------------
def plans_in_force(organization, fiscal_year: int) -> list[AnnualPlan]:
    """Per plan kind, the latest approved/announced edition, or the latest edition when none
    is approved yet. (One query.)"""
    plans = list(
        AnnualPlan.objects.filter(organization=organization, fiscal_year=fiscal_year)
        .select_related("organization")
        .order_by("kind", "-edition_number")
    )
    chosen: dict[str, AnnualPlan] = {}
    for plan in plans:
        current = chosen.get(plan.kind)
        frozen = plan.state in (PlanState.APPROVED, PlanState.ANNOUNCED)
        if current is None or (
            frozen and current.state not in (PlanState.APPROVED, PlanState.ANNOUNCED)
        ):
            chosen[plan.kind] = plan
    return list(chosen.values())


def projects_in_force(organization, fiscal_year: int):
    """The projects (not cancelled) of the plans in force, with their budget lines."""
    plans = plans_in_force(organization, fiscal_year)
    return (
        Project.objects.filter(plan__in=plans)
        .exclude(status=ProjectStatus.CANCELLED)
        .select_related("plan__organization", "issue")
        .prefetch_related(
            Prefetch(
                "budget_lines", BudgetLine.objects.select_related("source", "category__parent")
            )
        )
        .order_by("plan_id", "sort_order", "id")
    )


def lineage_q(projects: Iterable[Project], prefix: str = "project__") -> Q:
    """Rows of the same projects in any edition of the same organisation and fiscal year."""
    groups: dict[tuple[int, int], set] = defaultdict(set)
    for project in projects:
        groups[(project.plan.organization_id, project.plan.fiscal_year)].add(project.lineage)
    condition = Q(pk__in=[])
    for (org, fy), lineages in groups.items():
        condition |= Q(
            **{
                f"{prefix}lineage__in": sorted(lineages, key=str),
                f"{prefix}plan__organization_id": org,
                f"{prefix}plan__fiscal_year": fy,
            }
        )
    return condition


def line_key(line) -> tuple:
    """A budget line's identity across editions (copies keep source, category,
    appropriation line and item)."""
    return (line.source_id, line.category_id, line.appropriation_line_id, line.description)


_KEY_FIELDS = ("source_id", "category_id", "appropriation_line_id", "description")


def _key(row: dict, prefix: str) -> tuple:
    return tuple(row[f"{prefix}{name}"] for name in _KEY_FIELDS)


# --- balances ------------------------------------------------------------------------------
@dataclass
class Balance:
    allocated: Decimal = ZERO
    transfers_in: Decimal = ZERO
    transfers_out: Decimal = ZERO
    committed: Decimal = ZERO  # commitments not yet paid
    advanced: Decimal = ZERO  # advances not yet cleared (not spending)
    spent: Decimal = ZERO  # disbursements + cleared advances + adjustments

    @property
    def available(self) -> Decimal:
        return self.allocated + self.transfers_in - self.transfers_out

    @property
    def remaining(self) -> Decimal:
        return self.available - self.committed - self.advanced - self.spent

    def add(self, other: Balance) -> None:
        for name in (
            "allocated",
            "transfers_in",
            "transfers_out",
            "committed",
            "advanced",
            "spent",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class LineBalance:
    line: BudgetLine | None
    balance: Balance = field(default_factory=Balance)


@dataclass
class ProjectBalance:
    project: Project
    lines: list[LineBalance]
    total: Balance


def project_balance(project: Project, *, exclude_transaction=None) -> ProjectBalance:
    """Per budget line of ``project`` and in total: allocated, transfers in/out, committed,
    advanced (uncleared), spent, remaining. Money recorded on earlier editions' rows counts
    on the line with the same identity (:func:`line_key`); money on a line that no longer
    exists shows on a line of its own (``line=None``). Four queries."""
    lines = list(project.budget_lines.select_related("source", "category").order_by("id"))
    by_key: dict[tuple, LineBalance] = {}
    result = []
    for line in lines:
        entry = LineBalance(line, Balance(allocated=line.amount))
        by_key.setdefault(line_key(line), entry)
        result.append(entry)
    orphan = LineBalance(None)

    def target(key):
        return by_key.get(key, orphan).balance

    transactions = Transaction.objects.filter(lineage_q([project]))
    if exclude_transaction is not None and exclude_transaction.pk:
        transactions = transactions.exclude(pk=exclude_transaction.pk)
    rows = transactions.values(
        *(f"budget_line__{n}" for n in _KEY_FIELDS), "kind", "related__kind"
    ).annotate(total=Sum("amount"))
    for row in rows:
        _apply(target(_key(row, "budget_line__")), row["kind"], row["related__kind"], row["total"])
    transfers = Transfer.objects.filter(
        lineage_q([project], "from_line__project__") | lineage_q([project], "to_line__project__"),
        state=c.TransferState.APPROVED,
    ).values(
        *(f"from_line__{n}" for n in _KEY_FIELDS),
        *(f"to_line__{n}" for n in _KEY_FIELDS),
        "from_line__project__lineage",
        "to_line__project__lineage",
        "amount",
    )
    for row in transfers:
        if row["from_line__project__lineage"] == project.lineage:
            target(_key(row, "from_line__")).transfers_out += row["amount"]
        if row["to_line__project__lineage"] == project.lineage:
            target(_key(row, "to_line__")).transfers_in += row["amount"]
    if orphan.balance != Balance():
        result.append(orphan)
    total = Balance()
    for entry in result:
        total.add(entry.balance)
    return ProjectBalance(project=project, lines=result, total=total)


def _apply(balance: Balance, kind: str, related_kind: str | None, amount: Decimal) -> None:
    if kind == K.COMMITMENT:
        balance.committed += amount
    elif kind == K.ADVANCE:
        balance.advanced += amount
    elif kind == K.CLEARING:
        balance.advanced -= amount
        balance.spent += amount
    elif kind == K.DISBURSEMENT:
        balance.spent += amount
        if related_kind == K.COMMITMENT:
            balance.committed -= amount
    elif kind == K.ADJUSTMENT:
        balance.spent += amount


def line_balance(line: BudgetLine, *, exclude_transaction=None) -> Balance:
    """The balance of one budget line (through :func:`project_balance`)."""
    for entry in project_balance(line.project, exclude_transaction=exclude_transaction).lines:
        if entry.line is not None and entry.line.pk == line.pk:
            return entry.balance
    for entry in project_balance(line.project).lines:  # pragma: no cover - key collision
        if entry.line is not None and line_key(entry.line) == line_key(line):
            return entry.balance
    return Balance(allocated=line.amount)


def open_amount(record: Transaction, *, exclude_transaction=None) -> Decimal:
    """What is still open on an advance (uncleared) or a commitment (unpaid)."""
    settled = record.settlements.all()
    if exclude_transaction is not None and exclude_transaction.pk:
        settled = settled.exclude(pk=exclude_transaction.pk)
    return record.amount - (settled.aggregate(s=Sum("amount"))["s"] or ZERO)


# --- spending by project -------------------------------------------------------------------
def _as_list(projects) -> list[Project]:
    if hasattr(projects, "select_related"):
        return list(projects.select_related("plan"))
    return list(projects)


def spent_by_project(projects, until: dt.date | None = None) -> dict[int, Decimal]:
    """{project id: money spent} up to and including ``until`` (all when None), aggregated
    by project lineage so a new edition keeps its history. One query (plus one to load a
    queryset)."""
    projects = _as_list(projects)
    if not projects:
        return {}
    qs = Transaction.objects.filter(lineage_q(projects), kind__in=SPENDING)
    if until is not None:
        qs = qs.filter(date__lte=until)
    totals = {
        (row["project__lineage"], row["organization_id"], row["fiscal_year"]): row["total"]
        for row in qs.values("project__lineage", "organization_id", "fiscal_year").annotate(
            total=Sum("amount")
        )
    }
    return {
        p.pk: totals.get((p.lineage, p.plan.organization_id, p.plan.fiscal_year), ZERO)
        for p in projects
    }


# --- S-curve -------------------------------------------------------------------------------
@dataclass
class CurvePoint:
    month: int  # fiscal month 1 (October) … 12 (September)
    year: int  # calendar (CE) year of the month
    calendar_month: int
    planned: Decimal = ZERO
    actual: Decimal = ZERO
    cumulative_planned: Decimal = ZERO
    cumulative_actual: Decimal = ZERO


def _profile(line: BudgetLine, project: Project) -> list[Decimal]:
    """Planned spending of a line by fiscal month. A line without a monthly plan is spread
    evenly over the project's planned months (all twelve when it has none), so the year's
    last cumulative point is always the total planned."""
    if line.monthly_plan:
        return [Decimal(str(v or 0)) for v in line.monthly_plan]
    months = [m for m in (project.months or []) if 1 <= m <= 12] or list(range(1, 13))
    share = (line.amount / len(months)).quantize(CENT)
    profile = [ZERO] * 12
    for m in months:
        profile[m - 1] = share
    profile[months[-1] - 1] += line.amount - share * len(months)
    return profile


GROUPS = {
    None: (lambda project, line: None),
    "project": (lambda project, line: project.pk),
    "issue": (lambda project, line: project.issue_id),
    "source": (lambda project, line: line.source_id),
    "category": (lambda project, line: line.category.parent_id or line.category_id),
    "out_of_plan": (lambda project, line: project.out_of_plan),
}
_ACTUAL_GROUP = {
    None: None,
    "project": None,  # by lineage, mapped back
    "issue": None,  # by lineage, mapped back
    "out_of_plan": None,  # by lineage, mapped back
    "source": "budget_line__source_id",
    "category": "budget_line__category__parent_id",
}


def s_curves(
    projects,
    fiscal_year: int,
    *,
    group: str | None = None,
    source=None,
    category=None,
) -> dict:
    """{group key: 12 CurvePoints} of cumulative planned vs actual spending, Oct … Sep.

    ``group``: None (one curve, key None), "project" (project id), "issue" (issue id),
    "source", "category" (expense type: the category's parent), "out_of_plan" (True/False).
    ``source``/``category`` (ids) filter budget lines and transactions (category matches the
    item or its type). Cancelled projects count nowhere. Three queries."""
    projects = [p for p in _load(projects) if p.status != ProjectStatus.CANCELLED]
    key_of = GROUPS[group]
    months = thai.fiscal_months(fiscal_year)
    planned: dict = defaultdict(lambda: [ZERO] * 12)
    for project in projects:
        for line in project.budget_lines.all():
            if source and line.source_id != int(source):
                continue
            if category and int(category) not in (line.category_id, line.category.parent_id):
                continue
            profile = _profile(line, project)
            bucket = planned[key_of(project, line)]
            for i in range(12):
                bucket[i] += profile[i]
    actual: dict = defaultdict(lambda: [ZERO] * 12)
    if projects:
        start, end = thai.fiscal_year_range(fiscal_year)
        qs = Transaction.objects.filter(
            lineage_q(projects), kind__in=SPENDING, date__gte=start, date__lte=end
        )
        if source:
            qs = qs.filter(budget_line__source_id=source)
        if category:
            qs = qs.filter(
                Q(budget_line__category_id=category) | Q(budget_line__category__parent_id=category)
            )
        field_name = _ACTUAL_GROUP.get(group)
        by_lineage = {(p.lineage, p.plan.organization_id): p for p in projects}
        values = ["project__lineage", "organization_id"]
        if field_name:
            values.append(field_name)
        if group == "category":
            values.append("budget_line__category_id")
        rows = (
            qs.annotate(month=TruncMonth("date"))
            .values(*values, "month")
            .annotate(total=Sum("amount"))
        )
        for row in rows:
            month = row["month"]
            if isinstance(month, dt.datetime):
                month = month.date()
            index = thai.fiscal_month_index(month.month) - 1
            if group is None:
                key = None
            elif group == "category":
                key = row["budget_line__category__parent_id"] or row["budget_line__category_id"]
            elif field_name:
                key = row[field_name]
            else:
                project = by_lineage.get((row["project__lineage"], row["organization_id"]))
                if project is None:
                    continue
                key = key_of(project, None)
            actual[key][index] += row["total"]
    result = {}
    for key in set(planned) | set(actual) or ({None} if group is None else set()):
        points, cum_p, cum_a = [], ZERO, ZERO
        for i, (year, month) in enumerate(months):
            p, a = planned[key][i], actual[key][i]
            cum_p += p
            cum_a += a
            points.append(CurvePoint(i + 1, year, month, p, a, cum_p, cum_a))
        result[key] = points
    return result


def s_curve(projects, fiscal_year: int, **filters) -> list[CurvePoint]:
    """12 points (Oct … Sep): cumulative planned (budget lines' monthly plans) vs cumulative
    actual spending. The last planned point equals the year's total planned."""
    return s_curves(projects, fiscal_year, **filters)[None]


def _load(projects) -> list[Project]:
    if hasattr(projects, "select_related"):
        return list(
            projects.prefetch_related(None)
            .select_related("plan")
            .prefetch_related(
                Prefetch("budget_lines", BudgetLine.objects.select_related("category__parent"))
            )
        )
    return list(projects)


# --- disbursement targets ------------------------------------------------------------------
@dataclass
class TargetRow:
    quarter: int
    until: dt.date
    target: DisbursementTarget | None
    overall: Decimal | None  # actual cumulative % of the year's budget
    current: Decimal | None
    investment: Decimal | None

    def behind(self, scope: str) -> bool:
        goal = getattr(self.target, scope, None) if self.target else None
        actual = getattr(self, scope)
        return goal is not None and actual is not None and actual < goal


def _pct(part: Decimal, whole: Decimal) -> Decimal | None:
    return (part * 100 / whole).quantize(CENT) if whole else None


def disbursement_vs_target(projects, fiscal_year: int) -> list[TargetRow]:
    """Per quarter: cumulative spending as % of the year's budget, overall, current
    (non-investment categories) and investment (งบลงทุน), next to the government's target
    for that quarter. Three queries."""
    projects = [p for p in _load(projects) if p.status != ProjectStatus.CANCELLED]
    budget = {"overall": ZERO, "current": ZERO, "investment": ZERO}
    for project in projects:
        for line in project.budget_lines.all():
            scope = "investment" if _is_investment(line.category) else "current"
            budget[scope] += line.amount
            budget["overall"] += line.amount
    spent = defaultdict(lambda: {"overall": ZERO, "current": ZERO, "investment": ZERO})
    start, end = thai.fiscal_year_range(fiscal_year)
    if projects:
        rows = (
            Transaction.objects.filter(
                lineage_q(projects), kind__in=SPENDING, date__gte=start, date__lte=end
            )
            .annotate(month=TruncMonth("date"))
            .values(
                "month",
                "budget_line__category__is_investment",
                "budget_line__category__parent__is_investment",
            )
            .annotate(total=Sum("amount"))
        )
        for row in rows:
            month = row["month"]
            month = month.date() if isinstance(month, dt.datetime) else month
            quarter = (thai.fiscal_month_index(month.month) - 1) // 3 + 1
            investment = (
                row["budget_line__category__is_investment"]
                or row["budget_line__category__parent__is_investment"]
            )
            scope = "investment" if investment else "current"
            spent[quarter][scope] += row["total"]
            spent[quarter]["overall"] += row["total"]
    targets = {t.quarter: t for t in DisbursementTarget.objects.filter(fiscal_year=fiscal_year)}
    result, cumulative = [], {"overall": ZERO, "current": ZERO, "investment": ZERO}
    for quarter in range(1, 5):
        for scope in cumulative:
            cumulative[scope] += spent[quarter][scope]
        result.append(
            TargetRow(
                quarter=quarter,
                until=thai.quarter_range(fiscal_year, quarter)[1],
                target=targets.get(quarter),
                **{scope: _pct(cumulative[scope], budget[scope]) for scope in cumulative},
            )
        )
    return result


def _is_investment(category) -> bool:
    return bool(category.is_investment or (category.parent and category.parent.is_investment))


# --- efficiency ----------------------------------------------------------------------------
def efficiency(spent: Decimal, achieved_units) -> Decimal | None:
    """Money spent per unit of output achieved (None when nothing is achieved yet)."""
    units = Decimal(str(achieved_units or 0))
    if units <= 0:
        return None
    return (Decimal(spent) / units).quantize(CENT)


def planned_cost_per_unit(projects) -> dict[int, Decimal | None]:
    """{project id: planned money ÷ the first output's target} (None without a target).
    Two queries for a queryset."""
    if hasattr(projects, "prefetch_related"):
        projects = list(projects.prefetch_related("budget_lines", "outputs"))
    result = {}
    for project in projects:
        outputs = sorted(project.outputs.all(), key=lambda o: o.pk)
        total = sum((line.amount for line in project.budget_lines.all()), ZERO)
        target = outputs[0].target if outputs else None
        result[project.pk] = efficiency(total, target) if target else None
    return result


def transactions_for(organization, fiscal_year: int, user):
    """Transactions of an organisation's fiscal year the user may see, with list joins."""
    return (
        Transaction.objects.for_user(user, "view")
        .filter(organization=organization, fiscal_year=fiscal_year)
        .select_related("project", "budget_line__source", "budget_line__category", "confirmed_by")
    )


def advances_due(organization, today: dt.date, within_days: int = 14):
    """Open advances whose clear-by date is within ``within_days`` or passed (for warnings)."""
    qs = (
        Transaction.objects.filter(organization=organization, kind=K.ADVANCE)
        .annotate(cleared=Sum("settlements__amount"))
        .filter(clear_by__lte=today + dt.timedelta(days=within_days))
    )
    return [t for t in qs.select_related("project") if (t.cleared or ZERO) < t.amount]


__all__ = [
    "Balance",
    "CurvePoint",
    "advances_due",
    "disbursement_vs_target",
    "efficiency",
    "line_balance",
    "planned_cost_per_unit",
    "project_balance",
    "projects_in_force",
    "s_curve",
    "s_curves",
    "spent_by_project",
]
