"""Report "round-consolidated": the consolidated table of a reporting round (accepted
submissions, one row per child organisation, and their total) as PDF, Excel and JSON
through the reports layer. The PDF uses the follow-up reports' generic section layout
(``followup_report.typ``): Python formats every cell, Typst only prints. Imported from
the app's ``ready()`` so the registry knows it. Two queries whatever the number of
children."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from phaen.core.thai import format_baht, format_thai_date
from phaen.reports.registry import Report, ReportError, register
from phaen.reports.renderers.styles import Column, new_sheet, write_table, write_title
from phaen.rounds import choices as c


@dataclass
class Row:
    code: str
    name: str
    projects: int
    by_status: list[int]
    budget_planned: Decimal
    disbursed: Decimal | None
    weighted_achievement: Decimal | None
    problems: int | None


@dataclass
class RoundData:
    round: int
    title: str
    organization: str
    organization_code: str
    fiscal_year: int
    period: str
    period_label: str
    deadline: Any
    rows: list[Row] = field(default_factory=list)
    total: Row | None = None
    pending: list[str] = field(default_factory=list)


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be a positive id")
    return number


def _row(row, code: str, name: str) -> Row:
    return Row(
        code=code,
        name=name,
        projects=row.projects,
        by_status=row.status_list,
        budget_planned=row.budget_planned,
        disbursed=row.disbursed,
        weighted_achievement=row.weighted_achievement,
        problems=row.problems,
    )


def _text(value, money: bool = False) -> str:
    if value is None:
        return "–"
    if money:
        return format_baht(value)
    return f"{value:,.2f}" if isinstance(value, Decimal) else f"{value:,}"


@register
class RoundConsolidatedReport(Report):
    name = "round-consolidated"
    title = gettext_lazy("Reporting round: consolidated figures")
    description = gettext_lazy(
        "Accepted submissions of a reporting round, one row per organisation, and their total."
    )
    orientation = "landscape"
    typst_template = "followup_report.typ"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--round", required=True, type=_positive_int, metavar="ID", help="Id of the round."
        )

    def options_from_command(self, options: dict[str, Any], user) -> dict[str, Any]:
        return {"round": options["round"]}

    def options_for_organization(self, organization, fiscal_year: int | None) -> dict[str, Any]:
        from phaen.rounds.models import ReportingRound

        rounds = ReportingRound.objects.filter(organization=organization)
        if fiscal_year:
            rounds = rounds.filter(fiscal_year=fiscal_year)
        latest = rounds.order_by("-deadline", "-pk").first()
        if latest is None:
            raise ReportError(_("This organisation has opened no reporting round this year."))
        return {"round": latest.pk}

    def build(self, *, user, round: int, **options: Any) -> RoundData:
        from phaen.rounds.models import ReportingRound
        from phaen.rounds.selectors import consolidate

        found = (
            ReportingRound.objects.for_user(user)
            .select_related("organization")
            .filter(pk=round)
            .first()
        )
        if found is None:
            raise ReportError(_("There is no reporting round %(id)s you may see.") % {"id": round})
        result = consolidate(found, user)
        return RoundData(
            round=found.pk,
            title=found.title,
            organization=str(found.organization),
            organization_code=found.organization.code,
            fiscal_year=found.fiscal_year,
            period=found.period_code,
            period_label=found.period_label,
            deadline=found.deadline,
            rows=[_row(r, r.organization.code, str(r.organization)) for r in result.rows],
            total=_row(result.total, "", _("Total")),
            pending=[str(o) for o in result.pending],
        )

    def heading(self, data: RoundData) -> dict[str, Any]:
        return {
            "organization": data.organization,
            "fiscal_year": data.fiscal_year,
            "subtitle": f"{data.title} · {data.period_label}",
        }

    def filename(self, data: RoundData, fmt: str) -> str:
        return f"{self.name}-{data.organization_code}-{data.fiscal_year}-{data.period}.{fmt}"

    def headers(self) -> list[str]:
        return [
            pgettext("report", "Organisation"),
            pgettext("report", "Projects"),
            *(str(label) for label in c.ProjectStatus.labels),
            pgettext("report", "Budget planned (baht)"),
            pgettext("report", "Disbursed (baht)"),
            pgettext("report", "Weighted achievement (%)"),
            pgettext("report", "Problems"),
        ]

    def _cells(self, row: Row) -> list[str]:
        return [
            row.name,
            _text(row.projects),
            *(_text(n) for n in row.by_status),
            _text(row.budget_planned, money=True),
            _text(row.disbursed, money=True),
            _text(row.weighted_achievement),
            _text(row.problems),
        ]

    def typst_data(self, data: RoundData) -> dict[str, Any]:
        n_status = len(c.STATUS_KEYS)
        rows = [{"cells": self._cells(r), "style": ""} for r in data.rows]
        rows.append({"cells": self._cells(data.total), "style": "total"})
        sections = [
            {
                "kind": "table",
                "heading": pgettext("report", "Accepted submissions"),
                "header": self.headers(),
                "widths": [
                    ["fr", 3],
                    *[["fr", 1]] * (1 + n_status),
                    *[["fr", 1.6]] * 2,
                    ["fr", 1.4],
                    ["fr", 1],
                ],
                "align": ["l", *["r"] * (n_status + 5)],
                "rows": rows,
                "empty": pgettext("report", "Nothing accepted yet."),
                "size": 10,
            },
            {
                "kind": "note",
                "text": pgettext(
                    "report",
                    "The total weighted achievement is the average of the organisations' own "
                    "weighted achievements (each organisation counts once).",
                ),
            },
        ]
        if data.pending:
            sections.append(
                {
                    "kind": "list",
                    "heading": pgettext("report", "Not accepted yet"),
                    "items": data.pending,
                    "empty": "",
                }
            )
        return {
            "facts": [
                [pgettext("report", "Period"), f"{data.period_label} ({data.period})"],
                [pgettext("report", "Deadline"), format_thai_date(data.deadline, "long")],
            ],
            "sections": sections,
        }

    def xlsx(self, data: RoundData, workbook) -> None:
        ws = new_sheet(workbook, pgettext("report", "Consolidated"))
        heading = self.heading(data)
        start = write_title(
            ws,
            title=str(self.title),
            organization=heading["organization"],
            extra=[heading["subtitle"]],
            width=len(self.headers()),
        )
        kinds = ["text", "int", *["int"] * len(c.STATUS_KEYS), "money", "money", "number", "int"]
        widths = [40, 10, *[12] * len(c.STATUS_KEYS), 18, 18, 14, 10]
        columns = [Column(h, w, k) for h, w, k in zip(self.headers(), widths, kinds, strict=True)]

        def values(row: Row) -> list:
            return [
                row.name,
                row.projects,
                *row.by_status,
                row.budget_planned,
                row.disbursed,
                row.weighted_achievement,
                row.problems,
            ]

        write_table(
            ws,
            columns=columns,
            rows=[*(values(r) for r in data.rows), values(data.total)],
            start_row=start,
        )
