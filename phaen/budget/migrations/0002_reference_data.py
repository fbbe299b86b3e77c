"""Expense categories, budget sources and LAO work plans from data/*.csv."""

from pathlib import Path

from django.db import migrations

from phaen.core.reference import read_csv

DATA = Path(__file__).resolve().parent.parent / "data"
INVESTMENT_CODES = {"C3", "C3.1", "C3.2", "L3", "L3.1", "L3.2"}


def load(apps, schema_editor):
    Category = apps.get_model("budget", "ExpenseCategory")
    Source = apps.get_model("budget", "BudgetSource")
    WorkPlan = apps.get_model("budget", "WorkPlan")
    by_code = {}
    for index, row in enumerate(read_csv(DATA / "budget_categories.csv"), start=1):
        by_code[row["code"]], _ = Category.objects.update_or_create(
            code=row["code"],
            defaults={
                "scope": row["scope"],
                "level": row["level"],
                "parent": by_code.get(row["parent_code"]),
                "name_th": row["name_th"],
                "note": row["note"],
                "is_investment": row["code"] in INVESTMENT_CODES,
                "sort_order": index,
            },
        )
    for row in read_csv(DATA / "budget_sources.csv"):
        Source.objects.update_or_create(
            code=row["code"],
            defaults={"name_th": row["name_th"], "name_en": row["name_en"],
                      "source": row["source"], "sort_order": int(row["sort_order"])},
        )
    for row in read_csv(DATA / "lao_work_plans.csv"):
        WorkPlan.objects.update_or_create(
            ordinal=int(row["ordinal"]), defaults={"name_th": row["name_th"]}
        )


def unload(apps, schema_editor):
    apps.get_model("budget", "WorkPlan").objects.all().delete()
    apps.get_model("budget", "BudgetSource").objects.all().delete()
    Category = apps.get_model("budget", "ExpenseCategory")
    Category.objects.exclude(parent=None).delete()
    Category.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
