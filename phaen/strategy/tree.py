"""The plan as a tree of plain values: the JSON exchange format of strategic plans.

``plan_to_tree`` (export) and ``tree_to_plan`` (import) are inverse: importing an export
and exporting again gives the same JSON (tested). The document importer, the Excel
import, the API and revisions all go through ``tree_to_plan``.

Shape (more keys than the minimum are welcome)::

    {"organization": "CODE", "kind": "strategic", "title": "...", "start_year": 2566,
     "end_year": 2570, "vision": "...", "missions": ["..."], "objectives": ["..."],
     "issues": [{"number": 1, "title": "...", "objective": "...", "frameworks": ["sdg:4"],
                 "indicators": [{"number": "1", "name": "...", "children": [...], ...}],
                 "strategies": [{"number": "1", "name": "...", "projects": [{"name": "..."}]}],
                 "projects": [{"name": "..."}]}],
     "swot": {"strengths": [...], "weaknesses": [...], "opportunities": [...], "threats": [...]},
     "swot_planning": {... the same for the planning work ...}}

Framework links are written ``"<framework code>:<item code>"`` (``national_strategy:3``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from phaen.budget.models import WorkPlan
from phaen.organizations.models import Unit
from phaen.strategy import choices as c
from phaen.strategy.models import (
    FrameworkItem,
    Goal,
    Indicator,
    IndicatorCriterion,
    IndicatorTarget,
    Issue,
    Mission,
    PlanProject,
    ProjectYearBudget,
    StrategicPlan,
    Strategy,
    SwotItem,
)

QUADRANTS = {"strengths": "S", "weaknesses": "W", "opportunities": "O", "threats": "T"}
SWOT_KEYS = {"swot": c.SwotScope.ORGANIZATION, "swot_planning": c.SwotScope.PLANNING}


def number_out(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: an int when whole."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# --- export ----------------------------------------------------------------------------------
def _frameworks() -> Prefetch:
    return Prefetch("frameworks", FrameworkItem.objects.select_related("framework"))


def plan_queryset():
    """Everything a tree export reads, in a fixed number of queries (not one per item)."""
    indicators = Indicator.objects.prefetch_related("targets", "criteria", _frameworks())
    projects = (
        PlanProject.objects.filter(removed_in__isnull=True)
        .select_related("work_plan", "responsible_unit")
        .prefetch_related("year_budgets", _frameworks())
    )
    return StrategicPlan.objects.select_related("organization").prefetch_related(
        "missions",
        "goals",
        "swot_items",
        Prefetch(
            "issues",
            Issue.objects.prefetch_related(
                _frameworks(),
                Prefetch("indicators", indicators),
                Prefetch(
                    "strategies",
                    Strategy.objects.prefetch_related(
                        _frameworks(), Prefetch("projects", projects)
                    ),
                ),
                Prefetch("projects", projects),
            ),
        ),
    )


def _links(obj) -> list[str]:
    return sorted(f"{item.framework.code}:{item.code}" for item in obj.frameworks.all())


def _indicator_out(ind: Indicator, by_parent: dict) -> dict[str, Any]:
    return {
        "number": ind.number,
        "name": ind.name,
        "unit": ind.unit,
        "baseline": {"value": number_out(ind.baseline_value), "year": ind.baseline_year},
        "direction": ind.direction,
        "band": [number_out(ind.band_low), number_out(ind.band_high)],
        "weight": number_out(ind.weight),
        "formula": ind.formula,
        "data_source": ind.data_source,
        "measured_by": ind.measured_by,
        "frequency": ind.frequency,
        "combination": ind.combination,
        "targets": [
            {"year": t.fiscal_year, "quarter": t.quarter, "value": number_out(t.value)}
            for t in ind.targets.all()
        ],
        "criteria": [
            {"level": k.level, "description": k.description, "value": number_out(k.value)}
            for k in ind.criteria.all()
        ],
        "frameworks": _links(ind),
        "children": [_indicator_out(child, by_parent) for child in by_parent.get(ind.pk, [])],
    }


def _project_out(p: PlanProject) -> dict[str, Any]:
    return {
        "name": p.name,
        "number": p.number,
        "flagship": p.is_flagship,
        "category": p.category,
        "work_plan": p.work_plan.ordinal if p.work_plan else None,
        "objectives": p.objectives,
        "outputs": p.outputs,
        "kpi": p.kpi,
        "expected_results": p.expected_results,
        "unit": p.responsible_unit.code if p.responsible_unit else None,
        "budgets": {str(b.year): number_out(b.amount) for b in p.year_budgets.all()},
        "frameworks": _links(p),
    }


def _issue_out(issue: Issue) -> dict[str, Any]:
    indicators = list(issue.indicators.all())
    by_parent: dict[int | None, list[Indicator]] = {}
    for ind in indicators:
        by_parent.setdefault(ind.parent_id, []).append(ind)
    return {
        "number": issue.number,
        "title": issue.title,
        "objective": issue.objective,
        "frameworks": _links(issue),
        "indicators": [_indicator_out(i, by_parent) for i in by_parent.get(None, [])],
        "strategies": [
            {
                "number": s.number,
                "name": s.name,
                "frameworks": _links(s),
                "projects": [_project_out(p) for p in s.projects.all()],
            }
            for s in issue.strategies.all()
        ],
        "projects": [_project_out(p) for p in issue.projects.all() if p.strategy_id is None],
    }


def plan_to_tree(plan: StrategicPlan) -> dict[str, Any]:
    """Export ``plan`` (fetched through :func:`plan_queryset`) as the exchange JSON."""
    swot: dict[str, dict[str, list[str]]] = {key: {q: [] for q in QUADRANTS} for key in SWOT_KEYS}
    reverse = {v: k for k, v in QUADRANTS.items()}
    for item in plan.swot_items.all():
        key = "swot" if item.scope == c.SwotScope.ORGANIZATION else "swot_planning"
        swot[key][reverse[item.quadrant]].append(item.text)
    issue_label, goal_label, strategy_label = plan.labels()
    return {
        "organization": plan.organization.code,
        "kind": plan.kind,
        "title": plan.title,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "vision": plan.vision,
        "revision": plan.revision,
        "status": plan.status,
        "digits": plan.digits,
        "labels": {"issue": issue_label, "goal": goal_label, "strategy": strategy_label},
        "weights_total_100": plan.weights_total_100,
        "missions": [m.text for m in plan.missions.all()],
        "objectives": [g.text for g in plan.goals.all()],
        "issues": [_issue_out(issue) for issue in plan.issues.all()],
        **swot,
    }


# --- import ----------------------------------------------------------------------------------
class TreeErrors:
    """Collects errors keyed by their path in the tree ("issues.0.indicators.1.weight")."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(str(message))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


class _Importer:
    """Creates the rows of one tree under one plan; all-or-nothing (the caller's atomic)."""

    def __init__(self, plan: StrategicPlan, by) -> None:
        self.plan, self.by, self.errors = plan, by, TreeErrors()
        self.items = {
            f"{i.framework.code}:{i.code}": i
            for i in FrameworkItem.objects.select_related("framework")
        }
        self.work_plans = {w.ordinal: w for w in WorkPlan.objects.all()}
        self.units = {u.code: u for u in Unit.objects.filter(organization=plan.organization)}
        self.extra: dict[str, Any] = {}  # fields every new project gets (an edition's marks)

    def save(self, obj, path: str):
        obj._history_user = self.by
        try:
            obj.full_clean()
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    self.errors.add(f"{path}.{field}" if field != "__all__" else path, message)
            return None
        obj.save()
        return obj

    def links(self, obj, codes, path: str) -> None:
        found = []
        for index, code in enumerate(codes or []):
            item = self.items.get(str(code))
            if item is None:
                self.errors.add(
                    f"{path}.frameworks.{index}",
                    _("Unknown framework item %(code)s") % {"code": code},
                )
            else:
                found.append(item)
        if obj is not None and found:
            obj.frameworks.add(*found)

    def decimal(self, value, path: str) -> Decimal | None:
        if value in (None, ""):
            return None
        try:
            return Decimal(str(value).replace(",", ""))
        except InvalidOperation:
            self.errors.add(path, _("%(value)s is not a number") % {"value": value})
            return None

    def plan_parts(self, tree: dict) -> None:
        for order, text in enumerate(tree.get("missions") or [], start=1):
            self.save(
                Mission(plan=self.plan, number=str(order), text=text, sort_order=order),
                f"missions.{order - 1}",
            )
        for order, text in enumerate(tree.get("objectives") or [], start=1):
            self.save(
                Goal(plan=self.plan, number=str(order), text=text, sort_order=order),
                f"objectives.{order - 1}",
            )
        for key, scope in SWOT_KEYS.items():
            for quadrant_key, quadrant in QUADRANTS.items():
                for order, text in enumerate((tree.get(key) or {}).get(quadrant_key) or [], 1):
                    self.save(
                        SwotItem(
                            organization=self.plan.organization,
                            plan=self.plan,
                            scope=scope,
                            quadrant=quadrant,
                            text=text,
                            sort_order=order,
                        ),
                        f"{key}.{quadrant_key}.{order - 1}",
                    )

    def issue(self, data: dict, index: int) -> None:
        path = f"issues.{index}"
        issue = self.save(
            Issue(
                plan=self.plan,
                number=data.get("number") or index + 1,
                title=data.get("title") or "",
                sort_order=index + 1,
                objective=data.get("objective") or "",
            ),
            path,
        )
        self.links(issue, data.get("frameworks"), path)
        if issue is None:
            return
        for order, ind in enumerate(data.get("indicators") or []):
            self.indicator(ind, issue, None, f"{path}.indicators.{order}", order)
        self.check_weights(data.get("indicators") or [], path)
        for order, strat in enumerate(data.get("strategies") or []):
            spath = f"{path}.strategies.{order}"
            strategy = self.save(
                Strategy(
                    issue=issue,
                    number=str(strat.get("number") or order + 1),
                    name=strat.get("name") or "",
                    sort_order=order + 1,
                ),
                spath,
            )
            self.links(strategy, strat.get("frameworks"), spath)
            for porder, proj in enumerate(strat.get("projects") or []):
                self.project(proj, issue, strategy, f"{spath}.projects.{porder}", porder)
        for order, proj in enumerate(data.get("projects") or []):
            self.project(proj, issue, None, f"{path}.projects.{order}", order)

    def check_weights(self, indicators: list[dict], path: str) -> None:
        if not self.plan.weights_total_100 or not indicators:
            return
        total = sum((self.decimal(i.get("weight"), path) or Decimal(0)) for i in indicators)
        if total != 100:
            self.errors.add(
                f"{path}.indicators",
                _("The indicators' weights add up to %(total)s, not 100.")
                % {"total": number_out(total)},
            )

    def indicator(self, data: dict, issue: Issue, parent, path: str, order: int) -> None:
        baseline = data.get("baseline") or {}
        band = data.get("band") or [None, None]
        ind = self.save(
            Indicator(
                plan=self.plan,
                issue=issue,
                parent=parent,
                sort_order=order + 1,
                number=str(data.get("number") or order + 1),
                name=data.get("name") or "",
                unit=data.get("unit") or "",
                baseline_value=self.decimal(baseline.get("value"), path),
                baseline_year=baseline.get("year"),
                direction=data.get("direction") or "higher",
                band_low=self.decimal(band[0], f"{path}.band"),
                band_high=self.decimal(band[1], f"{path}.band"),
                weight=self.decimal(data.get("weight"), f"{path}.weight"),
                formula=data.get("formula") or "",
                data_source=data.get("data_source") or "",
                measured_by=data.get("measured_by") or "",
                frequency=data.get("frequency") or c.Frequency.YEARLY,
                combination=data.get("combination") or c.Combination.NOT_CUMULATIVE,
            ),
            path,
        )
        self.links(ind, data.get("frameworks"), path)
        if ind is None:
            return
        for i, t in enumerate(data.get("targets") or []):
            self.save(
                IndicatorTarget(
                    indicator=ind,
                    fiscal_year=t.get("year"),
                    quarter=t.get("quarter"),
                    value=self.decimal(t.get("value"), f"{path}.targets.{i}"),
                ),
                f"{path}.targets.{i}",
            )
        for i, k in enumerate(data.get("criteria") or []):
            self.save(
                IndicatorCriterion(
                    indicator=ind,
                    level=k.get("level"),
                    description=k.get("description") or "",
                    value=self.decimal(k.get("value"), path),
                ),
                f"{path}.criteria.{i}",
            )
        for i, child in enumerate(data.get("children") or []):
            self.indicator(child, issue, ind, f"{path}.children.{i}", i)

    def project(self, data: dict, issue: Issue, strategy, path: str, order: int):
        work_plan = data.get("work_plan")
        if work_plan is not None and work_plan not in self.work_plans:
            self.errors.add(f"{path}.work_plan", _("Unknown work plan %(n)s") % {"n": work_plan})
        unit = data.get("unit")
        if unit and unit not in self.units:
            self.errors.add(f"{path}.unit", _("Unknown unit %(code)s") % {"code": unit})
        project = self.save(
            PlanProject(
                plan=self.plan,
                issue=issue,
                strategy=strategy,
                sort_order=order + 1,
                name=data.get("name") or "",
                number=str(data.get("number") or ""),
                is_flagship=bool(data.get("flagship")),
                category=data.get("category") or c.ProjectCategory.OWN,
                work_plan=self.work_plans.get(work_plan),
                responsible_unit=self.units.get(unit),
                objectives=data.get("objectives") or "",
                outputs=data.get("outputs") or "",
                kpi=data.get("kpi") or "",
                expected_results=data.get("expected_results") or "",
                **self.extra,
            ),
            path,
        )
        self.links(project, data.get("frameworks"), path)
        for year, amount in (data.get("budgets") or {}).items():
            bpath = f"{path}.budgets.{year}"
            if project is not None and self.year_in_plan(year, bpath):
                self.save(
                    ProjectYearBudget(
                        project=project, year=int(year), amount=self.decimal(amount, bpath)
                    ),
                    bpath,
                )
        return project

    def year_in_plan(self, year, path: str) -> bool:
        if str(year).isdigit() and self.plan.start_year <= int(year) <= self.plan.end_year:
            return True
        self.errors.add(
            path,
            _("The year %(year)s is outside the plan's period %(start)s–%(end)s.")
            % {"year": year, "start": self.plan.start_year, "end": self.plan.end_year},
        )
        return False


@transaction.atomic
def tree_to_plan(*, plan: StrategicPlan, tree: dict, by=None) -> StrategicPlan:
    """Fill the (new, empty) ``plan`` from ``tree``. Raises ValidationError naming every bad
    path; nothing is saved then (the transaction rolls back)."""
    importer = _Importer(plan, by)
    importer.plan_parts(tree)
    for index, issue in enumerate(tree.get("issues") or []):
        importer.issue(issue, index)
    importer.errors.raise_if_any()
    return plan
