"""Report "strategic-plan": the whole multi-year plan as one printable document.

Cover block, vision, missions, goals, the SWOT boards, then per issue its objective,
alignment, indicators (sub-indicators indented, a target column per plan year),
strategies with their projects and the projects directly under it; finally which part
of the plan serves which framework item (National Strategy, master plans, SDGs …).

The plan is read through ``strategy.tree.plan_queryset`` (a fixed number of queries for
any size) and the JSON document is its exchange tree (``plan_to_tree``) plus the plan's
id and the printed headings. Numbers print in Thai digits when asked (``--thai-digits``)
or when the plan itself chose Thai digits (``digits == "thai"``).
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language, gettext_lazy, pgettext

from phaen.core.thai import format_number, format_thai_date
from phaen.reports.registry import Report, ReportError, register
from phaen.reports.renderers.styles import Column, new_sheet, write_table, write_title
from phaen.strategy import choices as c
from phaen.strategy.models import StrategicPlan
from phaen.strategy.tree import plan_queryset, plan_to_tree

SWOT_QUADRANTS = (("S", "strengths"), ("W", "weaknesses"), ("O", "opportunities"), ("T", "threats"))


@dataclass
class Cover:
    title: str
    organization: str
    organization_code: str
    kind: str
    kind_label: str
    start_year: int
    end_year: int
    revision: int
    status: str
    status_label: str
    superseded: bool
    approved_on: dt.date | None


@dataclass
class Swot:
    scope: str  # "organization" or "planning"
    strengths: list[str] = field(default_factory=list)
    weaknesses: list[str] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)
    threats: list[str] = field(default_factory=list)


@dataclass
class IndicatorLine:
    number: str
    name: str
    depth: int  # 0 for an indicator, 1 for its sub-indicator …
    unit: str
    baseline: Decimal | None
    baseline_year: int | None
    weight: Decimal | None
    targets: list[Decimal | None]  # one per plan year (yearly targets; quarters left out)


@dataclass
class ProjectLine:
    number: str
    name: str
    flagship: bool
    category: str


@dataclass
class StrategyPart:
    number: str
    name: str
    frameworks: list[str]
    projects: list[ProjectLine]


@dataclass
class IssuePart:
    number: int
    title: str
    objective: str
    frameworks: list[str]  # "code name" of each linked framework item
    indicators: list[IndicatorLine]
    strategies: list[StrategyPart]
    projects: list[ProjectLine]  # directly under the issue


@dataclass
class AlignmentRow:
    framework: str
    item: str
    served_by: list[str]


@dataclass
class StrategicPlanDocument:
    plan: int
    cover: Cover
    levels: dict[str, str]  # the plan's own labels: issue, goal, strategy
    years: list[int]
    thai_digits: bool  # the plan chose Thai digits
    vision: str
    missions: list[str]
    goals: list[str]
    swot: list[Swot]
    issues: list[IssuePart]
    alignment: list[AlignmentRow]
    tree: dict[str, Any]


def number_text(value: Decimal | None) -> str:
    """A target, baseline or weight as printed: thousands commas, only the decimals it has."""
    if value is None:
        return "-"
    exponent = value.normalize().as_tuple().exponent
    decimals = max(-exponent, 0) if isinstance(exponent, int) else 0
    return format_number(value, decimals)


def _item_text(item) -> str:
    return str(item)  # "code name", localized (FrameworkItem.__str__)


def _indicator_lines(issue, years: list[int]) -> list[IndicatorLine]:
    by_parent: dict[int | None, list] = {}
    for ind in issue.indicators.all():
        by_parent.setdefault(ind.parent_id, []).append(ind)
    lines: list[IndicatorLine] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for ind in by_parent.get(parent_id, []):
            yearly = {t.fiscal_year: t.value for t in ind.targets.all() if t.quarter is None}
            lines.append(
                IndicatorLine(
                    number=ind.number,
                    name=ind.name,
                    depth=depth,
                    unit=ind.unit,
                    baseline=ind.baseline_value,
                    baseline_year=ind.baseline_year,
                    weight=ind.weight,
                    targets=[yearly.get(year) for year in years],
                )
            )
            walk(ind.pk, depth + 1)

    walk(None, 0)
    return lines


def _project_line(project) -> ProjectLine:
    return ProjectLine(
        number=project.number,
        name=project.name,
        flagship=project.is_flagship,
        category=project.category,
    )


class _Alignment:
    """Collects, per framework item, what in the plan serves it (in plan order)."""

    def __init__(self, levels: dict[str, str]) -> None:
        self.levels = levels
        self.items: dict[int, tuple[Any, list[str]]] = {}

    def add(self, obj, text: str) -> list[str]:
        links = sorted(obj.frameworks.all(), key=lambda i: (i.framework.sort_order, i.sort_order))
        for item in links:
            served = self.items.setdefault(item.pk, (item, []))[1]
            if text not in served:
                served.append(text)
        return [f"{item.framework}: {_item_text(item)}" for item in links]

    def rows(self) -> list[AlignmentRow]:
        ordered = sorted(
            self.items.values(),
            key=lambda pair: (
                pair[0].framework.sort_order,
                pair[0].framework.code,
                pair[0].sort_order,
            ),
        )
        return [
            AlignmentRow(framework=str(item.framework), item=_item_text(item), served_by=served)
            for item, served in ordered
        ]


def _numbered(label: str, number: Any, name: str = "") -> str:
    text = pgettext("report", "%(label)s %(number)s") % {"label": label, "number": number}
    return f"{text} {name}".strip()


def _issue_part(issue, years: list[int], align: _Alignment, levels: dict[str, str]) -> IssuePart:
    frameworks = align.add(issue, _numbered(levels["issue"], issue.number, issue.title))
    indicators = _indicator_lines(issue, years)
    for ind in issue.indicators.all():
        align.add(ind, _numbered(pgettext("report", "Indicator"), ind.number, ind.name))
    strategies = []
    for strategy in issue.strategies.all():
        strategy_links = align.add(
            strategy, _numbered(levels["strategy"], strategy.number, strategy.name)
        )
        projects = list(strategy.projects.all())
        for project in projects:
            align.add(project, project.name)
        strategies.append(
            StrategyPart(
                number=strategy.number,
                name=strategy.name,
                frameworks=strategy_links,
                projects=[_project_line(p) for p in projects],
            )
        )
    direct = [p for p in issue.projects.all() if p.strategy_id is None]
    for project in direct:
        align.add(project, project.name)
    return IssuePart(
        number=issue.number,
        title=issue.title,
        objective=issue.objective,
        frameworks=frameworks,
        indicators=indicators,
        strategies=strategies,
        projects=[_project_line(p) for p in direct],
    )


def _swot(plan) -> list[Swot]:
    boards = {
        scope: Swot(scope=scope) for scope in (c.SwotScope.ORGANIZATION, c.SwotScope.PLANNING)
    }
    quadrants = dict(SWOT_QUADRANTS)
    for item in plan.swot_items.all():
        getattr(boards[item.scope], quadrants[item.quadrant]).append(item.text)
    return [
        board
        for board in boards.values()
        if any(getattr(board, name) for _code, name in SWOT_QUADRANTS)
    ]


def _visible(queryset, user):
    """The strategic plans ``user`` may see; the public reader of an announced annual plan's
    page sees the multi-year plans that announced plans draw on (public documents too)."""
    from phaen.plans.choices import PlanState
    from phaen.reports.builders.annual_plan_data import PUBLIC

    if user is PUBLIC:
        return queryset.filter(annual_plans__state=PlanState.ANNOUNCED).distinct()
    return queryset.for_user(user, "view")


def build_strategic_plan(*, user, plan_id: int) -> StrategicPlanDocument:
    """The plan ``plan_id`` as ``user`` may see it; ``ReportError`` when it is unknown or
    invisible (the same message for both)."""
    plan = (
        _visible(plan_queryset(), user).filter(pk=plan_id).first()
        if str(plan_id).isdigit()
        else None
    )
    if plan is None:
        raise ReportError(
            pgettext("report", "There is no plan %(id)s that you may see.") % {"id": plan_id}
        )
    issue_label, goal_label, strategy_label = plan.labels()
    levels = {"issue": issue_label, "goal": goal_label, "strategy": strategy_label}
    years = plan.years
    align = _Alignment(levels)
    issues = [_issue_part(issue, years, align, levels) for issue in plan.issues.all()]
    return StrategicPlanDocument(
        plan=plan.pk,
        cover=Cover(
            title=plan.title,
            organization=plan.organization.name,
            organization_code=plan.organization.code,
            kind=plan.kind,
            kind_label=str(c.PlanKind(plan.kind).label),
            start_year=plan.start_year,
            end_year=plan.end_year,
            revision=plan.revision,
            status=plan.status,
            status_label=str(c.PlanStatus(plan.status).label),
            superseded=plan.status == c.PlanStatus.APPROVED and plan.is_superseded(),
            approved_on=plan.approved_on,
        ),
        levels=levels,
        years=years,
        thai_digits=plan.digits == c.Digits.THAI,
        vision=plan.vision,
        missions=[m.text for m in plan.missions.all()],
        goals=[g.text for g in plan.goals.all()],
        swot=_swot(plan),
        issues=issues,
        alignment=align.rows(),
        tree=plan_to_tree(plan),
    )


def plan_option(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError("give the plan's id, a whole number")
    return int(value)


@register
class StrategicPlanReport(Report):
    name = "strategic-plan"
    title = gettext_lazy("Strategic plan")
    description = gettext_lazy(
        "The whole multi-year plan: vision, missions, goals, SWOT, issues with their "
        "indicators, targets, strategies and projects, and the links to national plans."
    )
    orientation = "portrait"
    typst_template = "strategic_plan.typ"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--plan", required=True, type=plan_option, metavar="ID", help="Id of the plan."
        )

    def options_from_command(self, options: dict[str, Any], user) -> dict[str, Any]:
        return {"plan": options["plan"]}

    def options_for_organization(self, organization, fiscal_year: int | None) -> dict[str, Any]:
        """The organisation's current plan: the approved one covering ``fiscal_year`` (or
        the latest approved), else its latest draft."""
        plans = StrategicPlan.objects.filter(organization=organization).order_by(
            "-start_year", "-revision", "-pk"
        )
        candidates = list(plans.values("pk", "status", "start_year", "end_year"))
        if not candidates:
            raise ReportError(
                pgettext("report", "%(org)s has no multi-year plan yet.")
                % {"org": organization.name}
            )

        def rank(p: dict) -> tuple[bool, bool]:
            covers = fiscal_year is not None and p["start_year"] <= fiscal_year <= p["end_year"]
            return (p["status"] == c.PlanStatus.APPROVED, covers)

        best = max(candidates, key=rank)  # max keeps the first (latest) of equal ranks
        return {"plan": best["pk"]}

    def build(self, *, user, plan: int, **options: Any) -> StrategicPlanDocument:
        return build_strategic_plan(user=user, plan_id=plan)

    def thai_digits(self, data: StrategicPlanDocument) -> bool:
        return data.thai_digits

    def heading(self, data: StrategicPlanDocument) -> dict[str, Any]:
        return {"organization": data.cover.organization, "fiscal_year": None}

    def filename(self, data: StrategicPlanDocument, fmt: str) -> str:
        cover = data.cover
        return (
            f"{self.name}-{cover.organization_code}-{cover.start_year}-{cover.end_year}"
            f"-r{cover.revision}.{fmt}"
        )

    def labels(self) -> dict[str, str]:
        return {
            "vision": pgettext("report", "Vision"),
            "missions": pgettext("report", "Missions"),
            "swot_organization": pgettext("report", "SWOT analysis of the organisation"),
            "swot_planning": pgettext("report", "SWOT analysis of the planning work"),
            "strengths": pgettext("report", "Strengths (S)"),
            "weaknesses": pgettext("report", "Weaknesses (W)"),
            "opportunities": pgettext("report", "Opportunities (O)"),
            "threats": pgettext("report", "Threats (T)"),
            "objective": pgettext("report", "Objective"),
            "alignment": pgettext("report", "Alignment"),
            "indicators": pgettext("report", "Indicators"),
            "indicator": pgettext("report", "Indicator"),
            "unit": pgettext("report", "Unit of measure"),
            "baseline": pgettext("report", "Baseline"),
            "weight": pgettext("report", "Weight (%)"),
            "targets": pgettext("report", "Targets"),
            "projects": pgettext("report", "Projects"),
            "flagship": pgettext("report", "flagship"),
            "alignment_table": pgettext(
                "report", "Links to the National Strategy, master plans and SDGs"
            ),
            "framework_item": pgettext("report", "National framework item"),
            "served_by": pgettext("report", "Parts of this plan that serve it"),
            "none": pgettext("report", "None recorded."),
        }

    def to_json(self, data: StrategicPlanDocument) -> dict[str, Any]:
        """The exchange tree (as ``phaen export_strategic_plan`` writes it) plus the plan's
        id, the printed headings and the alignment table."""
        return {
            "plan": data.plan,
            **data.tree,
            "headings": self._headings(data),
            "alignment": [
                {"framework": row.framework, "item": row.item, "served_by": row.served_by}
                for row in data.alignment
            ],
        }

    def _headings(self, data: StrategicPlanDocument) -> dict[str, Any]:
        lang = get_language() or "th"
        cover = data.cover
        status = cover.status_label
        if cover.superseded:
            status = pgettext("report", "%(status)s, superseded by a later revision") % {
                "status": status
            }
        return {
            "title": cover.title,
            "organization": cover.organization,
            "kind": cover.kind_label,
            "period": pgettext("report", "B.E. %(start)s – %(end)s")
            % {"start": cover.start_year, "end": cover.end_year},
            "revision": pgettext("report", "Revision %(number)s: %(status)s")
            % {"number": cover.revision, "status": status},
            "approved_on": cover.approved_on.isoformat() if cover.approved_on else None,
            "approved": pgettext("report", "Approved on %(date)s")
            % {"date": format_thai_date(cover.approved_on, "long", lang=lang)}
            if cover.approved_on
            else "",
            "levels": data.levels,
            "issue_projects": pgettext("report", "Projects directly under the %(level)s")
            % {"level": data.levels["issue"]},
        }

    def typst_data(self, data: StrategicPlanDocument) -> dict[str, Any]:
        levels = data.levels
        return {
            "headings": self._headings(data),
            "thai_digits": data.thai_digits,
            "years": data.years,
            "vision": data.vision,
            "missions": data.missions,
            "goals": data.goals,
            "swot": [
                {
                    "title": self.labels()[f"swot_{board.scope}"],
                    **{name: getattr(board, name) for _code, name in SWOT_QUADRANTS},
                }
                for board in data.swot
            ],
            "issues": [self._issue_typst(issue, levels) for issue in data.issues],
            "alignment": [
                {"framework": row.framework, "item": row.item, "served_by": row.served_by}
                for row in data.alignment
            ],
        }

    def _issue_typst(self, issue: IssuePart, levels: dict[str, str]) -> dict[str, Any]:
        def project(p: ProjectLine) -> dict[str, Any]:
            return {"name": p.name, "number": p.number, "flagship": p.flagship}

        return {
            "heading": _numbered(levels["issue"], issue.number, issue.title),
            "objective": issue.objective,
            "frameworks": issue.frameworks,
            "indicators": [
                {
                    "label": f"{ind.number} {ind.name}".strip(),
                    "depth": ind.depth,
                    "unit": ind.unit,
                    "baseline": number_text(ind.baseline),
                    "baseline_year": str(ind.baseline_year or "")
                    if ind.baseline is not None
                    else "",
                    "weight": number_text(ind.weight),
                    "targets": [number_text(t) for t in ind.targets],
                }
                for ind in issue.indicators
            ],
            "strategies": [
                {
                    "heading": _numbered(levels["strategy"], s.number, s.name),
                    "frameworks": s.frameworks,
                    "projects": [project(p) for p in s.projects],
                }
                for s in issue.strategies
            ],
            "projects": [project(p) for p in issue.projects],
        }

    def xlsx(self, data: StrategicPlanDocument, workbook) -> None:
        labels = self.labels()
        headings = self._headings(data)
        extra = [headings["period"], headings["revision"], headings["approved"]]

        def sheet(title: str, columns: list[Column]):
            ws = new_sheet(workbook, title)
            row = write_title(
                ws,
                title=headings["title"],
                organization=headings["organization"],
                extra=[e for e in extra if e],
                width=len(columns),
            )
            return ws, row

        self._xlsx_overview(data, labels, sheet)
        self._xlsx_issues(data, labels, sheet)
        columns = [
            Column(labels["framework_item"], 50),
            Column(labels["served_by"], 70),
        ]
        ws, row = sheet(labels["alignment"], columns)  # a short name: Excel keeps 31 characters
        write_table(
            ws,
            columns=columns,
            start_row=row,
            rows=([f"{r.framework}: {r.item}", "\n".join(r.served_by)] for r in data.alignment),
        )

    def _xlsx_overview(self, data: StrategicPlanDocument, labels: dict[str, str], sheet) -> None:
        columns = [
            Column(pgettext("report", "Section"), 30),
            Column(pgettext("report", "Text"), 90),
        ]
        ws, row = sheet(pgettext("report", "Overview"), columns)
        rows: list[list[str]] = [[labels["vision"], data.vision]]
        rows += [[labels["missions"], text] for text in data.missions]
        rows += [[data.levels["goal"], text] for text in data.goals]
        for board in data.swot:
            title = labels[f"swot_{board.scope}"]
            for _code, name in SWOT_QUADRANTS:
                rows += [[f"{title}: {labels[name]}", text] for text in getattr(board, name)]
        write_table(ws, columns=columns, start_row=row, rows=rows)

    def _xlsx_issues(self, data: StrategicPlanDocument, labels: dict[str, str], sheet) -> None:
        levels = data.levels
        columns = [
            Column(levels["issue"], 30),
            Column(pgettext("report", "Part"), 18),
            Column(pgettext("report", "Number"), 10),
            Column(pgettext("report", "Name"), 60),
            Column(labels["unit"], 14),
            Column(labels["baseline"], 12, "number"),
            Column(labels["weight"], 12, "number"),
            *[Column(f"{labels['targets']} {year}", 12, "number") for year in data.years],
        ]
        blank_years = [None] * len(data.years)
        rows: list[list[Any]] = []
        for issue in data.issues:
            head = _numbered(levels["issue"], issue.number, issue.title)
            rows.append(
                [
                    head,
                    levels["issue"],
                    str(issue.number),
                    issue.title,
                    "",
                    None,
                    None,
                    *blank_years,
                ]
            )
            if issue.objective:
                rows.append(
                    [head, labels["objective"], "", issue.objective, "", None, None, *blank_years]
                )
            for item in issue.frameworks:
                rows.append([head, labels["alignment"], "", item, "", None, None, *blank_years])
            for ind in issue.indicators:
                rows.append(
                    [
                        head,
                        labels["indicator"],
                        ind.number,
                        "    " * ind.depth + ind.name,
                        ind.unit,
                        ind.baseline,
                        ind.weight,
                        *ind.targets,
                    ]
                )
            for strategy in issue.strategies:
                rows.append(
                    [
                        head,
                        levels["strategy"],
                        strategy.number,
                        strategy.name,
                        "",
                        None,
                        None,
                        *blank_years,
                    ]
                )
                for p in strategy.projects:
                    rows.append(
                        [
                            head,
                            labels["projects"],
                            p.number,
                            "    " + p.name,
                            "",
                            None,
                            None,
                            *blank_years,
                        ]
                    )
            for p in issue.projects:
                rows.append(
                    [head, labels["projects"], p.number, p.name, "", None, None, *blank_years]
                )
        ws, row = sheet(levels["issue"], columns)
        write_table(ws, columns=columns, start_row=row, rows=rows)
