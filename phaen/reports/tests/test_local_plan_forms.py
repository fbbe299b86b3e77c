"""Reports p01 and p02: forms ผ.01 and ผ.02 of a local development plan."""

import copy
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from openpyxl import load_workbook

from phaen.conftest import require_or_skip
from phaen.organizations import access
from phaen.organizations.models import Unit
from phaen.reports.builders import local_plan_forms as forms
from phaen.reports.registry import ReportError, get_report
from phaen.reports.renderers import render
from phaen.reports.tests.pdf_text import page_size
from phaen.strategy import editions
from phaen.strategy.models import EditionRouteStep, PlanProject, ProjectYearBudget
from phaen.strategy.services import plan_approve, plan_from_tree
from phaen.strategy.tests.samples import sample_tree

YEARS = [2566, 2567, 2568, 2569, 2570]
TRICKY = "#set text(red) $x$ *โครงการ*"


# pdftotext repeats a cluster of a consonant with an upper vowel and a tone mark
# ("เพิ่ม" -> "เพิ่พิ่ม"; the same in every report's PDF), so the texts are compared after
# undoing that and without white space: table cells wrap their text over several lines.
_REPEATED_CLUSTER = re.compile(r"([\u0E01-\u0E2E][\u0E31\u0E34-\u0E37\u0E47-\u0E4C]{2})\1")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", _REPEATED_CLUSTER.sub(r"\1", text))


def pdf_words(pdf: bytes) -> str:
    """The PDF's text in reading order of its content (cells kept together), flattened."""
    require_or_skip(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) missing")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, timeout=60
        )
    return flat(result.stdout.decode("utf-8"))


def ldp_project(name, amounts, work_plan=9, category="own", **extra):
    return {
        "name": name,
        "work_plan": work_plan,
        "unit": "ENG",
        "category": category,
        "budgets": {str(y): a for y, a in zip(YEARS, amounts, strict=True) if a is not None},
        "objectives": extra.pop("objectives", f"เพื่อ{name}"),
        "outputs": extra.pop("outputs", "ถนนยาว 200 เมตร"),
        "kpi": extra.pop("kpi", "ประชาชนพึงพอใจร้อยละ 80"),
        "expected_results": extra.pop("expected_results", "การคมนาคมสะดวก"),
        **extra,
    }


def ldp_tree(copies: int = 1) -> dict:
    """Two strategies (issues) with development approaches and projects in several work
    plans and categories; ``copies`` repeats the issues (for the query-count test)."""
    issues = []
    for n in range(copies):
        issues += [
            {
                "number": 1 + 2 * n,
                "title": f"การพัฒนาโครงสร้างพื้นฐาน {n}",
                "frameworks": ["national_strategy:2", "master_plan:07"],
                "strategies": [
                    {
                        "number": f"{1 + 2 * n}.1",
                        "name": "ก่อสร้างและบำรุงรักษาถนน",
                        "frameworks": ["sdg:9"],
                        "projects": [
                            ldp_project(
                                f"โครงการก่อสร้างถนน หมู่ที่ 1 ชุด {n}", [450000, 0, 500000, 0, None]
                            ),
                            ldp_project(
                                TRICKY if n == 0 else f"โครงการถนน {n}", [None, 480000, 0, 0, 0]
                            ),
                            ldp_project(
                                f"โครงการปรับปรุงประปา {n}",
                                [350000, None, None, None, None],
                                work_plan=6,
                            ),
                            ldp_project(
                                f"โครงการขุดลอกคลอง {n}",
                                [0, 0, 800000, 0, 0],
                                category="coordination",
                            ),
                        ],
                    },
                    {"number": f"{1 + 2 * n}.2", "name": "พัฒนาแหล่งน้ำ", "projects": []},
                ],
                "projects": [
                    ldp_project(
                        f"โครงการสำรวจเส้นทาง {n}",
                        [10000.50, None, None, None, None],
                        work_plan=None,
                    )
                ],
            },
            {
                "number": 2 + 2 * n,
                "title": f"การพัฒนาคุณภาพชีวิต {n}",
                "frameworks": [],
                "strategies": [
                    {
                        "number": f"{2 + 2 * n}.1",
                        "name": "ส่งเสริมสุขภาพ",
                        "projects": [
                            ldp_project(f"โครงการป้องกันไข้เลือดออก {n}", [50000] * 5, work_plan=4),
                            ldp_project(
                                f"โครงการลานกีฬา (แผนชุมชน) {n}",
                                [0, 20000, 20000, 0, 0],
                                work_plan=8,
                                category="community",
                            ),
                        ],
                    },
                ],
            },
        ]
    return {
        "kind": "local_development",
        "title": "แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) ทดสอบ",
        "start_year": 2566,
        "end_year": 2570,
        "vision": "ตำบลน่าอยู่",
        "issues": issues,
    }


def make_ldp(world, copies: int = 1, approve: bool = True):
    Unit.objects.get_or_create(
        organization=world.own, code="ENG", defaults={"name_th": "กองช่าง", "kind": "division"}
    )
    plan = plan_from_tree(organization=world.own, tree=ldp_tree(copies), by=world.planner)
    if approve:
        plan = plan_approve(plan=plan, by=world.role_users["executive"], on=dt.date(2022, 10, 28))
    return plan


def approve_edition(edition, world):
    for step in EditionRouteStep.objects.filter(kind=edition.kind):
        editions.edition_record_step(
            edition=edition, step=step, on=dt.date(2024, 2, 1), decision="เห็นชอบ", by=world.planner
        )
    return editions.edition_approve(edition=edition, by=world.superuser, on=dt.date(2024, 3, 1))


@pytest.fixture
def ldp(world):
    return make_ldp(world)


@pytest.fixture
def edited(world, ldp):
    """The plan with an approved addition edition: one project added, one taken out."""
    edition = editions.edition_create(
        plan=ldp, kind="addition", year=2567, by=world.planner, reason="ประชาคมเสนอเพิ่มเติม"
    )
    issue = ldp.issues.get(number=1)
    editions.edition_add_project(
        edition=edition,
        issue=issue,
        strategy=issue.strategies.get(number="1.2"),
        by=world.planner,
        data=ldp_project("โครงการก่อสร้างฝายชะลอน้ำ", [0, 0, 650000, 0, 0]),
    )
    removed = PlanProject.objects.get(plan=ldp, name="โครงการปรับปรุงประปา 0")
    editions.edition_remove_project(edition=edition, project=removed, by=world.planner)
    return approve_edition(edition, world)


def p01(world, plan, **options):
    return get_report("p01").build(user=world.planner, plan=plan.pk, **options)


def p02(world, plan, **options):
    return get_report("p02").build(user=world.planner, plan=plan.pk, **options)


def fresh_sum(plan, category="own", edition=None, **filters):
    projects = editions.projects_as_of(plan, edition).filter(category=category)
    return ProjectYearBudget.objects.filter(project__in=projects, amount__gt=0, **filters)


# --- ผ.01 numbers --------------------------------------------------------------------------------
def test_it_counts_projects_and_budgets_per_strategy_and_year_like_the_database(world, ldp):
    data = p01(world, ldp)
    own = data.blocks["own"]
    assert [r.number for r in own.rows] == [1, 2]
    for row in own.rows:
        for year in YEARS:
            rows = fresh_sum(ldp, project__issue__number=row.number, year=year)
            assert row.sums.years[year].projects == rows.count()
            assert row.sums.years[year].budget == (rows.aggregate(s=Sum("amount"))["s"] or 0)
    everything = fresh_sum(ldp)
    assert own.total.total.budget == everything.aggregate(s=Sum("amount"))["s"]
    assert own.total.total.projects == everything.count()
    assert own.total.total.budget == Decimal("2040000.50")


def test_a_project_counts_in_a_year_only_with_a_budget_above_zero(world, ldp):
    first = p01(world, ldp).blocks["own"].rows[0]
    # 2566: road 1 (450,000), water (350,000), survey (10,000.50); the tricky road has none
    assert (first.sums.years[2566].projects, first.sums.years[2566].budget) == (
        3,
        Decimal("810000.50"),
    )
    assert (first.sums.years[2569].projects, first.sums.years[2569].budget) == (0, 0)
    lines = {line.work_plan: line.sums.total for line in first.work_plans}
    assert lines == {
        "แผนงานเคหะและชุมชน": forms.Count(1, Decimal(350000)),
        "แผนงานอุตสาหกรรมและการโยธา": forms.Count(3, Decimal(1430000)),
        "ไม่ระบุแผนงาน": forms.Count(1, Decimal("10000.50")),
    }


def test_community_and_coordination_projects_are_kept_apart(world, ldp):
    data = p01(world, ldp)
    community, coordination = data.blocks["community"], data.blocks["coordination"]
    assert [r.number for r in community.rows] == [2]
    assert community.total.total == forms.Count(2, Decimal(40000))
    assert coordination.total.total == forms.Count(1, Decimal(800000))
    assert [r.number for r in coordination.rows] == [1]
    own = data.blocks["own"].total.total
    assert own.budget == fresh_sum(ldp).aggregate(s=Sum("amount"))["s"]  # own projects only
    assert fresh_sum(ldp, category="community").aggregate(s=Sum("amount"))["s"] == 40000
    doc = get_report("p01").to_json(data)
    assert doc["community"]["total"]["total"] == {"projects": 2, "budget": Decimal(40000)}
    assert doc["coordination"]["rows"][0]["years"]["2568"] == {
        "projects": 1,
        "budget": Decimal(800000),
    }


def test_p01_json_has_the_documented_shape(world, ldp):
    report = get_report("p01")
    doc = json.loads(render(report, p01(world, ldp), "json").content)
    assert doc["plan"] == ldp.pk and doc["edition"] is None and doc["years"] == YEARS
    row = doc["rows"][0]
    assert row["strategy"] == "การพัฒนาโครงสร้างพื้นฐาน 0" and row["number"] == 1
    assert row["years"]["2566"] == {"projects": 3, "budget": 810000.5}
    assert row["total"] == {"projects": 5, "budget": 1790000.5}
    assert doc["total"]["total"] == {"projects": 10, "budget": 2040000.5}
    assert set(doc["total"]["years"]) == {str(y) for y in YEARS}
    assert set(doc["community"]) == set(doc["coordination"]) == {"rows", "total"}
    assert doc["title_rows"] == [
        "บัญชีสรุปโครงการพัฒนา",
        "แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)",
        "สำนักงานจังหวัดทดสอบ",
    ]


# --- ผ.02 ------------------------------------------------------------------------------------
def test_p02_groups_by_strategy_approach_and_work_plan_with_numbers_restarting(world, ldp):
    own = p02(world, ldp).blocks["own"]
    groups = [
        (g.strategy_number, g.tactic_number, g.work_plan_number, [p.no for p in g.projects])
        for g in own.groups
    ]
    assert groups == [
        (1, "1.1", 6, [1]),
        (1, "1.1", 9, [1, 2]),
        (1, "", None, [1]),
        (2, "2.1", 4, [1]),
    ]
    road = own.groups[1].projects[0]
    assert road.name == "โครงการก่อสร้างถนน หมู่ที่ 1 ชุด 0"
    assert road.budgets == {2566: 450000, 2567: 0, 2568: 500000, 2569: 0, 2570: 0}
    assert (road.unit, road.kpi, road.outputs) == (
        "กองช่าง",
        "ประชาชนพึงพอใจร้อยละ 80",
        "ถนนยาว 200 เมตร",
    )
    total = own.groups[1].total
    assert total.years[2567] == forms.Count(1, Decimal(480000))
    assert total.total == forms.Count(3, Decimal(1430000))


def test_p02_linkage_rows_come_from_the_strategy_and_its_approach(world, ldp):
    data = p02(world, ldp)
    first, last = data.blocks["own"].groups[0], data.blocks["own"].groups[-1]
    assert first.linkage["national_strategy"] == ["2 ยุทธศาสตร์ชาติด้านการสร้างความสามารถในการแข่งขัน"]
    assert first.linkage["sdg"] == ["9 อุตสาหกรรม นวัตกรรม โครงสร้างพื้นฐาน"]
    assert data.blocks["own"].groups[2].linkage["sdg"] == []  # the issue's own projects
    linkage, heading = forms.group_heading(data, last)
    assert linkage[0] == "ก. ยุทธศาสตร์ชาติ 20 ปี: -" and len(linkage) == 5
    assert heading == [
        "ยุทธศาสตร์ที่ 2 การพัฒนาคุณภาพชีวิต 0",
        "แนวทางการพัฒนาที่ 2.1 ส่งเสริมสุขภาพ",
        "(4) แผนงานสาธารณสุข",
    ]


def test_p02_json_has_the_documented_shape(world, ldp):
    doc = json.loads(render(get_report("p02"), p02(world, ldp), "json").content)
    assert doc["plan"] == ldp.pk and doc["years"] == YEARS and doc["edition"] is None
    group = doc["groups"][1]
    assert {"strategy", "tactic", "work_plan", "linkage", "projects", "total"} <= set(group)
    assert group["work_plan"] == "แผนงานอุตสาหกรรมและการโยธา"
    project = group["projects"][1]
    assert project["no"] == 2 and project["name"] == TRICKY
    assert project["budgets"] == {"2566": 0, "2567": 480000, "2568": 0, "2569": 0, "2570": 0}
    assert {"objectives", "outputs", "kpi", "expected_results", "unit"} <= set(project)
    assert group["total"]["projects"] == 2
    assert doc["total"]["total"] == {"projects": 10, "budget": 2040000.5}
    assert doc["coordination"]["groups"][0]["projects"][0]["name"] == "โครงการขุดลอกคลอง 0"
    assert doc["community"]["total"]["projects"] == 1


# --- editions -------------------------------------------------------------------------------
def test_by_default_the_forms_show_the_plan_after_its_latest_approved_edition(world, edited):
    plan = edited.plan
    data = p02(world, plan)
    names = [p.name for g in data.blocks["own"].groups for p in g.projects]
    assert "โครงการก่อสร้างฝายชะลอน้ำ" in names and "โครงการปรับปรุงประปา 0" not in names
    assert data.edition.text == "เพิ่มเติม ครั้งที่ 1/2567"
    assert get_report("p02").title_rows(data)[1] == (
        "แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570) เพิ่มเติม ครั้งที่ 1/2567"
    )
    summary = p01(world, plan).blocks["own"].total
    expected = fresh_sum(plan, edition=edited).aggregate(s=Sum("amount"))["s"]
    assert summary.total.budget == expected == Decimal("2040000.50") - 350000 + 650000


def test_earlier_editions_stay_readable(world, edited):
    plan = edited.plan
    original = p02(world, plan, edition=0)
    names = [p.name for g in original.blocks["own"].groups for p in g.projects]
    assert "โครงการก่อสร้างฝายชะลอน้ำ" not in names and "โครงการปรับปรุงประปา 0" in names
    assert original.edition is None
    draft = editions.edition_create(
        plan=plan, kind="change", year=2568, by=world.planner, reason="ปรับโครงการ"
    )
    issue = plan.issues.get(number=2)
    editions.edition_add_project(
        edition=draft,
        issue=issue,
        by=world.planner,
        data=ldp_project("โครงการในร่างฉบับเปลี่ยนแปลง", [0, 0, 0, 5000, 0]),
    )
    latest = p01(world, plan)
    assert latest.edition.id == edited.pk  # a draft edition is not the default
    asked = p02(world, plan, edition=draft.pk)
    assert asked.edition.text == "เปลี่ยนแปลง ครั้งที่ 1/2568 (ร่าง)"
    names = [p.name for g in asked.blocks["own"].groups for p in g.projects]
    assert "โครงการในร่างฉบับเปลี่ยนแปลง" in names and "โครงการก่อสร้างฝายชะลอน้ำ" in names
    added = next(
        p
        for g in asked.blocks["own"].groups
        for p in g.projects
        if p.name == "โครงการก่อสร้างฝายชะลอน้ำ"
    )
    assert added.added_in == "เพิ่มเติม ครั้งที่ 1/2567"


def test_an_edition_of_another_plan_is_refused(world, edited):
    other = make_ldp(world)
    with pytest.raises(ReportError, match="ไม่มีฉบับ"):
        p01(world, other, edition=edited.pk)


# --- refusals and access -------------------------------------------------------------------------
def test_an_agency_plan_is_refused_with_a_clear_message(world):
    plan = plan_from_tree(organization=world.own, tree=sample_tree(), by=world.planner)
    for name in ("p01", "p02"):
        with pytest.raises(ReportError, match="แผนพัฒนาท้องถิ่น"):
            get_report(name).build(user=world.planner, plan=plan.pk)


@pytest.mark.parametrize("name", ["p01", "p02"])
def test_an_invisible_plan_is_the_same_error_as_a_missing_one(world, ldp, name):
    report = get_report(name)
    with pytest.raises(ReportError) as invisible:
        report.build(user=world.outsider, plan=ldp.pk)
    with pytest.raises(ReportError) as missing:
        report.build(user=world.outsider, plan=987654)
    assert str(invisible.value).replace(str(ldp.pk), "N") == str(missing.value).replace(
        "987654", "N"
    )
    assert report.build(user=world.viewer, plan=ldp.pk).plan.id == ldp.pk


def test_the_reports_page_offers_the_organisations_latest_local_plan(world, ldp):
    report = get_report("p02")
    assert report.options_for_organization(world.own, 2568) == {
        "plan": ldp.pk,
        "edition": None,
        "version": "2566",
    }
    with pytest.raises(ReportError, match="ไม่มีแผนพัฒนาท้องถิ่น"):
        report.options_for_organization(world.other, 2568)


# --- columns as data ---------------------------------------------------------------------------
@pytest.fixture
def columns_copy(tmp_path, monkeypatch):
    path = tmp_path / "form_columns.csv"
    shutil.copy(forms.COLUMNS_FILE, path)
    monkeypatch.setattr(forms, "COLUMNS_FILE", path)
    return path


def test_the_columns_come_from_the_data_file(world, ldp, columns_copy):
    data = p02(world, ldp)
    assert [h.text for h in data.layout.header[0]] == [
        "ที่",
        "โครงการ",
        "วัตถุประสงค์",
        "เป้าหมาย (ผลผลิตของโครงการ)",
        "งบประมาณ",
        "ตัวชี้วัด (KPI)",
        "ผลที่คาดว่าจะได้รับ",
        "หน่วยงานรับผิดชอบหลัก",
    ]
    assert [h.text for h in data.layout.header[1]] == [str(y) for y in YEARS]
    assert [h.text for h in data.layout.header[2]] == ["(บาท)"] * 5
    text = columns_copy.read_text(encoding="utf-8").replace("ตัวชี้วัด (KPI)", "ตัวชี้วัดความสำเร็จ")
    columns_copy.write_text(text, encoding="utf-8")
    changed = p02(world, ldp)
    assert "ตัวชี้วัดความสำเร็จ" in [h.text for h in changed.layout.header[0]]
    wb = load_workbook(io.BytesIO(render(get_report("p02"), changed, "xlsx").content))
    assert "ตัวชี้วัดความสำเร็จ" in [c.value for c in wb["ผ.02"][5]]


def test_a_new_form_version_is_a_few_rows_of_data(world, ldp, columns_copy):
    rows = columns_copy.read_text(encoding="utf-8").splitlines()
    version = [
        r.replace(",2566,", ",2570,")
        for r in rows
        if r.startswith("ผ.02,2566,") and ",kpi," not in r and ".baht," not in r
    ]
    columns_copy.write_text("\n".join(rows + version) + "\n", encoding="utf-8")
    data = p02(world, ldp, version="2570")
    assert [leaf.key for leaf in data.layout.leaves] == [
        "no",
        "name",
        "objectives",
        "outputs",
        *["budget.year"] * 5,
        "expected_results",
        "unit",
    ]
    assert len(data.layout.header) == 2
    text = pdf_words(render(get_report("p02"), data, "pdf").content)
    assert flat("ผลที่คาดว่าจะได้รับ") in text and "KPI" not in text
    with pytest.raises(ReportError, match="2599"):
        p02(world, ldp, version="2599")


def test_an_unknown_column_key_is_refused(world, ldp, columns_copy):
    text = columns_copy.read_text(encoding="utf-8").replace(",kpi,", ",budget_note,")
    columns_copy.write_text(text, encoding="utf-8")
    with pytest.raises(ReportError, match="budget_note"):
        p02(world, ldp)


# --- query counts ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["p01", "p02"])
@pytest.mark.parametrize(
    ("user_name", "expected"),
    [("superuser", {"p01": 6, "p02": 8}), ("planner", {"p01": 10, "p02": 12})],
)
def test_query_count_does_not_grow_with_the_plan(
    world, name, user_name, expected, django_assert_num_queries
):
    # plan, edition, issues, their strategies (+ framework links of both for ผ.02), projects,
    # their budgets; a non-superuser adds 4 queries once, to learn their roles.
    user = getattr(world, user_name)
    small, large = make_ldp(world), make_ldp(world, copies=10)
    report = get_report(name)
    sizes = []
    for plan in (small, large):
        access.forget(user)
        with django_assert_num_queries(expected[name]):
            data = report.build(user=user, plan=plan.pk)
        with django_assert_num_queries(0):
            render(report, data, "xlsx")
            render(report, data, "pdf")
        sizes.append(
            sum(len(r.work_plans) for r in data.blocks["own"].rows)
            if name == "p01"
            else len(data.blocks["own"].groups)
        )
    assert sizes[1] == 10 * sizes[0]


# --- layouts -------------------------------------------------------------------------------------
def test_p02_pdf_prints_the_form_with_markup_looking_names_literally(world, edited):
    report = get_report("p02")
    pdf = render(report, p02(world, edited.plan), "pdf").content
    assert pdf.startswith(b"%PDF-")
    width, height = page_size(pdf)
    assert width > height  # landscape
    text = pdf_words(pdf)
    for expected in (
        "รายละเอียดโครงการพัฒนา",
        "สำนักงานจังหวัดทดสอบ",
        "เพิ่มเติม ครั้งที่ 1/2567",
        "โครงการก่อสร้างฝายชะลอน้ำ",
        "#set text(red) $x$ *โครงการ*",
        "ก. ยุทธศาสตร์ชาติ 20 ปี",
        "ผ.02/1",
        "ผ.02/2",
        "450,000",
        "10,000.50",
        "หน่วยงานรับผิดชอบหลัก",
    ):
        assert flat(expected) in text, expected
    assert flat("โครงการปรับปรุงประปา 0") not in text


def test_p01_pdf_and_thai_digits(world, ldp):
    report = get_report("p01")
    data = p01(world, ldp)
    text = pdf_words(render(report, data, "pdf").content)
    assert flat("บัญชีสรุปโครงการพัฒนา") in text and flat("การพัฒนาโครงสร้างพื้นฐาน 0") in text
    assert "2,040,000.50" in text and "รวมทั้งสิ้น" in text
    thai = pdf_words(render(report, data, "pdf", thai_digits=True).content)
    assert "๒,๐๔๐,๐๐๐.๕๐" in thai and "2,040,000.50" not in thai
    assert "ปี๒๕๖๖" in thai and "หน้า๑/๒" in thai


def test_a_plan_written_in_thai_digits_prints_them_without_being_asked(world):
    tree = ldp_tree()
    tree["digits"] = "thai"
    Unit.objects.create(organization=world.own, code="ENG", name_th="กองช่าง", kind="division")
    plan = plan_from_tree(organization=world.own, tree=tree, by=world.planner)
    text = pdf_words(render(get_report("p02"), p02(world, plan), "pdf").content)
    assert "๔๕๐,๐๐๐" in text and "450,000" not in text


def test_p02_workbook_has_the_form_header_and_real_numbers(world, edited):
    wb = load_workbook(
        io.BytesIO(render(get_report("p02"), p02(world, edited.plan), "xlsx").content)
    )
    assert wb.sheetnames == ["ผ.02", "ผ.02-1", "ผ.02-2"]
    ws = wb["ผ.02"]
    assert [ws.cell(row=r, column=1).value for r in (1, 2, 3)] == [
        "รายละเอียดโครงการพัฒนา",
        "แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570) เพิ่มเติม ครั้งที่ 1/2567",
        "สำนักงานจังหวัดทดสอบ",
    ]
    assert [c.value for c in ws[5]][:5] == [
        "ที่",
        "โครงการ",
        "วัตถุประสงค์",
        "เป้าหมาย (ผลผลิตของโครงการ)",
        "งบประมาณ",
    ]
    assert [c.value for c in ws[6]][4:9] == [str(y) for y in YEARS]
    assert "E5:I5" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A8"].value.startswith("ก. ยุทธศาสตร์ชาติ 20 ปี")
    assert "โครงการปรับปรุงประปา 0" not in [r[1].value for r in ws.iter_rows(min_row=9)]
    road = next(r for r in ws.iter_rows(min_row=9) if r[1].value == "โครงการก่อสร้างถนน หมู่ที่ 1 ชุด 0")
    assert road[4].value == 450000 and road[4].number_format == "#,##0.00"
    assert wb["ผ.02-2"].cell(row=4, column=1).value == ("โครงการพัฒนาที่ประสานกับอำเภอหรือจังหวัด")


def test_p01_workbook(world, ldp):
    wb = load_workbook(io.BytesIO(render(get_report("p01"), p01(world, ldp), "xlsx").content))
    assert wb.sheetnames == ["ผ.01", "ผ.01 แผนชุมชน", "ผ.01 ประสานอำเภอ จังหวัด"]
    ws = wb["ผ.01"]
    assert [c.value for c in ws[5]][:4] == ["ที่", "ยุทธศาสตร์", "ปี 2566", None]
    assert [c.value for c in ws[6]][2:4] == ["จำนวนโครงการ", "งบประมาณ (บาท)"]
    total = next(r for r in ws.iter_rows(min_row=7) if r[1].value == "รวมทั้งสิ้น")
    assert total[-1].value == Decimal("2040000.50") or total[-1].value == 2040000.5
    assert total[-2].value == 10


# --- the command ----------------------------------------------------------------------------------
def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_the_command_writes_each_format(world, edited, tmp_path):
    plan = str(edited.plan.pk)
    doc = json.loads(run("p01", "--plan", plan))
    assert doc["edition"]["text"] == "เพิ่มเติม ครั้งที่ 1/2567"
    doc = json.loads(run("p01", "--plan", plan, "--edition", "0"))
    assert doc["edition"] is None
    for name in ("p01", "p02"):
        for fmt in ("pdf", "xlsx", "json"):
            out = tmp_path / f"{name}.{fmt}"
            assert "Wrote" in run(name, "--plan", plan, "--format", fmt, "--out", str(out))
            assert out.stat().st_size > 0
    assert (tmp_path / "p02.pdf").read_bytes().startswith(b"%PDF-")
    assert load_workbook(tmp_path / "p01.xlsx").sheetnames[0] == "ผ.01"
    assert flat("โครงการก่อสร้างฝายชะลอน้ำ") in pdf_words((tmp_path / "p02.pdf").read_bytes())


def test_the_command_refuses_what_the_user_may_not_see(world, ldp):
    with pytest.raises(CommandError, match=str(ldp.pk)):
        run("p02", "--plan", str(ldp.pk), "--user", world.outsider.username)
    agency = plan_from_tree(organization=world.own, tree=copy.deepcopy(sample_tree()))
    with pytest.raises(CommandError, match="แผนพัฒนาท้องถิ่น"):
        run("p01", "--plan", str(agency.pk))
