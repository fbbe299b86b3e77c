from django.contrib import admin

from phaen.reports.models import ReportRun


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    """Read-only view of report runs, for operators looking into a failed job."""

    list_display = [
        "pk",
        "report",
        "format",
        "organization",
        "user",
        "status",
        "progress",
        "created_at",
        "finished_at",
    ]
    list_filter = ["status", "format", "report"]
    list_select_related = ["organization", "user"]
    search_fields = ["report", "user__username", "organization__code", "message"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
