"""Writes of the alerts app: notifications (mark read) and reminders.

``send_reminders`` turns today's warnings into reminders before and after their due date
and escalates to the supervisor when an overdue reminder is ignored. Offsets and audiences
are data (``data/reminder_rules.csv``). Each reminder goes out once per (item, recipient,
stage, channel): a :class:`ReminderLog` row is written after a successful send, so a
second run sends nothing new and a failed send is tried again on the next run. Channels:
in-app notification, e-mail (Django's mail backend: a file or console backend when no SMTP
server is configured) and an outgoing JSON webhook per organisation.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phaen.alerts import choices as c
from phaen.alerts.models import AlertSettings, Notification, ReminderLog
from phaen.alerts.rules import rule_for
from phaen.core import thai

WEBHOOK_TIMEOUT = 5  # seconds


# --- Notifications ------------------------------------------------------------------------
def notify(
    *, recipient, kind: str, subject: str, message: str = "", url: str = "", organization=None
) -> Notification:
    notification = Notification(
        recipient=recipient,
        organization=organization,
        kind=kind,
        subject=subject[:500],
        message=message,
        url=url[:500],
    )
    notification.full_clean()
    notification.save()
    return notification


def users_with_roles(organizations, roles=None, today: dt.date | None = None) -> dict:
    """``{organisation id: {user id, …}}``: the active users holding one of ``roles`` (every
    role when ``None``) in each organisation, given to their person or to a position they
    hold ``today``. Two queries whatever the number of organisations and people."""
    from phaen.organizations.models import Appointment, RoleAssignment

    today = today or timezone.localdate()
    assignments = RoleAssignment.objects.filter(organization__in=organizations)
    if roles is not None:
        assignments = assignments.filter(role__in=roles)
    found: dict[int, set[int]] = defaultdict(set)
    by_position: dict[int, set[int]] = defaultdict(set)
    for org_id, user_id, active, position_id in assignments.values_list(
        "organization_id", "person__user_id", "person__user__is_active", "position_id"
    ):
        if user_id and active:
            found[org_id].add(user_id)
        if position_id:
            by_position[position_id].add(org_id)
    if by_position:
        for position_id, user_id in (
            Appointment.objects.current(today)
            .filter(position_id__in=by_position, person__user__is_active=True)
            .values_list("position_id", "person__user_id")
        ):
            for org_id in by_position[position_id]:
                found[org_id].add(user_id)
    return found


def notify_many(notifications) -> int:
    """Save unsaved ``Notification``s in one insert (texts cut to the fields' lengths, as
    :func:`notify` does); for notices to many people at once. Returns how many."""
    rows = []
    for n in notifications:
        n.subject = n.subject[:500]
        n.url = n.url[:500]
        rows.append(n)
    return len(Notification.objects.bulk_create(rows))


def notification_mark_read(*, notification: Notification, by) -> Notification:
    """Mark one of ``by``'s notifications read (idempotent)."""
    if notification.recipient_id != by.pk:
        raise PermissionError("not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


def notifications_mark_all_read(*, by) -> int:
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(
        read_at=timezone.now(), updated_at=timezone.now()
    )


# --- Who is reminded ----------------------------------------------------------------------
class Directory:
    """Users behind people, positions and roles of one organisation, read in bulk (a fixed
    number of queries per organisation and run)."""

    def __init__(self, organization, warnings, today: dt.date):
        from phaen.organizations.choices import Role
        from phaen.organizations.models import Appointment, Person, RoleAssignment

        User = get_user_model()
        person_ids = {w.owner_person_id for w in warnings if w.owner_person_id}
        position_ids = {p for w in warnings for p in w.position_ids}
        position_ids |= {w.supervisor_position_id for w in warnings if w.supervisor_position_id}
        roles = (Role.PLANNER, Role.FINANCE, Role.EXECUTIVE)
        assignments = list(
            RoleAssignment.objects.filter(organization=organization, role__in=roles).values(
                "role", "person_id", "position_id"
            )
        )
        position_ids |= {a["position_id"] for a in assignments if a["position_id"]}
        person_ids |= {a["person_id"] for a in assignments if a["person_id"]}
        holders: dict[int, list[int]] = defaultdict(list)
        for position_id, person_id in (
            Appointment.objects.current(today)
            .filter(position_id__in=position_ids)
            .values_list("position_id", "person_id")
        ):
            holders[position_id].append(person_id)
            person_ids.add(person_id)
        user_of = dict(
            Person.objects.filter(pk__in=person_ids, user__isnull=False).values_list(
                "pk", "user_id"
            )
        )
        self.users = {
            u.pk: u
            for u in User.objects.filter(
                pk__in=set(user_of.values()), is_active=True
            ).select_related("person")
        }
        self._user_of = user_of
        self._holders = holders
        self._by_role: dict[str, set[int]] = defaultdict(set)
        for a in assignments:
            people = [a["person_id"]] if a["person_id"] else holders.get(a["position_id"], [])
            for person_id in people:
                self._by_role[a["role"]].update(self._users([person_id]))

    def _users(self, person_ids) -> list[int]:
        return [
            self._user_of[p]
            for p in person_ids
            if p in self._user_of and self._user_of[p] in self.users
        ]

    def holders(self, position_id) -> list[int]:
        return self._users(self._holders.get(position_id, [])) if position_id else []

    def role(self, role: str) -> list[int]:
        return sorted(self._by_role.get(role, ()))

    def recipients(self, warning, stage: str) -> list:
        from phaen.organizations.choices import Role

        if stage == c.Stage.ESCALATE:
            ids = self.holders(warning.supervisor_position_id) or self.role(Role.EXECUTIVE)
        else:
            people = self._users([warning.owner_person_id] if warning.owner_person_id else [])
            for position_id in warning.position_ids:
                people += self.holders(position_id)
            audience = rule_for(warning.kind).audience
            if audience == c.Audience.FINANCE:
                people = self.role(Role.FINANCE) + people
            elif audience == c.Audience.PLANNER:
                people = self.role(Role.PLANNER) + people
            ids = people or self.role(Role.PLANNER)
        return [self.users[i] for i in dict.fromkeys(ids)]


# --- The run ------------------------------------------------------------------------------
@dataclass
class ChannelResult:
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass
class RunResult:
    today: dt.date
    dry_run: bool
    channels: dict[str, ChannelResult] = field(
        default_factory=lambda: {ch: ChannelResult() for ch in c.Channel.values}
    )

    @property
    def sent(self) -> int:
        return sum(len(r.sent) for r in self.channels.values())

    @property
    def failed(self) -> int:
        return sum(len(r.failed) for r in self.channels.values())

    @property
    def all_failed(self) -> bool:
        return self.failed > 0 and self.sent == 0


def stage_of(warning, today: dt.date, after_sent_on: dt.date | None) -> list[str]:
    """The stages due today for ``warning``: before its due date, after it, and escalated
    when the first "after" reminder was sent ``escalate_days`` ago or more."""
    rule = rule_for(warning.kind)
    due = warning.due_date
    if due is None:
        return [c.Stage.AFTER]
    stages = []
    if today > due + dt.timedelta(days=rule.after_days):
        stages.append(c.Stage.AFTER)
        if after_sent_on is not None and today >= after_sent_on + dt.timedelta(
            days=rule.escalate_days
        ):
            stages.append(c.Stage.ESCALATE)
    elif rule.before_days and due - dt.timedelta(days=rule.before_days) <= today <= due:
        stages.append(c.Stage.BEFORE)
    return stages


def _absolute(url: str) -> str:
    base = getattr(settings, "PHAEN_SITE_URL", "") or ""
    return f"{base.rstrip('/')}{url}" if base and url.startswith("/") else url


def _texts(warning, stage: str) -> tuple[str, str]:
    """Subject and body of a reminder (the link goes in the notification's own field, and
    at the end of mails and webhook posts)."""
    subject = f"{warning.kind_label}: {warning.subject}"
    lines = [warning.message]
    if warning.due_date:
        lines.append(_("Due date: %(date)s") % {"date": thai.format_thai_date(warning.due_date)})
    if stage == c.Stage.ESCALATE:
        lines.append(
            _(
                "You receive this as the supervisor: the reminder to the person "
                "responsible has not been acted on."
            )
        )
    return subject, "\n".join(lines)


def _with_link(body: str, url: str) -> str:
    return f"{body}\n{_absolute(url)}" if url else body


class _Sender:
    def __init__(self, result: RunResult, dry_run: bool, today: dt.date):
        self.result = result
        self.dry_run = dry_run
        self.today = today
        self.connection = None
        self.webhook_down: dict[str, str] = {}

    def _log(self, organization, warning, stage, channel, recipient, user=None) -> bool:
        """Record the send; False when another run recorded it first."""
        try:
            with transaction.atomic():
                ReminderLog.objects.create(
                    organization=organization,
                    item=warning.key[:200],
                    kind=warning.kind,
                    stage=stage,
                    channel=channel,
                    recipient=recipient,
                    user=user,
                    sent_on=self.today,
                )
        except IntegrityError:
            return False
        return True

    def in_app(self, organization, warning, stage, user, subject, body, label):
        if self.dry_run:
            self.result.channels[c.Channel.IN_APP].sent.append(label)
            return
        try:
            with transaction.atomic():
                if not self._log(
                    organization, warning, stage, c.Channel.IN_APP, f"user:{user.pk}", user
                ):
                    return
                notify(
                    recipient=user,
                    organization=organization,
                    kind=warning.kind,
                    subject=subject,
                    message=body,
                    url=warning.url,
                )
        except Exception as exc:  # report it, keep the other channels going
            self.result.channels[c.Channel.IN_APP].failed.append(f"{label}: {exc}")
            return
        self.result.channels[c.Channel.IN_APP].sent.append(label)

    def email(self, organization, warning, stage, user, subject, body, label):
        channel = self.result.channels[c.Channel.EMAIL]
        if not user.email:
            channel.skipped.append(_("%(label)s (no e-mail address)") % {"label": label})
            return
        if self.dry_run:
            channel.sent.append(f"{label} <{user.email}>")
            return
        site = getattr(settings, "PHAEN_SITE_NAME", "Phaen")
        try:
            if self.connection is None:
                self.connection = get_connection(fail_silently=False)
            EmailMessage(
                subject=f"[{site}] {subject}",
                body=_with_link(body, warning.url),
                to=[user.email],
                connection=self.connection,
            ).send()
        except Exception as exc:  # any backend error: report it, keep the other channels going
            channel.failed.append(f"{label} <{user.email}>: {exc}")
            return
        if self._log(organization, warning, stage, c.Channel.EMAIL, f"user:{user.pk}", user):
            channel.sent.append(f"{label} <{user.email}>")

    def webhook(self, organization, url, warning, stage, users, subject, body, label):
        channel = self.result.channels[c.Channel.WEBHOOK]
        if url in self.webhook_down:
            channel.failed.append(f"{label}: {self.webhook_down[url]}")
            return
        if self.dry_run:
            channel.sent.append(label)
            return
        payload = {
            "organization": organization.code,
            "kind": warning.kind,
            "stage": stage,
            "severity": warning.severity,
            "subject": warning.subject,
            "message": warning.message,
            "due_date": warning.due_date.isoformat() if warning.due_date else None,
            "url": _absolute(warning.url),
            "recipients": [u.display_name() for u in users],
            "text": f"{subject}\n{_with_link(body, warning.url)}",
        }
        request = urllib.request.Request(
            url,
            data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json; charset=utf-8"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:
                response.read(1024)
        except urllib.error.HTTPError as exc:
            reason = f"HTTP {exc.code} {exc.reason}"
            self.webhook_down[url] = reason
            channel.failed.append(f"{label}: {reason}")
            return
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            self.webhook_down[url] = str(reason)
            channel.failed.append(f"{label}: {reason}")
            return
        if self._log(organization, warning, stage, c.Channel.WEBHOOK, f"webhook:{organization.pk}"):
            channel.sent.append(label)


def _organizations(fiscal_year: int, only=None):
    from phaen.organizations.models import Organization

    years = (fiscal_year - 1, fiscal_year)  # a round of last year may still be open
    orgs = Organization.objects.filter(is_active=True).filter(
        Q(annual_plans__fiscal_year=fiscal_year)
        | Q(round_submissions__round__fiscal_year__in=years)
    )
    if only:
        orgs = orgs.filter(Q(code__in=only) | Q(pk__in=[o for o in only if str(o).isdigit()]))
    return orgs.distinct().order_by("path")


def send_reminders(
    *, today: dt.date | None = None, dry_run: bool = False, organizations=None
) -> RunResult:
    """Send today's reminders for every active organisation with a plan this fiscal year or
    asked in a reporting round (``organizations``: codes to limit the run). Returns what was
    sent per channel."""
    from phaen.alerts.selectors import warnings as compute

    today = today or timezone.localdate()
    fiscal_year = thai.fiscal_year(today)
    result = RunResult(today=today, dry_run=dry_run)
    sender = _Sender(result, dry_run, today)
    with translation.override(settings.LANGUAGE_CODE):
        for organization in _organizations(fiscal_year, organizations):
            found = compute(organization, fiscal_year, today)
            if not found:
                continue
            _remind_organization(organization, found, today, sender)
    if sender.connection is not None:
        sender.connection.close()
    return result


def _remind_organization(organization, found, today, sender) -> None:
    webhook_url = AlertSettings.for_organization(organization).webhook_url
    keys = [w.key[:200] for w in found]
    logs = list(
        ReminderLog.objects.filter(organization=organization, item__in=keys).values_list(
            "item", "recipient", "stage", "channel", "sent_on"
        )
    )
    done = {(item, recipient, stage, channel) for item, recipient, stage, channel, _ in logs}
    after_sent: dict[str, dt.date] = {}
    for item, _r, stage, _ch, sent_on in logs:
        if stage == c.Stage.AFTER:
            after_sent[item] = min(sent_on, after_sent.get(item, sent_on))
    directory = Directory(organization, found, today)
    for warning in found:
        key = warning.key[:200]
        for stage in stage_of(warning, today, after_sent.get(key)):
            users = directory.recipients(warning, stage)
            subject, body = _texts(warning, stage)
            for user in users:
                label = (
                    f"{organization.code} · {warning.kind} · {stage} → {user.username}: "
                    f"{warning.subject}"
                )
                recipient = f"user:{user.pk}"
                if (key, recipient, stage, c.Channel.IN_APP) not in done:
                    sender.in_app(organization, warning, stage, user, subject, body, label)
                if (key, recipient, stage, c.Channel.EMAIL) not in done:
                    sender.email(organization, warning, stage, user, subject, body, label)
            if (
                webhook_url
                and (key, f"webhook:{organization.pk}", stage, c.Channel.WEBHOOK) not in done
            ):
                label = f"{organization.code} · {warning.kind} · {stage}: {warning.subject}"
                sender.webhook(
                    organization, webhook_url, warning, stage, users, subject, body, label
                )


# --- Settings -----------------------------------------------------------------------------
@transaction.atomic
def settings_save(*, alert_settings: AlertSettings, by) -> AlertSettings:
    alert_settings.full_clean()
    alert_settings._history_user = by
    alert_settings.save()
    return alert_settings
