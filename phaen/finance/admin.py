from django.contrib import admin

from phaen.core.admin import PhaenAdmin
from phaen.finance import models as m


@admin.register(m.DisbursementTarget)
class DisbursementTargetAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "quarter", "overall", "current", "investment", "uncertain"]
    list_filter = ["fiscal_year", "uncertain"]


@admin.register(m.Transaction)
class TransactionAdmin(PhaenAdmin):
    list_display = ["organization", "fiscal_year", "kind", "number", "date", "amount", "source"]
    list_filter = ["fiscal_year", "kind", "source"]
    search_fields = ["number", "document_ref", "description"]
    raw_id_fields = ["project", "budget_line", "activity", "related", "batch"]


@admin.register(m.Transfer)
class TransferAdmin(PhaenAdmin):
    list_display = ["organization", "fiscal_year", "amount", "state", "approver"]
    list_filter = ["state"]
    raw_id_fields = ["from_line", "to_line"]


@admin.register(m.CarryOver)
class CarryOverAdmin(PhaenAdmin):
    list_display = ["organization", "reference", "amount", "spent", "spend_by", "extended_to"]
    raw_id_fields = ["budget_line"]


@admin.register(m.ImportMapping)
class ImportMappingAdmin(PhaenAdmin):
    list_display = ["organization", "kind"]
