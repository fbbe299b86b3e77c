"""The follow-up reports of an annual plan, each as PDF, Excel and JSON:

* ``monthly`` – the monthly summary: every project with its status, percent complete, money
  planned (for the year and until the month's end) against money disbursed, its problems.
* ``pr-board`` – a one-page poster for the notice board: big numbers (projects, done, money
  spent), the share of projects done per strategic issue, a few highlights.
* ``quarterly`` – the report to the committee (Q1 = Oct–Dec … Q4 = Jul–Sep of the plan's
  fiscal year): per strategic issue the projects by status, the indicators' weighted
  achievement, money planned / disbursed / % against the government's disbursement
  targets, in-plan and out-of-plan (นอกแผน) apart, problems and measures, the committee's
  decisions recorded in monitoring.
* ``six-month`` – the local administration's monitoring report (round R6 = Oct–Mar, R12 =
  the whole year): per strategy the projects in the plan year, done, percent, money; with
  its posting rule (announced within 15 days, posted at least 30 days, within December).
* ``annual`` – the annual performance report for the public (R12).

``phaen report monthly|quarterly|six-month|annual --plan ID [--period P] --format
pdf|xlsx|json --out FILE``; P is Q1…Q4, R6/R12 or a Buddhist-Era month such as 2567-10
(the kinds each report accepts are listed in its ``--help``); a bad P is an error naming it.
The figures come from ``followup_data.collect`` (rules there): a total is always the sum of
its lines. The number of queries does not depend on the plan's size.
"""

from __future__ import annotations

import argparse
from abc import ABC, abstractmethod
from typing import Any

from django.utils.translation import gettext_lazy, pgettext

from phaen.core.thai import format_number, format_thai_date
from phaen.reports.builders import followup_data as fd
from phaen.reports.registry import Report, WebChoice, register
from phaen.reports.renderers.styles import Column, new_sheet, write_table, write_title


def money(value) -> str:
    return format_number(value, 2)


def percent(value) -> str:
    return "-" if value is None else format_number(value, 2)


def count(value) -> str:
    return format_number(value, 0)


def whole(value) -> str:
    """Percent complete as reported (a whole number), "-" when nothing was reported."""
    return "-" if value is None else format_number(value, 0)


def _positive_int(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError("give the plan's id, a whole number")
    return int(value)


def labels() -> dict[str, str]:
    """Every text the follow-up reports print (context "report": another app's translation of
    the same English word never changes a printed document)."""
    return {
        "plan": pgettext("report", "Plan"),
        "period": pgettext("report", "Period"),
        "as_of": pgettext("report", "Figures as of"),
        "no": pgettext("report", "No."),
        "project": pgettext("report", "Project"),
        "unit": pgettext("report", "Responsible unit"),
        "status": pgettext("report", "Status"),
        "percent_complete": pgettext("report", "Percent complete"),
        "issue": pgettext("report", "Strategic issue"),
        "strategy": pgettext("report", "Strategy"),
        "organization": pgettext("report", "Organisation"),
        "projects": pgettext("report", "Projects"),
        "projects_done": pgettext("report", "Projects done"),
        "done_pct": pgettext("report", "Percent done"),
        "budget_planned": pgettext("report", "Budget planned (baht)"),
        "planned_to_date": pgettext("report", "Planned until the period (baht)"),
        "disbursed": pgettext("report", "Disbursed (baht)"),
        "disbursed_pct": pgettext("report", "Percent disbursed"),
        "weighted_achievement": pgettext("report", "Weighted achievement (%)"),
        "problems": pgettext("report", "Problems and obstacles"),
        "measures": pgettext("report", "Problems and measures"),
        "measure": pgettext("report", "Measure"),
        "decisions": pgettext("report", "Decisions of the committee"),
        "summary": pgettext("report", "Summary"),
        "by_status": pgettext("report", "Projects by status"),
        "by_issue": pgettext("report", "By strategic issue"),
        "in_out": pgettext("report", "In the plan and outside the plan"),
        "in_plan": pgettext("report", "In the plan"),
        "out_of_plan": pgettext("report", "Outside the plan (นอกแผน)"),
        "targets": pgettext("report", "Disbursement against the government's targets"),
        "quarter": pgettext("report", "Quarter"),
        "target_pct": pgettext("report", "Target (cumulative %)"),
        "target_amount": pgettext("report", "Target (baht)"),
        "actual_pct": pgettext("report", "Actual (cumulative %)"),
        "indicators": pgettext("report", "Indicators"),
        "indicator": pgettext("report", "Indicator"),
        "weight": pgettext("report", "Weight"),
        "achievement": pgettext("report", "Achievement (%)"),
        "total": pgettext("report", "Total"),
        "none": pgettext("report", "None recorded."),
        "no_projects": pgettext("report", "The plan has no projects."),
        "highlights": pgettext("report", "Highlights"),
        "money_spent": pgettext("report", "Money spent"),
        "of_budget": pgettext("report", "of the budget"),
        "in_progress": pgettext("report", "In progress"),
        "posting_rule": pgettext(
            "report",
            "The executive presents this report to the council and the development committee, "
            "then announces it publicly within 15 days and keeps it posted for at least 30 days, "
            "at least once a year, within December.",
        ),
        "behind": pgettext("report", "behind its planned months"),
        "formula": pgettext(
            "report",
            "Weighted achievement = Σ (weight × achievement) ÷ Σ weight over the indicators "
            "with a result; the total uses all indicators of all issues.",
        ),
        "not_available": pgettext("report", "Not recorded in Phaen yet."),
        "satisfaction": pgettext("report", "Satisfaction of those served"),
        "survey": pgettext("report", "Survey"),
        "responses": pgettext("report", "Answers"),
        "mean": pgettext("report", "Mean score (1–5)"),
        "efficiency": pgettext("report", "Spending efficiency"),
        "efficiency_issues": pgettext("report", "Spending efficiency by strategic issue"),
        "efficiency_projects": pgettext("report", "Spending efficiency by project"),
        "output": pgettext("report", "Output (unit)"),
        "target": pgettext("report", "Target"),
        "achieved": pgettext("report", "Achieved"),
        "cost_per_unit": pgettext("report", "Baht per unit achieved"),
        "planned_cost_per_unit": pgettext("report", "Planned baht per unit"),
        "output_pct": pgettext("report", "Output achieved (%)"),
        "spent_pct": pgettext("report", "Budget spent (%)"),
        "ratio": pgettext("report", "Efficiency ratio"),
        "basis": pgettext("report", "Measured as"),
        "basis_share": pgettext("report", "shares (units differ)"),
        "efficiency_note": pgettext(
            "report",
            "Baht per unit achieved = disbursed ÷ quantity achieved of the project's first "
            "output with a target (latest submitted progress report); planned = budget ÷ "
            "target. Per issue the quantities are added only when all its projects use the "
            "same unit. Efficiency ratio = share of planned output achieved (weighted by "
            "budget) ÷ share of budget spent; above 1 means more output per baht than planned.",
        ),
        **{f"status_{k}": v for k, v in fd.status_labels().items()},
    }


class FollowupReport(Report, ABC):
    """What the follow-up reports share: options, period, header and file names."""

    period_kinds: tuple[str, ...] = ("quarter",)
    default_kind = "quarter"
    orientation = "landscape"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--plan", required=True, type=_positive_int, metavar="ID", help="Id of the plan."
        )
        parser.add_argument(
            "--period",
            metavar="P",
            help=f"Period: {fd.accepted_periods(self.period_kinds)} "
            "(default: the period containing today).",
        )

    def options_from_command(self, options: dict[str, Any], user) -> dict[str, Any]:
        return {"plan": options["plan"], "period": options.get("period")}

    def options_for_organization(self, organization, fiscal_year: int | None) -> dict[str, Any]:
        from django.utils import timezone

        from phaen.core.thai import fiscal_year as fiscal_year_of

        fy = fiscal_year or fiscal_year_of(timezone.localdate())
        return {"plan": fd.plan_in_force(organization, fy).pk, "period": None}

    def web_choices(self, organization, fiscal_year: int | None) -> dict[str, WebChoice]:
        from django.utils import timezone

        from phaen.core.thai import fiscal_year as fiscal_year_of

        fy = fiscal_year or fiscal_year_of(timezone.localdate())
        choices = fd.period_choices(fy, self.period_kinds)
        if len(choices) < 2:
            return {}
        return {
            "period": WebChoice(
                label=pgettext("report", "Period"),
                choices=choices,
                initial=fd.default_period_code(fy, self.default_kind),
            )
        }

    def build(self, *, user, plan, period: str | None = None, **options: Any) -> fd.Followup:
        annual = fd.load_plan(user=user, plan_id=plan)
        code = period or fd.default_period_code(annual.fiscal_year, self.default_kind)
        the_period = fd.period_of(
            organization=annual.organization,
            fiscal_year=annual.fiscal_year,
            code=code,
            kinds=self.period_kinds,
        )
        return fd.collect(user=user, plans=[annual], period=the_period)

    def heading(self, data: fd.Followup) -> dict[str, Any]:
        plan = data.plan
        title = f"{plan.title} {plan.edition}".strip()
        return {
            "organization": plan.organization,
            "fiscal_year": plan.fiscal_year,
            "subtitle": f"{title} · {data.period.label}",
        }

    def thai_digits(self, data: fd.Followup) -> bool:
        return data.plan.thai_digits

    def filename(self, data: fd.Followup, fmt: str) -> str:
        plan = data.plan
        return f"{self.name}-{plan.organization_code}-{plan.fiscal_year}-{data.period.code}.{fmt}"

    def labels(self) -> dict[str, str]:
        return labels()

    # --- JSON ---------------------------------------------------------------------------
    def head_json(self, data: fd.Followup) -> dict[str, Any]:
        return {
            "plan": data.plan.id,
            "period": data.period.code,
            "fiscal_year": data.period.fiscal_year,
            "period_start": data.period.start,
            "period_end": data.period.end,
            "as_of": data.as_of,
            "organization": data.plan.organization,
            "title": data.plan.title,
            "sources": data.sources,
        }

    def total_json(self, data: fd.Followup) -> dict[str, Any]:
        doc = fd.group_json(data.total)
        for key in ("number", "title", "indicators"):
            doc.pop(key)
        return doc

    def to_json(self, data: fd.Followup) -> dict[str, Any]:
        from phaen.reports.registry import plain

        return plain(
            {
                **self.head_json(data),
                "issues": [fd.group_json(g) for g in data.groups],
                "total": self.total_json(data),
                "projects": [fd.project_json(p) for p in data.projects],
                "curve": fd.curve_json(data.curve),
                "problems": [
                    {
                        "project": p.project,
                        "description": p.description,
                        "measure": p.measure,
                        "status": p.status,
                    }
                    for p in data.problems
                ],
                "decisions": data.decisions,
            }
        )

    # --- sections shared by the PDF and the workbook -------------------------------------
    @abstractmethod
    def sections(self, data: fd.Followup) -> list[dict[str, Any]]:
        """The report's tables, shared by the PDF and the workbook; every registered
        follow-up report (monthly, quarterly, six-month, annual, PR board) defines them."""

    def typst_data(self, data: fd.Followup) -> dict[str, Any]:
        lab = labels()
        return {
            "facts": [
                [lab["period"], f"{data.period.label} ({data.period.code})"],
                [lab["as_of"], format_thai_date(data.as_of, "long")],
            ],
            "sections": self.sections(data),
        }

    def xlsx(self, data: fd.Followup, workbook) -> None:
        heading = self.heading(data)
        for section in self.sections(data):
            if section["kind"] not in ("table", "list"):
                continue
            if section["kind"] == "table":
                aligns = section["align"]
                kinds = [
                    Column(h, 16 if a == "r" else 40, "number" if a == "r" else "text")
                    for h, a in zip(section["header"], aligns, strict=True)
                ]
                rows = [
                    [_excel_value(c, a) for c, a in zip(r["cells"], aligns, strict=True)]
                    for r in section["rows"]
                ]
            else:
                kinds = [Column(section["heading"], 100)]
                rows = [[item] for item in section["items"]]
            ws = new_sheet(workbook, section.get("sheet") or section["heading"])
            start = write_title(
                ws,
                title=str(self.title),
                organization=heading["organization"],
                extra=[heading["subtitle"], section["heading"]],
                width=len(kinds),
            )
            write_table(ws, columns=kinds, rows=rows, start_row=start)


def _excel_value(text: str, align: str):
    """A cell as a number when the column is numeric (people sum them in Excel)."""
    from decimal import Decimal, InvalidOperation

    if align != "r" or text in ("", "-"):
        return text
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return text


# --- building blocks ------------------------------------------------------------------------
def table(heading, header, align, rows, *, widths=None, empty="", sheet="", size=11):
    return {
        "kind": "table",
        "heading": heading,
        "sheet": sheet,
        "header": header,
        "align": align,
        "widths": widths or [["fr", 1] if a != "r" else ["cm", 2.6] for a in align],
        "rows": rows,
        "empty": empty,
        "size": size,
    }


def row(cells, style="row"):
    return {"style": style, "cells": [str(c) for c in cells]}


def status_cells(group: fd.Group) -> list[str]:
    return [count(group.projects_by_status[s]) for s in fd.STATUSES]


def issue_title(group: fd.Group) -> str:
    return f"{group.number}. {group.title}" if group.number is not None else group.title


def project_rows(data: fd.Followup) -> list[dict]:
    lab = labels()
    rows = []
    for n, p in enumerate(data.projects, start=1):
        name = p.name + (f" {lab['out_of_plan']}" if p.out_of_plan else "")
        if p.behind:
            name += f" ({lab['behind']})"
        rows.append(
            row(
                [
                    count(n),
                    name,
                    p.unit,
                    p.status_label,
                    whole(p.percent),
                    money(p.money.budget_planned),
                    money(p.money.planned_to_date),
                    money(p.money.disbursed),
                    percent(p.money.disbursed_pct),
                    "\n".join(p.problems),
                ]
            )
        )
    t = data.total.money
    rows.append(
        row(
            [
                "",
                lab["total"],
                "",
                "",
                "",
                money(t.budget_planned),
                money(t.planned_to_date),
                money(t.disbursed),
                percent(t.disbursed_pct),
                "",
            ],
            "total",
        )
    )
    return rows


def problems_section(data: fd.Followup, heading: str) -> dict[str, Any]:
    lab = labels()
    return table(
        heading,
        [lab["project"], lab["problems"], lab["measure"], lab["status"]],
        ["l", "l", "l", "l"],
        [row([p.project, p.description, p.measure, p.status]) for p in data.problems],
        empty=lab["none"],
        sheet=heading[:31],
    )


def status_table(data: fd.Followup, heading: str, *, first: str, by_org=False) -> dict:
    lab = labels()
    header = [
        first,
        *(lab[f"status_{s}"] for s in fd.STATUSES),
        lab["projects"],
        lab["budget_planned"],
        lab["disbursed"],
        lab["disbursed_pct"],
    ]
    with_achievement = not by_org
    if with_achievement:
        header.append(lab["weighted_achievement"])

    def cells(g: fd.Group, label: str) -> list[str]:
        out = [
            label,
            *status_cells(g),
            count(g.project_count),
            money(g.money.budget_planned),
            money(g.money.disbursed),
            percent(g.money.disbursed_pct),
        ]
        if with_achievement:
            out.append(percent(g.weighted_achievement))
        return out

    rows = [row(cells(g, issue_title(g))) for g in data.groups]
    rows.append(row(cells(data.total, lab["total"]), "total"))
    widths = [["fr", 1]] + [["cm", 1.5]] * 6 + [["cm", 2.6]] * 2 + [["cm", 1.7]]
    if with_achievement:
        widths.append(["cm", 2.0])
    return table(heading, header, ["l"] + ["r"] * (len(header) - 1), rows, widths=widths, size=10)


def projects_table(data: fd.Followup) -> dict[str, Any]:
    lab = labels()
    return table(
        lab["projects"],
        [
            lab["no"],
            lab["project"],
            lab["unit"],
            lab["status"],
            lab["percent_complete"],
            lab["budget_planned"],
            lab["planned_to_date"],
            lab["disbursed"],
            lab["disbursed_pct"],
            lab["problems"],
        ],
        ["r", "l", "l", "l", "r", "r", "r", "r", "r", "l"],
        project_rows(data),
        widths=[
            ["cm", 0.9],
            ["fr", 2],
            ["fr", 1],
            ["cm", 2.0],
            ["cm", 1.6],
            ["cm", 2.5],
            ["cm", 2.5],
            ["cm", 2.5],
            ["cm", 1.6],
            ["fr", 1.2],
        ],
        empty=lab["no_projects"],
        size=10,
    )


def _maybe(value, fmt=money) -> str:
    return "-" if value is None else fmt(value)


def efficiency_sections(data: fd.Followup) -> list[dict[str, Any]]:
    """Money spent per output achieved, per strategic issue and per project (rules in
    ``followup_data``'s docstring)."""
    lab = labels()

    def issue_cells(e: fd.IssueEfficiency | None, label: str) -> list[str]:
        if e is None:
            return [label, "-", "-", "-", "-", "-", "-"]
        return [
            label,
            e.unit if e.basis == "unit" else lab["basis_share"],
            _maybe(e.cost_per_unit),
            _maybe(e.planned_cost_per_unit),
            percent(e.output_pct),
            percent(e.spent_pct),
            _maybe(e.ratio),
        ]

    issue_rows = [row(issue_cells(g.efficiency, issue_title(g))) for g in data.groups]
    issue_rows.append(row(issue_cells(data.total.efficiency, lab["total"]), "total"))
    project_rows = []
    for n, p in enumerate((p for p in data.projects if p.efficiency is not None), start=1):
        e = p.efficiency
        project_rows.append(
            row(
                [
                    count(n),
                    p.name,
                    f"{e.output} ({e.unit})" if e.unit else e.output,
                    money(e.target),
                    _maybe(e.achieved),
                    money(e.spent),
                    _maybe(e.cost_per_unit),
                    _maybe(e.planned_cost_per_unit),
                ]
            )
        )
    return [
        table(
            lab["efficiency_issues"],
            [
                lab["issue"],
                lab["basis"],
                lab["cost_per_unit"],
                lab["planned_cost_per_unit"],
                lab["output_pct"],
                lab["spent_pct"],
                lab["ratio"],
            ],
            ["l", "l", "r", "r", "r", "r", "r"],
            issue_rows,
            widths=[["fr", 2], ["fr", 1], *[["cm", 2.6]] * 2, *[["cm", 2.0]] * 2, ["cm", 1.8]],
            sheet=lab["efficiency_issues"][:31],
            size=10,
        ),
        table(
            lab["efficiency_projects"],
            [
                lab["no"],
                lab["project"],
                lab["output"],
                lab["target"],
                lab["achieved"],
                lab["disbursed"],
                lab["cost_per_unit"],
                lab["planned_cost_per_unit"],
            ],
            ["r", "l", "l", "r", "r", "r", "r", "r"],
            project_rows,
            widths=[["cm", 0.9], ["fr", 2], ["fr", 1.5], *[["cm", 2.2]] * 2, *[["cm", 2.6]] * 3],
            empty=lab["none"],
            sheet=lab["efficiency_projects"][:31],
            size=10,
        ),
        {"kind": "note", "heading": "", "text": lab["efficiency_note"]},
    ]


# --- the reports ----------------------------------------------------------------------------
@register
class MonthlyReport(FollowupReport):
    name = "monthly"
    title = gettext_lazy("Monthly follow-up summary")
    description = gettext_lazy(
        "Projects of an annual plan with their status, percent complete, money planned and "
        "disbursed, and problems, at the end of a month."
    )
    typst_template = "followup_report.typ"
    period_kinds = ("month",)
    default_kind = "month"

    def sections(self, data: fd.Followup) -> list[dict[str, Any]]:
        lab = labels()
        return [
            status_table(data, lab["summary"], first=lab["issue"]),
            projects_table(data),
            problems_section(data, lab["measures"]),
        ]


@register
class QuarterlyReport(FollowupReport):
    name = "quarterly"
    title = gettext_lazy("Quarterly follow-up report to the committee")
    description = gettext_lazy(
        "Per strategic issue: projects by status, indicators' weighted achievement, budget "
        "planned and disbursed against the government's targets, in-plan and out-of-plan "
        "apart, problems and measures, the committee's decisions (Q1 = Oct–Dec)."
    )
    typst_template = "followup_report.typ"
    period_kinds = ("quarter",)
    default_kind = "quarter"

    def sections(self, data: fd.Followup) -> list[dict[str, Any]]:
        lab = labels()
        in_out = [
            row(
                [
                    lab["in_plan"],
                    count(_count(data, False)),
                    money(data.total.in_plan.budget_planned),
                    money(data.total.in_plan.disbursed),
                    percent(data.total.in_plan.disbursed_pct),
                ]
            ),
            row(
                [
                    lab["out_of_plan"],
                    count(_count(data, True)),
                    money(data.total.out_of_plan.budget_planned),
                    money(data.total.out_of_plan.disbursed),
                    percent(data.total.out_of_plan.disbursed_pct),
                ]
            ),
            row(
                [
                    lab["total"],
                    count(_count(data, None)),
                    money(data.total.money.budget_planned),
                    money(data.total.money.disbursed),
                    percent(data.total.money.disbursed_pct),
                ],
                "total",
            ),
        ]
        targets = []
        year_total = data.total.money.budget_planned
        known = [p for p in data.curve if p.actual is not None]
        for point in data.curve:
            if point.month % 3 or point.month // 3 > data.period.number:
                continue
            q = point.month // 3
            # a quarter not over yet shows what is spent so far
            so_far = [p for p in known if p.month <= point.month and p.month > point.month - 3]
            spent = so_far[-1].actual if so_far else None
            actual = None if spent is None else fd.pct(spent, year_total)
            target_pct = fd.pct(point.target, year_total) if point.target is not None else None
            targets.append(
                row(
                    [
                        f"Q{q}",
                        percent(target_pct),
                        money(point.target),
                        money(spent) if spent is not None else "-",
                        percent(actual),
                    ]
                )
            )
        indicators = [
            row([issue_title(g), f"{i.number} {i.name}", percent(i.weight), percent(i.achievement)])
            for g in data.groups
            for i in g.indicators
        ]
        if indicators:
            indicators.append(
                row(
                    [
                        lab["total"],
                        "",
                        percent(data.total.weight_sum),
                        percent(data.total.weighted_achievement),
                    ],
                    "total",
                )
            )
        return [
            status_table(data, lab["by_issue"], first=lab["issue"]),
            projects_table(data),
            *efficiency_sections(data),
            table(
                lab["in_out"],
                [
                    "",
                    lab["projects"],
                    lab["budget_planned"],
                    lab["disbursed"],
                    lab["disbursed_pct"],
                ],
                ["l", "r", "r", "r", "r"],
                in_out,
            ),
            table(
                lab["targets"],
                [
                    lab["quarter"],
                    lab["target_pct"],
                    lab["target_amount"],
                    lab["disbursed"],
                    lab["actual_pct"],
                ],
                ["l", "r", "r", "r", "r"],
                targets if data.sources["targets"] else [],
                empty=lab["not_available"],
            ),
            table(
                lab["indicators"],
                [lab["issue"], lab["indicator"], lab["weight"], lab["achievement"]],
                ["l", "l", "r", "r"],
                indicators,
                empty=lab["none"],
                widths=[["fr", 1], ["fr", 2], ["cm", 2], ["cm", 2.4]],
            ),
            {"kind": "note", "heading": "", "text": lab["formula"]},
            problems_section(data, lab["measures"]),
            {
                "kind": "list",
                "heading": lab["decisions"],
                "items": data.decisions,
                "empty": lab["none"],
            },
        ]


def _count(data: fd.Followup, out_of_plan: bool | None) -> int:
    return sum(
        1
        for p in data.projects
        if p.status != "cancelled" and (out_of_plan is None or p.out_of_plan == out_of_plan)
    )


class RoundReport(FollowupReport):
    """Per strategy: projects in the plan year, projects done, percent, money."""

    period_kinds = ("round",)

    def sections(self, data: fd.Followup) -> list[dict[str, Any]]:
        lab = labels()
        header = [
            lab["strategy"],
            lab["projects"],
            lab["projects_done"],
            lab["done_pct"],
            lab["budget_planned"],
            lab["disbursed"],
            lab["disbursed_pct"],
        ]

        def cells(g: fd.Group, label: str) -> list[str]:
            active = g.project_count - g.projects_by_status["cancelled"]
            return [
                label,
                count(active),
                count(g.done),
                percent(g.done_pct),
                money(g.money.budget_planned),
                money(g.money.disbursed),
                percent(g.money.disbursed_pct),
            ]

        rows = [row(cells(g, issue_title(g))) for g in data.groups]
        rows.append(row(cells(data.total, lab["total"]), "total"))
        return [
            table(
                lab["by_issue"],
                header,
                ["l", "r", "r", "r", "r", "r", "r"],
                rows,
                widths=[["fr", 1]] + [["cm", 1.7]] * 3 + [["cm", 2.6]] * 2 + [["cm", 1.8]],
            ),
            table(
                lab["projects"],
                [
                    lab["no"],
                    lab["project"],
                    lab["status"],
                    lab["percent_complete"],
                    lab["budget_planned"],
                    lab["disbursed"],
                ],
                ["r", "l", "l", "r", "r", "r"],
                [
                    row(
                        [
                            count(n),
                            p.name,
                            p.status_label,
                            whole(p.percent),
                            money(p.money.budget_planned),
                            money(p.money.disbursed),
                        ]
                    )
                    for n, p in enumerate(data.projects, start=1)
                ],
                widths=[["cm", 0.9], ["fr", 1], ["cm", 2.2], ["cm", 1.7], ["cm", 2.6], ["cm", 2.6]],
                empty=lab["no_projects"],
            ),
            problems_section(data, lab["measures"]),
        ]


@register
class SixMonthReport(RoundReport):
    name = "six-month"
    title = gettext_lazy("Monitoring report of the development plan")
    description = gettext_lazy(
        "The local administration's monitoring report: the six-month round (R6, Oct–Mar) "
        "or the annual round (R12), per strategy: projects, projects done, percent, money; "
        "with its posting rule."
    )
    typst_template = "followup_report.typ"
    default_kind = "round"

    def sections(self, data: fd.Followup) -> list[dict[str, Any]]:
        return [
            *super().sections(data),
            {"kind": "note", "heading": "", "text": labels()["posting_rule"]},
        ]


@register
class AnnualReport(RoundReport):
    name = "annual"
    title = gettext_lazy("Annual performance report")
    description = gettext_lazy(
        "The year's results of an annual plan for the public: projects done, money spent, "
        "indicators' achievement per strategic issue."
    )
    typst_template = "followup_report.typ"
    orientation = "portrait"

    def web_choices(self, organization, fiscal_year: int | None) -> dict[str, WebChoice]:
        return {}  # the whole year (R12) only

    def build(self, *, user, plan, period: str | None = None, **options: Any) -> fd.Followup:
        annual = fd.load_plan(user=user, plan_id=plan)
        the_period = fd.period_of(
            organization=annual.organization,
            fiscal_year=annual.fiscal_year,
            code=period or "R12",
            kinds=self.period_kinds,
        )
        return fd.collect(user=user, plans=[annual], period=the_period, with_surveys=True)

    def to_json(self, data: fd.Followup) -> dict[str, Any]:
        from phaen.reports.registry import plain

        doc = super().to_json(data)
        doc["satisfaction"] = plain(data.satisfaction)
        return doc

    def sections(self, data: fd.Followup) -> list[dict[str, Any]]:
        lab = labels()
        base = super().sections(data)
        indicators = [
            row([issue_title(g), count(g.indicators_with_results), percent(g.weighted_achievement)])
            for g in data.groups
        ]
        indicators.append(
            row(
                [
                    lab["total"],
                    count(data.total.indicators_with_results),
                    percent(data.total.weighted_achievement),
                ],
                "total",
            )
        )
        return [
            base[0],
            table(
                lab["indicators"],
                [lab["issue"], lab["indicators"], lab["weighted_achievement"]],
                ["l", "r", "r"],
                indicators,
                widths=[["fr", 1], ["cm", 2.2], ["cm", 2.6]],
            ),
            {"kind": "note", "heading": "", "text": lab["formula"]},
            base[1],
            table(
                lab["satisfaction"],
                [lab["project"], lab["survey"], lab["responses"], lab["mean"]],
                ["l", "l", "r", "r"],
                [
                    row([s.project, s.survey, count(s.responses), percent(s.mean)])
                    for s in data.satisfaction
                ],
                widths=[["fr", 1], ["fr", 1], ["cm", 2.2], ["cm", 2.4]],
                empty=lab["none"],
            ),
            *efficiency_sections(data),
        ]


@register
class PrBoardReport(FollowupReport):
    name = "pr-board"
    title = gettext_lazy("Notice board: our plan at work")
    description = gettext_lazy(
        "A one-page poster for the notice board: projects, projects done, money spent, "
        "progress per strategic issue and a few highlights."
    )
    typst_template = "followup_board.typ"
    orientation = "portrait"
    period_kinds = ("month", "quarter", "round")
    default_kind = "month"
    HIGHLIGHTS = 5

    def highlights(self, data: fd.Followup) -> list[fd.ProjectLine]:
        """Projects done first, then the most advanced, at most ``HIGHLIGHTS``."""
        active = [p for p in data.projects if p.status in ("done", "in_progress")]
        active.sort(key=lambda p: (p.status != "done", -(p.percent or 0), p.id))
        return active[: self.HIGHLIGHTS]

    def sections(self, data: fd.Followup) -> list[dict[str, Any]]:
        lab = labels()
        t = data.total
        active = t.project_count - t.projects_by_status["cancelled"]
        return [
            {
                "kind": "stats",
                "heading": "",
                "items": [
                    [lab["projects"], count(active)],
                    [lab["projects_done"], count(t.done)],
                    [lab["in_progress"], count(t.projects_by_status["in_progress"])],
                    [lab["money_spent"], percent(t.money.disbursed_pct) + " %"],
                ],
                "note": f"{money(t.money.disbursed)} / {money(t.money.budget_planned)} "
                f"{pgettext('report', 'baht')}",
            },
            {
                "kind": "bars",
                "heading": lab["by_issue"],
                "items": [
                    [issue_title(g), float(g.done_pct), percent(g.done_pct) + " %"]
                    for g in data.groups
                    if g.project_count
                ],
                "empty": lab["no_projects"],
            },
            {
                "kind": "list",
                "heading": lab["highlights"],
                "items": [
                    f"{p.name} — {p.status_label}"
                    + (f" {whole(p.percent)} %" if p.percent is not None else "")
                    for p in self.highlights(data)
                ],
                "empty": lab["none"],
            },
        ]

    def xlsx(self, data: fd.Followup, workbook) -> None:
        """One sheet: the big numbers, the share of projects done per issue (numbers, so
        they can be charted in Excel) and the highlights."""
        lab = labels()
        t = data.total
        ws = new_sheet(workbook, str(self.title))
        heading = self.heading(data)
        start = write_title(
            ws,
            title=str(self.title),
            organization=heading["organization"],
            extra=[heading["subtitle"]],
            width=2,
        )
        rows: list[list] = [
            [lab["projects"], t.project_count - t.projects_by_status["cancelled"]],
            [lab["projects_done"], t.done],
            [lab["in_progress"], t.projects_by_status["in_progress"]],
            [lab["budget_planned"], t.money.budget_planned],
            [lab["disbursed"], t.money.disbursed],
            [lab["disbursed_pct"], t.money.disbursed_pct],
        ]
        rows += [
            [f"{lab['done_pct']}: {issue_title(g)}", g.done_pct]
            for g in data.groups
            if g.project_count
        ]
        rows += [[lab["highlights"], text] for text in self.sections(data)[2]["items"]]
        write_table(
            ws,
            columns=[Column(lab["summary"], 60), Column("", 40, "number")],
            rows=rows,
            start_row=start,
        )
