"""Report "plan-book": an annual plan as the printed book agencies file and post.

Cover (title, organisation, fiscal year, edition); introduction and objectives (a fixed
paragraph on the purpose of the kind of plan, and for an operational plan the objectives
the regulation's model document lists); from the multi-year plan the plan draws on: vision
and missions, SWOT, strategies with their indicators and this year's targets; the tables
ผด.01 and ผด.02 (and ผด.02/1 when the plan has equipment items); appendix: each project's
budget lines by source and expense category.

A section whose data are missing is left out, never printed empty: a plan without a
multi-year plan (or one the user may not see) has no vision, SWOT or strategies.
The multi-year part is read with the strategic-plan report's builder (fixed queries).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language, gettext_lazy, pgettext

from phaen.core.thai import format_fiscal_year
from phaen.plans import choices as pc
from phaen.reports.builders import annual_plan_data as d
from phaen.reports.builders import annual_plan_forms as f
from phaen.reports.builders.strategic_plan import (
    SWOT_QUADRANTS,
    StrategicPlanDocument,
    Swot,
    build_strategic_plan,
    number_text,
)
from phaen.reports.registry import ReportError, plain, register
from phaen.reports.renderers.styles import Column, new_sheet, write_table, write_title


@dataclass
class IndicatorTarget:
    label: str
    depth: int
    unit: str
    target: Decimal | None  # the target for the plan's fiscal year


@dataclass
class BookIssue:
    heading: str
    objective: str
    strategies: list[str]
    indicators: list[IndicatorTarget]


@dataclass
class AppendixLine:
    source: str
    category: str
    description: str
    amount: Decimal


@dataclass
class AppendixProject:
    strategy: str
    name: str
    out_of_plan: bool
    lines: list[AppendixLine]
    total: Decimal


@dataclass
class PlanBook:
    plan: d.PlanHead
    introduction: str
    objectives: list[str]
    vision: str
    missions: list[str]
    swot: list[Swot]
    issues: list[BookIssue]
    pd01: d.SummaryDocument
    pd02: d.FormDocument
    pd02_1: d.FormDocument | None
    appendix: list[AppendixProject] = field(default_factory=list)

    @property
    def sections(self) -> list[str]:
        """The sections the book prints, in order (the missing ones left out)."""
        present = {
            "cover": True,
            "introduction": True,
            "vision": bool(self.vision or self.missions),
            "swot": bool(self.swot),
            "strategies": bool(self.issues),
            "pd01": True,
            "pd02": True,
            "pd02_1": self.pd02_1 is not None,
            "appendix": bool(self.appendix),
        }
        return [name for name, shown in present.items() if shown]


def introduction(plan: d.PlanHead) -> str:
    texts = {
        pc.AnnualPlanKind.OPERATIONAL_PLAN: pgettext(
            "report",
            "The operational plan brings together in one document all the projects and "
            "activities carried out in the area of %(org)s in fiscal year %(year)s, its own "
            "and those of other agencies working there. It follows the annual budget and the "
            "local development plan, and guides carrying out, coordinating, monitoring and "
            "evaluating the work of the year.",
        ),
        pc.AnnualPlanKind.GOVERNMENT_ACTION_PLAN: pgettext(
            "report",
            "The annual government action plan of %(org)s for fiscal year %(year)s sets out "
            "the projects and budget through which the organisation carries out its "
            "government action plan and the national strategy in that year, with the "
            "indicators by which its results are judged.",
        ),
        pc.AnnualPlanKind.ACTION_PLAN: pgettext(
            "report",
            "The action plan of %(org)s for fiscal year %(year)s turns the strategies of its "
            "multi-year plan into the projects, activities, budget and people responsible "
            "for the year, so that everyone knows what is to be done, when, how and by whom, "
            "and the work can be followed and evaluated.",
        ),
    }
    return texts[plan.kind] % {"org": plan.organization, "year": plan.fiscal_year}


def objectives(plan: d.PlanHead) -> list[str]:
    """The objectives of an operational plan (after the model document of the regulation);
    other kinds have none of their own."""
    if plan.kind != pc.AnnualPlanKind.OPERATIONAL_PLAN:
        return []
    texts = [
        pgettext(
            "report",
            "To show in detail all the work plans, development projects and activities "
            "carried out in the area of %(org)s in fiscal year %(year)s.",
        ),
        pgettext(
            "report",
            "To set out all the work plans, projects and activities to be carried out in "
            "fiscal year %(year)s, as a clear guide for the work of %(org)s.",
        ),
        pgettext(
            "report",
            "To serve as information for coordinating and integrating the work of the units "
            "of %(org)s with each other and with the other agencies in the area.",
        ),
        pgettext(
            "report",
            "To guide the monitoring and evaluation of the work under the annual budget of "
            "fiscal year %(year)s of %(org)s.",
        ),
    ]
    return [t % {"org": plan.organization, "year": plan.fiscal_year} for t in texts]


def _issues(doc: StrategicPlanDocument, fiscal_year: int) -> list[BookIssue]:
    at = doc.years.index(fiscal_year) if fiscal_year in doc.years else None
    issues = []
    for issue in doc.issues:
        heading = f"{doc.levels['issue']} {issue.number} {issue.title}"
        issues.append(
            BookIssue(
                heading=heading,
                objective=issue.objective,
                strategies=[f"{s.number} {s.name}".strip() for s in issue.strategies],
                indicators=[
                    IndicatorTarget(
                        label=f"{ind.number} {ind.name}".strip(),
                        depth=ind.depth,
                        unit=ind.unit,
                        target=ind.targets[at] if at is not None else None,
                    )
                    for ind in issue.indicators
                ],
            )
        )
    return issues


def _appendix(groups: list[d.FormGroup], projects: dict[int, Any]) -> list[AppendixProject]:
    result = []
    for group in groups:
        for row in group.rows:
            lines = []
            for line in projects[row.id].budget_lines.all():
                category = line.category
                label = f"{category.parent}: {category}" if category.parent_id else str(category)
                lines.append(AppendixLine(str(line.source), label, line.description, line.amount))
            if lines:
                result.append(
                    AppendixProject(group.heading, row.name, row.out_of_plan, lines, row.budget)
                )
    return result


def build_plan_book(*, user, plan_id, version: str = d.CURRENT_VERSION) -> PlanBook:
    plan = d.load_annual_plan(user=user, plan_id=plan_id)
    head = d.plan_head(plan)
    projects = d.plan_projects(user=user, plan=plan, with_lines=True)
    groups = d.pd02_groups(projects)
    pd01_layout = d.load_form_layout(d.PD01, version, plan.fiscal_year, d.PD01_FIELDS)
    pd02 = d.FormDocument(
        d.PD02,
        version,
        head,
        d.load_form_layout(d.PD02, version, plan.fiscal_year, d.PD02_FIELDS),
        groups,
    )
    items = d.plan_equipment(user=user, plan=plan)
    pd02_1 = None
    if items:
        layout = d.load_form_layout(d.PD02_1, version, plan.fiscal_year, d.PD02_FIELDS)
        pd02_1 = d.FormDocument(d.PD02_1, version, head, layout, d.pd02_1_groups(items))
    strategic = None
    if plan.multi_year_plan_id is not None:
        try:
            strategic = build_strategic_plan(user=user, plan_id=plan.multi_year_plan_id)
        except ReportError:  # a multi-year plan the user may not see: its sections go
            strategic = None
    return PlanBook(
        plan=head,
        introduction=introduction(head),
        objectives=objectives(head),
        vision=strategic.vision if strategic else "",
        missions=strategic.missions if strategic else [],
        swot=strategic.swot if strategic else [],
        issues=_issues(strategic, plan.fiscal_year) if strategic else [],
        pd01=d.summarize(groups, pd01_layout, head, version),
        pd02=pd02,
        pd02_1=pd02_1,
        appendix=_appendix(groups, {p.pk: p for p in projects}),
    )


@register
class PlanBookReport(f.AnnualPlanForm):
    name = "plan-book"
    title = gettext_lazy("Annual plan book")
    description = gettext_lazy(
        "The whole annual plan as a book: cover, introduction and objectives, vision and "
        "missions, SWOT, strategies and indicators, forms ผด.01 and ผด.02, and an appendix "
        "of the projects' budget lines."
    )
    orientation = "portrait"
    typst_template = "plan_book.typ"

    def build(self, *, user, plan, version=d.CURRENT_VERSION, **options: Any) -> PlanBook:
        return build_plan_book(user=user, plan_id=plan, version=version)

    def labels(self) -> dict[str, str]:
        return {
            "introduction": pgettext("report", "Introduction"),
            "objectives": pgettext("report", "Objectives of the plan"),
            "vision": pgettext("report", "Vision"),
            "missions": pgettext("report", "Missions"),
            "swot": pgettext("report", "SWOT analysis"),
            "strengths": pgettext("report", "Strengths (S)"),
            "weaknesses": pgettext("report", "Weaknesses (W)"),
            "opportunities": pgettext("report", "Opportunities (O)"),
            "threats": pgettext("report", "Threats (T)"),
            "strategies": pgettext("report", "Strategies and indicators"),
            "objective": pgettext("report", "Objective"),
            "indicator": pgettext("report", "Indicator"),
            "unit": pgettext("report", "Unit of measure"),
            "pd01": pgettext("report", "Summary of projects and budget"),
            "pd02": pgettext("report", "Projects, activities and budget"),
            "pd02_1": pgettext("report", "Equipment not tied to a project"),
            "appendix": pgettext("report", "Appendix: budget lines of the projects"),
            "project": pgettext("report", "Project"),
            "source": pgettext("report", "Source of funds"),
            "category": pgettext("report", "Expense category"),
            "item": pgettext("report", "Item"),
            "amount": pgettext("report", "Amount (baht)"),
            "total": pgettext("report", "Total"),
        }

    def _target_label(self, data: PlanBook) -> str:
        return pgettext("report", "Target %(year)s") % {"year": data.plan.fiscal_year}

    def to_json(self, data: PlanBook) -> dict[str, Any]:
        return {
            "plan": data.plan.id,
            "fiscal_year": data.plan.fiscal_year,
            "kind": data.plan.kind,
            "title": data.plan.title,
            "edition": data.plan.edition,
            "organization": data.plan.organization,
            "sections": data.sections,
            "introduction": data.introduction,
            "objectives": data.objectives,
            "vision": data.vision,
            "missions": data.missions,
            "swot": plain(data.swot),
            "strategies": plain(data.issues),
            "pd01": d.pd01_json(data.pd01),
            "pd02": d.form_json(data.pd02, "projects", "strategy"),
            "pd02_1": d.form_json(data.pd02_1, "items", "category") if data.pd02_1 else None,
            "appendix": plain(data.appendix),
        }

    def typst_data(self, data: PlanBook) -> dict[str, Any]:
        plan = data.plan
        lang = (get_language() or "th")[:2]
        swot_titles = {
            "organization": pgettext("report", "SWOT analysis of the organisation"),
            "planning": pgettext("report", "SWOT analysis of the planning work"),
        }
        return {
            "sections": data.sections,
            "cover": {
                "title": plan.title,
                "kind": plan.kind_label,
                "organization": plan.organization,
                "fiscal_year": format_fiscal_year(plan.fiscal_year, lang=lang),
                "edition": plan.edition,
            },
            "introduction": data.introduction,
            "objectives": data.objectives,
            "vision": data.vision,
            "missions": data.missions,
            "swot": [
                {
                    "title": swot_titles.get(board.scope, ""),
                    **{name: getattr(board, name) for _code, name in SWOT_QUADRANTS},
                }
                for board in data.swot
            ],
            "target_label": self._target_label(data),
            "issues": [
                {
                    "heading": issue.heading,
                    "objective": issue.objective,
                    "strategies": issue.strategies,
                    "indicators": [
                        {
                            "label": ind.label,
                            "depth": ind.depth,
                            "unit": ind.unit,
                            "target": number_text(ind.target),
                        }
                        for ind in issue.indicators
                    ],
                }
                for issue in data.issues
            ],
            "pd01": f.pd01_typst(data.pd01),
            "pd02": f.form_typst(data.pd02),
            "pd02_1": f.form_typst(data.pd02_1) if data.pd02_1 else None,
            "appendix": [
                {
                    "name": f"{p.name} {f.out_of_plan_mark()}" if p.out_of_plan else p.name,
                    "lines": [
                        [ln.source, ln.category, ln.description, f.money(ln.amount)]
                        for ln in p.lines
                    ],
                    "total": f.money(p.total),
                }
                for p in data.appendix
            ],
        }

    def xlsx(self, data: PlanBook, workbook) -> None:
        labels = self.labels()
        self._xlsx_overview(data, workbook, labels)
        f.xlsx_pd01(data.pd01, workbook, labels["pd01"])
        f.xlsx_form(data.pd02, workbook, labels["pd02"])
        if data.pd02_1 is not None:
            f.xlsx_form(data.pd02_1, workbook, labels["pd02_1"])
        if data.appendix:
            self._xlsx_appendix(data, workbook, labels)

    def _xlsx_overview(self, data: PlanBook, workbook, labels: dict[str, str]) -> None:
        columns = [
            Column(pgettext("report", "Section"), 30),
            Column(pgettext("report", "Text"), 90),
        ]
        ws = new_sheet(workbook, pgettext("report", "Overview"))
        row = write_title(
            ws,
            title=data.plan.title,
            organization=data.plan.organization,
            extra=[data.plan.edition] if data.plan.edition else [],
            width=2,
        )
        rows = [[labels["introduction"], data.introduction]]
        rows += [[labels["objectives"], text] for text in data.objectives]
        rows += [[labels["vision"], data.vision]] if data.vision else []
        rows += [[labels["missions"], text] for text in data.missions]
        for board in data.swot:
            for _code, name in SWOT_QUADRANTS:
                rows += [[labels[name], text] for text in getattr(board, name)]
        target = self._target_label(data)
        for issue in data.issues:
            rows.append([labels["strategies"], issue.heading])
            rows += [[labels["objective"], issue.objective]] if issue.objective else []
            rows += [["", text] for text in issue.strategies]
            for ind in issue.indicators:
                value = number_text(ind.target)
                rows.append([labels["indicator"], f"{ind.label} ({ind.unit}) {target}: {value}"])
        write_table(ws, columns=columns, start_row=row, rows=rows)

    def _xlsx_appendix(self, data: PlanBook, workbook, labels: dict[str, str]) -> None:
        columns = [
            Column(labels["project"], 45),
            Column(labels["source"], 30),
            Column(labels["category"], 35),
            Column(labels["item"], 30),
            Column(labels["amount"], 16, "money"),
        ]
        ws = new_sheet(workbook, pgettext("report", "Appendix"))
        row = write_title(
            ws, title=labels["appendix"], organization=data.plan.organization, width=len(columns)
        )
        rows = [
            [p.name, ln.source, ln.category, ln.description, ln.amount]
            for p in data.appendix
            for ln in p.lines
        ]
        write_table(ws, columns=columns, start_row=row, rows=rows)
