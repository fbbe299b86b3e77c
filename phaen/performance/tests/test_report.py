"""The score sheet report: JSON equals the hand-computed sheet; PDF has the Thai text;
Excel opens; access is checked."""

import datetime as dt
import io
import json
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from phaen.performance import services
from phaen.performance.tests.factories import make_agreement
from phaen.reports.registry import ReportError, get_report
from phaen.reports.renderers import render
from phaen.reports.tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(world):
    agreement = make_agreement(world.own, world.planner)
    services.agreement_sign(agreement=agreement, signed_on=dt.date(2026, 10, 15), by=world.planner)
    one, two, three = agreement.indicators.all()
    services.assessment_record(
        agreement=agreement,
        kind="committee",
        results={one.pk: D(72), two.pk: D("76.25"), three.pk: D(65)},
        by=world.role_users["committee"],
    )
    return agreement


def test_json_has_the_official_columns_and_total(world, assessed):
    report = get_report("agreement-score")
    data = report.build(user=world.viewer, agreement=assessed.pk, assessment="committee")
    doc = json.loads(render(report, data, "json").content)
    assert doc["total"] == 3.3475
    assert [line["weighted_score"] for line in doc["lines"]] == [1.36, 1.4875, 0.5]
    assert doc["lines"][0]["levels"] == [60, 65, 70, 75, 80]
    assert doc["weight_total"] == 100


def test_pdf_prints_the_thai_sheet(world, assessed):
    report = get_report("agreement-score")
    data = report.build(user=world.viewer, agreement=assessed.pk, assessment="committee")
    text = pdf_text(render(report, data, "pdf").content)
    assert "ตัวชี้วัดที่ 1" in text
    assert "คะแนนถ่วงน้ำหนัก" in text
    assert "3.3475" in text and "1.4875" in text


def test_excel_has_one_row_per_indicator_and_the_total(world, assessed):
    report = get_report("agreement-score")
    data = report.build(user=world.viewer, agreement=assessed.pk, assessment="committee")
    ws = load_workbook(io.BytesIO(render(report, data, "xlsx").content)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert any(row[0] == "1 ตัวชี้วัดที่ 1" and row[-1] == "1.3600" for row in values)
    assert any(row[-1] == "3.3475" for row in values)


def test_an_invisible_agreement_is_refused(world, assessed):
    report = get_report("agreement-score")
    with pytest.raises(ReportError):
        report.build(user=world.outsider, agreement=assessed.pk)
    with pytest.raises(ReportError):
        report.build(user=world.viewer, agreement=None)
    assert report.options_for_organization(world.own, 2570)["agreement"] == assessed.pk


def test_the_command_writes_the_self_assessment_sheet(world, assessed, tmp_path):
    from django.core.management import call_command

    services.assessment_record(
        agreement=assessed,
        kind="self",
        results={i.pk: D(80) for i in assessed.indicators.all()},
        by=world.planner,
    )
    out = tmp_path / "sheet.json"
    call_command(
        "report",
        "agreement-score",
        "--agreement",
        str(assessed.pk),
        "--assessment",
        "self",
        "--format",
        "json",
        "--out",
        str(out),
    )
    doc = json.loads(out.read_text())
    assert doc["assessment"] == "self" and doc["total"] == 5
