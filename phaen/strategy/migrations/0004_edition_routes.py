"""Approval routes of local-development-plan editions (data/edition_routes.csv)."""

from pathlib import Path

from django.db import migrations

from phaen.core.reference import read_csv

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Step = apps.get_model("strategy", "EditionRouteStep")
    for row in read_csv(DATA / "edition_routes.csv"):
        Step.objects.update_or_create(
            kind=row["kind"], order=int(row["order"]),
            defaults={"code": row["code"], "name_th": row["name_th"], "name_en": row["name_en"]},
        )


def unload(apps, schema_editor):
    apps.get_model("strategy", "EditionRouteStep").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("strategy", "0003_strategic_plans")]
    operations = [migrations.RunPython(load, unload)]
