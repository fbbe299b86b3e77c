"""send_reminders: stages around the due date, escalation to the supervisor, once per
(item, recipient, stage, channel), and a failing channel that does not stop the others."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from phaen.alerts import services
from phaen.alerts.models import AlertSettings, Notification, ReminderLog
from phaen.alerts.tests.factories import People, plan, project

pytestmark = pytest.mark.django_db


def run(today: str, *extra):
    out, err = io.StringIO(), io.StringIO()
    call_command("send_reminders", "--today", today, *extra, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def setup(world):
    people = People(world.own)
    annual = plan(world)
    # one planned month (October 2569 BE): the report is due 10 Nov 2026
    p = project(annual, "โครงการเยี่ยมบ้าน", people, months=[1])
    return people, p


def sent_to(user, kind, stage, channel="in_app"):
    return ReminderLog.objects.filter(user=user, kind=kind, stage=stage, channel=channel).count()


def test_before_the_due_date_the_responsible_people_are_reminded(world, setup):
    people, p = setup
    out, _err = run("2026-11-07")  # three days before the report's due date
    for user in (people.owner, people.lead.user):
        assert sent_to(user, "report_overdue", "before") == 1
        assert sent_to(user, "report_overdue", "before", "email") == 1
    assert sent_to(people.boss.user, "report_overdue", "before") == 0
    note = Notification.objects.get(recipient=people.owner, kind="report_overdue")
    assert p.name in note.subject and note.url
    assert {m.to[0] for m in mail.outbox} >= {people.owner.email, people.lead.user.email}
    assert "in_app:" in out and "email:" in out


def test_a_second_run_sends_nothing_new(world, setup):
    run("2026-11-07")
    notes, mails, logs = Notification.objects.count(), len(mail.outbox), ReminderLog.objects.count()
    assert notes and mails
    out, _err = run("2026-11-07")
    assert (Notification.objects.count(), len(mail.outbox), ReminderLog.objects.count()) == (
        notes,
        mails,
        logs,
    )
    assert "in_app: 0 sent" in out
    out, _err = run("2026-11-08")  # the next day: still the "before" stage, already sent
    assert Notification.objects.count() == notes


def test_after_the_due_date_then_escalated_when_ignored(world, setup):
    people, _p = setup
    run("2026-11-11")  # the day after the due date
    assert sent_to(people.owner, "report_overdue", "after") == 1
    assert sent_to(people.boss.user, "report_overdue", "escalate") == 0
    run("2026-11-17")  # six days later: not yet (escalate after 7, reminder_rules.csv)
    assert sent_to(people.boss.user, "report_overdue", "escalate") == 0
    run("2026-11-18")
    assert sent_to(people.boss.user, "report_overdue", "escalate") == 1
    assert sent_to(people.boss.user, "report_overdue", "escalate", "email") == 1
    assert sent_to(people.owner, "report_overdue", "escalate") == 0
    escalation = Notification.objects.get(recipient=people.boss.user, kind="report_overdue")
    assert "supervisor" in escalation.message or "ผู้บังคับบัญชา" in escalation.message
    run("2026-11-25")
    assert sent_to(people.boss.user, "report_overdue", "escalate") == 1


def test_escalation_goes_to_the_executive_without_a_supervisor(world):
    people = People(world.own)
    annual = plan(world)
    project(annual, "ไม่มีผู้กำกับ", months=[1], owner=people.owner.person)
    run("2026-11-11")
    run("2026-11-18")
    executive = world.role_users["executive"]
    assert sent_to(executive, "report_overdue", "escalate") == 1


def test_no_responsible_person_reminds_the_planners(world):
    annual = plan(world)
    project(annual, "ไม่มีเจ้าของ", months=[1])
    run("2026-11-11")
    assert sent_to(world.planner, "report_overdue", "after") == 1


def test_a_resolved_item_is_not_reminded_again(world, setup):
    from phaen.alerts.tests.factories import report

    people, p = setup
    run("2026-11-11")
    report(p, 1)  # submitted, with progress
    run("2026-11-18")
    assert sent_to(people.boss.user, "report_overdue", "escalate") == 0


def test_dry_run_writes_nothing(world, setup):
    out, _err = run("2026-11-11", "--dry-run")
    assert "DRY RUN" in out and "would send" in out
    assert Notification.objects.count() == 0 and ReminderLog.objects.count() == 0
    assert mail.outbox == []


class _Hook(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(json.loads(body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def hook():
    _Hook.received = []
    _Hook.status = 200
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, _Hook
    server.shutdown()
    server.server_close()


def test_webhook_posts_json_once(world, setup, hook):
    server, handler = hook
    AlertSettings.objects.create(
        organization=world.own, webhook_url=f"http://127.0.0.1:{server.server_port}/hook"
    )
    run("2026-11-11")
    kinds = sorted(p["kind"] for p in handler.received)
    assert "report_overdue" in kinds
    payload = next(p for p in handler.received if p["kind"] == "report_overdue")
    assert payload["organization"] == "OWN" and payload["stage"] == "after"
    assert payload["due_date"] == "2026-11-10" and payload["text"]
    count = len(handler.received)
    run("2026-11-11")
    assert len(handler.received) == count


def test_a_failing_webhook_does_not_stop_mail_and_in_app(world, setup, hook):
    people, _p = setup
    server, handler = hook
    handler.status = 500
    AlertSettings.objects.create(
        organization=world.own, webhook_url=f"http://127.0.0.1:{server.server_port}/down"
    )
    _out, err = run("2026-11-11")  # exit code 0: call_command raises on failure
    assert "webhook failed" in err and "500" in err
    assert sent_to(people.owner, "report_overdue", "after") == 1
    assert sent_to(people.owner, "report_overdue", "after", "email") == 1
    assert ReminderLog.objects.filter(channel="webhook").count() == 0
    assert len(handler.received) == 1  # a down webhook is not hammered within one run
    handler.status = 200
    run("2026-11-12")  # back up: the missed posts go out, mail is not repeated
    assert ReminderLog.objects.filter(channel="webhook").count() >= 1
    assert sent_to(people.owner, "report_overdue", "after", "email") == 1


def test_everything_failing_is_a_non_zero_exit(world, setup, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database says no")

    monkeypatch.setattr(services, "notify", broken)
    monkeypatch.setattr(
        "django.core.mail.EmailMessage.send",
        lambda self, *a, **k: (_ for _ in ()).throw(OSError("smtp down")),
    )
    with pytest.raises(CommandError):
        run("2026-11-11")
    assert ReminderLog.objects.count() == 0


def test_bad_today_is_a_clear_error(world):
    with pytest.raises(CommandError, match="--today"):
        run("22/11/2569")


def test_rules_file_is_checked():
    from phaen.alerts.rules import parse_rules, reminder_rules

    assert reminder_rules()["report_overdue"].before_days == 3
    with pytest.raises(ValueError, match=r"line 2.*unknown kind"):
        parse_rules("kind,audience,before_days,after_days,escalate_days\nnope,responsible,1,0,7\n")
    with pytest.raises(ValueError, match=r"line 2.*escalate_days"):
        parse_rules("kind,audience,before_days,after_days,escalate_days\nstale,responsible,1,0,x\n")
