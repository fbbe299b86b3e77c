"""The warnings page, notifications, the badge and the settings page."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phaen.alerts import selectors
from phaen.alerts.models import AlertSettings, Notification
from phaen.alerts.services import notify
from phaen.alerts.tests.factories import FY, People, line, money, plan, project, report
from phaen.monitoring.models import RiskOccurrence
from phaen.plans.models import Risk
from phaen.web.middleware import SESSION_FY, SESSION_ORG

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 20)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(selectors, "today", lambda: TODAY)


def login(client, user, org):
    client.force_login(user)
    session = client.session
    session[SESSION_ORG] = org.pk
    session[SESSION_FY] = FY
    session.save()


def with_money(p, i: int):
    bl = line(p, 20000, [10000, 10000] + [0] * 10)
    money(p, bl, "disbursement", 1000 * (i % 5), dt.date(2026, 10, 15))
    if i % 3 == 0:
        money(p, bl, "advance", 500, dt.date(2026, 10, 2), clear_by=dt.date(2026, 12, 1))


def build(world, n: int, annual=None, tag=""):
    people = People(world.own, tag=f"{tag}{n}")
    annual = annual or plan(world)
    for i in range(n):
        p = project(annual, f"โครงการที่ {tag}{i + 1}", people, months=[1, 2])
        with_money(p, i)
        if i % 2:
            submitted = report(p, 1, percent=20)
            risk = Risk.objects.create(project=p, description=f"ความเสี่ยง {i}", fallback_plan="ก")
            RiskOccurrence.objects.create(report=submitted, risk=risk)
    return people, annual


def test_warnings_page_lists_each_row_with_its_fix_link(client, world):
    _people, annual = build(world, 2)
    login(client, world.viewer, world.own)
    page = client.get(reverse("alerts:index"))
    assert page.status_code == 200
    html = page.content.decode()
    first = annual.projects.get(name="โครงการที่ 1")
    assert html.count('data-testid="warning"') == len(page.context["warnings"]) > 0
    assert f'href="{selectors.project_url(first)}"' in html
    assert "โครงการที่ 1" in html


def test_filters_by_kind_and_unit(client, world):
    people, annual = build(world, 2)
    bare = project(annual, "ไม่มีหน่วยงาน", months=[1])
    login(client, world.planner, world.own)
    page = client.get(reverse("alerts:index"), {"kind": "no_progress"})
    assert {w.kind for w in page.context["warnings"]} == {"no_progress"}
    page = client.get(reverse("alerts:index"), {"unit": people.unit.pk})
    shown = page.context["warnings"]
    assert shown and all(w.unit_id == people.unit.pk for w in shown)
    assert bare.pk not in {w.project_id for w in shown}
    page = client.get(reverse("alerts:index"), {"severity": "danger"})
    assert all(w.severity == "danger" for w in page.context["warnings"])


def _count(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("alerts:index")).status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_small_and_large_plans(client, world):
    from phaen.plans.models import AnnualPlan

    build(world, 3)
    login(client, world.planner, world.own)
    small = _count(client)
    annual = AnnualPlan.objects.get(organization=world.own, fiscal_year=FY)
    build(world, 40, annual=annual, tag="big")
    large = _count(client)
    assert (small, large) == (28, 28)  # risk_triggered reads the occurrences in one query;
    # round_submission reads the rounds asked of the organisation in one query


def test_outsiders_see_only_their_own_organisation(client, world):
    build(world, 2)
    login(client, world.outsider, world.own)  # the session asks for OWN; not visible
    page = client.get(reverse("alerts:index"))
    assert page.status_code == 200
    assert page.context["warnings"] == []  # the outsider's own organisation has no plan
    assert "โครงการที่ 1" not in page.content.decode()


def test_anonymous_users_are_sent_to_login(client):
    assert client.get(reverse("alerts:index")).status_code == 302
    assert client.get(reverse("alerts:badge")).status_code == 302


def test_notifications_unread_badge_and_mark_read(client, world):
    mine = notify(
        recipient=world.viewer, kind="report_overdue", subject="รายงานเกินกำหนด", url="/x/"
    )
    notify(recipient=world.viewer, kind="stale", subject="ไม่ได้ปรับปรุง")
    theirs = notify(recipient=world.planner, kind="stale", subject="ของคนอื่น")
    login(client, world.viewer, world.own)
    badge = client.get(reverse("alerts:badge"))
    assert 'data-testid="alerts-badge-count">2<' in badge.content.decode()
    page = client.get(reverse("alerts:notifications"))
    assert "รายงานเกินกำหนด" in page.content.decode() and "ของคนอื่น" not in page.content.decode()
    answer = client.post(reverse("alerts:notification_read", args=[mine.pk]), {"open": "1"})
    assert answer.status_code == 302 and answer["Location"] == "/x/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert client.post(reverse("alerts:notification_read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("alerts:notification_read", args=[mine.pk])).status_code == 405
    client.post(reverse("alerts:notifications_read_all"))
    assert Notification.objects.filter(recipient=world.viewer, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(recipient=world.planner, read_at__isnull=True).count() == 1
    badge = client.get(reverse("alerts:badge"))
    assert "alerts-badge-count" not in badge.content.decode()


def test_next_is_only_followed_to_this_site(client, world):
    n = notify(recipient=world.viewer, kind="stale", subject="x")
    login(client, world.viewer, world.own)
    answer = client.post(
        reverse("alerts:notification_read", args=[n.pk]), {"next": "https://evil.example/"}
    )
    assert answer["Location"] == reverse("alerts:notifications")


def test_settings_planner_edits_viewer_may_not(client, world):
    login(client, world.viewer, world.own)
    assert client.get(reverse("alerts:settings")).status_code == 403
    login(client, world.planner, world.own)
    answer = client.post(
        reverse("alerts:settings"),
        {
            "stale_days": "30",
            "disbursement_gap_pct": "5",
            "near_days": "7",
            "webhook_url": "https://chat.example/hook",
        },
    )
    assert answer.status_code == 302
    stored = AlertSettings.objects.get(organization=world.own)
    assert (stored.stale_days, stored.webhook_url) == (30, "https://chat.example/hook")
    assert stored.history.first().history_user == world.planner
    bad = client.post(
        reverse("alerts:settings"),
        {"stale_days": "0", "disbursement_gap_pct": "5", "near_days": "7"},
    )
    assert bad.status_code == 200 and "stale_days" in bad.context["form"].errors


def test_admin_lists_alert_settings(client, world):
    AlertSettings.objects.create(organization=world.own, stale_days=30)
    client.force_login(world.superuser)
    page = client.get(reverse("admin:alerts_alertsettings_changelist"))
    assert page.status_code == 200 and world.own.name_th in page.content.decode()
