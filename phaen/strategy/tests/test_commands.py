"""phaen import_strategic_plan / export_strategic_plan, as scripts and operators call them."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from phaen.strategy.models import StrategicPlan
from phaen.strategy.services import plan_from_tree

pytestmark = pytest.mark.django_db
DOCUMENTS = Path(__file__).parent / "documents"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_prints_only_json_of_the_most_recent_plan(world, tree):
    plan_from_tree(organization=world.own, tree=tree)
    newer = plan_from_tree(
        organization=world.own, tree={**tree, "start_year": 2571, "end_year": 2575, "issues": []}
    )
    out, err = run("export_strategic_plan", "--org", "OWN", "--format", "json")
    data = json.loads(out)
    assert data["plan"] == newer.pk and data["start_year"] == 2571 and err == ""
    assert {"organization", "vision", "missions", "objectives", "issues", "swot"} <= set(data)


def test_export_a_given_plan_and_refuse_unknown_ones(world, tree):
    plan = plan_from_tree(organization=world.own, tree=tree)
    out, _ = run("export_strategic_plan", "--org", "OWN", "--plan", str(plan.pk))
    issue = json.loads(out)["issues"][0]
    assert issue["number"] == 1 and issue["indicators"][0]["children"][0]["number"] == "1.1"
    assert issue["strategies"][0]["projects"][0]["name"] == "โครงการเยี่ยมบ้านผู้สูงอายุ"
    with pytest.raises(CommandError):
        run("export_strategic_plan", "--org", "OTHER", "--plan", str(plan.pk))
    with pytest.raises(CommandError):
        run("export_strategic_plan", "--org", "NOPE")


def test_import_a_document_lists_unplaced_lines_and_saves_the_rest(world):
    path = DOCUMENTS / "agriculture_office_web_copy.txt"
    out, err = run(
        "import_strategic_plan", str(path), "--org", "OWN", "--start", "2566", "--end", "2570"
    )
    plan = StrategicPlan.objects.get()
    assert plan.issues.exists() and plan.indicators.exists()
    assert "line " in err and "not placed" in err
    assert f"Imported plan {plan.pk}" in out


def test_strict_import_saves_nothing_when_a_line_is_unplaced(world):
    path = DOCUMENTS / "agriculture_office_web_copy.txt"
    with pytest.raises(CommandError, match="strict"):
        run(
            "import_strategic_plan",
            str(path),
            "--org",
            "OWN",
            "--start",
            "2566",
            "--end",
            "2570",
            "--strict",
        )
    assert not StrategicPlan.objects.exists()


def test_strict_import_of_a_clean_document_saves(world):
    path = DOCUMENTS / "social_development_office_2566_2570.txt"
    _out, err = run(
        "import_strategic_plan",
        str(path),
        "--org",
        "OWN",
        "--start",
        "2566",
        "--end",
        "2570",
        "--strict",
    )
    assert StrategicPlan.objects.get().issues.count() == 4, err


def test_an_unreadable_document_is_a_clear_error_and_nothing_is_saved(world, tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(b"not a docx at all")
    with pytest.raises(CommandError, match=r"plan\.docx"):
        run("import_strategic_plan", str(path), "--org", "OWN", "--start", "2566", "--end", "2570")
    assert not StrategicPlan.objects.exists()


def test_json_round_trip_through_the_commands(world, tree, tmp_path):
    plan_from_tree(organization=world.own, tree=tree)
    exported, _ = run("export_strategic_plan", "--org", "OWN")
    path = tmp_path / "plan.json"
    path.write_text(exported, encoding="utf-8")
    run("import_strategic_plan", str(path), "--org", "CHILD")
    again, _ = run("export_strategic_plan", "--org", "CHILD")
    first, second = json.loads(exported), json.loads(again)
    for data in (first, second):
        data.pop("plan"), data.pop("organization")
    assert first == second


def test_bad_values_in_json_are_named_and_nothing_is_saved(world, tree, tmp_path):
    tree["issues"][0]["indicators"][0]["targets"][0]["year"] = 2599
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(tree, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match=r"issues\.0\.indicators\.0\.targets\.0"):
        run("import_strategic_plan", str(path), "--org", "OWN")
    assert not StrategicPlan.objects.exists()


def test_a_user_without_planning_rights_may_not_import(world, tree, tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(tree, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError):
        run("import_strategic_plan", str(path), "--org", "OWN", "--user", world.viewer.username)
    run("import_strategic_plan", str(path), "--org", "OWN", "--user", world.planner.username)
    assert StrategicPlan.objects.get().history.first().history_user == world.planner
