import json
from io import BytesIO

import pytest
from openpyxl import load_workbook

from phaen.reports.registry import ReportError, get_report
from phaen.reports.renderers import render
from phaen.rounds import services
from phaen.rounds.tests.factories import add_child, child_plan, open_round


@pytest.fixture
def accepted_round(world):
    kids = [add_child(world, code) for code in ("KIDA", "KIDB", "KIDC")]
    for (org, planner), amounts in zip(kids, [(1000.5, 2000), (300,), (50,)], strict=True):
        child_plan(org, planner, amounts=amounts)
    round_ = open_round(world, children=[org for org, _p in kids])
    for org, planner in kids[:2]:
        sub = services.submission_submit(
            submission=round_.submissions.get(organization=org), by=planner
        )
        services.submission_accept(submission=sub, by=world.planner)
    return round_


def test_report_json_xlsx_pdf(world, accepted_round):
    report = get_report("round-consolidated")
    assert report.options_for_organization(world.own, 2570) == {"round": accepted_round.pk}
    data = report.build(user=world.planner, round=accepted_round.pk)
    assert [r.code for r in data.rows] == ["KIDA", "KIDB"]
    assert data.total.budget_planned == sum(r.budget_planned for r in data.rows)
    assert data.pending == [
        str(accepted_round.submissions.get(organization__code="KIDC").organization)
    ]
    doc = json.loads(render(report, data, "json").content)
    assert doc["total"]["budget_planned"] == 3300.5
    book = load_workbook(BytesIO(render(report, data, "xlsx").content))
    values = [row for row in book.active.iter_rows(values_only=True) if row and row[0]]
    total_row = values[-1]  # after the two children's rows
    assert total_row[1] == 3 and float(total_row[6]) == 3300.5
    pdf = render(report, data, "pdf").content
    assert pdf.startswith(b"%PDF")


def test_report_refuses_who_may_not_see_the_round(world, accepted_round):
    report = get_report("round-consolidated")
    with pytest.raises(ReportError):
        report.build(user=world.outsider, round=accepted_round.pk)
    with pytest.raises(ReportError):
        report.options_for_organization(world.other, 2570)


def test_report_command(world, accepted_round, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "round.json"
    call_command(
        "report", "round-consolidated", "--round", str(accepted_round.pk), "--out", str(out)
    )
    data = json.loads(out.read_text())
    assert data["total"]["projects"] == 3
    assert [r["code"] for r in data["rows"]] == ["KIDA", "KIDB"]
