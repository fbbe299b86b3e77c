from django.contrib import admin

from phaen.budget import models as m
from phaen.core.admin import PhaenAdmin


@admin.register(m.ExpenseCategory)
class ExpenseCategoryAdmin(PhaenAdmin):
    list_display = ["code", "name_th", "scope", "level", "parent", "is_investment"]
    list_filter = ["scope", "level"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(m.BudgetSource)
class BudgetSourceAdmin(PhaenAdmin):
    list_display = ["code", "name_th", "name_en", "sort_order"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(m.WorkPlan)
class WorkPlanAdmin(PhaenAdmin):
    list_display = ["ordinal", "name_th", "name_en"]
    search_fields = ["name_th", "name_en"]
