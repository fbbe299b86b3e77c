"""The "round submission" warning: an organisation asked in a reporting round that has not
sent its figures (or was sent back) — coming up before the round's deadline, overdue after
it — on its warnings page and in `send_reminders` (planners, then its executives)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phaen.alerts import selectors
from phaen.alerts.kinds import ORGANIZATION_PROVIDERS
from phaen.alerts.kinds.rounds import KIND, round_submission
from phaen.alerts.models import Notification, ReminderLog
from phaen.alerts.rules import rule_for
from phaen.alerts.tests.factories import FY, plan
from phaen.core.testing import make_user
from phaen.organizations.choices import Role
from phaen.rounds import services as rounds
from phaen.rounds.tests.factories import add_child, open_round
from phaen.web.middleware import SESSION_FY, SESSION_ORG

pytestmark = pytest.mark.django_db
D = dt.date
DEADLINE = D(2027, 1, 15)  # the rule reminds 7 days before: from 8 January


@pytest.fixture
def kid(world):
    """KID under OWN, with a planner (with an e-mail address) and an executive, asked in a
    round of OWN due 15 January 2027."""
    org, planner = add_child(world, "KID")
    planner.email = "kid-planner@example.invalid"
    planner.save()
    executive = make_user(org, Role.EXECUTIVE, username="kid-executive")
    executive.email = "kid-executive@example.invalid"
    executive.save()
    round_ = open_round(world, children=[org], deadline=DEADLINE)
    return org, planner, executive, round_


def computed(org, today):
    ctx = selectors.context(org, FY, today)
    return [(w.severity, w.due_date) for w in round_submission(ctx)]


def test_the_rule_is_data():
    rule = rule_for(KIND)
    assert (rule.audience, rule.before_days, rule.after_days, rule.escalate_days) == (
        "planner",
        7,
        0,
        7,
    )


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2027, 1, 7), []),  # more than 7 days before the deadline
        (D(2027, 1, 8), [("info", DEADLINE)]),
        (D(2027, 1, 15), [("info", DEADLINE)]),  # the deadline itself is not late
        (D(2027, 1, 16), [("danger", DEADLINE)]),
        (D(2027, 5, 1), [("danger", DEADLINE)]),
    ],
)
def test_due_before_the_deadline_and_overdue_after(world, kid, today, expected):
    org, *_rest = kid
    assert computed(org, today) == expected


def test_nothing_once_submitted_or_accepted(world, kid):
    org, planner, _executive, round_ = kid
    sub = rounds.submission_submit(submission=round_.submissions.get(), by=planner)
    assert computed(org, D(2027, 1, 20)) == []
    rounds.submission_accept(submission=sub, by=world.planner)
    assert computed(org, D(2027, 1, 20)) == []


def test_sent_back_is_due_again_as_a_new_item(world, kid):
    org, planner, _executive, round_ = kid
    ctx = selectors.context(org, FY, D(2027, 1, 10))
    first = round_submission(ctx)[0]
    sub = rounds.submission_submit(submission=round_.submissions.get(), by=planner)
    rounds.submission_return(submission=sub, by=world.planner, comment="เพิ่มปัญหาอุปสรรค")
    again = round_submission(ctx)
    assert len(again) == 1 and again[0].key != first.key
    assert "เพิ่มปัญหาอุปสรรค" in again[0].message
    assert again[0].url == reverse("rounds:submission_detail", args=[sub.pk])
    assert again[0].subject == round_.title


def test_rounds_of_others_and_older_years_do_not_count(world, kid):
    org, *_rest = kid
    sibling, _p = add_child(world, "SIBLING")
    open_round(world, children=[sibling], deadline=DEADLINE)
    assert computed(org, D(2027, 1, 20)) == [("danger", DEADLINE)]
    # two fiscal years later the round is no longer reminded
    ctx = selectors.context(org, FY + 2, D(2028, 10, 20))
    assert round_submission(ctx) == []


def test_an_extension_moves_the_due_date_and_makes_a_new_item(world, kid):
    org, _planner, _executive, round_ = kid
    before = round_submission(selectors.context(org, FY, D(2027, 1, 16)))[0]
    rounds.round_amend(round_=round_, by=world.planner, deadline=D(2027, 1, 31))
    after = round_submission(selectors.context(org, FY, D(2027, 1, 16)))
    assert after == []  # more than 7 days before the new deadline
    after = round_submission(selectors.context(org, FY, D(2027, 1, 24)))[0]
    assert (after.severity, after.due_date) == ("info", D(2027, 1, 31))
    assert after.key != before.key


@pytest.mark.parametrize("n", [2, 10])
def test_a_fixed_number_of_queries_whatever_the_rounds_and_children(world, n):
    """``n`` children, each asked in ``n`` rounds: one query for a child's round warnings."""
    children = [add_child(world, f"K{n:02d}{i:02d}")[0] for i in range(n)]
    for i in range(n):
        open_round(world, children=children, deadline=DEADLINE + dt.timedelta(days=i))
    ctx = selectors.context(children[0], FY, D(2027, 2, 1))
    with CaptureQueriesContext(connection) as queries:
        found = round_submission(ctx)
    assert len(found) == n
    assert all(w.severity == "danger" for w in found)
    assert len(queries) == 1


# --- Registered: the warnings page, the selector and send_reminders --------------------------
def run(today: str, *extra):
    out, err = io.StringIO(), io.StringIO()
    call_command("send_reminders", "--today", today, *extra, stdout=out, stderr=err)
    return out.getvalue()


def sent(user, stage, channel="in_app"):
    return ReminderLog.objects.filter(user=user, kind=KIND, stage=stage, channel=channel).count()


def test_the_kind_is_registered():
    assert round_submission in ORGANIZATION_PROVIDERS


def test_shown_on_the_childs_warnings_page_even_without_a_plan(world, kid, client, monkeypatch):
    org, planner, _executive, round_ = kid
    monkeypatch.setattr(selectors, "today", lambda: D(2027, 1, 16))
    client.force_login(planner)
    session = client.session
    session[SESSION_ORG] = org.pk
    session[SESSION_FY] = FY
    session.save()
    page = client.get(reverse("alerts:index"), {"kind": KIND})
    assert page.status_code == 200
    shown = page.context["warnings"]
    assert [(w.kind, w.severity) for w in shown] == [(KIND, "danger")]
    html = page.content.decode()
    url = reverse("rounds:submission_detail", args=[round_.submissions.get().pk])
    assert round_.title in html and f'href="{url}"' in html
    # the parent's page does not list it: the warning belongs to the child
    assert not [w for w in selectors.warnings(world.own, FY, D(2027, 1, 16)) if w.kind == KIND]


def test_reminders_before_after_and_escalation(world, kid):
    org, planner, executive, _round = kid
    plan(world, organization=org)
    run("2027-01-07")
    assert sent(planner, "before") == 0
    run("2027-01-08")
    assert sent(planner, "before") == 1 and sent(planner, "before", "email") == 1
    assert sent(executive, "before") == 0
    note = Notification.objects.get(recipient=planner, kind=KIND)
    assert note.url.startswith("/rounds/submissions/")
    out = run("2027-01-08")  # a second run sends nothing new
    assert "in_app: 0 sent" in out
    assert ReminderLog.objects.filter(kind=KIND).count() == 2
    run("2027-01-16")
    assert sent(planner, "after") == 1
    run("2027-01-22")  # six days after the first overdue reminder: not yet
    assert sent(executive, "escalate") == 0
    run("2027-01-23")
    assert sent(executive, "escalate") == 1 and sent(executive, "escalate", "email") == 1
    assert sent(planner, "escalate") == 0
    run("2027-01-30")
    assert sent(executive, "escalate") == 1


def test_a_child_without_a_plan_is_reminded_too(world, kid):
    _org, planner, _executive, _round = kid
    run("2027-01-16")
    assert sent(planner, "after") == 1


def test_nothing_is_sent_for_a_child_that_submitted(world, kid):
    org, planner, _executive, round_ = kid
    plan(world, organization=org)
    rounds.submission_submit(submission=round_.submissions.get(), by=planner)
    run("2027-01-08")
    run("2027-01-16")
    run("2027-01-23")
    assert not ReminderLog.objects.filter(kind=KIND).exists()


def test_dry_run_lists_the_round_reminder(world, kid):
    org, planner, _executive, round_ = kid
    plan(world, organization=org)
    out = run("2027-01-16", "--dry-run")
    assert f"KID · {KIND} · after → {planner.username}: {round_.title}" in out
    assert not ReminderLog.objects.exists() and not Notification.objects.filter(kind=KIND).exists()
