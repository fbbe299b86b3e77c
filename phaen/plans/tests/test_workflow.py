"""The review route as data, overrides, race-safe transitions, freezing, editions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phaen.core.frozen import FrozenRecordError
from phaen.plans import workflow
from phaen.plans.checks import alignment_check
from phaen.plans.models import AnnualPlan, PlanTransition, Project

pytestmark = pytest.mark.django_db


def clear_findings(plan, user):
    for finding in alignment_check(plan).open_warnings:
        workflow.override_finding(plan=plan, finding=finding.code, reason="ยอมรับได้", by=user)


def test_submission_is_refused_while_findings_remain_and_blocking_ones_cannot_be_overridden(
    annual, world
):
    from phaen.plans.tests.conftest import add_project

    orphan = add_project(annual, "โครงการลอย", 5000)
    with pytest.raises(ValidationError):
        workflow.plan_submit(plan=annual, by=world.planner)
    with pytest.raises(ValidationError):
        workflow.override_finding(
            plan=annual, finding=f"no_strategy:{orphan.pk}", reason="x", by=world.planner
        )
    with pytest.raises(ValidationError):
        workflow.override_finding(
            plan=annual, finding=f"no_indicator:{orphan.pk}", reason=" ", by=world.planner
        )
    orphan.delete()
    clear_findings(annual, world.planner)
    plan = workflow.plan_submit(plan=annual, by=world.planner)
    assert plan.state == "in_review" and plan.current_step == 1


def test_the_route_moves_step_by_step_by_the_right_roles_and_can_send_back(annual, world):
    clear_findings(annual, world.planner)
    plan = workflow.plan_submit(plan=annual, by=world.planner)
    committee, executive = world.role_users["committee"], world.role_users["executive"]
    with pytest.raises(PermissionDenied):
        workflow.plan_advance(plan=plan, by=committee)  # step 1 is the planning unit's
    plan = workflow.plan_advance(plan=plan, by=world.planner)
    assert plan.current_step == 2
    with pytest.raises(ValidationError):
        workflow.plan_return(plan=plan, by=committee, comment=" ")
    plan = workflow.plan_return(plan=plan, by=committee, comment="เพิ่มตัวชี้วัดโครงการที่ 2")
    assert plan.state == "returned"
    plan = workflow.plan_submit(plan=plan, by=world.planner)
    plan = workflow.plan_advance(plan=plan, by=world.planner)
    plan = workflow.plan_advance(plan=plan, by=committee)
    with pytest.raises(PermissionDenied):
        workflow.plan_advance(plan=plan, by=committee)  # the head approves
    plan = workflow.plan_advance(plan=plan, by=executive)
    assert plan.state == "approved" and plan.approved_on
    states = list(PlanTransition.objects.filter(plan=plan).values_list("to_state", flat=True))
    assert states == [
        "in_review",
        "in_review",
        "returned",
        "in_review",
        "in_review",
        "in_review",
        "approved",
    ]
    plan = workflow.plan_announce(plan=plan, by=executive)
    assert plan.state == "announced"


def test_two_approvals_at_once_make_one_transition(annual, world):
    clear_findings(annual, world.planner)
    plan = workflow.plan_submit(plan=annual, by=world.planner)
    stale = AnnualPlan.objects.get(pk=plan.pk)
    workflow.plan_advance(plan=plan, by=world.planner)
    with pytest.raises(ValidationError):
        workflow.plan_advance(plan=stale, by=world.planner)
    assert PlanTransition.objects.filter(plan=plan).count() == 2


def approved(annual, world):
    clear_findings(annual, world.planner)
    plan = workflow.plan_submit(plan=annual, by=world.planner)
    for user in (world.planner, world.role_users["committee"], world.role_users["executive"]):
        plan = workflow.plan_advance(plan=plan, by=user)
    return workflow.plan_announce(plan=plan, by=world.role_users["executive"])


def test_an_announced_plan_cannot_be_changed_by_any_path(annual, world):
    plan = approved(annual, world)
    project = plan.projects.first()
    project.name = "x"
    with pytest.raises(FrozenRecordError):
        project.save()
    with pytest.raises(FrozenRecordError):
        Project.objects.filter(plan=plan).update(place="x")
    plan.state = "draft"
    with pytest.raises(FrozenRecordError):
        plan.save(update_fields=["state"])
    plan.title = "x"
    with pytest.raises(FrozenRecordError):
        plan.save()


def test_an_edition_copies_the_plan_and_the_diff_shows_its_changes(annual, world):
    from phaen.plans.tests.conftest import add_project

    plan = approved(annual, world)
    edition = workflow.edition_create(
        plan=plan, kind="addition", reason="ได้รับงบประมาณเพิ่มเติม", by=world.planner
    )
    assert edition.previous == plan and edition.edition_number == 1 and edition.state == "draft"
    assert edition.edition_label.endswith("1/2568")
    issue = plan.multi_year_plan.issues.get(number=1)
    added = add_project(edition, "โครงการจากงบเพิ่มเติม", 80000, issue=issue)
    changed = edition.projects.get(name="โครงการอบรมอาสาสมัคร")
    changed.place = "วัดประจำตำบล"
    changed.save()
    edition.projects.get(name="โครงการจัดทำฐานข้อมูล").delete()
    diff = workflow.edition_diff(plan, edition)
    assert diff["added"] == [added]
    assert [p.name for p in diff["removed"]] == ["โครงการจัดทำฐานข้อมูล"]
    assert [(a.name, fields) for a, _, fields in diff["changed"]] == [
        ("โครงการอบรมอาสาสมัคร", ["place"])
    ]
    assert plan.projects.count() == 3  # the announced edition is untouched


def test_a_fit_to_ceiling_proposal_becomes_a_deferral_edition(annual, world):
    from decimal import Decimal

    from phaen.plans import selectors

    plan = approved(annual, world)
    proposal = selectors.fit_to_ceiling(list(selectors.plan_projects(plan)), Decimal(160000))
    edition = workflow.edition_from_proposal(
        plan=plan,
        deferred_lineages=[p.lineage for p, _ in proposal.deferred],
        reason="ถูกปรับลดงบประมาณกลางปี",
        by=world.planner,
    )
    postponed = set(edition.projects.filter(status="postponed").values_list("name", flat=True))
    assert postponed == {"โครงการอบรมอาสาสมัคร", "โครงการจัดทำฐานข้อมูล"}
    assert edition.edition_kind == "deferral"
