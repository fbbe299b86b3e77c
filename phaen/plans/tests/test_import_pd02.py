"""phaen import_pd02: a ผด.02 sheet into the operational plan, only JSON on stdout."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from phaen.organizations.models import Unit
from phaen.plans.models import AnnualPlan, BudgetLine, Project

pytestmark = pytest.mark.django_db
SHEETS = Path(__file__).parent / "sheets"


def run(*args):
    out = io.StringIO()
    call_command("import_pd02", *args, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def test_it_creates_the_operational_plan_and_prints_only_json(world):
    data = run(str(SHEETS / "pd02_sao_shaded.xlsx"), "--org", "OTHER", "--year", "2568")
    plan = AnnualPlan.objects.get(pk=data["plan"])
    assert plan.kind == "operational_plan" and plan.fiscal_year == 2568
    assert plan.organization == world.other
    assert len(data["projects"]) == plan.projects.count() > 0
    first = data["projects"][0]
    assert set(first) == {
        "strategy",
        "work_plan",
        "name",
        "details",
        "budget",
        "place",
        "unit",
        "months",
    }
    assert isinstance(first["budget"], int | float) and first["months"][0].endswith(".")
    total = sum(b.amount for b in BudgetLine.objects.filter(project__plan=plan))
    assert total == sum(p["budget"] for p in data["projects"])
    assert set(data["created_units"]) == set(
        Unit.objects.filter(organization=world.other).values_list("name_th", flat=True)
    )
    project = Project.objects.get(plan=plan, name=first["name"])
    assert project.activities.count() == len(first["details"])


def test_a_second_import_adds_to_the_same_plan_and_reuses_units(world):
    first = run(str(SHEETS / "pd02_sao_shaded.xlsx"), "--org", "OTHER", "--year", "2568")
    second = run(str(SHEETS / "pd02_sao_shaded.xlsx"), "--org", "OTHER", "--year", "2568")
    assert first["plan"] == second["plan"] and second["created_units"] == []


def test_a_sheet_with_errors_saves_nothing(world):
    with pytest.raises(CommandError, match="nothing saved"):
        run(str(SHEETS / "pd02_with_errors.xlsx"), "--org", "OTHER", "--year", "2568")
    assert not Project.objects.exists()


def test_the_wrong_year_and_unreadable_files_are_refused(world, tmp_path):
    with pytest.raises(CommandError):
        run(str(SHEETS / "pd02_sao_shaded.xlsx"), "--org", "OTHER", "--year", "2570")
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(CommandError):
        run(str(bad), "--org", "OTHER", "--year", "2568")
    assert not AnnualPlan.objects.exists()
