from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnualPlanKind(models.TextChoices):
    ACTION_PLAN = "action_plan", _("Action plan (แผนปฏิบัติการ)")
    GOVERNMENT_ACTION_PLAN = (
        "gov_action_plan",
        _("Annual government action plan (แผนปฏิบัติราชการประจำปี)"),
    )
    OPERATIONAL_PLAN = "operational_plan", _("Operational plan (แผนการดำเนินงาน)")


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")
    ANNOUNCED = "announced", _("Announced")


class EditionKind(models.TextChoices):
    ORIGINAL = "original", _("Original plan")
    ADDITION = "addition", _("Addition (เพิ่มเติม)")
    CHANGE = "change", _("Change (แก้ไข/เปลี่ยนแปลง)")
    DEFERRAL = "deferral", _("Deferral (ชะลอ/ยกเลิก)")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done and summarised")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class OutputKind(models.TextChoices):
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")
