"""The organisations asked in a round hear of it: their planners get an in-app notification
when the round opens, when they are asked later, and when the round is amended while they
still owe their report (not once they have submitted)."""

import datetime as dt

from phaen.alerts.models import Notification
from phaen.rounds import services
from phaen.rounds.tests.factories import add_child, open_round
from phaen.rounds.tests.test_amend import set_today

DEADLINE = dt.date(2027, 1, 15)


def notes(user):
    return list(Notification.objects.filter(recipient=user).order_by("id"))


def test_planners_hear_of_the_round_its_changes_and_being_asked(world, monkeypatch):
    set_today(monkeypatch, dt.date(2027, 1, 5))
    a, a_planner = add_child(world, "KIDA")
    b, b_planner = add_child(world, "KIDB")
    c_org, c_planner = add_child(world, "KIDC")
    round_ = open_round(world, children=[a, b], deadline=DEADLINE)
    [opened] = notes(a_planner)
    assert round_.title in opened.subject and "15 มกราคม 2570" in opened.subject
    assert opened.url.endswith(f"/rounds/submissions/{round_.submissions.get(organization=a).pk}/")
    assert len(notes(b_planner)) == 1 and notes(c_planner) == []

    services.submission_submit(submission=round_.submissions.get(organization=b), by=b_planner)
    services.round_amend(
        round_=round_, by=world.planner, deadline=dt.date(2027, 1, 31), add_children=[c_org]
    )
    amended = notes(a_planner)[-1]
    assert len(notes(a_planner)) == 2 and "31 มกราคม 2570" in amended.subject
    assert len(notes(b_planner)) == 1  # it has submitted: nothing more to tell it
    [asked] = notes(c_planner)  # asked now: told once, as asked, not as amended
    assert "31 มกราคม 2570" in asked.subject and asked.organization == c_org


def test_nothing_is_told_when_nothing_changed(world, monkeypatch):
    set_today(monkeypatch, dt.date(2027, 1, 5))
    a, a_planner = add_child(world, "KIDA")
    round_ = open_round(world, children=[a], deadline=DEADLINE)
    services.round_amend(round_=round_, by=world.planner, deadline=DEADLINE, title=round_.title)
    assert len(notes(a_planner)) == 1


def test_telling_ten_organisations_takes_the_queries_of_telling_two(world, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    set_today(monkeypatch, dt.date(2027, 1, 5))
    kids = [add_child(world, f"KID{n}")[0] for n in range(10)]
    round_ = open_round(world, children=kids, deadline=DEADLINE)
    counts = []
    for n in (2, 10):
        subs = list(round_.submissions.filter(organization__in=kids[:n]))
        with CaptureQueriesContext(connection) as ctx:
            services._tell_planners(round_, subs, amended=True)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    assert Notification.objects.filter(kind=services.ROUND_ASKED).count() == 10 + 12
