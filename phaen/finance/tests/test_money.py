"""The arithmetic of money: totals equal their transactions, an uncleared advance is not
spending, the S-curve ends at the year's total, rules refuse bad records."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from phaen.finance import selectors, services
from phaen.finance.models import Transaction
from phaen.finance.tests.conftest import FY, add_project, record
from phaen.plans import workflow
from phaen.plans.models import BudgetLine

pytestmark = pytest.mark.django_db
D = Decimal


def test_balance_totals_equal_fresh_sums(project):
    record(project, "disbursement", "ฎ1", 10000)
    record(project, "commitment", "PO1", 30000)
    adv = record(project, "advance", "ย1", 20000)
    record(project, "clearing", "ส1", 15000, related=adv)
    record(project, "adjustment", "ปร1", -500)
    balance = selectors.project_balance(project)
    line = balance.lines[0].balance
    assert line.allocated == D(100000)
    assert line.spent == D(10000 + 15000 - 500)
    assert line.committed == D(30000)
    assert line.advanced == D(5000)  # 20,000 advanced, 15,000 cleared
    assert line.remaining == D(100000 - 24500 - 30000 - 5000)
    total = balance.total
    for name in ("allocated", "spent", "committed", "advanced", "remaining"):
        assert getattr(total, name) == sum(getattr(e.balance, name) for e in balance.lines)
    assert total.allocated == sum(bl.amount for bl in project.budget_lines.all())


def test_uncleared_advance_is_not_spending(project):
    record(project, "advance", "ย1", 20000)
    assert selectors.spent_by_project([project]) == {project.pk: D(0)}
    balance = selectors.project_balance(project).total
    assert balance.spent == 0 and balance.advanced == D(20000)
    assert selectors.s_curve([project], FY)[-1].cumulative_actual == 0


def test_paying_a_commitment_moves_it_to_spent(project):
    po = record(project, "commitment", "PO1", 30000)
    record(project, "disbursement", "ฎ1", 12000, related=po)
    line = selectors.project_balance(project).lines[0].balance
    assert (line.committed, line.spent, line.remaining) == (D(18000), D(12000), D(70000))
    with pytest.raises(ValidationError) as err:
        record(project, "disbursement", "ฎ2", 20000, related=po)
    assert "amount" in err.value.message_dict


def test_disbursement_over_the_line_is_refused_naming_the_field(project):
    record(project, "disbursement", "ฎ1", 90000)
    with pytest.raises(ValidationError) as err:
        record(project, "disbursement", "ฎ2", 10000.01)
    assert "amount" in err.value.message_dict
    assert "10,000.01" in err.value.message_dict["amount"][0]
    with pytest.raises(ValidationError):
        record(project, "commitment", "PO9", 10001)
    record(project, "disbursement", "ฎ3", 10000)  # exactly what is left


def test_spending_without_a_spending_plan_is_refused(plan):
    bare = add_project(plan, "โครงการไม่มีแผนใช้จ่าย", [(10000, None, "C2.1")])
    with translation.override("en"), pytest.raises(ValidationError) as err:
        record(bare, "disbursement", "ฎ1", 100)
    assert "spending plan" in err.value.message_dict["project"][0]
    record(bare, "commitment", "PO1", 100)  # a commitment is not spending


def test_clearing_needs_its_advance_and_not_more(project):
    adv = record(project, "advance", "ย1", 1000)
    with pytest.raises(ValidationError) as err:
        record(project, "clearing", "ส1", 1000)
    assert "related" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        record(project, "clearing", "ส1", 1001, related=adv)
    assert "amount" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        record(project, "advance", "ย2", 10, clear_by=None)
    assert "clear_by" in err.value.message_dict


def test_transaction_history_records_who(project, world):
    t = record(project, "disbursement", "ฎ1", 100, by=world.planner)
    assert t.history.first().history_user == world.planner
    assert t.confirmed_at is None
    services.transaction_confirm(record=t, by=world.role_users["finance"])
    assert Transaction.objects.get(pk=t.pk).confirmed_by == world.role_users["finance"]


def test_s_curve_last_point_equals_years_total(plan, project):
    add_project(plan, "ไม่มีแผนรายเดือน", [(33333.33, None, "C2.1")], months=[2, 5, 7])
    record(project, "disbursement", "ฎ1", 10000, day=dt.date(2026, 10, 3))
    record(project, "disbursement", "ฎ2", 5000, day=dt.date(2026, 11, 20))
    curve = selectors.s_curve(plan.projects.all(), FY)
    assert len(curve) == 12
    assert (curve[0].year, curve[0].calendar_month) == (2026, 10)
    total = sum(bl.amount for bl in BudgetLine.objects.filter(project__plan=plan))
    assert curve[-1].cumulative_planned == total == D("183333.33")
    assert [p.cumulative_actual for p in curve[:3]] == [D(10000), D(15000), D(15000)]
    assert curve[-1].cumulative_actual == D(15000)


def test_selectors_accept_projects_in_force(plan, project, world):
    record(project, "disbursement", "ฎ1", 1000)
    projects = selectors.projects_in_force(world.own, FY)
    assert selectors.s_curve(projects, FY)[-1].cumulative_actual == D(1000)
    assert selectors.disbursement_vs_target(projects, FY)[0].overall == D("0.67")


def test_s_curve_groups_and_filters(plan, project, world):
    other = add_project(plan, "นอกแผน", [(20000, [1], "C2.1")], out_of_plan=True)
    record(other, "disbursement", "ฎ9", 2000)
    record(project, "disbursement", "ฎ1", 1000)
    split = selectors.s_curves(plan.projects.all(), FY, group="out_of_plan")
    assert split[True][-1].cumulative_actual == D(2000)
    assert split[False][-1].cumulative_actual == D(1000)
    assert split[False][-1].cumulative_planned == D(150000)
    by_category = selectors.s_curves(plan.projects.all(), FY, group="category")
    assert sum(p[-1].cumulative_planned for p in by_category.values()) == D(170000)
    investment = project.budget_lines.get(category__code="C3.1").category.parent_id
    assert by_category[investment][-1].cumulative_planned == D(50000)
    filtered = selectors.s_curve(plan.projects.all(), FY, category=investment)
    assert filtered[-1].cumulative_planned == D(50000) and filtered[-1].cumulative_actual == 0


def test_new_edition_keeps_history(plan, project, world):
    record(project, "disbursement", "ฎ1", 1000)
    plan.state = "approved"
    plan.save()
    edition = workflow.edition_create(plan=plan, kind="change", by=world.planner, reason="ปรับ")
    copy = edition.projects.get(lineage=project.lineage)
    assert selectors.spent_by_project([copy]) == {copy.pk: D(1000)}
    balance = selectors.project_balance(copy)
    assert balance.lines[0].line.project_id == copy.pk
    assert balance.lines[0].balance.spent == D(1000)


def test_cost_per_unit_and_efficiency(project):
    assert selectors.planned_cost_per_unit([project]) == {project.pk: D(3000)}
    assert selectors.efficiency(D(1000), 4) == D(250)
    assert selectors.efficiency(D(1000), 0) is None


def test_disbursement_against_targets(plan, project):
    record(project, "disbursement", "ฎ1", 15000, day=dt.date(2026, 11, 5))
    inv = project.budget_lines.get(category__code="C3.1")
    record(project, "commitment", "PO1", 100, line=inv)
    rows = selectors.disbursement_vs_target(plan.projects.all(), FY)
    assert [r.quarter for r in rows] == [1, 2, 3, 4]
    assert rows[0].overall == D("10.00") and rows[0].current == D("15.00")
    assert rows[0].investment == D("0.00")
    assert rows[0].target is not None and rows[0].target.overall == D(30)
    assert rows[0].behind("overall")


@pytest.mark.parametrize("size", [1, 8])
def test_query_counts_fixed(plan, django_assert_num_queries, size):
    projects = [add_project(plan, f"โครงการ {i}", [(10000, [1, 2], "C2.1")]) for i in range(size)]
    for i, p in enumerate(projects):
        record(p, "disbursement", f"ฎ{i}", 100)
    qs = plan.projects.all()
    with django_assert_num_queries(3):
        selectors.s_curve(qs, FY)
    with django_assert_num_queries(2):
        selectors.spent_by_project(qs)
    with django_assert_num_queries(4):
        selectors.disbursement_vs_target(qs, FY)
    with django_assert_num_queries(3):
        selectors.project_balance(projects[0])


def test_transfer_route_of_a_local_administration(world):
    from phaen.plans import services as plan_services

    assert world.other.kind.is_local_administration
    sao_plan = plan_services.plan_create(
        organization=world.other, kind="operational_plan", fiscal_year=FY
    )
    giver = add_project(sao_plan, "ถนน", [(100000, [1], "C2.1")])
    taker = add_project(sao_plan, "ประปา", [(5000, [1], "C2.1")])
    lines = giver.budget_lines.get(), taker.budget_lines.get()
    with pytest.raises(ValidationError) as err:
        services.transfer_create(
            from_line=lines[0], to_line=lines[1], amount=D(100), reason="x", change="new_item"
        )
    assert "to_line" in err.value.message_dict  # not in the development plan
    transfer = services.transfer_create(
        from_line=lines[0], to_line=lines[1], amount=D(2000), reason="x", change="nature"
    )
    assert transfer.approver == "council" and "2563" in transfer.rule_source
    with pytest.raises(ValidationError) as err:
        services.transfer_decide(transfer=transfer, approve=True, by=world.outsider)
    assert "council_resolution" in err.value.message_dict
    assert selectors.project_balance(taker).total.transfers_in == 0  # a draft moves nothing
    services.transfer_decide(
        transfer=transfer, approve=True, by=world.outsider, council_resolution="สมัยสามัญที่ 4 / 2569"
    )
    assert selectors.project_balance(taker).total.available == D(7000)
    assert selectors.project_balance(giver).total.remaining == D(98000)
    with pytest.raises(ValidationError):
        services.transfer_create(
            from_line=lines[0], to_line=lines[1], amount=D("98000.01"), reason="x"
        )
