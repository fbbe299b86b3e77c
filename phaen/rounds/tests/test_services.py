import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phaen.rounds import choices as c
from phaen.rounds import selectors, services
from phaen.rounds.models import RoundMove, RoundSubmission
from phaen.rounds.tests.factories import add_child, child_plan, open_round

S = c.SubmissionState


@pytest.fixture
def two(world):
    a, a_planner = add_child(world, "KIDA")
    b, b_planner = add_child(world, "KIDB")
    return {"a": (a, a_planner), "b": (b, b_planner)}


def test_round_asks_direct_children_by_default(world, two):
    round_ = open_round(world)
    asked = list(round_.submissions.values_list("organization__code", flat=True))
    assert asked == ["CHILD", "KIDA", "KIDB"]
    assert set(round_.submissions.values_list("state", flat=True)) == {S.NOT_SUBMITTED}


def test_round_children_are_choosable_but_must_be_below(world, two):
    round_ = open_round(world, children=[two["a"][0]])
    assert round_.submissions.count() == 1
    with pytest.raises(ValidationError) as err:
        open_round(world, children=[world.other])
    assert "children" in err.value.message_dict


def test_round_refuses_a_bad_period_and_outsiders(world, two):
    with pytest.raises(ValidationError) as err:
        open_round(world, code="Q5")
    assert "period_code" in err.value.message_dict
    with pytest.raises(ValidationError):
        open_round(world, code="2569-05")  # May 2569 BE is FY 2569, not 2570
    with pytest.raises(PermissionDenied):
        open_round(world, by=world.viewer)
    with pytest.raises(PermissionDenied):
        open_round(world, by=two["a"][1])  # a child's planner cannot open the parent's round


def test_submit_return_resubmit_accept_keeps_every_move(world, two):
    a, a_planner = two["a"]
    child_plan(a, a_planner, amounts=(100000, 25000.50), statuses=("in_progress",))
    round_ = open_round(world)
    sub = round_.submissions.get(organization=a)
    sub = services.submission_submit(submission=sub, by=a_planner, summary="ครบถ้วน")
    assert sub.state == S.SUBMITTED and sub.submitted_by == a_planner
    assert sub.snapshot["projects"] == 2
    assert sub.snapshot["budget_planned"] == "125000.50"
    assert sub.snapshot["by_status"] == {
        "not_started": 1,
        "in_progress": 1,
        "done": 0,
        "postponed": 0,
    }
    assert sub.snapshot["period"] == {"code": "Q1", "start": "2026-10-01", "end": "2026-12-31"}
    with pytest.raises(ValidationError) as err:
        services.submission_return(submission=sub, by=world.planner, comment="  ")
    assert "comment" in err.value.message_dict
    sub = services.submission_return(submission=sub, by=world.planner, comment="เพิ่มปัญหาอุปสรรค")
    assert sub.state == S.RETURNED and sub.comment == "เพิ่มปัญหาอุปสรรค"
    sub = services.submission_submit(submission=sub, by=a_planner, summary="แก้ไขแล้ว")
    executive = world.role_users["executive"]
    sub = services.submission_accept(submission=sub, by=executive)
    assert sub.state == S.ACCEPTED and sub.decided_by == executive
    kinds = list(RoundMove.objects.filter(submission=sub).values_list("kind", "comment"))
    assert kinds == [
        ("submitted", "ครบถ้วน"),
        ("returned", "เพิ่มปัญหาอุปสรรค"),
        ("submitted", "แก้ไขแล้ว"),
        ("accepted", ""),
    ]
    assert sub.history.count() >= 4


def test_refusals(world, two):
    a, a_planner = two["a"]
    _b, b_planner = two["b"]
    round_ = open_round(world)
    sub = round_.submissions.get(organization=a)
    with pytest.raises(ValidationError):  # nothing submitted yet
        services.submission_accept(submission=sub, by=world.planner)
    with pytest.raises(PermissionDenied):  # a sibling cannot submit for another child
        services.submission_submit(submission=sub, by=b_planner)
    with pytest.raises(PermissionDenied):  # the parent does not submit for its child
        services.submission_submit(submission=sub, by=world.planner)
    sub = services.submission_submit(submission=sub, by=a_planner)
    with pytest.raises(PermissionDenied):  # a child does not accept its own report
        services.submission_accept(submission=sub, by=a_planner)
    with pytest.raises(PermissionDenied):  # a viewer of the parent reads only
        services.submission_accept(submission=sub, by=world.viewer)
    sub = services.submission_accept(submission=sub, by=world.planner)
    with pytest.raises(ValidationError) as err:  # submit after accept
        services.submission_submit(submission=sub, by=a_planner)
    assert "state" in err.value.message_dict
    with pytest.raises(ValidationError):  # return after accept
        services.submission_return(submission=sub, by=world.planner, comment="ช้าไป")


def test_a_stale_move_is_refused(world, two):
    a, a_planner = two["a"]
    round_ = open_round(world)
    sub = round_.submissions.get(organization=a)
    sub = services.submission_submit(submission=sub, by=a_planner)
    seen = RoundSubmission.objects.get(pk=sub.pk)
    services.submission_accept(submission=sub, by=world.planner)
    with pytest.raises(ValidationError):
        services.submission_return(submission=seen, by=world.planner, comment="x")
    assert RoundMove.objects.filter(submission=sub).count() == 2


def test_snapshot_is_kept_when_the_plan_changes_later(world, two):
    a, a_planner = two["a"]
    plan = child_plan(a, a_planner, amounts=(1000,))
    round_ = open_round(world)
    sub = services.submission_submit(
        submission=round_.submissions.get(organization=a), by=a_planner
    )
    child_plan(a, a_planner, amounts=(999999,))  # a newer draft does not change the report
    plan.projects.first().budget_lines.update(amount=5)
    sub.refresh_from_db()
    assert sub.snapshot["budget_planned"] == "1000.00"


def test_snapshot_uses_the_approved_edition_before_a_later_draft(world, two):
    a, a_planner = two["a"]
    approved = child_plan(a, a_planner, amounts=(7000,))
    type(approved).objects.filter(pk=approved.pk).update(state="approved")
    child_plan(a, a_planner, amounts=(1,))
    assert selectors.plan_in_force(organization=a, fiscal_year=2570) == approved


def test_consolidation_total_is_the_sum_of_accepted_children(world, two):
    a, a_planner = two["a"]
    b, b_planner = two["b"]
    child_plan(a, a_planner, amounts=(100000.25, 50000), statuses=("done",))
    child_plan(
        b,
        b_planner,
        amounts=(30000, 20000, 10000.75),
        statuses=("cancelled in plan", "in_progress"),
    )
    round_ = open_round(world)
    for org, user in ((a, a_planner), (b, b_planner)):
        sub = services.submission_submit(
            submission=round_.submissions.get(organization=org), by=user
        )
        services.submission_accept(submission=sub, by=world.planner)
    result = selectors.consolidate(round_)
    assert [row.organization.code for row in result.rows] == ["KIDA", "KIDB"]
    assert [o.code for o in result.pending] == ["CHILD"]
    assert result.rows[0].budget_planned == Decimal("150000.25")
    assert result.rows[1].budget_planned == Decimal("30000.75")  # cancelled counts nowhere
    assert result.total.budget_planned == Decimal("180001.00")
    assert result.total.projects == 4 == sum(r.projects for r in result.rows)
    assert result.total.by_status == {"not_started": 2, "in_progress": 1, "done": 1, "postponed": 0}
    data = result.as_dict()
    assert data["total"]["budget_planned"] == "180001.00"
    assert sum(Decimal(r["budget_planned"]) for r in data["children"]) == Decimal("180001.00")


def test_late_means_past_the_deadline_in_bangkok(world, two, monkeypatch):
    from django.utils import timezone

    round_ = open_round(world, deadline=dt.date(2026, 12, 31))
    bangkok = ZoneInfo("Asia/Bangkok")

    def at(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        board = selectors.round_board(round_, world.planner)
        return board.late

    # 23:59 on the deadline in Bangkok is 16:59 UTC: not late yet
    assert at(dt.datetime(2026, 12, 31, 16, 59, tzinfo=dt.UTC)) == 0
    # 00:30 the next day in Bangkok is still 31 December in UTC: late
    assert at(dt.datetime(2026, 12, 31, 17, 30, tzinfo=dt.UTC)) == 3
    assert at(dt.datetime(2027, 1, 1, 0, 30, tzinfo=bangkok)) == 3
    # a submitted child is not late
    a, a_planner = two["a"]
    services.submission_submit(submission=round_.submissions.get(organization=a), by=a_planner)
    assert at(dt.datetime(2027, 1, 2, tzinfo=bangkok)) == 2


def test_snapshot_counts_money_spent_to_the_period_end(world, two):
    from phaen.finance import services as finance

    a, a_planner = two["a"]
    plan = child_plan(a, a_planner, amounts=(100000, 50000))
    first, second = plan.projects.order_by("id")
    for project, number, day, amount in (
        (first, "V1", dt.date(2026, 11, 5), "12000.50"),
        (second, "V2", dt.date(2026, 12, 31), "3000"),
        (first, "V3", dt.date(2027, 1, 1), "80000"),  # after Q1: not counted
    ):
        finance.transaction_save(
            project=project,
            budget_line=project.budget_lines.first(),
            kind="disbursement",
            number=number,
            date=day,
            amount=Decimal(amount),
            manual=False,
        )
    finance.transaction_save(  # an advance is not spending until cleared
        project=first,
        budget_line=first.budget_lines.first(),
        kind="advance",
        number="A1",
        date=dt.date(2026, 10, 20),
        clear_by=dt.date(2026, 11, 20),
        amount=Decimal(500),
        manual=False,
    )
    round_ = open_round(world)
    sub = services.submission_submit(
        submission=round_.submissions.get(organization=a), by=a_planner
    )
    assert sub.snapshot["disbursed"] == "15000.50"
    assert sub.snapshot["sources"]["disbursed"] == "finance"


def test_quarter_shown_by_each_period():
    assert selectors.quarter_as_of("quarter", 2) == 2
    assert selectors.quarter_as_of("round", 6) == 2
    assert selectors.quarter_as_of("round", 9) == 3
    assert selectors.quarter_as_of("round", 12) is None
    assert selectors.quarter_as_of("month", 3) == 1  # December: Q1 complete
    assert selectors.quarter_as_of("month", 2) is False  # November: no quarter complete yet


def test_snapshot_status_from_progress_up_to_the_period_end(world, two):
    from phaen.monitoring.models import Problem
    from phaen.rounds.tests.factories import progress

    a, a_planner = two["a"]
    plan = child_plan(a, a_planner, amounts=(1000, 2000, 4000))
    first, second, third = plan.projects.order_by("id")
    progress(first, "in_progress", day=dt.date(2026, 10, 10))
    progress(first, "done", day=dt.date(2026, 12, 10))
    progress(second, "cancelled", day=dt.date(2026, 11, 10))
    progress(third, "postponed", day=dt.date(2027, 1, 10))  # after Q1: not seen
    Problem.objects.create(
        plan=plan, category="other", description="ฝนตก", found_on=dt.date(2026, 12, 1)
    )
    Problem.objects.create(
        plan=plan, category="other", description="ภายหลัง", found_on=dt.date(2027, 2, 1)
    )
    round_ = open_round(world)
    sub = services.submission_submit(
        submission=round_.submissions.get(organization=a), by=a_planner
    )
    snap = sub.snapshot
    assert snap["by_status"] == {"not_started": 1, "in_progress": 0, "done": 1, "postponed": 0}
    assert snap["projects"] == 2 and snap["cancelled"] == 1
    assert snap["budget_planned"] == "5000.00"  # the cancelled project's money counts nowhere
    assert snap["problems"] == 1
    assert snap["sources"] == {
        "status": "monitoring",
        "disbursed": "finance",
        "weighted_achievement": "performance",
        "problems": "monitoring",
    }


def test_a_child_without_a_plan_reports_empty_figures_that_never_pretend(world, two):
    a, a_planner = two["a"]
    b, b_planner = two["b"]
    child_plan(a, a_planner, amounts=(1000,))
    round_ = open_round(world)
    for org, user in ((a, a_planner), (b, b_planner)):
        sub = services.submission_submit(
            submission=round_.submissions.get(organization=org), by=user
        )
        services.submission_accept(submission=sub, by=world.planner)
    empty = round_.submissions.get(organization=b).snapshot
    assert empty["plan"] is None and empty["projects"] == 0
    assert empty["disbursed"] is None and empty["problems"] is None
    result = selectors.consolidate(round_)
    assert result.total.budget_planned == Decimal("1000.00")
    assert result.total.disbursed == Decimal("0.00")  # only the child that has the figure
    assert result.rows[1].disbursed is None
