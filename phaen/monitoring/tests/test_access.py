"""Who may do what to follow-up records: role × own / child / parent / other organisation."""

import pytest

from phaen.core.testing import make_user
from phaen.monitoring import services
from phaen.monitoring.models import (
    CoordinationMeeting,
    Evidence,
    OutputAchievement,
    ProgressReport,
    ProjectCheck,
    ReportSnapshot,
)
from phaen.monitoring.tests.conftest import month
from phaen.organizations.access import can
from phaen.organizations.choices import Role

pytestmark = pytest.mark.django_db

ROLES = [r.value for r in Role]


@pytest.fixture
def records(world, good):
    report = services.report_save(
        project=good,
        period=month(good.plan, "2567-10"),
        by=world.planner,
        achievements=[(good.outputs.get(), 1)],
    )
    services.report_submit(report=report, by=world.planner)
    services.report_acknowledge(report=report, by=world.planner)
    check = services.check_open(project=good, by=world.planner)
    problem = services.problem_save(
        plan=good.plan,
        by=world.planner,
        category="other",
        description="x",
        found_on=good.start_date,
    )
    published = services.problem_save(
        plan=good.plan,
        by=world.planner,
        category="other",
        description="published",
        found_on=good.start_date,
        published=True,
    )
    meeting = services.meeting_save(
        plan=good.plan, by=world.planner, held_on=good.start_date, title="m"
    )
    return {
        "report": ProgressReport.objects.get(pk=report.pk),
        "achievement": OutputAchievement.objects.get(),
        "snapshot": ReportSnapshot.objects.get(),
        "check": ProjectCheck.objects.get(pk=check.pk),
        "problem": problem,
        "published_problem": published,
        "meeting": CoordinationMeeting.objects.get(pk=meeting.pk),
    }


# (record, action) -> roles in the OWN organisation that may do it
EXPECTED = {
    ("report", "view"): set(ROLES),
    ("report", "change"): {"planner", "org_admin", "project_owner"},
    ("report", "acknowledge"): {"planner", "org_admin"},
    ("achievement", "change"): {"planner", "org_admin", "project_owner"},
    ("snapshot", "view"): set(ROLES),
    ("snapshot", "change"): set(),
    ("check", "change"): {"planner", "org_admin"},
    ("check", "decide"): {"executive"},
    ("problem", "view"): {"planner", "org_admin"},  # not published to staff
    ("published_problem", "view"): set(ROLES),
    ("published_problem", "change"): {"planner", "org_admin"},
    ("problem", "change"): {"planner", "org_admin"},
    ("meeting", "change"): {"planner", "org_admin"},
}


@pytest.mark.parametrize("key", list(EXPECTED), ids=lambda k: f"{k[0]}-{k[1]}")
def test_roles_in_the_own_organisation(world, records, key):
    record, action = key
    allowed = {role for role in ROLES if can(world.role_users[role], action, records[record])}
    assert allowed == EXPECTED[key]


@pytest.mark.parametrize("relation", ["parent", "child", "other"])
@pytest.mark.parametrize("role", ["planner", "project_owner", "viewer", "executive"])
def test_roles_elsewhere_read_only_from_a_parent(world, records, relation, role):
    user = make_user(world.org(relation), role)
    for name, record in records.items():
        # a problem not published to staff: only a parent's planners read it
        reads = relation == "parent" and (name != "problem" or role == "planner")
        assert can(user, "view", record) == reads, name
        for action in ("change", "acknowledge", "decide", "delete"):
            assert not can(user, action, record), (name, action)


def test_a_project_owner_writes_only_their_own_projects(world, good, approved):
    owner = world.role_users["project_owner"]
    mine = services.report_save(project=good, period=month(good.plan, "2567-10"), by=owner)
    other = approved.projects.exclude(pk=good.pk).first()
    theirs = services.report_save(
        project=other, period=month(good.plan, "2567-10"), by=world.planner
    )
    assert can(owner, "change", mine) and not can(owner, "change", theirs)
    assert can(owner, "view", theirs)


def test_anonymous_sees_nothing(world, records):
    from django.contrib.auth.models import AnonymousUser

    assert not ProgressReport.objects.for_user(AnonymousUser()).exists()
    assert not Evidence.objects.for_user(AnonymousUser()).exists()
