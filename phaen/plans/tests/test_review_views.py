"""Pages of the review route, meetings, deadlines and posting, the announcement, editions,
priorities, the schedule, consolidation and the public pages, with personas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phaen.budget.models import Appropriation
from phaen.core.testing import appoint, make_org, make_person, make_position
from phaen.organizations.models import Unit
from phaen.plans import deadlines, services, workflow
from phaen.plans.checks import alignment_check
from phaen.plans.models import (
    AnnualPlan,
    BudgetLine,
    CommitteeMeeting,
    MeetingComment,
    Override,
    PlanEvent,
    PlanTransition,
    Project,
)
from phaen.plans.tests.conftest import add_project
from phaen.web.middleware import SESSION_FY, SESSION_ORG

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """Pages in English (the language switch's cookie), so the assertions do not depend on
    the Thai catalogue; the announcement itself is Thai in every language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def login(client, user, org=None, year=2568):
    client.force_login(user)
    session = client.session
    session[SESSION_FY] = year
    if org is not None:
        session[SESSION_ORG] = org.pk
    session.save()
    return client


def clear_findings(plan, user):
    for finding in alignment_check(plan).open_warnings:
        workflow.override_finding(plan=plan, finding=finding.code, reason="ยอมรับได้", by=user)


def announce(plan, world, on=dt.date(2024, 10, 1)):
    clear_findings(plan, world.planner)
    plan = workflow.plan_submit(plan=plan, by=world.planner)
    plan = workflow.plan_advance(plan=plan, by=world.planner)
    plan = workflow.plan_advance(plan=plan, by=world.role_users["committee"])
    plan = workflow.plan_advance(plan=plan, by=world.role_users["executive"], on=on)
    return workflow.plan_announce(plan=plan, by=world.role_users["executive"], on=on)


def count_queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (user context, content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def texts(response) -> str:
    return response.content.decode()


# --- The route through the pages --------------------------------------------------------------
def test_it_walks_the_route_submit_advance_return_resubmit_approve_announce(client, annual, world):
    review = reverse("plans:plan_review", args=[annual.pk])
    issue = annual.multi_year_plan.issues.get(number=1)
    add_project(annual, "โครงการเสริมสร้างเครือข่าย", 20000, issue=issue)  # warnings only
    login(client, world.planner)
    page = texts(client.get(review))
    assert 'data-testid="submit-blocked"' in page and "submit-plan" not in page
    for finding in alignment_check(annual).open_warnings:
        client.post(
            reverse("plans:finding_override", args=[annual.pk]),
            {"finding": finding.code, "reason": "ยอมรับได้ตามมติที่ประชุม"},
        )
    assert Override.objects.filter(plan=annual).count() == len(alignment_check(annual).findings)
    assert 'data-testid="submit-plan"' in texts(client.get(review))

    client.post(reverse("plans:plan_submit", args=[annual.pk]), {"comment": "เสนอพิจารณา"})
    client.post(reverse("plans:plan_advance", args=[annual.pk]), {"comment": ""})
    annual.refresh_from_db()
    assert (annual.state, annual.current_step) == ("in_review", 2)

    committee = world.role_users["committee"]
    login(client, committee)
    assert 'data-testid="return-plan"' in texts(client.get(review))
    client.post(reverse("plans:plan_return", args=[annual.pk]), {"comment": "เพิ่มตัวชี้วัด"})
    annual.refresh_from_db()
    assert annual.state == "returned"
    assert "เพิ่มตัวชี้วัด" in texts(client.get(review))

    login(client, world.planner)
    client.post(reverse("plans:plan_submit", args=[annual.pk]))
    client.post(reverse("plans:plan_advance", args=[annual.pk]))
    login(client, committee)
    client.post(reverse("plans:plan_advance", args=[annual.pk]))
    executive = world.role_users["executive"]
    login(client, executive)
    assert "Approve the plan" in texts(client.get(review))
    client.post(reverse("plans:plan_advance", args=[annual.pk]))
    annual.refresh_from_db()
    assert annual.state == "approved" and annual.approved_on
    assert 'data-testid="announce-plan"' in texts(client.get(review))
    client.post(reverse("plans:plan_announce", args=[annual.pk]), {"announced_on": "1/10/2567"})
    annual.refresh_from_db()
    assert (annual.state, annual.announced_on) == ("announced", dt.date(2024, 10, 1))
    assert list(PlanTransition.objects.filter(plan=annual).values_list("to_state", flat=True)) == [
        "in_review",
        "in_review",
        "returned",
        "in_review",
        "in_review",
        "in_review",
        "approved",
        "announced",
    ]
    client.logout()
    assert client.get(reverse("plans:public_plan", args=[annual.pk])).status_code == 200


def test_it_refuses_wrong_roles_outsiders_anonymous_and_gets(client, annual, world):
    submit = reverse("plans:plan_submit", args=[annual.pk])
    assert client.post(submit).status_code == 302  # anonymous: to the login page
    assert reverse("login") in client.post(submit).url
    login(client, world.planner)
    assert client.get(submit).status_code == 405
    login(client, world.viewer)
    assert client.post(submit).status_code == 403
    login(client, world.outsider)
    assert client.post(submit).status_code == 404
    assert client.get(reverse("plans:plan_review", args=[annual.pk])).status_code == 404

    clear_findings(annual, world.planner)
    workflow.plan_submit(plan=annual, by=world.planner)
    advance = reverse("plans:plan_advance", args=[annual.pk])
    login(client, world.role_users["committee"])
    assert client.post(advance).status_code == 403  # step 1 is the planning unit's
    assert (
        client.post(reverse("plans:plan_return", args=[annual.pk]), {"comment": "x"}).status_code
        == 403
    )
    login(client, world.viewer)
    assert client.post(advance).status_code == 403
    annual.refresh_from_db()
    assert (annual.state, annual.current_step) == ("in_review", 1)

    workflow.plan_advance(plan=annual, by=world.planner)
    workflow.plan_advance(plan=annual, by=world.role_users["committee"])
    workflow.plan_advance(plan=annual, by=world.role_users["executive"])
    login(client, world.planner)
    assert client.post(reverse("plans:plan_announce", args=[annual.pk])).status_code == 403
    annual.refresh_from_db()
    assert annual.state == "approved"


def test_it_shows_the_service_message_when_someone_moved_first(client, annual, world, monkeypatch):
    from phaen.plans.views import review

    clear_findings(annual, world.planner)
    workflow.plan_submit(plan=annual, by=world.planner)
    stale = AnnualPlan.objects.get(pk=annual.pk)
    workflow.plan_advance(plan=annual, by=world.planner)  # someone else, a moment before
    monkeypatch.setattr(review, "_plan", lambda request, pk, queryset=None: stale)
    login(client, world.planner)
    response = client.post(reverse("plans:plan_advance", args=[annual.pk]), follow=True)
    assert "moved on by someone else" in texts(response)
    assert PlanTransition.objects.filter(plan=annual).count() == 2


def test_it_refuses_a_return_without_comment_and_keeps_the_plan(client, annual, world):
    clear_findings(annual, world.planner)
    workflow.plan_submit(plan=annual, by=world.planner)
    login(client, world.planner)
    response = client.post(
        reverse("plans:plan_return", args=[annual.pk]), {"comment": " "}, follow=True
    )
    annual.refresh_from_db()
    assert annual.state == "in_review"
    assert "What must change" in texts(response)
    assert PlanTransition.objects.filter(plan=annual).count() == 1


# --- The check page and accepting findings ----------------------------------------------------
def test_the_check_page_links_each_finding_and_offers_acceptance_for_warnings(
    client, annual, world
):
    orphan = add_project(annual, "โครงการลอย", 5000)
    login(client, world.planner)
    page = texts(client.get(reverse("plans:plan_check", args=[annual.pk])))
    assert reverse("plans:project_detail", args=[orphan.pk]) in page
    assert f'value="no_indicator:{orphan.pk}"' in page  # a warning: may be accepted
    assert f'value="no_strategy:{orphan.pk}"' not in page  # blocking: must be fixed
    url = reverse("plans:finding_override", args=[annual.pk])
    response = client.post(url, {"finding": f"no_strategy:{orphan.pk}", "reason": "x"}, follow=True)
    assert "cannot be overridden" in texts(response)
    client.post(url, {"finding": f"no_indicator:{orphan.pk}", "reason": ""})
    assert not Override.objects.filter(plan=annual).exists()
    client.post(url, {"finding": f"no_indicator:{orphan.pk}", "reason": "ตัวชี้วัดอยู่ระหว่างกำหนด"})
    override = Override.objects.get(plan=annual)
    assert (override.finding, override.by) == (f"no_indicator:{orphan.pk}", world.planner)
    login(client, world.viewer)
    assert client.post(url, {"finding": "x", "reason": "y"}).status_code == 403
    login(client, world.outsider)
    assert client.post(url, {"finding": "x", "reason": "y"}).status_code == 404


# --- Committee meetings -----------------------------------------------------------------------
def test_the_committee_records_a_meeting_with_comments_per_project(client, annual, world):
    url = reverse("plans:meeting_add", args=[annual.pk])
    first = annual.projects.order_by("sort_order").first()
    login(client, world.role_users["committee"])
    page = texts(client.get(url))
    assert first.name in page
    response = client.post(
        url,
        {
            "date": "27/9/2567",
            "members_present": "นายหนึ่ง ประธาน\nนางสอง กรรมการ\n",
            "decision": "sent_back",
            "note": "ให้ทบทวนงบประมาณ",
            f"comment_{first.pk}": "ลดงบประมาณลงร้อยละ 10",
        },
    )
    assert response.status_code == 302
    meeting = CommitteeMeeting.objects.get(plan=annual)
    assert meeting.date == dt.date(2024, 9, 27)
    assert meeting.members == ["นายหนึ่ง ประธาน", "นางสอง กรรมการ"]
    assert meeting.recorded_by == world.role_users["committee"]
    comment = MeetingComment.objects.get(meeting=meeting)
    assert (comment.project, comment.comment) == (first, "ลดงบประมาณลงร้อยละ 10")
    panel = texts(client.get(reverse("plans:plan_review", args=[annual.pk])))
    assert "ลดงบประมาณลงร้อยละ 10" in panel and "นางสอง กรรมการ" in panel

    response = client.post(url, {"date": "", "members_present": "", "decision": "endorsed"})
    assert response.status_code == 200 and 'data-testid="form-errors"' in texts(response)
    assert CommitteeMeeting.objects.count() == 1
    login(client, world.viewer)
    assert client.get(url).status_code == 403
    login(client, world.outsider)
    assert client.get(url).status_code == 404


# --- Deadlines and posting --------------------------------------------------------------------
@pytest.fixture
def operational(world, strategic):
    plan = services.plan_create(
        organization=world.own, kind="operational_plan", fiscal_year=2568, by=world.planner
    )
    Appropriation.objects.create(
        organization=world.own,
        fiscal_year=2568,
        kind="ordinance",
        title="ข้อบัญญัติงบประมาณรายจ่ายประจำปี พ.ศ. 2568",
        effective_on=dt.date(2024, 10, 15),
    )
    return plan


def test_deadlines_count_from_the_events_by_the_rules_in_force_and_the_older_ones(operational):
    report = deadlines.plan_deadlines(operational, today=dt.date(2024, 11, 1))
    due = {(d.rule.version, d.event.kind): d for d in report.deadlines}
    # 30 days after the ordinance took effect on 15 Oct 2024 (2561 rule) …
    assert due[("moi-2548-am3-2561", "budget_effective")].due == dt.date(2024, 11, 14)
    assert due[("moi-2548-am3-2561", "budget_effective")].status == "open"
    # … and by the end of December under the older 2548 rule.
    assert due[("moi-2548", "fiscal_year_start")].due == dt.date(2024, 12, 31)
    assert not due[("moi-2548", "fiscal_year_start")].rule.in_force

    AnnualPlan.objects.filter(pk=operational.pk).update(approved_on=dt.date(2024, 11, 10))
    operational.refresh_from_db()
    report = deadlines.plan_deadlines(operational, today=dt.date(2024, 12, 1))
    assert {d.status for d in report.deadlines if d.event.kind == "budget_effective"} == {"met"}

    Appropriation.objects.create(
        organization=operational.organization,
        fiscal_year=2568,
        kind="additional",
        title="งบประมาณรายจ่ายเพิ่มเติม",
        effective_on=dt.date(2025, 3, 1),
    )
    in_time = deadlines.plan_deadlines(operational, today=dt.date(2025, 3, 20))
    late = deadlines.plan_deadlines(operational, today=dt.date(2025, 4, 5))
    [open_one] = [d for d in in_time.deadlines if d.event.kind == "additional_budget"]
    [overdue] = [d for d in late.deadlines if d.event.kind == "additional_budget"]
    assert (open_one.due, open_one.status, overdue.status) == (
        dt.date(2025, 3, 31),
        "open",
        "overdue",
    )


def test_an_addition_edition_meets_the_additional_budget_deadline(operational, world):
    Appropriation.objects.create(
        organization=world.own,
        fiscal_year=2568,
        kind="additional",
        title="งบเพิ่มเติม",
        effective_on=dt.date(2025, 3, 1),
    )
    AnnualPlan.objects.filter(pk=operational.pk).update(
        state="announced", approved_on=dt.date(2024, 11, 1), announced_on=dt.date(2024, 11, 1)
    )
    edition = services.plan_create(
        organization=world.own,
        kind="operational_plan",
        fiscal_year=2568,
        edition_kind="addition",
        edition_number=1,
        edition_year=2568,
        previous=operational,
    )
    AnnualPlan.objects.filter(pk=edition.pk).update(approved_on=dt.date(2025, 4, 2))
    [late] = [
        d
        for d in deadlines.plan_deadlines(edition).deadlines
        if d.event.kind == "additional_budget"
    ]
    assert (late.done_by.pk, late.status) == (edition.pk, "late")  # 2 April > 31 March


def test_posting_windows_are_checked_with_hand_computed_dates(operational):
    AnnualPlan.objects.filter(pk=operational.pk).update(
        state="announced",
        approved_on=dt.date(2024, 11, 12),
        announced_on=dt.date(2024, 11, 12),
        posted_from=dt.date(2024, 11, 20),  # 8 days after: within 15, not within 7
        posted_until=dt.date(2024, 12, 15),  # 25 days: at least 21, not at least 30
    )
    operational.refresh_from_db()
    checks = {p.rule.post_within_days: p for p in deadlines.plan_deadlines(operational).postings}
    assert checks[7].post_by == dt.date(2024, 11, 19)
    assert (checks[7].posted_in_time, checks[7].days_posted, checks[7].long_enough) == (
        False,
        25,
        True,
    )
    assert (checks[15].posted_in_time, checks[15].long_enough, checks[15].ok) == (
        True,
        False,
        False,
    )
    assert all(p.rule.uncertain for p in checks.values())


def test_an_action_plan_has_no_deadline_rule(client, annual, world):
    assert not deadlines.plan_deadlines(annual).has_rules
    login(client, world.planner)
    assert 'data-testid="no-deadline-rules"' in texts(
        client.get(reverse("plans:plan_review", args=[annual.pk]))
    )


def test_planners_record_posting_dates_on_an_announced_plan_only(client, operational, world):
    url = reverse("plans:plan_posting", args=[operational.pk])
    login(client, world.planner)
    response = client.post(url, {"posted_from": "20/11/2567", "posted_until": "15/12/2567"})
    assert response.status_code == 200 and "Only an approved plan is posted." in texts(response)
    AnnualPlan.objects.filter(pk=operational.pk).update(
        state="announced", approved_on=dt.date(2024, 11, 12), announced_on=dt.date(2024, 11, 12)
    )
    response = client.post(url, {"posted_from": "20/11/2567", "posted_until": "1/11/2567"})
    assert "cannot end before it starts" in texts(response)
    response = client.post(url, {"posted_from": "20/11/2567", "posted_until": "15/12/2567"})
    assert response.status_code == 302
    operational.refresh_from_db()
    assert (operational.posted_from, operational.posted_until) == (
        dt.date(2024, 11, 20),
        dt.date(2024, 12, 15),
    )
    panel = texts(client.get(reverse("plans:plan_review", args=[operational.pk])))
    assert 'data-testid="deadline-late"' not in panel and "posted 25 days" in panel
    login(client, world.viewer)
    assert client.post(url, {"posted_from": "1/12/2567"}).status_code == 403
    login(client, world.outsider)
    assert client.get(url).status_code == 404


def test_planners_enter_an_event_which_starts_a_clock(client, operational, world):
    login(client, world.planner)
    client.post(
        reverse("plans:plan_event_add", args=[operational.pk]),
        {"event": "project_notified", "date": "1/2/2568", "note": "กรมทางหลวงชนบทแจ้งโครงการ"},
    )
    event = PlanEvent.objects.get()
    assert (event.date, event.organization, event.fiscal_year) == (
        dt.date(2025, 2, 1),
        world.own,
        2568,
    )
    report = deadlines.plan_deadlines(operational)
    assert dt.date(2025, 3, 3) in {d.due for d in report.deadlines}  # 1 Feb + 30 days
    login(client, world.viewer)
    url = reverse("plans:plan_event_add", args=[operational.pk])
    assert client.post(url, {"event": "project_notified", "date": "1/2/2568"}).status_code == 403


# --- The announcement -------------------------------------------------------------------------
def test_the_announcement_is_an_official_letter_with_thai_digits_and_the_signatory(
    client, operational, world
):
    head = make_position(world.own, "นายกองค์การบริหารส่วนตำบลทดสอบ")
    head.is_head = True
    head.save()
    appoint(make_person(world.own, first="สมชาย", last="ใจดี"), head)
    AnnualPlan.objects.filter(pk=operational.pk).update(
        state="announced", approved_on=dt.date(2024, 10, 30), announced_on=dt.date(2024, 10, 30)
    )
    login(client, world.viewer)
    page = texts(client.get(reverse("plans:plan_announcement", args=[operational.pk])))
    assert "ประกาศสำนักงานจังหวัดทดสอบ" in page
    assert "เรื่อง ประกาศใช้แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘" in page
    assert "อาศัยอำนาจตามความในข้อ ๒๖ แห่งระเบียบกระทรวงมหาดไทย" in page
    assert "ประกาศ ณ วันที่ ๓๐ ตุลาคม พ.ศ. ๒๕๖๗" in page
    assert "สมชาย ใจดี" in page and "นายกองค์การบริหารส่วนตำบลทดสอบ" in page
    assert "size: A4 portrait" in page and "16pt" in page
    login(client, world.outsider)
    assert client.get(reverse("plans:plan_announcement", args=[operational.pk])).status_code == 404


def test_an_agency_announcement_uses_neutral_wording_and_counts_the_money(client, annual, world):
    login(client, world.planner)
    page = texts(client.get(reverse("plans:plan_announcement", args=[annual.pk])))
    assert "อาศัยอำนาจ" not in page
    assert "ประกาศใช้แผนปฏิบัติการ" in page
    assert "จำนวน ๓ โครงการ งบประมาณรวมทั้งสิ้น ๒๕๐,๐๐๐.๐๐ บาท" in page
    assert 'data-testid="not-announced"' in page  # a draft says so


# --- Editions ---------------------------------------------------------------------------------
def test_an_edition_is_started_on_an_announced_plan_and_its_diff_shows_the_changes(
    client, annual, world
):
    announce(annual, world)
    login(client, world.planner)
    url = reverse("plans:edition_create", args=[annual.pk])
    assert client.post(url, {"kind": "addition", "reason": ""}).status_code == 302
    assert not annual.next_editions.exists()
    response = client.post(url, {"kind": "addition", "reason": "ได้รับงบประมาณเพิ่มเติม"})
    edition = annual.next_editions.get()
    assert response.url == reverse("plans:plan_detail", args=[edition.pk])
    assert (edition.edition_kind, edition.edition_number, edition.edition_year) == (
        "addition",
        1,
        2568,
    )
    assert edition.state == "draft" and edition.projects.count() == 3

    projects = {p.name: p for p in edition.projects.all()}
    add_project(edition, "โครงการใหม่จากงบเพิ่มเติม", 30000)
    changed = projects["โครงการจัดทำฐานข้อมูล"]
    services.project_update(
        project=changed, version=changed.version, by=world.planner, place="ศาลากลางจังหวัด"
    )
    BudgetLine.objects.filter(project=changed).update(amount=Decimal("75000"))
    gone = projects["โครงการอบรมอาสาสมัคร"]
    BudgetLine.objects.filter(project=gone).delete()
    gone.delete()

    page = texts(client.get(reverse("plans:edition_diff", args=[edition.pk])))
    assert "โครงการใหม่จากงบเพิ่มเติม" in page.split('data-testid="diff-added"')[1].split("</ul>")[0]
    assert "โครงการอบรมอาสาสมัคร" in page.split('data-testid="diff-removed"')[1].split("</ul>")[0]
    changed_part = page.split('data-testid="diff-changed"')[1]
    assert "ศาลากลางจังหวัด" in changed_part and "75,000.00" in changed_part
    assert "60,000.00" in changed_part
    assert "โครงการเยี่ยมบ้านผู้สูงอายุ" not in changed_part  # unchanged
    assert client.get(reverse("plans:edition_diff", args=[annual.pk])).status_code == 404

    panel = texts(client.get(reverse("plans:plan_review", args=[edition.pk])))
    assert "1/2568" in panel
    login(client, world.viewer)
    assert client.post(url, {"kind": "change", "reason": "x"}).status_code == 403
    login(client, world.outsider)
    assert client.get(reverse("plans:edition_diff", args=[edition.pk])).status_code == 404


def test_an_edition_of_a_draft_is_refused_with_the_reason(client, annual, world):
    login(client, world.planner)
    response = client.post(
        reverse("plans:edition_create", args=[annual.pk]),
        {"kind": "change", "reason": "แก้ไข"},
        follow=True,
    )
    assert "Editions amend an approved or announced plan." in texts(response)
    assert AnnualPlan.objects.count() == 1


# --- Priorities and fit to ceiling ------------------------------------------------------------
def test_priorities_place_projects_in_the_matrix_and_rank_them(client, annual, world):
    login(client, world.viewer)
    page = texts(client.get(reverse("plans:plan_priorities", args=[annual.pk])))
    cell = page.split('data-testid="cell-5-4"')[1].split("</td>")[0]
    assert "โครงการเยี่ยมบ้านผู้สูงอายุ" in cell
    ranked = page.split('data-testid="ranked"')[1].split("</ol>")[0]
    order = [ranked.index(n) for n in ("เยี่ยมบ้าน", "ฐานข้อมูล", "อบรมอาสาสมัคร")]
    assert order == sorted(order)


def test_fit_to_ceiling_proposes_deferrals_and_makes_a_deferral_edition(client, annual, world):
    url = reverse("plans:plan_priorities", args=[annual.pk])
    login(client, world.planner)
    page = texts(client.get(url, {"ceiling": "200000"}))
    deferred = page.split('data-testid="deferred"')[1].split("</ol>")[0]
    # lowest priority first: volunteers (2×2) 40,000, then database (3×3) 60,000 → 150,000 left
    assert deferred.index("อบรมอาสาสมัคร") < deferred.index("ฐานข้อมูล")
    assert "เยี่ยมบ้าน" not in deferred and "150,000.00" in page
    assert 'data-testid="make-amendment"' not in page  # a draft is changed directly

    announce(annual, world)
    page = texts(client.get(url, {"ceiling": "200000"}))
    assert 'data-testid="make-amendment"' in page
    response = client.post(
        reverse("plans:plan_fit_edition", args=[annual.pk]),
        {"ceiling": "200000", "reason": "ถูกปรับลดงบประมาณกลางปี"},
    )
    edition = annual.next_editions.get()
    assert response.url == reverse("plans:plan_detail", args=[edition.pk])
    assert edition.edition_kind == "deferral"
    postponed = set(edition.projects.filter(status="postponed").values_list("name", flat=True))
    assert postponed == {"โครงการอบรมอาสาสมัคร", "โครงการจัดทำฐานข้อมูล"}
    assert not annual.projects.filter(status="postponed").exists()
    login(client, world.viewer)
    assert (
        client.post(
            reverse("plans:plan_fit_edition", args=[annual.pk]), {"ceiling": "1", "reason": "x"}
        ).status_code
        == 403
    )


# --- Schedule ---------------------------------------------------------------------------------
def test_the_schedule_draws_month_bars_and_filters_by_unit_issue_and_owner(client, annual, world):
    unit = Unit.objects.create(organization=world.own, name_th="กลุ่มงานยุทธศาสตร์")
    good = annual.projects.get(name="โครงการเยี่ยมบ้านผู้สูงอายุ")
    Project.objects.filter(pk=good.pk).update(responsible_unit=unit, months=[2, 3, 4])
    url = reverse("plans:plan_schedule", args=[annual.pk])
    login(client, world.viewer)
    page = texts(client.get(url))
    assert page.count('data-testid="schedule-project"') == 3
    assert "B.E. 2567" in page and "B.E. 2568" in page and "Oct" in page and "Sep" in page
    row = page.split("โครงการเยี่ยมบ้านผู้สูงอายุ</a>")[1].split("</tr>")[0]
    assert row.count('class="bar"') == 3  # November, December, January
    activity = page.split("ลงพื้นที่เยี่ยมบ้าน</td>")[1].split("</tr>")[0]
    assert activity.count("bar activity") == 4  # months 3–6

    assert texts(client.get(url, {"unit": unit.pk})).count('data-testid="schedule-project"') == 1
    owner = world.planner.person
    by_owner = texts(client.get(url, {"owner": owner.pk}))
    assert by_owner.count('data-testid="schedule-project"') == 2
    assert "เยี่ยมบ้านผู้สูงอายุ" not in by_owner
    issue = good.issue
    assert texts(client.get(url, {"issue": issue.pk})).count('data-testid="schedule-project"') == 3


def test_the_schedule_and_priorities_run_the_same_queries_for_3_and_13_projects(
    client, annual, world
):
    login(client, world.viewer)
    schedule = reverse("plans:plan_schedule", args=[annual.pk])
    priorities = reverse("plans:plan_priorities", args=[annual.pk])
    small = (count_queries(client, schedule), count_queries(client, priorities))
    issue = annual.multi_year_plan.issues.get(number=1)
    for i in range(10):
        project = add_project(annual, f"โครงการที่ {i}", 1000 + i, issue=issue, months=[i % 12 + 1])
        project.activities.create(name=f"กิจกรรม {i}", months=[1])
    assert (count_queries(client, schedule), count_queries(client, priorities)) == small
    assert small == (15, 12)


# --- Consolidation ----------------------------------------------------------------------------
def _child_plan(org, amounts, state="draft", **fields):
    plan = services.plan_create(organization=org, kind="action_plan", fiscal_year=2568, **fields)
    for i, amount in enumerate(amounts):
        add_project(plan, f"โครงการ {org.code} {i}", amount)
    if state != "draft":
        AnnualPlan.objects.filter(pk=plan.pk).update(state=state, approved_on=dt.date(2024, 10, 1))
    return plan


def test_consolidation_adds_up_the_children_current_plans(client, world):
    second = make_org("CHILD2", "โรงเรียนทดสอบ", parent=world.own)
    announced = _child_plan(world.child, [100000, 25000.50], state="announced")
    # A later draft edition of the same child is not its current plan.
    _child_plan(
        world.child,
        [999999],
        edition_kind="addition",
        edition_number=1,
        edition_year=2568,
        previous=announced,
    )
    _child_plan(second, [70000])
    _child_plan(world.other, [123456], state="announced")  # not a child
    login(client, world.planner, org=world.own)
    response = client.get(reverse("plans:consolidation"))
    page = texts(response)
    expected = sum(
        BudgetLine.objects.filter(
            project__plan__in=[announced.pk, AnnualPlan.objects.get(organization=second).pk]
        ).values_list("amount", flat=True)
    )
    assert expected == Decimal("195000.50")
    assert response.context["total"].total == expected
    assert "195,000.50" in page.split('data-testid="total-budget"')[1][:60]
    assert {row["organization"]: row["plan"] for row in response.context["rows"]}[
        world.child
    ] == announced
    assert sum(response.context["total"].by_source.values()) == expected
    assert sum(response.context["by_issue"].values()) == expected
    assert sum(response.context["total"].by_category.values()) == expected

    login(client, world.viewer, org=world.own)
    assert client.get(reverse("plans:consolidation")).status_code == 403


def test_consolidation_runs_the_same_queries_for_two_and_six_children(client, world):
    _child_plan(world.child, [1000, 2000])
    login(client, world.planner, org=world.own)
    url = reverse("plans:consolidation")
    small = count_queries(client, url)
    for i in range(4):
        child = make_org(f"C{i}", parent=world.own)
        _child_plan(child, [500 * (i + 1)] * 3, state="approved")
    assert count_queries(client, url) == small == 13


# --- Public pages -----------------------------------------------------------------------------
def test_the_public_page_shows_only_announced_plans_without_private_data(client, annual, world):
    url = reverse("plans:public_plan", args=[annual.pk])
    assert client.get(url).status_code == 404  # a draft
    login(client, world.superuser)
    assert client.get(url).status_code == 404  # not even for a superuser
    client.logout()
    announce(annual, world)
    page = texts(client.get(url))
    assert "โครงการเยี่ยมบ้านผู้สูงอายุ" in page and "250,000.00" in page
    owner = world.role_users["project_owner"].person
    assert owner.last_name_th not in page and world.planner.person.last_name_th not in page
    assert "ประกาศ ณ วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๗" in page
    listing = texts(client.get(reverse("plans:public_list")))
    assert url in listing
    draft = services.plan_create(organization=world.other, kind="action_plan", fiscal_year=2568)
    assert reverse("plans:public_plan", args=[draft.pk]) not in texts(
        client.get(reverse("plans:public_list"))
    )
    printable = client.get(reverse("plans:public_announcement", args=[annual.pk]))
    assert printable.status_code == 200


def test_the_public_page_runs_the_same_queries_for_3_and_13_projects(client, annual, world):
    announce(annual, world)
    head = make_position(world.own, "ผู้อำนวยการ")
    head.is_head = True
    head.save()
    appoint(make_person(world.own), head)
    url = reverse("plans:public_plan", args=[annual.pk])
    small = count_queries(client, url)
    AnnualPlan.objects.filter(pk=annual.pk).update(state="draft")
    for i in range(10):
        add_project(annual, f"โครงการที่ {i}", 1000)
    AnnualPlan.objects.filter(pk=annual.pk).update(state="announced")
    assert count_queries(client, url) == small == 6
    listing = reverse("plans:public_list")
    assert count_queries(client, listing) == 2
