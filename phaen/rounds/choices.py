from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionState(models.TextChoices):
    NOT_SUBMITTED = "not_submitted", _("Not submitted")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Sent back")
    ACCEPTED = "accepted", _("Accepted")


class MoveKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Sent back")
    ACCEPTED = "accepted", _("Accepted")


# Project statuses counted in a snapshot (the follow-up statuses of a project; a plan's
# "planned" counts as not started). Cancelled projects count nowhere but are reported apart.
STATUS_KEYS = ("not_started", "in_progress", "done", "postponed")
