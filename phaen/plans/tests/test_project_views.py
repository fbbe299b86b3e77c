"""The annual-plan editing pages as users meet them: creating a plan, projects with their
parts edited inline, lost updates refused, frozen plans read-only, copying between years,
and fixed query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phaen.budget.models import Appropriation, AppropriationLine, BudgetSource, ExpenseCategory
from phaen.plans import services
from phaen.plans.models import Activity, AnnualPlan, BudgetLine, Project, Risk
from phaen.plans.tests.conftest import add_project
from phaen.strategy.models import Strategy

# The project page is served by phaen.plans.views.projects; until phaen/plans/urls.py drops
# its older project_detail route, this test URLconf puts this module's routes first.
pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def login(client, user, org, year=2568):
    """Log in, work in ``org`` and ``year``, and read the pages in English (the assertions
    below quote the English messages; the Thai ones are checked by the catalogue tests)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    session = client.session
    session["phaen_org_id"] = org.pk
    session["phaen_fiscal_year"] = year
    session.save()
    return client


def good_project(annual) -> Project:
    return annual.projects.get(name="โครงการเยี่ยมบ้านผู้สูงอายุ")


def project_post(project, **changes):
    """The edit form's POST data for ``project`` as it is stored, with ``changes``."""
    data = {
        "version": project.version,
        "code": project.code,
        "name": project.name,
        "rationale": project.rationale,
        "objectives": project.objectives,
        "target_group": project.target_group,
        "place": project.place,
        "start_date": "1/11/2567",
        "end_date": "30/6/2568",
        "months": project.months,
        "issue": project.issue_id or "",
        "strategy": project.strategy_id or "",
        "indicators": [i.pk for i in project.indicators.all()],
        "owner": project.owner_id or "",
        "importance": project.importance,
        "urgency": project.urgency,
        "status": project.status,
    }
    data.update(changes)
    return data


# --- plan ---------------------------------------------------------------------------------
def test_it_creates_a_plan_for_the_working_organisation_and_year(client, world, strategic):
    login(client, world.planner, world.own, 2569)
    url = reverse("plans:plan_create")
    body = client.get(url).content.decode()
    assert strategic.title in body  # the multi-year plans to draw on
    response = client.post(url, {"kind": "action_plan", "multi_year_plan": strategic.pk})
    plan = AnnualPlan.objects.get(organization=world.own)
    assert response.status_code == 302 and response.url == reverse(
        "plans:plan_detail", args=[plan.pk]
    )
    assert (plan.fiscal_year, plan.kind, plan.multi_year_plan) == (2569, "action_plan", strategic)
    assert "2569" in plan.title and plan.history.first().history_user == world.planner


def test_only_an_operational_plan_carries_out_an_action_plan(client, world, annual):
    login(client, world.planner, world.own)
    response = client.post(
        reverse("plans:plan_create"), {"kind": "gov_action_plan", "action_plan": annual.pk}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "form-errors" in body
    assert AnnualPlan.objects.count() == 1
    client.post(
        reverse("plans:plan_create"), {"kind": "operational_plan", "action_plan": annual.pk}
    )
    assert AnnualPlan.objects.get(kind="operational_plan").action_plan == annual


def test_plan_creation_is_for_planners(client, world):
    url = reverse("plans:plan_create")
    assert login(client, world.viewer, world.own).get(url).status_code == 403
    assert (
        login(client, world.viewer, world.own).post(url, {"kind": "action_plan"}).status_code == 403
    )
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    assert not AnnualPlan.objects.exists()


# --- project ------------------------------------------------------------------------------
def test_a_planner_adds_a_project_with_its_months_and_links(client, world, annual, strategic):
    issue = strategic.issues.get(number=1)
    strategy = issue.strategies.first()
    indicator = issue.indicators.get(number="1")
    login(client, world.planner, world.own)
    url = reverse("plans:project_create", args=[annual.pk])
    body = client.get(url).content.decode()
    assert "Oct" in body and "Sep" in body and indicator.name in body
    response = client.post(
        url,
        {
            "name": "โครงการใหม่",
            "start_date": "1/10/2567",
            "end_date": "31/3/2568",
            "months": ["1", "2", "6"],
            "strategy": strategy.pk,
            "indicators": [indicator.pk],
            "importance": "4",
            "urgency": "5",
        },
    )
    project = annual.projects.get(name="โครงการใหม่")
    assert response.status_code == 302
    assert response.url == reverse("plans:project_detail", args=[project.pk])
    assert project.months == [1, 2, 6] and project.start_date == dt.date(2024, 10, 1)
    assert project.issue == issue and project.strategy == strategy  # issue from the strategy
    assert list(project.indicators.all()) == [indicator] and project.priority == 20
    assert project.history.first().history_user == world.planner


def test_bad_project_input_names_the_field_and_saves_nothing(client, world, annual, strategic):
    other_issue_strategy = Strategy.objects.create(
        issue=strategic.issues.get(number=2), number="2.1", name="กลยุทธ์ของประเด็นที่ 2"
    )
    login(client, world.planner, world.own)
    before = Project.objects.count()
    response = client.post(
        reverse("plans:project_create", args=[annual.pk]),
        {
            "name": "",
            "start_date": "31/3/2568",
            "end_date": "1/10/2567",
            "issue": strategic.issues.get(number=1).pk,
            "strategy": other_issue_strategy.pk,
            "importance": "9",
            "urgency": "3",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "form-errors" in body
    assert "This strategy belongs to another strategic issue." in body
    assert 'href="#id_name"' in body and 'href="#id_importance"' in body
    assert Project.objects.count() == before


def test_the_second_of_two_editors_is_refused_and_keeps_their_input(
    client, world, annual, django_user_model
):
    from django.test import Client

    project = good_project(annual)
    url = reverse("plans:project_edit", args=[project.pk])
    first = login(client, world.planner, world.own)
    second = login(Client(), world.role_users["project_owner"], world.own)
    assert 'name="version" value="1"' in first.get(url).content.decode()
    assert 'name="version" value="1"' in second.get(url).content.decode()

    assert first.post(url, project_post(project, place="ศาลาประชาคม")).status_code == 302
    response = second.post(url, project_post(project, place="วัดกลาง", name="ชื่อของคนที่สอง"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "saved this project after you opened it" in body
    assert "ชื่อของคนที่สอง" in body and "วัดกลาง" in body  # their input is still in the form
    project.refresh_from_db()
    assert (project.place, project.name, project.version) == (
        "ศาลาประชาคม",
        "โครงการเยี่ยมบ้านผู้สูงอายุ",
        2,
    )


def test_a_project_owner_edits_their_own_project_but_not_another(client, world, annual):
    owner = world.role_users["project_owner"]
    own_project = good_project(annual)
    others = annual.projects.get(name="โครงการอบรมอาสาสมัคร")
    login(client, owner, world.own)
    response = client.post(
        reverse("plans:project_edit", args=[own_project.pk]),
        project_post(own_project, target_group="ผู้สูงอายุติดบ้าน"),
    )
    assert response.status_code == 302
    own_project.refresh_from_db()
    assert own_project.target_group == "ผู้สูงอายุติดบ้าน"
    url = reverse("plans:project_edit", args=[others.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, project_post(others, name="x")).status_code == 403
    add = reverse("plans:part_add", args=[others.pk, "activity"])
    assert client.post(add, {"name": "x"}).status_code == 403
    assert not others.activities.exists()
    # and a project owner may add to their own project
    add = reverse("plans:part_add", args=[own_project.pk, "output"])
    assert client.post(add, {"kind": "output", "description": "คู่มือ 1 เล่ม"}).status_code == 302
    assert own_project.outputs.get().description == "คู่มือ 1 เล่ม"


def test_viewers_read_outsiders_get_404_and_anonymous_users_log_in(client, world, annual):
    project = good_project(annual)
    url = reverse("plans:project_detail", args=[project.pk])
    body = login(client, world.viewer, world.own).get(url).content.decode()
    assert project.name in body and "ผู้สูงอายุไม่อยู่บ้าน" in body
    main = body[body.index("<main") :]  # the navbar's notifications bell polls with htmx
    assert "hx-get" not in main and "project-edit" not in main
    assert client.get(reverse("plans:project_edit", args=[project.pk])).status_code == 403
    add = reverse("plans:part_add", args=[project.pk, "risk"])
    assert client.post(add, {"description": "x", "likelihood": 1, "impact": 1}).status_code == 403
    assert login(client, world.outsider, world.other).get(url).status_code == 404
    assert client.get(reverse("plans:project_edit", args=[project.pk])).status_code == 404
    assert client.post(add, {"description": "x"}).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert project.risks.count() == 1


def test_a_frozen_plan_shows_read_only_and_refuses_every_write(client, world, annual):
    AnnualPlan.objects.filter(pk=annual.pk).update(state="approved")
    project = good_project(annual)
    risk = project.risks.get()
    login(client, world.planner, world.own)
    body = client.get(reverse("plans:project_detail", args=[project.pk])).content.decode()
    assert 'data-testid="read-only"' in body and "project-edit" not in body
    assert "add-activity" not in body
    edit = reverse("plans:project_edit", args=[project.pk])
    body = client.get(edit).content.decode()
    assert 'data-testid="read-only"' in body and "project-save" not in body
    assert client.post(edit, project_post(project, name="x")).status_code == 403
    add = reverse("plans:part_add", args=[project.pk, "activity"])
    assert client.get(add).status_code == 403
    assert client.post(add, {"name": "x"}).status_code == 403
    delete = reverse("plans:part_delete", args=[project.pk, "risk", risk.pk])
    assert client.post(delete).status_code == 403
    assert client.get(reverse("plans:project_create", args=[annual.pk])).status_code == 403
    project.refresh_from_db()
    assert project.name == "โครงการเยี่ยมบ้านผู้สูงอายุ" and project.risks.count() == 1
    assert project.activities.count() == 1


def test_an_operational_plan_links_projects_to_the_action_plan_and_other_agencies(
    client, world, annual
):
    operational = services.plan_create(
        organization=world.own,
        kind="operational_plan",
        fiscal_year=2568,
        action_plan=annual,
        by=world.planner,
    )
    target = good_project(annual)
    login(client, world.planner, world.own)
    url = reverse("plans:project_create", args=[operational.pk])
    body = client.get(url).content.decode()
    assert 'name="action_plan_project"' in body and 'name="other_agency"' in body
    assert 'name="out_of_plan"' not in body
    response = client.post(
        url,
        {
            "name": "ซ่อมถนนสายบ้านนา",
            "other_agency": "แขวงทางหลวงชนบท",
            "action_plan_project": target.pk,
            "importance": "3",
            "urgency": "3",
        },
    )
    assert response.status_code == 302
    project = operational.projects.get()
    assert (project.other_agency, project.action_plan_project) == ("แขวงทางหลวงชนบท", target)
    # an action plan has neither field
    body = client.get(reverse("plans:project_create", args=[annual.pk])).content.decode()
    assert 'name="action_plan_project"' not in body and 'name="other_agency"' not in body


def test_a_project_added_in_a_later_edition_may_be_marked_out_of_plan(client, world, annual):
    edition = services.plan_create(
        organization=world.own,
        kind="action_plan",
        fiscal_year=2568,
        previous=annual,
        edition_kind="addition",
        edition_number=1,
        edition_year=2568,
        by=world.planner,
    )
    login(client, world.planner, world.own)
    url = reverse("plans:project_create", args=[edition.pk])
    assert 'name="out_of_plan"' in client.get(url).content.decode()
    client.post(url, {"name": "โครงการเร่งด่วน", "out_of_plan": "on", "importance": 5, "urgency": 5})
    assert edition.projects.get(name="โครงการเร่งด่วน").out_of_plan is True


# --- parts, inline ------------------------------------------------------------------------
def test_a_planner_adds_an_activity_a_risk_and_a_budget_line_inline(client, world, annual):
    project = good_project(annual)
    login(client, world.planner, world.own)
    add = reverse("plans:part_add", args=[project.pk, "activity"])
    assert 'id="part-form-activity"' in client.get(add, **HTMX).content.decode()
    response = client.post(
        add,
        {"name": "อบรมอาสาสมัคร", "start_date": "1/1/2568", "months": ["4", "5"]},
        **HTMX,
    )
    body = response.content.decode()
    activity = project.activities.get(name="อบรมอาสาสมัคร")
    assert response.status_code == 200 and 'id="project-parts"' in body
    assert activity.months == [4, 5] and activity.start_date == dt.date(2025, 1, 1)
    assert activity.sort_order == 2

    response = client.post(
        reverse("plans:part_add", args=[project.pk, "risk"]),
        {
            "activity": activity.pk,
            "description": "ฝนตกหนัก",
            "likelihood": "4",
            "impact": "4",
            "mitigation": "ติดตามพยากรณ์อากาศ",
            "fallback_plan": "ย้ายไปจัดในหอประชุม",
        },
        **HTMX,
    )
    body = response.content.decode()
    assert "ย้ายไปจัดในหอประชุม" in body and "4×4 = 16" in body and "text-bg-danger" in body
    assert Risk.objects.get(description="ฝนตกหนัก").activity == activity

    response = client.post(
        reverse("plans:part_add", args=[project.pk, "budget"]),
        {
            "activity": activity.pk,
            "source": BudgetSource.objects.get(code="own_revenue").pk,
            "category": ExpenseCategory.objects.get(code="C2.1").pk,
            "description": "ค่าอาหารว่าง",
            "amount": "12000",
            **{f"monthly_plan_{i}": "" for i in range(12)},
            "monthly_plan_3": "6000",
            "monthly_plan_4": "6000",
        },
        **HTMX,
    )
    body = response.content.decode()
    line = BudgetLine.objects.get(description="ค่าอาหารว่าง")
    assert line.activity == activity and line.amount == Decimal("12000")
    assert line.monthly_plan == ["0", "0", "0", "6000", "6000", "0", "0", "0", "0", "0", "0", "0"]
    assert "162,000.00" in body  # the project's total: 150,000 + 12,000
    assert "12,000.00" in body  # the activity's total


def test_a_monthly_profile_that_does_not_add_up_names_the_field(client, world, annual):
    project = good_project(annual)
    login(client, world.planner, world.own)
    before = BudgetLine.objects.count()
    response = client.post(
        reverse("plans:part_add", args=[project.pk, "budget"]),
        {
            "source": BudgetSource.objects.get(code="state_budget").pk,
            "category": ExpenseCategory.objects.get(code="C2.1").pk,
            "amount": "10000",
            "monthly_plan_0": "5000",
            "monthly_plan_1": "4000",
        },
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#part-form-budget"
    assert "Planned spending by month" in body and "9000" in body and "10000" in body
    assert BudgetLine.objects.count() == before


def test_an_appropriation_line_shows_what_is_left_on_it(client, world, annual):
    appropriation = Appropriation.objects.create(
        organization=world.own, fiscal_year=2568, kind="budget_act", title="พ.ร.บ. 2568"
    )
    line = AppropriationLine.objects.create(
        appropriation=appropriation,
        category=ExpenseCategory.objects.get(code="C2.1"),
        item="ค่าใช้จ่ายในการเยี่ยมบ้าน",
        amount=Decimal("200000"),
    )
    project = good_project(annual)
    BudgetLine.objects.filter(project=project).update(appropriation_line=line)
    login(client, world.planner, world.own)
    form = client.get(reverse("plans:part_add", args=[project.pk, "budget"])).content.decode()
    assert "ค่าใช้จ่ายในการเยี่ยมบ้าน — 50,000.00 of 200,000.00 baht left" in form
    assert "งบดำเนินงาน" in form and "<optgroup" in form  # items grouped under types
    page = client.get(reverse("plans:project_detail", args=[project.pk])).content.decode()
    assert "50,000.00 left" in page


def test_a_planner_deletes_a_part_and_a_project_owner_may_not(client, world, annual):
    project = good_project(annual)
    risk = project.risks.get()
    url = reverse("plans:part_delete", args=[project.pk, "risk", risk.pk])
    login(client, world.role_users["project_owner"], world.own)
    assert client.post(url).status_code == 403
    login(client, world.planner, world.own)
    assert client.get(url).status_code == 405
    response = client.post(url, **HTMX)
    assert response.status_code == 200 and "ผู้สูงอายุไม่อยู่บ้าน" not in response.content.decode()
    assert not Risk.objects.filter(pk=risk.pk).exists()
    assert client.post(url).status_code == 404


def test_an_unknown_part_kind_is_404(client, world, annual):
    login(client, world.planner, world.own)
    project = good_project(annual)
    assert client.get(reverse("plans:part_add", args=[project.pk, "meeting"])).status_code == 404


def test_a_part_of_another_project_is_404(client, world, annual):
    login(client, world.planner, world.own)
    first, second = (
        good_project(annual),
        annual.projects.exclude(name="โครงการเยี่ยมบ้านผู้สูงอายุ").first(),
    )
    activity = first.activities.get()
    url = reverse("plans:part_edit", args=[second.pk, "activity", activity.pk])
    assert client.get(url).status_code == 404


# --- copying between years ----------------------------------------------------------------
def test_a_planner_copies_projects_from_last_years_plan(client, world, annual, strategic):
    last_year = services.plan_create(
        organization=world.own, kind="action_plan", fiscal_year=2567, by=world.planner
    )
    old = add_project(last_year, "โครงการต่อเนื่อง", 30000)
    Activity.objects.create(project=old, name="ประชุมเครือข่าย", months=[2])
    add_project(last_year, "โครงการที่จบแล้ว", 1000)
    login(client, world.planner, world.own)
    url = reverse("plans:project_copy_from", args=[annual.pk])
    body = client.get(url).content.decode()
    assert "โครงการต่อเนื่อง" in body and "โครงการที่จบแล้ว" in body
    response = client.post(url, {"projects": [old.pk]})
    assert response.status_code == 302
    copy = annual.projects.get(name="โครงการต่อเนื่อง")
    assert copy.copied_from == old and copy.activities.get().name == "ประชุมเครือข่าย"
    assert copy.budget_lines.get().amount == Decimal("30000")
    assert not annual.projects.filter(name="โครงการที่จบแล้ว").exists()


def test_with_no_plan_last_year_there_is_nothing_to_copy(client, world, annual):
    login(client, world.planner, world.own)
    body = client.get(reverse("plans:project_copy_from", args=[annual.pk])).content.decode()
    assert "There is no plan of this kind for last year" in body


def test_a_project_is_copied_into_next_years_plan_made_as_a_draft(client, world, annual):
    project = good_project(annual)
    login(client, world.planner, world.own)
    url = reverse("plans:project_copy_next", args=[project.pk])
    response = client.post(url)
    next_plan = AnnualPlan.objects.get(fiscal_year=2569)
    copy = next_plan.projects.get()
    assert response.status_code == 302
    assert response.url == reverse("plans:project_detail", args=[copy.pk])
    assert (next_plan.kind, next_plan.state) == ("action_plan", "draft")
    assert copy.copied_from == project and copy.start_date is None
    assert copy.risks.get().fallback_plan == "เยี่ยมทางโทรศัพท์"
    client.post(url)  # a second copy goes into the same draft
    assert AnnualPlan.objects.filter(fiscal_year=2569).count() == 1
    assert next_plan.projects.count() == 2
    login(client, world.viewer, world.own)
    assert client.post(url).status_code == 403


# --- query counts -------------------------------------------------------------------------
def _grow(project, n: int) -> None:
    source = BudgetSource.objects.get(code="state_budget")
    category = ExpenseCategory.objects.get(code="C2.1")
    for i in range(n):
        activity = Activity.objects.create(project=project, name=f"กิจกรรม {i}", months=[i % 12 + 1])
        Risk.objects.create(project=project, activity=activity, description=f"ความเสี่ยง {i}")
        BudgetLine.objects.create(
            project=project, activity=activity, source=source, category=category, amount=100
        )
        project.outputs.create(description=f"ผลผลิต {i}")


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_project_page_runs_the_same_queries_for_few_or_many_parts(client, world, annual):
    project = good_project(annual)
    login(client, world.planner, world.own)
    url = reverse("plans:project_detail", args=[project.pk])
    small = _count(client, url)
    _grow(project, 8)
    assert _count(client, url) == small
    assert small <= 25, small


def test_the_plan_page_runs_the_same_queries_for_few_or_many_projects(client, world, annual):
    login(client, world.planner, world.own)
    url = reverse("plans:plan_detail", args=[annual.pk])
    small = _count(client, url)
    for i in range(8):
        _grow(add_project(annual, f"โครงการเพิ่ม {i}", 500), 2)
    assert _count(client, url) == small
