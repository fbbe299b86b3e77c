from django.db import models
from django.utils.translation import gettext_lazy as _


class WarningKind(models.TextChoices):
    NO_PROGRESS = "no_progress", _("Planned months passed without progress")
    REPORT_OVERDUE = "report_overdue", _("Monthly report due or overdue")
    DISBURSEMENT_PLAN = "disbursement_plan", _("Disbursement behind its own plan")
    DISBURSEMENT_TARGET = "disbursement_target", _("Disbursement behind the government target")
    INDICATOR_OFF_TRACK = "indicator_off_track", _("Indicator off track")
    ADVANCE_DUE = "advance_due", _("Cash advance to clear")
    CARRY_OVER_DUE = "carry_over_due", _("Carry-over money to spend")
    RISK_TRIGGERED = "risk_triggered", _("Risk trigger reported")
    REPORT_POSTING = "report_posting", _("Monitoring report not posted")
    ROUND_SUBMISSION = "round_submission", _("Reporting round not submitted")
    STALE = "stale", _("Not updated for too long")


class Severity(models.TextChoices):
    INFO = "info", _("Coming up")
    WARNING = "warning", _("Warning")
    DANGER = "danger", _("Overdue")


class Stage(models.TextChoices):
    BEFORE = "before", _("Before the due date")
    AFTER = "after", _("After the due date")
    ESCALATE = "escalate", _("Escalated to the supervisor")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In-app notification")
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Webhook")


class Audience(models.TextChoices):
    RESPONSIBLE = "responsible", _("Responsible person")
    FINANCE = "finance", _("Finance officer")
    PLANNER = "planner", _("Planner")
    SUPERVISOR = "supervisor", _("Supervisor")
