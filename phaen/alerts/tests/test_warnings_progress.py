"""Warning kinds read from monthly progress, with dates around their boundaries."""

import datetime as dt

import pytest
from django.utils import timezone

from phaen.alerts.models import AlertSettings
from phaen.alerts.selectors import warnings
from phaen.alerts.tests.factories import FY, People, day, plan, project, report
from phaen.monitoring.services import period_lock, periods_ensure

pytestmark = pytest.mark.django_db


def kinds(org, today, kind):
    return [w for w in warnings(org, FY, today) if w.kind == kind]


@pytest.fixture
def annual(world):
    return plan(world)


# --- overdue monthly reports --------------------------------------------------------------
# October 2569 BE (fiscal month 1 of FY 2570) ends 31 Oct 2026; its report is due 10 Nov.
@pytest.mark.parametrize(
    ("today", "severity"),
    [
        ("2026-11-06", None),  # 4 days before: nothing yet
        ("2026-11-07", "info"),  # 3 days before the due date (reminder_rules.csv)
        ("2026-11-10", "info"),  # the due date itself is not late
        ("2026-11-11", "danger"),  # the day after
    ],
)
def test_report_due_then_overdue(world, annual, today, severity):
    from django.utils import translation

    p = project(annual, "โครงการ ก", months=[1])
    with translation.override("th"):  # the message is checked in Thai, whatever ran before
        found = kinds(world.own, day(today), "report_overdue")
    october = [w for w in found if w.key.endswith(f"{FY}-1")]
    assert [w.severity for w in october] == ([severity] if severity else [])
    if severity:
        assert october[0].due_date == dt.date(2026, 11, 10)
        assert october[0].project_id == p.pk
        assert "ตุลาคม 2569" in october[0].message


def test_submitted_report_clears_it_draft_and_returned_do_not(world, annual):
    p = project(annual, "โครงการ ก", months=[1, 2])
    today = day("2026-11-20")
    r = report(p, 1, state="draft")
    assert len(kinds(world.own, today, "report_overdue")) == 1
    r.state = "returned"
    r.save()
    assert len(kinds(world.own, today, "report_overdue")) == 1
    r.state = "submitted"
    r.save()
    assert kinds(world.own, today, "report_overdue") == []


def test_reports_start_at_the_first_planned_month_and_stop_when_done(world, annual):
    late_starter = project(annual, "เริ่มเดือนธันวาคม", months=[3, 4])
    done = project(annual, "เสร็จแล้ว", months=[1, 2, 3])
    report(done, 1, status="done", percent=100)
    found = kinds(world.own, day("2027-01-20"), "report_overdue")
    # late starter: nothing for Oct and Nov; December is due 10 January → overdue
    assert {(w.project_id, w.due_date) for w in found} == {
        (late_starter.pk, dt.date(2027, 1, 10)),
    }


def test_a_locked_month_is_not_asked_for(world, annual):
    project(annual, "โครงการ ก", months=[1])
    october = periods_ensure(organization=world.own, fiscal_year=FY)[0]
    period_lock(period=october, by=world.planner)
    assert kinds(world.own, day("2026-11-20"), "report_overdue") == []


def test_the_stored_due_date_wins(world, annual):
    project(annual, "โครงการ ก", months=[1])
    october = periods_ensure(organization=world.own, fiscal_year=FY)[0]
    october.due_date = dt.date(2026, 11, 15)
    october.save()
    assert kinds(world.own, day("2026-11-15"), "report_overdue")[0].severity == "info"
    assert kinds(world.own, day("2026-11-16"), "report_overdue")[0].severity == "danger"


def test_a_later_edition_keeps_the_reports_by_lineage(world, annual):
    p = project(annual, "โครงการ ก", months=[1])
    report(p, 1)
    from phaen.plans.models import AnnualPlan, Project

    edition = AnnualPlan.objects.create(
        organization=world.own,
        kind="action_plan",
        fiscal_year=FY,
        title="ฉบับเพิ่มเติม",
        edition_kind="addition",
        edition_number=1,
        previous=annual,
    )
    copy = Project.objects.create(plan=edition, name=p.name, lineage=p.lineage, months=[1])
    # the edition is the plan in force now; its copy is the project warned about, and the
    # October report made on the original row still counts
    assert kinds(world.own, day("2026-11-20"), "report_overdue") == []
    [w] = kinds(world.own, day("2026-12-20"), "report_overdue")  # November is missing
    assert w.project_id == copy.pk


# --- planned months passed without progress -----------------------------------------------
@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-10-31", None),  # October is not over on its last day
        ("2026-11-01", "warning"),  # 1 of 2 planned months ended
        ("2026-12-01", "danger"),  # both ended
    ],
)
def test_no_progress_after_planned_months(world, annual, today, expected):
    project(annual, "ไม่คืบหน้า", months=[1, 2])
    found = kinds(world.own, day(today), "no_progress")
    assert [w.severity for w in found] == ([expected] if expected else [])
    if expected:
        assert found[0].due_date == dt.date(2026, 10, 31)


def test_progress_clears_no_progress_but_a_zero_report_does_not(world, annual):
    p = project(annual, "โครงการ", months=[1])
    today = day("2026-11-20")
    r = report(p, 1, status="not_started", percent=0)
    assert len(kinds(world.own, today, "no_progress")) == 1
    r.percent = 5
    r.save()
    assert kinds(world.own, today, "no_progress") == []


def test_no_progress_uses_dates_when_months_are_empty(world, annual):
    project(
        annual,
        "ตามวันที่",
        months=[],
        start_date=dt.date(2026, 12, 1),
        end_date=dt.date(2027, 1, 15),
    )
    assert kinds(world.own, day("2026-12-31"), "no_progress") == []
    [w] = kinds(world.own, day("2027-01-01"), "no_progress")
    assert w.due_date == dt.date(2026, 12, 31)


def test_cancelled_projects_count_nowhere(world, annual):
    project(annual, "ยกเลิก", months=[1], status="cancelled")
    assert warnings(world.own, FY, day("2027-03-01")) == []


# --- staleness ----------------------------------------------------------------------------
def _touch(r, when: dt.datetime):
    type(r).objects.filter(pk=r.pk).update(updated_at=when)


def test_stale_after_the_organisations_limit(world, annual):
    p = project(annual, "นิ่ง", months=[1, 2, 3, 4, 5, 6])
    r = report(p, 1)
    bangkok = timezone.get_current_timezone()
    # 00:30 in Bangkok on 1 Nov is still 31 Oct in UTC: the Bangkok date counts
    _touch(r, dt.datetime(2026, 11, 1, 0, 30, tzinfo=bangkok))
    assert kinds(world.own, day("2026-12-16"), "stale") == []  # 45 days later: the limit
    [w] = kinds(world.own, day("2026-12-17"), "stale")
    assert w.due_date == dt.date(2026, 12, 16)
    AlertSettings.objects.create(organization=world.own, stale_days=10)
    [w] = kinds(world.own, day("2026-11-12"), "stale")
    assert w.due_date == dt.date(2026, 11, 11)


def test_finished_projects_are_not_stale(world, annual):
    p = project(annual, "เสร็จ", months=[1])
    r = report(p, 1, status="done", percent=100)
    _touch(r, timezone.now() - dt.timedelta(days=400))
    assert kinds(world.own, day("2027-09-01"), "stale") == []


def test_open_problems_not_updated_are_stale(world, annual):
    from phaen.monitoring.models import Problem

    p = project(annual, "มีปัญหา", months=[1])
    problem = Problem.objects.create(
        plan=annual, project=p, category="other", description="ขาดข้อมูล", found_on=day("2026-11-01")
    )
    Problem.objects.filter(pk=problem.pk).update(
        updated_at=dt.datetime(2026, 11, 1, 9, tzinfo=timezone.get_current_timezone())
    )
    [w] = kinds(world.own, day("2026-12-17"), "stale")
    assert w.subject.startswith("ปัญหา") or "ขาดข้อมูล" in w.subject
    Problem.objects.filter(pk=problem.pk).update(status="done")
    assert kinds(world.own, day("2026-12-17"), "stale") == []


def test_warnings_carry_unit_and_people(world, annual):
    people = People(world.own)
    p = project(annual, "มีเจ้าของ", people, months=[1])
    [w] = kinds(world.own, day("2026-11-20"), "no_progress")
    assert (w.unit_id, w.owner_person_id, w.position_ids, w.supervisor_position_id) == (
        people.unit.pk,
        people.owner.person.pk,
        (people.lead_position.pk,),
        people.supervisor_position.pk,
    )
    assert w.url.endswith(f"/{p.pk}/") or str(p.pk) in w.url


def test_other_organisations_plans_do_not_leak(world, annual):
    other = plan(world, organization=world.other)
    project(other, "ของหน่วยงานอื่น", months=[1])
    assert warnings(world.own, FY, day("2027-01-01")) == []
    assert len(warnings(world.other, FY, day("2027-01-01"))) >= 1


def test_today_is_the_bangkok_date(world, annual, monkeypatch):
    """17:30 UTC on 10 November is already 11 November in Bangkok: the October report
    (due 10 November) is overdue on the page's default "today"."""
    from phaen.alerts import selectors

    project(annual, "โครงการ ก", months=[1])
    utc = dt.UTC
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 11, 10, 16, 59, tzinfo=utc))
    assert selectors.today() == dt.date(2026, 11, 10)
    assert [w.severity for w in warnings(world.own, FY) if w.kind == "report_overdue"] == ["info"]
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 11, 10, 17, 30, tzinfo=utc))
    assert selectors.today() == dt.date(2026, 11, 11)
    assert [w.severity for w in warnings(world.own, FY) if w.kind == "report_overdue"] == ["danger"]
