"""Government disbursement targets per fiscal year and quarter (data/disbursement_targets.csv,
each row with its source; uncertain values are marked)."""

from decimal import Decimal
from pathlib import Path

from django.db import migrations

from phaen.core.reference import read_csv

DATA = Path(__file__).resolve().parent.parent / "data"


def _pct(value):
    return Decimal(value) if value else None


def load(apps, schema_editor):
    Target = apps.get_model("finance", "DisbursementTarget")
    for row in read_csv(DATA / "disbursement_targets.csv"):
        Target.objects.update_or_create(
            fiscal_year=int(row["fiscal_year"]),
            quarter=int(row["quarter"]),
            defaults={
                "overall": _pct(row["overall"]),
                "current": _pct(row["current"]),
                "investment": _pct(row["investment"]),
                "uncertain": row["uncertain"] == "true",
                "source": row["source"],
            },
        )


def unload(apps, schema_editor):
    apps.get_model("finance", "DisbursementTarget").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_finance_records")]
    operations = [migrations.RunPython(load, unload)]
