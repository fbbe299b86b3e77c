"""The strategy pages as users meet them: scoped, editable only in a draft, htmx fragments."""

import copy
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phaen.core import testing
from phaen.strategy.models import Indicator, Issue, StrategicPlan, SwotItem, TowsStrategy
from phaen.strategy.services import plan_approve, plan_from_tree

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(world, tree):
    return plan_from_tree(organization=world.own, tree=tree, by=world.planner)


def login(client, user, org=None):
    client.force_login(user)
    if org is not None:
        session = client.session
        session["phaen_org_id"] = org.pk
        session.save()
    return client


def test_the_plan_list_shows_own_and_child_plans(client, world, plan, tree):
    child_plan = plan_from_tree(organization=world.child, tree=copy.deepcopy(tree))
    body = (
        login(client, world.planner, world.own).get(reverse("strategy:plan_list")).content.decode()
    )
    assert plan.title in body and child_plan.title in body


def test_the_plan_page_shows_the_tree_and_an_outsider_gets_404(client, world, plan):
    url = reverse("strategy:plan_detail", args=[plan.pk])
    body = login(client, world.viewer, world.own).get(url).content.decode()
    assert "การพัฒนาคุณภาพชีวิตกลุ่มเปราะบาง" in body
    assert "ร้อยละของผู้สูงอายุที่ได้รับการเยี่ยมบ้าน" in body  # a sub-indicator
    assert "โครงการเยี่ยมบ้านผู้สูงอายุ" in body
    assert "hx-post" not in body  # a viewer gets no edit controls
    assert login(client, world.outsider).get(url).status_code == 404


def test_a_planner_edits_an_issue_inline_and_history_records_it(client, world, plan):
    issue = plan.issues.get(number=1)
    url = reverse("strategy:part_edit", args=[plan.pk, "issue", issue.pk])
    login(client, world.planner, world.own)
    assert "part-form" in client.get(url, **HTMX).content.decode()
    response = client.post(
        url, {"number": 1, "title": "ประเด็นใหม่", "objective": "x", "frameworks": []}, **HTMX
    )
    assert response.status_code == 200 and "ประเด็นใหม่" in response.content.decode()
    issue.refresh_from_db()
    assert issue.title == "ประเด็นใหม่" and not issue.frameworks.exists()
    assert issue.history.first().history_user == world.planner
    history = client.get(reverse("strategy:plan_history", args=[plan.pk])).content.decode()
    assert "title" in history


def test_invalid_input_names_the_field_and_saves_nothing(client, world, plan):
    issue = plan.issues.get(number=1)
    url = reverse("strategy:part_add", args=[plan.pk, "indicator"]) + f"?issue={issue.pk}"
    login(client, world.planner, world.own)
    before = Indicator.objects.count()
    response = client.post(
        url,
        {
            "issue": issue.pk,
            "number": "3",
            "name": "",
            "direction": "band",
            "frequency": "yearly",
            "combination": "latest",
            "target_2566": "abc",
        },
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200 and response.headers["HX-Retarget"].startswith("#part-form")
    assert "invalid-feedback" in body
    assert Indicator.objects.count() == before


def test_a_planner_adds_an_indicator_with_targets_and_criteria(client, world, plan):
    issue = plan.issues.get(number=2)
    url = reverse("strategy:part_add", args=[plan.pk, "indicator"]) + f"?issue={issue.pk}"
    login(client, world.planner, world.own).post(
        url,
        {
            "issue": issue.pk,
            "number": "1",
            "name": "จำนวนเครือข่าย",
            "unit": "เครือข่าย",
            "direction": "higher",
            "frequency": "quarterly",
            "combination": "cumulative_sum",
            "target_2566": "10",
            "target_2567_q2": "4",
            "criterion_1": "มีแผน",
            "weight": "100",
        },
        **HTMX,
    )
    ind = Indicator.objects.get(issue=issue)
    assert {(t.fiscal_year, t.quarter, int(t.value)) for t in ind.targets.all()} == {
        (2566, None, 10),
        (2567, 2, 4),
    }
    assert ind.criteria.get().description == "มีแผน"


def test_viewers_may_not_edit_and_approved_plans_are_frozen(client, world, plan):
    issue = plan.issues.get(number=1)
    url = reverse("strategy:part_edit", args=[plan.pk, "issue", issue.pk])
    assert login(client, world.viewer, world.own).post(url, {"title": "x"}).status_code == 403
    plan_approve(plan=plan, by=world.superuser)
    response = login(client, world.planner, world.own).post(url, {"number": 1, "title": "x"})
    assert response.status_code == 403
    assert Issue.objects.get(pk=issue.pk).title != "x"


def test_the_executive_approves_and_the_planner_starts_a_revision(client, world, plan):
    approve = reverse("strategy:plan_approve", args=[plan.pk])
    assert login(client, world.planner, world.own).post(approve).status_code == 403
    login(client, world.role_users["executive"], world.own).post(approve)
    plan.refresh_from_db()
    assert plan.status == "approved"
    response = login(client, world.planner, world.own).post(
        reverse("strategy:plan_revise", args=[plan.pk])
    )
    revision = StrategicPlan.objects.get(previous=plan)
    assert response.url == reverse("strategy:plan_detail", args=[revision.pk])


def test_exports_download_json_and_excel(client, world, plan):
    login(client, world.viewer, world.own)
    data = json.loads(client.get(reverse("strategy:plan_export", args=[plan.pk, "json"])).content)
    assert data["plan"] == plan.pk and len(data["issues"]) == 2
    xlsx = client.get(reverse("strategy:plan_export", args=[plan.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    assert client.get(reverse("strategy:plan_template")).content[:2] == b"PK"


def test_the_alignment_view_lists_what_serves_each_framework_item(client, world, plan):
    body = (
        login(client, world.viewer, world.own)
        .get(reverse("strategy:plan_alignment", args=[plan.pk]))
        .content.decode()
    )
    assert "ยุทธศาสตร์ชาติด้านการสร้างโอกาสและความเสมอภาคทางสังคม" in body
    assert "การพัฒนาคุณภาพชีวิตกลุ่มเปราะบาง" in body


def test_the_swot_board_adds_reorders_and_deletes(client, world, plan):
    login(client, world.planner, world.own)
    add = reverse("strategy:swot_item_add", args=["organization"])
    for text in ("จุดแข็งที่สอง", "จุดแข็งที่สาม"):
        client.post(add, {"plan": plan.pk, "quadrant": "S", "text": text}, **HTMX)
    items = list(SwotItem.objects.filter(plan=plan, scope="organization", quadrant="S"))
    assert [i.text for i in items][-2:] == ["จุดแข็งที่สอง", "จุดแข็งที่สาม"]
    client.post(reverse("strategy:swot_item_move", args=[items[-1].pk, "up"]), **HTMX)
    texts = list(
        SwotItem.objects.filter(plan=plan, scope="organization", quadrant="S").values_list(
            "text", flat=True
        )
    )
    assert texts[-2:] == ["จุดแข็งที่สาม", "จุดแข็งที่สอง"]
    client.post(reverse("strategy:swot_item_delete", args=[items[0].pk]), **HTMX)
    assert not SwotItem.objects.filter(pk=items[0].pk).exists()


def test_a_tows_pairing_links_items_to_a_strategy(client, world, plan):
    strength = SwotItem.objects.get(plan=plan, scope="organization", quadrant="S")
    opportunity = SwotItem.objects.get(plan=plan, scope="organization", quadrant="O")
    threat = SwotItem.objects.get(plan=plan, scope="organization", quadrant="T")
    strategy = plan.issues.get(number=1).strategies.first()
    login(client, world.planner, world.own)
    url = reverse("strategy:tows_add") + f"?plan={plan.pk}"
    bad = client.post(
        url, {"plan": plan.pk, "kind": "SO", "items": [strength.pk, threat.pk], "text": "x"}
    )
    assert bad.status_code == 200 and not TowsStrategy.objects.exists()
    client.post(
        url,
        {
            "plan": plan.pk,
            "kind": "SO",
            "items": [strength.pk, opportunity.pk],
            "text": "ใช้ความร่วมมือ อปท.",
            "strategy": strategy.pk,
        },
    )
    tows = TowsStrategy.objects.get()
    assert tows.strategy == strategy and set(tows.items.all()) == {strength, opportunity}


def test_the_plan_page_costs_the_same_queries_for_a_small_and_a_large_plan(client, world, tree):
    small = plan_from_tree(organization=world.own, tree=tree)
    big_tree = copy.deepcopy(tree)
    for n in range(3, 13):
        extra = copy.deepcopy(tree["issues"][0])
        extra["number"] = n
        big_tree["issues"].append(extra)
    big = plan_from_tree(organization=world.own, tree=big_tree)
    login(client, world.planner, world.own)
    counts = []
    for p in (small, big):
        for name in ("strategy:plan_detail", "strategy:plan_map", "strategy:plan_alignment"):
            client.get(reverse(name, args=[p.pk]))  # warm the session and caches
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name, args=[p.pk])).status_code == 200
            counts.append((name, len(queries.captured_queries)))
    assert counts[:3] == [(n, c) for n, c in counts[3:]]


def test_anonymous_users_are_sent_to_login(client, plan):
    response = client.get(reverse("strategy:plan_detail", args=[plan.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_outsiders_cannot_create_plans_in_other_organisations(client, world):
    outsider_client = login(client, world.outsider)
    response = outsider_client.post(
        reverse("strategy:plan_create"), {"kind": "strategic", "start_year": 2566, "end_year": 2570}
    )
    plan = StrategicPlan.objects.get()
    assert plan.organization == world.other and response.status_code == 302
    assert testing.PASSWORD
