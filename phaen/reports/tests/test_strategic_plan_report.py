"""Report strategic-plan: the whole multi-year plan as one document."""

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
from openpyxl import load_workbook

from phaen.conftest import require_or_skip
from phaen.organizations import access
from phaen.reports.registry import ReportError, get_report
from phaen.reports.renderers import render
from phaen.reports.tests.pdf_text import page_size
from phaen.strategy.services import plan_approve, plan_from_tree
from phaen.strategy.tests.samples import project, sample_tree
from phaen.strategy.tree import plan_queryset, plan_to_tree

TRICKY = "#set text(red) โครงการ $x$"

# pdftotext repeats a cluster of a consonant with an upper vowel and a tone mark
# ("ที่" is fine, "เพิ่ม" -> "เพิ่พิ่ม"; the same in every report's PDF), so the texts are
# compared after undoing that and without white space (table cells wrap their text).
_REPEATED_CLUSTER = re.compile(r"([\u0E01-\u0E2E][\u0E31\u0E34-\u0E37\u0E47-\u0E4C]{2})\1")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", _REPEATED_CLUSTER.sub(r"\1", text))


def pdf_words(pdf: bytes) -> str:
    """The PDF's text in the order of its content (cells kept together), flattened."""
    require_or_skip(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) missing")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, timeout=60
        )
    return flat(result.stdout.decode("utf-8"))


def plan_tree(copies: int = 1, digits: str = "arabic") -> dict:
    tree = sample_tree()
    tree["digits"] = digits
    tree["issues"][0]["projects"].append(project(TRICKY, frameworks=["sdg:1"]))
    first = tree["issues"][0]
    for n in range(1, copies):
        extra = copy.deepcopy(first)
        extra["number"] = 10 + n
        extra["title"] = f"ประเด็นเพิ่มเติมที่ {n}"
        tree["issues"].append(extra)
    return tree


def make_plan(world, copies: int = 1, digits: str = "arabic", approve: bool = True):
    plan = plan_from_tree(organization=world.own, tree=plan_tree(copies, digits), by=world.planner)
    if approve:
        plan = plan_approve(plan=plan, by=world.role_users["executive"], on=dt.date(2022, 9, 1))
    return plan


@pytest.fixture
def plan(world):
    return make_plan(world)


def build(world, plan, user=None):
    return get_report("strategic-plan").build(user=user or world.viewer, plan=plan.pk)


# --- the data ------------------------------------------------------------------------------
def test_it_gives_the_cover_vision_missions_goals_and_both_swots(world, plan):
    data = build(world, plan)
    cover = data.cover
    assert (cover.title, cover.organization, cover.start_year, cover.end_year) == (
        "แผนยุทธศาสตร์สำนักงานทดสอบ (พ.ศ. 2566–2570)",
        "สำนักงานจังหวัดทดสอบ",
        2566,
        2570,
    )
    assert (cover.revision, cover.status, cover.approved_on) == (1, "approved", dt.date(2022, 9, 1))
    assert data.vision.startswith("ประชาชนได้รับการพัฒนา")
    assert data.missions == ["ส่งเสริมและพัฒนาศักยภาพกลุ่มเป้าหมาย", "บูรณาการเครือข่ายทุกภาคส่วน"]
    assert data.goals == ["กลุ่มเป้าหมายมีคุณภาพชีวิตที่ดีขึ้น", "เครือข่ายมีความเข้มแข็ง"]
    assert data.levels == {"issue": "ประเด็นยุทธศาสตร์", "goal": "เป้าประสงค์", "strategy": "กลยุทธ์"}
    organization, planning = data.swot
    assert (organization.scope, organization.strengths) == ("organization", ["บุคลากรเป็นคนในพื้นที่"])
    assert (planning.scope, planning.weaknesses, planning.threats) == (
        "planning",
        [],
        ["อุปกรณ์ไม่เพียงพอ"],
    )


def test_issues_carry_indicators_with_sub_indicators_and_a_target_per_year(world, plan):
    issue = build(world, plan).issues[0]
    assert issue.title == "การพัฒนาคุณภาพชีวิตกลุ่มเปราะบาง" and issue.objective
    rows = [(i.number, i.depth, i.unit, i.weight, i.targets) for i in issue.indicators]
    assert rows == [
        ("1", 0, "ร้อยละ", Decimal(60), [Decimal(75), Decimal(80), None, None, None]),
        ("1.1", 1, "ร้อยละ", None, [None] * 5),  # the quarterly target is not a year's
        ("2", 0, "ครัวเรือน", Decimal(40), [None] * 5),
    ]
    assert issue.indicators[0].baseline == Decimal("72.5")
    assert [s.number for s in issue.strategies] == ["1", "2"]
    assert [p.name for p in issue.strategies[0].projects] == ["โครงการเยี่ยมบ้านผู้สูงอายุ"]
    assert [p.name for p in issue.projects] == ["โครงการพัฒนาระบบข้อมูลกลุ่มเปราะบาง", TRICKY]
    assert issue.frameworks == [
        "ยุทธศาสตร์ชาติ (พ.ศ. 2561–2580): 4 ยุทธศาสตร์ชาติด้านการสร้างโอกาสและความเสมอภาคทางสังคม",
        "เป้าหมายการพัฒนาที่ยั่งยืน (SDGs): 1 ขจัดความยากจน",
    ]


def test_the_alignment_table_says_what_serves_each_framework_item(world, plan):
    rows = {row.item: row for row in build(world, plan).alignment}
    assert rows["1 ขจัดความยากจน"].served_by == [
        "ประเด็นยุทธศาสตร์ที่ 1 การพัฒนาคุณภาพชีวิตกลุ่มเปราะบาง",
        TRICKY,
    ]
    assert rows["17 ความเสมอภาคและหลักประกันทางสังคม"].served_by == [
        "ตัวชี้วัดที่ 1 ร้อยละของกลุ่มเปราะบางที่ได้รับการช่วยเหลือ"
    ]
    assert rows["9 ไทยมีความยากจนข้ามรุ่นลดลง และมีความคุ้มครองทางสังคมที่เพียงพอ เหมาะสม"].served_by == [
        "กลยุทธ์ที่ 1 ยกระดับการคุ้มครองทางสังคม"
    ]
    frameworks = [row.framework for row in build(world, plan).alignment]
    assert frameworks == sorted(frameworks, key=frameworks.index)  # grouped, in framework order
    assert frameworks[0] == "ยุทธศาสตร์ชาติ (พ.ศ. 2561–2580)"


def test_json_is_the_exchange_tree_plus_the_plan_and_its_headings(world, plan):
    doc = json.loads(render(get_report("strategic-plan"), build(world, plan), "json").content)
    assert doc.pop("plan") == plan.pk
    headings = doc.pop("headings")
    assert headings["period"] == "พ.ศ. 2566 – 2570"
    assert headings["approved"] == "อนุมัติเมื่อวันที่ 1 กันยายน 2565"
    assert headings["revision"] == "ฉบับที่ 1 : อนุมัติแล้ว"
    assert doc.pop("alignment")[0]["framework"] == "ยุทธศาสตร์ชาติ (พ.ศ. 2561–2580)"
    assert doc == json.loads(json.dumps(plan_to_tree(plan_queryset().get(pk=plan.pk))))


def test_an_invisible_plan_is_the_same_error_as_a_missing_one(world, plan):
    report = get_report("strategic-plan")
    with pytest.raises(ReportError) as invisible:
        report.build(user=world.outsider, plan=plan.pk)
    with pytest.raises(ReportError) as missing:
        report.build(user=world.outsider, plan=987654)
    assert str(invisible.value).replace(str(plan.pk), "N") == str(missing.value).replace(
        "987654", "N"
    )
    assert report.build(user=world.role_users["viewer"], plan=plan.pk).plan == plan.pk


def test_the_reports_page_offers_the_organisations_current_plan(world, plan):
    report = get_report("strategic-plan")
    draft = make_plan(world, approve=False)
    assert report.options_for_organization(world.own, 2568) == {"plan": plan.pk}
    plan_approve(plan=draft, by=world.superuser)
    assert report.options_for_organization(world.own, 2568) == {"plan": draft.pk}
    with pytest.raises(ReportError):
        report.options_for_organization(world.other, 2568)


@pytest.mark.parametrize(("user_name", "expected"), [("superuser", 19), ("viewer", 23)])
def test_query_count_does_not_grow_with_the_plan(
    world, user_name, expected, django_assert_num_queries
):
    # the plan and its 17 prefetched parts (plan_queryset), and whether a later revision
    # supersedes it; a non-superuser adds 4 queries once, to learn their roles.
    user = getattr(world, user_name)
    report = get_report("strategic-plan")
    sizes = []
    for plan in (make_plan(world), make_plan(world, copies=10)):
        access.forget(user)
        with django_assert_num_queries(expected):
            data = report.build(user=user, plan=plan.pk)
        with django_assert_num_queries(0):
            render(report, data, "xlsx")
            render(report, data, "pdf")
        sizes.append(sum(len(i.indicators) + len(i.projects) for i in data.issues))
    assert sizes[1] == 10 * sizes[0]


# --- layouts -------------------------------------------------------------------------------
def test_the_pdf_prints_the_whole_plan_with_markup_looking_names_literally(world, plan):
    pdf = render(get_report("strategic-plan"), build(world, plan), "pdf").content
    assert pdf.startswith(b"%PDF-")
    width, height = page_size(pdf)
    assert width < height  # portrait
    text = pdf_words(pdf)
    for expected in (
        "แผนยุทธศาสตร์สำนักงานทดสอบ (พ.ศ. 2566–2570)",
        "สำนักงานจังหวัดทดสอบ",
        "อนุมัติเมื่อวันที่ 1 กันยายน 2565",
        "วิสัยทัศน์",
        "การวิเคราะห์สภาพแวดล้อม (SWOT) ของการจัดทำแผน",
        "จุดแข็ง (S)",
        "ประเด็นยุทธศาสตร์ที่ 1 การพัฒนาคุณภาพชีวิตกลุ่มเปราะบาง",
        "ร้อยละของผู้สูงอายุที่ได้รับการเยี่ยมบ้าน",
        "72.5",
        "กลยุทธ์ที่ 1 ยกระดับการคุ้มครองทางสังคม",
        "โครงการเยี่ยมบ้านผู้สูงอายุ",
        TRICKY,
        "ความเชื่อมโยงกับยุทธศาสตร์ชาติ / แผนแม่บท / SDGs",
    ):
        assert flat(expected) in text, expected


def test_thai_digits_when_asked_or_when_the_plan_uses_them(world, plan):
    report = get_report("strategic-plan")
    arabic = pdf_words(render(report, build(world, plan), "pdf").content)
    assert "พ.ศ.2566–2570" in arabic and "72.5" in arabic
    asked = pdf_words(render(report, build(world, plan), "pdf", thai_digits=True).content)
    assert "พ.ศ.๒๕๖๖–๒๕๗๐" in asked and "๗๒.๕" in asked and "หน้า๑/" in asked
    thai_plan = make_plan(world, digits="thai")
    own = pdf_words(render(report, build(world, thai_plan), "pdf").content)
    assert "๗๒.๕" in own and "72.5" not in own and "1กันยายน๒๕๖๕" not in own


def test_the_workbook_has_the_same_sections(world, plan):
    content = render(get_report("strategic-plan"), build(world, plan), "xlsx").content
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["ภาพรวมของแผน", "ประเด็นยุทธศาสตร์", "ความสอดคล้องกับแผนระดับชาติ"]
    overview = wb["ภาพรวมของแผน"]
    assert overview["A1"].value == "แผนยุทธศาสตร์สำนักงานทดสอบ (พ.ศ. 2566–2570)"
    values = [(r[0].value, r[1].value) for r in overview.iter_rows(min_row=8)]
    assert ("พันธกิจ", "บูรณาการเครือข่ายทุกภาคส่วน") in values
    assert ("การวิเคราะห์สภาพแวดล้อม (SWOT) ของหน่วยงาน: จุดแข็ง (S)", "บุคลากรเป็นคนในพื้นที่") in values
    issues = wb["ประเด็นยุทธศาสตร์"]
    header = [c.value for c in issues[7]]  # after five title rows and a blank one
    assert header[-5:] == [f"ค่าเป้าหมาย {y}" for y in range(2566, 2571)]
    indicator = next(r for r in issues.iter_rows(min_row=8) if r[2].value == "1" and r[5].value)
    assert indicator[5].value == 72.5 and indicator[7].value == 75
    assert indicator[7].number_format == "#,##0.00"
    assert TRICKY in [r[3].value for r in issues.iter_rows(min_row=8)]


# --- the command ----------------------------------------------------------------------------------
def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_the_command_writes_each_format(world, plan, tmp_path):
    doc = json.loads(run("strategic-plan", "--plan", str(plan.pk)))
    assert doc["plan"] == plan.pk and doc["organization"] == "OWN"
    for fmt in ("pdf", "xlsx", "json"):
        out = tmp_path / f"plan.{fmt}"
        run("strategic-plan", "--plan", str(plan.pk), "--format", fmt, "--out", str(out))
        assert out.stat().st_size > 0
    pdf = (tmp_path / "plan.pdf").read_bytes()
    assert flat(TRICKY) in pdf_words(pdf)
    run("strategic-plan", "--plan", str(plan.pk), "--out", str(tmp_path / "t.pdf"), "--thai-digits")
    assert "๗๒.๕" in pdf_words((tmp_path / "t.pdf").read_bytes())
    assert load_workbook(tmp_path / "plan.xlsx").sheetnames[0] == "ภาพรวมของแผน"
    with pytest.raises(CommandError, match=str(plan.pk)):
        run("strategic-plan", "--plan", str(plan.pk), "--user", world.outsider.username)


def test_a_plan_that_chose_thai_digits_numbers_its_pages_in_thai_digits(world):
    from phaen.reports.renderers.pdf import document

    report = get_report("strategic-plan")
    thai = make_plan(world, digits="thai")
    arabic = make_plan(world)
    assert document(report, build(world, thai))["meta"]["thai_digits"] is True
    assert document(report, build(world, arabic))["meta"]["thai_digits"] is False
    assert document(report, build(world, arabic), thai_digits=True)["meta"]["thai_digits"] is True
