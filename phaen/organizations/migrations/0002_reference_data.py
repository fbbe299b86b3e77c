"""Organisation kinds and provinces from data/*.csv (sources in data/README.md)."""

from pathlib import Path

from django.db import migrations

from phaen.core.reference import read_csv

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Kind = apps.get_model("organizations", "OrganizationKind")
    Province = apps.get_model("organizations", "Province")
    by_code = {}
    for row in read_csv(DATA / "organization_kinds.csv"):
        kind, _ = Kind.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_th": row["name_th"],
                "name_en": row["name_en"],
                "abbr_th": row["abbr_th"],
                "parent": by_code.get(row["parent"]),
                "is_local_administration": row["is_local_administration"] == "1",
                "is_default": row["is_default"] == "1",
                "sort_order": int(row["sort_order"]),
            },
        )
        by_code[kind.code] = kind
    for row in read_csv(DATA / "provinces.csv"):
        Province.objects.update_or_create(
            code=row["code"], defaults={"name_th": row["name_th"], "name_en": row["name_en"]}
        )


def unload(apps, schema_editor):
    apps.get_model("organizations", "Province").objects.all().delete()
    Kind = apps.get_model("organizations", "OrganizationKind")
    Kind.objects.exclude(parent=None).filter(subkinds=None).delete()
    Kind.objects.exclude(parent=None).delete()
    Kind.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
