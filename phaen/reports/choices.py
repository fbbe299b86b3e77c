from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportFormat(models.TextChoices):
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel (.xlsx)")
    JSON = "json", _("JSON")


class RunStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("report run", "Queued")
    RUNNING = "running", pgettext_lazy("report run", "Running")
    DONE = "done", pgettext_lazy("report run", "Done")
    FAILED = "failed", pgettext_lazy("report run", "Failed")
