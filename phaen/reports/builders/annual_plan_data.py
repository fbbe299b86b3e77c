"""The data of the forms of an annual plan (ผด.01, ผด.02, ผด.02/1), computed once for every
renderer: the plan as a user may see it, its projects grouped by strategy and work plan,
the summary of ผด.01 and the JSON documents. The reports themselves (PDF and Excel layouts)
are in ``annual_plan_forms``; rules in words there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import pgettext

from phaen.core.reference import read_csv
from phaen.core.thai import FISCAL_MONTH_ABBRS
from phaen.plans import choices as pc
from phaen.plans.models import Activity, AnnualPlan, BudgetLine, EquipmentItem, Project
from phaen.reports.builders import local_plan_forms as ldp
from phaen.reports.builders.local_plan_forms import Layout
from phaen.reports.registry import ReportError
from phaen.strategy import choices as sc

CURRENT_VERSION = "2548"  # the regulation that made the operational plan and its forms
PD01, PD02, PD02_1 = "ผด.01", "ผด.02", "ผด.02/1"
ZERO = Decimal(0)
HUNDRED = Decimal(100)
NO_ORDER = 10_000  # sorts "no strategy" / "no work plan" after the numbered ones

# leaf key -> (kind, per year); the month keys are calendar months (see form_columns.csv)
MONTH_FIELDS = {
    **{f"prev.{m}": ("month", False) for m in (10, 11, 12)},
    **{f"year.{m}": ("month", False) for m in range(1, 10)},
}
PD01_FIELDS = {
    "strategy": ("text", False),
    "projects": ("int", False),
    "projects_pct": ("percent", False),
    "budget": ("money", False),
    "budget_pct": ("percent", False),
    "unit": ("text", False),
}
PD02_FIELDS = {
    "no": ("text", False),
    "name": ("text", False),
    "details": ("text", False),
    "budget": ("money", False),
    "place": ("text", False),
    "unit": ("text", False),
    **MONTH_FIELDS,
}


def fiscal_month_of(key: str) -> int:
    """Fiscal month number (1 = October … 12 = September) of a month column key."""
    calendar = int(key.rpartition(".")[2])
    return (calendar - 10) % 12 + 1


def load_form_layout(form: str, version: str, fiscal_year: int, fields: dict) -> Layout:
    """The columns of ``form`` in ``version`` for ``fiscal_year``, from the shared
    ``form_columns.csv`` (read each time, so a corrected file applies without a restart)."""
    rows = [r for r in read_csv(ldp.COLUMNS_FILE) if r["form"] == form and r["version"] == version]
    if not rows:
        raise ReportError(
            pgettext("report", "The form %(form)s has no column set for version %(version)s.")
            % {"form": form, "version": version}
        )
    roots: list[dict] = []
    nodes: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: int(r["col_order"])):
        text = (
            row["header_th"]
            .replace("{fiscal_year}", str(fiscal_year))
            .replace("{previous_year}", str(fiscal_year - 1))
        )
        node = {"key": row["key"], "year": None, "text": text, "children": []}
        parent = row["key"].rpartition(".")[0]
        if parent and parent not in nodes:
            raise ReportError(
                pgettext("report", "Column %(key)s of form %(form)s comes before its parent.")
                % {"key": row["key"], "form": form}
            )
        (nodes[parent]["children"] if parent else roots).append(node)
        nodes[row["key"]] = node
    return ldp._layout_from_tree(form, version, roots, fields)


# --- who reads ---------------------------------------------------------------------------------
class PublicReader:
    """Anyone, without login, on the public page of an announced plan: sees the announced
    editions of annual plans and nothing else. Not a user: the permission module gives it
    nothing anywhere (it is not authenticated), so only the queries below let it through."""

    is_authenticated = False
    is_active = False
    is_superuser = False

    def __repr__(self) -> str:
        return "<PublicReader>"


PUBLIC = PublicReader()


def visible(queryset, user, plan_path: str = ""):
    """``queryset`` of plans (or of things of a plan, through ``plan_path`` such as
    "plan__") limited to what ``user`` may see: for ``PUBLIC``, announced plans only."""
    if user is PUBLIC:
        return queryset.filter(**{f"{plan_path}state": pc.PlanState.ANNOUNCED})
    return queryset.for_user(user, "view")


# --- the plan and its projects ----------------------------------------------------------------
@dataclass
class PlanHead:
    id: int
    title: str
    kind: str
    kind_label: str
    organization: str
    organization_code: str
    fiscal_year: int
    state: str
    edition: str  # "" for the original plan, else "เพิ่มเติม 1/2568"
    multi_year_plan: int | None
    thai_digits: bool  # the multi-year plan chose Thai digits


def plan_head(plan: AnnualPlan) -> PlanHead:
    multi = plan.multi_year_plan
    return PlanHead(
        id=plan.pk,
        title=plan.title,
        kind=plan.kind,
        kind_label=str(pc.AnnualPlanKind(plan.kind).label),
        organization=plan.organization.name,
        organization_code=plan.organization.code,
        fiscal_year=plan.fiscal_year,
        state=plan.state,
        edition="" if plan.edition_kind == pc.EditionKind.ORIGINAL else plan.edition_label,
        multi_year_plan=plan.multi_year_plan_id,
        thai_digits=multi is not None and multi.digits == sc.Digits.THAI,
    )


def load_annual_plan(*, user, plan_id) -> AnnualPlan:
    """The annual plan ``plan_id`` if ``user`` may see it; the same ``ReportError`` for an
    unknown and an invisible plan (the command does not reveal what exists)."""
    plan = None
    if str(plan_id).isdigit():
        plan = (
            visible(AnnualPlan.objects, user)
            .select_related("organization", "multi_year_plan")
            .filter(pk=plan_id)
            .first()
        )
    if plan is None:
        raise ReportError(
            pgettext("report", "There is no annual plan %(id)s that you may see.") % {"id": plan_id}
        )
    return plan


def plan_projects(*, user, plan: AnnualPlan, with_lines: bool = False) -> list[Project]:
    """The plan's projects that the forms print (cancelled ones left out), with what the
    forms need prefetched: three queries (four with the budget lines' sources and
    categories), whatever the number of projects."""
    lines = BudgetLine.objects.order_by("id")
    lines = (
        lines.select_related("source", "category__parent")
        if with_lines
        else lines.only("id", "project_id", "amount")
    )
    activities = Activity.objects.only("id", "project_id", "name", "months", "sort_order")
    return list(
        visible(Project.objects, user, "plan__")
        .filter(plan=plan)
        .exclude(status=pc.ProjectStatus.CANCELLED)
        .select_related("issue", "work_plan", "responsible_unit")
        .prefetch_related(
            Prefetch("activities", activities.order_by("sort_order", "id")),
            Prefetch("budget_lines", lines),
        )
        .order_by("sort_order", "id")
    )


def project_budget(project: Project) -> Decimal:
    return sum((line.amount for line in project.budget_lines.all()), ZERO)


def project_months(project: Project) -> list[int]:
    """The project's planned months, or the union of its activities' months."""
    months = set(project.months or [])
    if not months:
        for activity in project.activities.all():
            months.update(activity.months or [])
    return sorted(months)


def project_details(project: Project) -> list[str]:
    names = [a.name for a in project.activities.all()]
    if names:
        return names
    return [line.strip() for line in (project.objectives or "").splitlines() if line.strip()]


def month_abbrs(months: list[int]) -> list[str]:
    return [FISCAL_MONTH_ABBRS[m - 1] for m in months]


def strategy_text(issue) -> str:
    return f"{issue.number}. {issue.title}" if issue is not None else ""


def _group_key(project: Project) -> tuple[int, str, int, str]:
    issue, wp = project.issue, project.work_plan
    return (
        issue.number if issue is not None else NO_ORDER,
        strategy_text(issue),
        wp.ordinal if wp is not None else NO_ORDER,
        str(wp) if wp is not None else "",
    )


# --- ผด.02 ------------------------------------------------------------------------------------
@dataclass
class FormRow:
    """A project of ผด.02 or an equipment item of ผด.02/1."""

    no: int
    id: int
    code: str
    name: str
    details: list[str]
    budget: Decimal
    place: str
    unit: str
    months: list[int]  # fiscal month numbers, 1 = October
    out_of_plan: bool = False


@dataclass
class FormGroup:
    heading: str  # the strategy ("1. …") or, in ผด.02/1, the kind of equipment
    heading_number: int | None
    work_plan: str
    work_plan_number: int | None
    rows: list[FormRow]

    @property
    def budget(self) -> Decimal:
        return sum((r.budget for r in self.rows), ZERO)


@dataclass
class FormDocument:
    form: str
    version: str
    plan: PlanHead
    layout: Layout
    groups: list[FormGroup]

    @property
    def count(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    @property
    def budget(self) -> Decimal:
        return sum((g.budget for g in self.groups), ZERO)


def pd02_groups(projects: list[Project]) -> list[FormGroup]:
    """The projects by strategy and work plan, in that order, each group in plan order."""
    by_key: dict[tuple, list[Project]] = {}
    for project in projects:
        by_key.setdefault(_group_key(project), []).append(project)
    groups = []
    for key in sorted(by_key):
        issue_number, strategy, wp_number, work_plan = key
        rows = []
        for no, project in enumerate(by_key[key], start=1):
            unit = project.responsible_unit
            rows.append(
                FormRow(
                    no=no,
                    id=project.pk,
                    code=project.code,
                    name=project.name,
                    details=project_details(project),
                    budget=project_budget(project),
                    place=project.place,
                    unit=unit.name if unit is not None else project.other_agency,
                    months=project_months(project),
                    out_of_plan=project.out_of_plan,
                )
            )
        groups.append(
            FormGroup(
                heading=strategy,
                heading_number=issue_number if strategy else None,
                work_plan=work_plan,
                work_plan_number=wp_number if work_plan else None,
                rows=rows,
            )
        )
    return groups


def build_pd02(*, user, plan_id, version: str = CURRENT_VERSION) -> FormDocument:
    plan = load_annual_plan(user=user, plan_id=plan_id)
    layout = load_form_layout(PD02, version, plan.fiscal_year, PD02_FIELDS)
    groups = pd02_groups(plan_projects(user=user, plan=plan))
    return FormDocument(PD02, version, plan_head(plan), layout, groups)


def plan_equipment(*, user, plan: AnnualPlan) -> list[EquipmentItem]:
    return list(
        visible(EquipmentItem.objects, user, "plan__")
        .filter(plan=plan)
        .select_related("category", "work_plan", "responsible_unit")
        .order_by("sort_order", "id")
    )


def pd02_1_groups(items: list[EquipmentItem]) -> list[FormGroup]:
    """The equipment by kind (expense item, e.g. ค่าครุภัณฑ์) and work plan."""
    by_key: dict[tuple, list] = {}
    for item in items:
        wp, category = item.work_plan, item.category
        key = (
            (category.sort_order, category.code, str(category)),
            (wp.ordinal, str(wp)) if wp is not None else (NO_ORDER, ""),
        )
        by_key.setdefault(key, []).append(item)
    groups = []
    for (category, (wp_number, work_plan)), members in sorted(by_key.items()):
        rows = [
            FormRow(
                no=no,
                id=item.pk,
                code=item.category.code,
                name=item.name,
                details=[t.strip() for t in item.details.splitlines() if t.strip()],
                budget=item.amount,
                place=item.place,
                unit=item.responsible_unit.name if item.responsible_unit_id else "",
                months=sorted(set(item.months or [])),
            )
            for no, item in enumerate(members, start=1)
        ]
        groups.append(
            FormGroup(
                heading=category[2],
                heading_number=None,
                work_plan=work_plan,
                work_plan_number=wp_number if work_plan else None,
                rows=rows,
            )
        )
    return groups


def build_pd02_1(*, user, plan_id, version: str = CURRENT_VERSION) -> FormDocument:
    plan = load_annual_plan(user=user, plan_id=plan_id)
    layout = load_form_layout(PD02_1, version, plan.fiscal_year, PD02_FIELDS)
    groups = pd02_1_groups(plan_equipment(user=user, plan=plan))
    return FormDocument(PD02_1, version, plan_head(plan), layout, groups)


# --- ผด.01 ------------------------------------------------------------------------------------
@dataclass
class SummaryLine:
    strategy: str
    work_plan: str
    projects: int
    projects_pct: Decimal
    budget: Decimal
    budget_pct: Decimal
    unit: str


@dataclass
class StrategySummary:
    strategy: str
    projects: int
    projects_pct: Decimal
    budget: Decimal
    budget_pct: Decimal
    lines: list[SummaryLine] = field(default_factory=list)


@dataclass
class SummaryDocument:
    form: str
    version: str
    plan: PlanHead
    layout: Layout
    strategies: list[StrategySummary]
    projects: int
    budget: Decimal

    @property
    def rows(self) -> list[SummaryLine]:
        return [line for s in self.strategies for line in s.lines]


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal:
    """``part`` as a percentage of ``whole``, two decimals, half up (0 when ``whole`` is 0)."""
    if not whole:
        return Decimal("0.00")
    value = Decimal(part) * HUNDRED / Decimal(whole)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def summarize(groups: list[FormGroup], layout: Layout, plan: PlanHead, version: str):
    """ผด.01 from the groups of ผด.02: the same projects, the same money."""
    count = sum(len(g.rows) for g in groups)
    budget = sum((g.budget for g in groups), ZERO)
    strategies: dict[str, StrategySummary] = {}
    for group in groups:
        units: list[str] = []
        for row in group.rows:
            if row.unit and row.unit not in units:
                units.append(row.unit)
        n = len(group.rows)
        line = SummaryLine(
            strategy=group.heading,
            work_plan=group.work_plan,
            projects=n,
            projects_pct=percent(n, count),
            budget=group.budget,
            budget_pct=percent(group.budget, budget),
            unit=", ".join(units),
        )
        summary = strategies.get(group.heading)
        if summary is None:
            summary = strategies[group.heading] = StrategySummary(
                group.heading, 0, ZERO, ZERO, ZERO
            )
        summary.lines.append(line)
        summary.projects += n
        summary.budget += group.budget
    for summary in strategies.values():
        summary.projects_pct = percent(summary.projects, count)
        summary.budget_pct = percent(summary.budget, budget)
    return SummaryDocument(PD01, version, plan, layout, list(strategies.values()), count, budget)


def build_pd01(*, user, plan_id, version: str = CURRENT_VERSION) -> SummaryDocument:
    plan = load_annual_plan(user=user, plan_id=plan_id)
    layout = load_form_layout(PD01, version, plan.fiscal_year, PD01_FIELDS)
    groups = pd02_groups(plan_projects(user=user, plan=plan))
    return summarize(groups, layout, plan_head(plan), version)


# --- JSON -------------------------------------------------------------------------------------
def head_json(plan: PlanHead, form: str, version: str) -> dict[str, Any]:
    return {
        "plan": plan.id,
        "fiscal_year": plan.fiscal_year,
        "form": form,
        "version": version,
        "kind": plan.kind,
        "title": plan.title,
        "edition": plan.edition,
        "organization": plan.organization,
    }


def pd01_json(data: SummaryDocument) -> dict[str, Any]:
    def numbers(x) -> dict[str, Any]:
        return {
            "projects": x.projects,
            "projects_pct": x.projects_pct,
            "budget": x.budget,
            "budget_pct": x.budget_pct,
        }

    return {
        **head_json(data.plan, data.form, data.version),
        "rows": [
            {"strategy": r.strategy, "work_plan": r.work_plan, **numbers(r), "unit": r.unit}
            for r in data.rows
        ],
        "strategies": [{"strategy": s.strategy, **numbers(s)} for s in data.strategies],
        "total": {"projects": data.projects, "budget": data.budget},
    }


def form_json(data: FormDocument, rows_key: str, heading_key: str) -> dict[str, Any]:
    """ผด.02 (``projects`` under each strategy) and ผด.02/1 (``items`` under each kind)."""

    def row(r: FormRow) -> dict[str, Any]:
        doc = {
            "no": r.no,
            "name": r.name,
            "details": r.details,
            "budget": r.budget,
            "place": r.place,
            "unit": r.unit,
            "months": month_abbrs(r.months),
        }
        if rows_key == "projects":
            doc.update(id=r.id, code=r.code, out_of_plan=r.out_of_plan)
        return doc

    return {
        **head_json(data.plan, data.form, data.version),
        "groups": [
            {
                heading_key: g.heading,
                "work_plan": g.work_plan,
                rows_key: [row(r) for r in g.rows],
                "total": {rows_key: len(g.rows), "budget": g.budget},
            }
            for g in data.groups
        ],
        "total": {rows_key: data.count, "budget": data.budget},
    }
