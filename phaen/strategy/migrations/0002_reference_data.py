"""National frameworks from data/*.csv (sources in data/README.md)."""

from pathlib import Path

from django.db import migrations

from phaen.core.reference import read_csv

DATA = Path(__file__).resolve().parent.parent / "data"

FRAMEWORKS = [
    # code, order, Thai, English, file, source
    ("national_strategy", 10, "ยุทธศาสตร์ชาติ (พ.ศ. 2561–2580)", "20-year National Strategy (2018–2037)",
     "national_strategy.csv", "ราชกิจจานุเบกษา 13 ต.ค. 2561 เล่ม 135 ตอนที่ 82 ก (shared/reference/SOURCES.md)"),
    ("master_plan", 20, "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ", "Master plans under the National Strategy",
     "master_plans.csv", "shared/reference/master_plans.csv (code ref 53810744248)"),
    ("nesdp13", 30, "แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ ฉบับที่ 13 (พ.ศ. 2566–2570): หมุดหมาย",
     "13th National Economic and Social Development Plan (2023–2027): milestones",
     "nesdp13_milestones.csv", "shared/reference/nesdp13_milestones.csv (code ref 53810744248)"),
    ("sdg", 40, "เป้าหมายการพัฒนาที่ยั่งยืน (SDGs)", "Sustainable Development Goals", "sdg.csv",
     "shared/reference/sdg.csv (UN short names; Thai names from code refs in SOURCES.md)"),
    ("government_policy", 50, "นโยบายรัฐบาล", "Government policy", None,
     "Filled by admins: the policy statement of the government in office"),
    ("ministry_strategy", 60, "ยุทธศาสตร์กระทรวง", "Ministry strategy", None,
     "Filled by admins from the ministry's action plan"),
    ("province_strategy", 70, "ยุทธศาสตร์จังหวัด", "Provincial strategy", None,
     "Filled by admins from the provincial development plan"),
    ("value_chain", 80, "ห่วงโซ่คุณค่า (XYZ) ในระบบติดตามและประเมินผลแห่งชาติ (eMENSCR)",
     "Value chain (XYZ) tags of the national monitoring system (eMENSCR)", None,
     "DOMAIN.md §2; definitions of X, Y1, Y2, Z not confirmed: filled by admins"),
]


def load(apps, schema_editor):
    Framework = apps.get_model("strategy", "Framework")
    Item = apps.get_model("strategy", "FrameworkItem")
    for code, order, name_th, name_en, filename, source in FRAMEWORKS:
        framework, _ = Framework.objects.update_or_create(
            code=code,
            defaults={"name_th": name_th, "name_en": name_en, "source": source, "sort_order": order},
        )
        if not filename:
            continue
        for index, row in enumerate(read_csv(DATA / filename), start=1):
            Item.objects.update_or_create(
                framework=framework,
                code=row["code"],
                defaults={
                    "name_th": row.get("name_th") or row.get("issue_name_th", ""),
                    "name_en": row.get("name_en") or row.get("name_en_short", ""),
                    "name_th_alt": row.get("name_th_alt", ""),
                    "source": source,
                    "sort_order": index,
                },
            )


def unload(apps, schema_editor):
    apps.get_model("strategy", "FrameworkItem").objects.all().delete()
    apps.get_model("strategy", "Framework").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("strategy", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
