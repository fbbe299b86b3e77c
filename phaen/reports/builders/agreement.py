"""Report "agreement-score": a performance agreement's score sheet in the official layout
(ตัวชี้วัด | หน่วยวัด | น้ำหนัก (ร้อยละ) | เกณฑ์การให้คะแนน 1–5 | ผลการดำเนินงาน | ค่าคะแนนที่ได้ |
คะแนนถ่วงน้ำหนัก; total on the 1–5 scale, four decimals), for the self-assessment or the
committee's. Data and texts come from ``phaen.performance.report`` (the performance app
owns them and their translations); this module lays them out.

    phaen report agreement-score --agreement ID [--assessment self|committee] --format pdf|xlsx|json
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from phaen.core.thai import format_number, format_thai_date
from phaen.performance import report as source
from phaen.reports.registry import Report, ReportError, register
from phaen.reports.renderers.styles import Column, new_sheet, write_table, write_title


def _n(value: Decimal | None, places: int) -> str:
    return "" if value is None else format_number(value, places)


@register
class AgreementScoreReport(Report):
    name = "agreement-score"
    title = source.TITLE
    description = source.DESCRIPTION
    orientation = "landscape"
    typst_template = "agreement_score.typ"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--agreement", type=int, required=True, metavar="ID")
        parser.add_argument("--assessment", choices=["self", "committee"], default="committee")

    def options_from_command(self, options: dict[str, Any], user) -> dict[str, Any]:
        return {"agreement": options["agreement"], "assessment": options.get("assessment")}

    def options_for_organization(self, organization, fiscal_year: int | None) -> dict[str, Any]:
        try:
            return {
                "agreement": source.latest_agreement(organization, fiscal_year),
                "assessment": "committee",
            }
        except source.NotAvailable as error:
            raise ReportError(str(error)) from None

    def build(self, *, user, agreement=None, assessment=None, **options: Any):
        try:
            return source.build(user=user, agreement=agreement, assessment=assessment)
        except source.NotAvailable as error:
            raise ReportError(str(error)) from None

    def labels(self) -> dict[str, str]:
        return source.labels()

    def heading(self, data) -> dict[str, Any]:
        return {
            "organization": data.organization,
            "subtitle": f"{data.title} — {data.assessment_label}",
            "fiscal_year": data.fiscal_year,
        }

    def filename(self, data, fmt: str) -> str:
        return f"{self.name}-{data.agreement}-{data.assessment}.{fmt}"

    def typst_data(self, data) -> dict[str, Any]:
        """Numbers as text formatted in Python (Decimal, half up), dates the Thai way."""
        doc = self.to_json(data)
        doc["lines"] = [
            {
                "number": line.number,
                "name": line.name,
                "unit": line.unit,
                "weight": _n(line.weight, 2),
                "levels": [_n(v, 2) for v in line.levels],
                "result": _n(line.result, 2),
                "score": _n(line.score, 4),
                "weighted": _n(line.weighted_score, 4),
            }
            for line in data.lines
        ]
        doc["weight_total"] = _n(data.weight_total, 2)
        doc["total_text"] = _n(data.total, 4)
        doc["achievement_text"] = _n(data.weighted_achievement, 2)
        doc["assessed_on_text"] = format_thai_date(data.assessed_on, "long")
        doc["signed_on_text"] = format_thai_date(data.signed_on, "long")
        return doc

    def xlsx(self, data, workbook) -> None:
        labels = self.labels()
        columns = [
            Column(labels["indicator"], 50),
            Column(labels["unit"], 14),
            Column(labels["weight"], 12, "number"),
            *(Column(f"{labels['criteria']} {n}", 10, "number") for n in range(1, 6)),
            Column(labels["result"], 14, "number"),
            Column(labels["score"], 12),
            Column(labels["weighted"], 14),
        ]
        ws = new_sheet(workbook, labels["assessment"])
        extra = [data.title, data.assessment_label]
        row = write_title(
            ws,
            title=str(self.title),
            organization=data.organization,
            fiscal_year=source.fiscal_year_label(data.fiscal_year),
            extra=extra,
            width=len(columns),
        )
        rows = [
            [
                f"{line.number} {line.name}".strip(),
                line.unit,
                line.weight,
                *line.levels,
                line.result,
                _n(line.score, 4),
                _n(line.weighted_score, 4),
            ]
            for line in data.lines
        ]
        rows.append(
            [
                labels["total"],
                "",
                data.weight_total,
                None,
                None,
                None,
                None,
                None,
                None,
                "",
                _n(data.total, 4),
            ]
        )
        write_table(ws, columns=columns, start_row=row, rows=rows)
