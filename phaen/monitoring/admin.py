from django.contrib import admin

from phaen.core.admin import PhaenAdmin
from phaen.monitoring import models as m


@admin.register(m.ReportingPeriod)
class ReportingPeriodAdmin(PhaenAdmin):
    list_display = ["organization", "fiscal_year", "kind", "number", "start", "end", "locked_at"]
    list_filter = ["fiscal_year", "kind"]
