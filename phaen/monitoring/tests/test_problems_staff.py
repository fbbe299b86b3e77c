"""Problems "published to staff": who reads a problem (pages and API), the staff page
"Problems and measures" (grouped by status, printable, fixed query count) and the in-app
notification on publishing, once per user and problem."""

import datetime as dt

import pytest
from django.urls import reverse

from phaen.alerts.models import Notification
from phaen.api.testing import bearer_client
from phaen.core.testing import appoint, make_person, make_position, make_user
from phaen.monitoring import services
from phaen.monitoring.models import Problem
from phaen.organizations.access import can
from phaen.organizations.choices import Role
from phaen.organizations.models import RoleAssignment
from phaen.plans.tests.test_project_views import login

pytestmark = pytest.mark.django_db
API = "/api/v1"
ROLES = [r.value for r in Role]
PLANNERS = {Role.PLANNER, Role.ORG_ADMIN}


def problem(plan, by, description="ส่งรายงานช้า", **fields):
    fields.setdefault("category", "late_report")
    fields.setdefault("found_on", dt.date(2025, 1, 5))
    return services.problem_save(plan=plan, by=by, description=description, **fields)


@pytest.fixture
def pair(world, approved):
    """One problem published to staff and one not, in the own organisation's plan."""
    return {
        True: problem(approved, world.planner, "ประกาศแล้ว", published=True),
        False: problem(approved, world.planner, "ยังไม่ประกาศ"),
    }


# --- who reads ----------------------------------------------------------------------------
@pytest.mark.parametrize("published", [True, False], ids=["published", "unpublished"])
@pytest.mark.parametrize("role", ROLES)
def test_only_planners_read_a_problem_not_published_to_staff(world, pair, role, published):
    user = world.role_users[role]
    assert can(user, "view", pair[published]) == (published or role in PLANNERS)
    assert not can(world.outsider, "view", pair[published])


def test_the_owner_reads_their_problem_before_it_is_published(world, approved):
    viewer = world.viewer
    position = make_position(world.own, "หัวหน้าสำนักปลัด")
    holder = make_user(world.own, Role.VIEWER)
    appoint(holder.person, position)
    other_viewer = make_user(world.own, Role.VIEWER)
    by_person = problem(approved, world.planner, "ของผู้ชมเอง", owner_person=viewer.person)
    by_position = problem(approved, world.planner, "ของตำแหน่ง", owner_position=position)
    assert can(viewer, "view", by_person) and not can(viewer, "view", by_position)
    assert can(holder, "view", by_position) and not can(holder, "view", by_person)
    assert not can(other_viewer, "view", by_person)
    assert not can(other_viewer, "view", by_position)
    assert not can(viewer, "change", by_person)


def test_a_parent_organisations_planner_reads_all_its_staff_the_published(world, pair):
    parent_planner = make_user(world.parent, Role.PLANNER)
    parent_viewer = make_user(world.parent, Role.VIEWER)
    assert can(parent_planner, "view", pair[False]) and can(parent_planner, "view", pair[True])
    assert can(parent_viewer, "view", pair[True]) and not can(parent_viewer, "view", pair[False])


def test_the_api_lists_and_reads_what_the_role_may_see(world, pair):
    published, unpublished = pair[True], pair[False]
    for role in ("viewer", "executive", "committee", "finance", "project_owner"):
        client = bearer_client(world.role_users[role])
        listed = [p["id"] for p in client.get(f"{API}/problems/").json()["results"]]
        assert listed == [published.pk], role
        assert client.get(f"{API}/problems/{unpublished.pk}/").status_code == 404, role
        assert client.get(f"{API}/problems/{published.pk}/").status_code == 200, role
    planner = bearer_client(world.planner)
    listed = {p["id"] for p in planner.get(f"{API}/problems/").json()["results"]}
    assert listed == {published.pk, unpublished.pk}


def test_the_problems_page_shows_staff_only_the_published(client, world, pair):
    login(client, world.viewer, world.own)
    html = client.get(reverse("monitoring:problems")).content.decode()
    assert "ประกาศแล้ว" in html and "ยังไม่ประกาศ" not in html
    login(client, world.planner, world.own)
    html = client.get(reverse("monitoring:problems")).content.decode()
    assert "ประกาศแล้ว" in html and "ยังไม่ประกาศ" in html


# --- the staff page -----------------------------------------------------------------------
def test_the_staff_page_lists_published_problems_by_status(client, world, approved, good):
    position = make_position(world.own, "ผู้อำนวยการกองแผน")
    problem(
        approved,
        world.planner,
        "ประสานภาคีล่าช้า",
        project=good,
        measure="ประชุมภาคีทุกเดือน",
        owner_position=position,
        owner_person=world.viewer.person,
        due=dt.date(2025, 2, 28),
        status="in_progress",
        published=True,
    )
    problem(approved, world.planner, "ข้อมูลเป้าหมายไม่ครบ", status="done", published=True)
    problem(approved, world.planner, "เรื่องภายในยังไม่ประกาศ", status="open")
    login(client, world.role_users["finance"], world.own)
    response = client.get(reverse("monitoring:problems_staff"))
    assert response.status_code == 200
    html = response.content.decode()
    groups = [g for g in html.split('data-testid="status-group"')[1:]]
    assert [g.split('data-status="')[1].split('"')[0] for g in groups] == ["in_progress", "done"]
    assert "ประสานภาคีล่าช้า" in groups[0] and "ข้อมูลเป้าหมายไม่ครบ" in groups[1]
    first = groups[0]
    assert "ประชุมภาคีทุกเดือน" in first and "ผู้อำนวยการกองแผน" in first
    assert world.viewer.person.full_name in first and good.name in first
    assert "28 Feb 2568" in first  # Buddhist Era
    assert 'data-testid="problem-overdue"' in first
    assert "เรื่องภายในยังไม่ประกาศ" not in html
    assert "@media print" in html and 'data-testid="print"' in html
    assert client.post(reverse("monitoring:problems_staff")).status_code == 405


def test_the_staff_page_is_linked_for_everyone(client, world, approved):
    login(client, world.viewer, world.own)
    link = f'href="{reverse("monitoring:problems_staff")}"'
    assert link in client.get(reverse("monitoring:index")).content.decode()
    assert link in client.get(reverse("monitoring:problems")).content.decode()


def test_the_staff_page_of_another_organisations_plan_is_not_found(client, world, approved):
    login(client, world.outsider, world.other)
    url = reverse("monitoring:problems_staff")
    assert client.get(url, {"plan": approved.pk}).status_code == 404
    assert client.get(url, {"plan": "x"}).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_the_staff_page_runs_the_same_queries_for_3_and_30_problems(
    client, world, approved, good, count, django_assert_num_queries
):
    position = make_position(world.own)
    statuses = ["open", "in_progress", "done"]
    for n in range(count):
        problem(
            approved,
            world.planner,
            f"ปัญหาที่ {n}",
            project=good,
            owner_position=position,
            owner_person=world.viewer.person,
            due=dt.date(2025, 3, 1),
            status=statuses[n % 3],
            published=True,
        )
    login(client, world.viewer, world.own)
    url = reverse("monitoring:problems_staff")
    with django_assert_num_queries(11):  # session, user, roles, organisation, plan, problems, menus
        html = client.get(url).content.decode()
    assert html.count('data-testid="staff-problem"') == count


# --- publishing notifies --------------------------------------------------------------------
def _publish(p, by, published=True):
    return services.problem_save(plan=p.plan, by=by, problem=p, published=published)


def test_publishing_notifies_everyone_in_the_organisation_once(client, world, approved):
    position = make_position(world.own, "นักวิเคราะห์นโยบายและแผน")
    RoleAssignment.objects.create(organization=world.own, role=Role.VIEWER, position=position)
    holder = make_person(world.own, username="position-holder")
    appoint(holder, position)
    gone = make_user(world.own, Role.VIEWER, username="gone")
    gone.is_active = False
    gone.save()
    p = problem(approved, world.planner, "งบประมาณถูกตัดกลางปี")
    assert not Notification.objects.exists()  # not published: nobody is told

    _publish(p, world.planner)
    expected = {u.pk for u in world.role_users.values()} | {holder.user_id}
    notes = Notification.objects.filter(kind=services.PROBLEM_PUBLISHED)
    assert set(notes.values_list("recipient_id", flat=True)) == expected
    assert notes.count() == len(expected)  # one each; not the outsider, nor the inactive
    note = notes.get(recipient=world.viewer)
    assert note.organization == world.own and "งบประมาณถูกตัดกลางปี" in note.subject
    assert note.url == f"{reverse('monitoring:problems_staff')}?plan={approved.pk}#problem-{p.pk}"

    _publish(p, world.planner, published=False)
    _publish(p, world.role_users["org_admin"])
    assert notes.count() == len(expected)  # republished: nobody is told twice

    newcomer = make_user(world.own, Role.COMMITTEE, username="newcomer")
    _publish(p, world.planner, published=False)
    _publish(p, world.planner)
    assert set(notes.values_list("recipient_id", flat=True)) == expected | {newcomer.pk}

    login(client, world.viewer, world.own)
    html = client.get(note.url).content.decode()
    assert f'id="problem-{p.pk}"' in html


def test_a_problem_created_published_notifies_and_edits_do_not(world, approved):
    p = problem(approved, world.planner, published=True)
    count = Notification.objects.count()
    assert count == len(world.role_users)  # the planner publishing it included
    services.problem_save(plan=approved, by=world.planner, problem=p, measure="ติดตามทุกสัปดาห์")
    assert Notification.objects.count() == count


def test_publishing_through_the_page_notifies(client, world, approved):
    p = problem(approved, world.planner, "ผู้รับผิดชอบย้ายงาน")
    login(client, world.planner, world.own)
    response = client.post(
        reverse("monitoring:problem_edit", args=[p.pk]),
        {
            "category": "other",
            "description": "ผู้รับผิดชอบย้ายงาน",
            "found_on": "5/1/2568",
            "status": "open",
            "published": "on",
        },
    )
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=world.viewer).count() == 1


def _publishing_queries(world, approved, extra_users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _n in range(extra_users):
        make_user(world.own, Role.VIEWER)
    p = problem(approved, world.planner, f"ปัญหา {extra_users}")
    p = Problem.objects.select_related("plan__organization").get(pk=p.pk)
    with CaptureQueriesContext(connection) as ctx:
        _publish(p, world.planner)
    return len(ctx.captured_queries)


def test_publishing_runs_the_same_queries_for_few_and_many_users(world, approved):
    few = _publishing_queries(world, approved, 0)
    before = Notification.objects.count()
    many = _publishing_queries(world, approved, 20)
    assert Notification.objects.count() - before == len(world.role_users) + 20
    assert few == many
