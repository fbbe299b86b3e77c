"""Review routes per plan kind (data/review_routes.csv, sources stated there)."""

from pathlib import Path

from django.db import migrations

from phaen.core.reference import read_csv

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Step = apps.get_model("plans", "ReviewStep")
    for row in read_csv(DATA / "review_routes.csv"):
        Step.objects.update_or_create(
            plan_kind=row["plan_kind"], order=int(row["order"]),
            defaults={"code": row["code"], "name_th": row["name_th"], "name_en": row["name_en"],
                      "roles": row["roles"]},
        )


def unload(apps, schema_editor):
    apps.get_model("plans", "ReviewStep").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
