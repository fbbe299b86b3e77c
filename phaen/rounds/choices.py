from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SubmissionState(models.TextChoices):
    NOT_SUBMITTED = "not_submitted", _("Not submitted")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Sent back")
    ACCEPTED = "accepted", _("Accepted")


class MoveKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Sent back")
    ACCEPTED = "accepted", _("Accepted")


class ProjectStatus(models.TextChoices):
    """Project statuses counted in a snapshot (the follow-up statuses of a project; a
    plan's "planned" counts as not started). Cancelled projects count nowhere but are
    reported apart."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done and summarised")
    POSTPONED = "postponed", _("Postponed")


STATUS_KEYS = tuple(ProjectStatus.values)


class ChangeField(models.TextChoices):
    """What an amendment of an open round changed (one ``RoundChange`` row each)."""

    TITLE = "title", pgettext_lazy("reporting round", "Title")
    INSTRUCTIONS = "instructions", _("Instructions")
    DEADLINE = "deadline", _("Deadline")
    ASKED = "asked", _("Organisation asked")
    WITHDRAWN = "withdrawn", _("Organisation withdrawn")


ROUND_WIDE_CHANGES = (ChangeField.TITLE, ChangeField.INSTRUCTIONS, ChangeField.DEADLINE)
