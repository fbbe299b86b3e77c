from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    ROUND = "round", _("Six-, nine- or twelve-month round")


class CheckState(models.TextChoices):
    DRAFT = "draft", _("Being checked")
    CHECKED = "checked", _("Checked, awaiting decision")
    APPROVED = "approved", _("Approved to start")
    RETURNED = "returned", _("Sent back")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done and summarised")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RETURNED = "returned", _("Returned")


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")


class ProblemCategory(models.TextChoices):
    OFF_THEME = "off_theme", _("Project off the plan's themes")
    INCOMPLETE_DATA = "incomplete_data", _("Incomplete data")
    BUDGET_LOST = "budget_lost", _("Budget lost mid-year")
    LATE_REPORT = "late_report", _("Late report")
    OTHER = "other", _("Other")


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
