from django.contrib import admin

from phaen.alerts import models as m
from phaen.core.admin import PhaenAdmin


@admin.register(m.AlertSettings)
class AlertSettingsAdmin(PhaenAdmin):
    list_display = [
        "organization",
        "stale_days",
        "disbursement_gap_pct",
        "near_days",
        "webhook_url",
    ]
