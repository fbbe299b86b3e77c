"""The appropriation pages as users meet them: the year's list with totals, entering
rounds and lines, what the plans draw on each line, a parent's allocation to a child, and
the all-or-nothing Excel import."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from phaen.budget import services
from phaen.budget.models import (
    AllocationRound,
    Appropriation,
    AppropriationLine,
    ExpenseCategory,
    WorkPlan,
)
from phaen.plans import services as plan_services
from phaen.plans.tests.conftest import add_project

# Until phaen/urls.py mounts the budget pages at budget/, this module's URLconf does.
pytestmark = pytest.mark.django_db


def login(client, user, org, year=2568):
    """Log in, work in ``org`` and ``year``, and read the pages in English (the assertions
    below quote the English messages; the Thai ones are checked by the catalogue tests)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    session = client.session
    session["phaen_org_id"] = org.pk
    session["phaen_fiscal_year"] = year
    session.save()
    return client


@pytest.fixture
def project(world):
    """A project of the FY 2568 action plan with 150,000 baht in one budget line."""
    plan = plan_services.plan_create(organization=world.own, kind="action_plan", fiscal_year=2568)
    return add_project(plan, "โครงการเยี่ยมบ้านผู้สูงอายุ", 150000)


def category(code):
    return ExpenseCategory.objects.get(code=code)


@pytest.fixture
def act(world):
    appropriation = services.appropriation_create(
        organization=world.own, fiscal_year=2568, kind="budget_act", title="พ.ร.บ.งบประมาณ 2568"
    )
    first = services.round_create(appropriation=appropriation, date="2024-10-01")
    second = services.round_create(appropriation=appropriation, date="2025-01-15")
    for cat, amount, rnd in (
        ("C2.1", 300000, first),
        ("C2.2", 50000, first),
        ("C3.1", 80000, second),
    ):
        AppropriationLine.objects.create(
            appropriation=appropriation,
            round=rnd,
            category=category(cat),
            amount=amount,
            item=f"รายการ {cat}",
        )
    return appropriation


def test_the_list_shows_the_years_appropriations_with_totals(client, world, act):
    services.appropriation_create(
        organization=world.own, fiscal_year=2567, kind="budget_act", title="ปีก่อน"
    )
    body = login(client, world.viewer, world.own).get(reverse("budget:appropriation_list"))
    body = body.content.decode()
    assert "พ.ร.บ.งบประมาณ 2568" in body and "ปีก่อน" not in body
    assert "430,000.00" in body  # the year's total
    assert "350,000.00" in body and "80,000.00" in body  # per round, per expense type
    assert "งบดำเนินงาน" in body and "งบลงทุน" in body
    assert "appropriation-create" not in body  # a viewer keeps no appropriation
    assert (
        login(client, world.outsider, world.other)
        .get(reverse("budget:appropriation_detail", args=[act.pk]))
        .status_code
        == 404
    )


def test_the_list_runs_the_same_queries_for_few_or_many_lines(client, world, act):
    login(client, world.planner, world.own)
    url = reverse("budget:appropriation_list")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    more = services.appropriation_create(
        organization=world.own, fiscal_year=2568, kind="additional", title="งบเพิ่มเติม"
    )
    for i in range(10):
        rnd = services.round_create(appropriation=more, date="2025-03-01")
        AppropriationLine.objects.create(
            appropriation=more, round=rnd, category=category("C2.1"), amount=i + 1
        )
    assert count() == small


def test_a_planner_creates_an_appropriation_and_a_viewer_may_not(client, world):
    url = reverse("budget:appropriation_create")
    login(client, world.viewer, world.own)
    assert client.get(url).status_code == 403
    assert client.post(url, {"kind": "budget_act", "title": "x"}).status_code == 403
    login(client, world.role_users["finance"], world.own)
    response = client.post(
        url, {"kind": "ordinance", "title": "ข้อบัญญัติ 2568", "effective_on": "1/10/2567"}
    )
    appropriation = Appropriation.objects.get()
    assert response.status_code == 302
    assert (appropriation.organization, appropriation.fiscal_year) == (world.own, 2568)
    assert str(appropriation.effective_on) == "2024-10-01"
    assert appropriation.history.first().history_user == world.role_users["finance"]


def test_rounds_and_lines_are_entered_and_show_what_plans_draw(client, world, act, project):
    login(client, world.planner, world.own)
    client.post(
        reverse("budget:round_create", args=[act.pk]), {"date": "1/4/2568", "note": "งวด 3"}
    )
    third = act.rounds.get(number=3)
    assert third.note == "งวด 3"
    response = client.post(
        reverse("budget:line_create", args=[act.pk]),
        {
            "round": third.pk,
            "category": category("C2.1").pk,
            "item": "ค่าเยี่ยมบ้าน",
            "amount": "200000",
        },
    )
    assert response.status_code == 302
    line = act.lines.get(item="ค่าเยี่ยมบ้าน")
    project.budget_lines.update(appropriation_line=line)  # 150,000 drawn
    body = client.get(reverse("budget:appropriation_detail", args=[act.pk])).content.decode()
    row = body.split(f'data-testid="line-{line.pk}"')[1].split("</tr>")[0]
    assert "150,000.00" in row and "50,000.00" in row


def test_a_bad_line_names_the_field_and_saves_nothing(client, world, act):
    login(client, world.planner, world.own)
    response = client.post(
        reverse("budget:line_create", args=[act.pk]),
        {"category": category("C2.1").pk, "amount": "-5"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'href="#id_amount"' in body
    assert act.lines.count() == 3


def test_a_parent_allocates_a_line_to_a_child_organisation(client, world, act):
    line = act.lines.get(category__code="C2.1")
    url = reverse("budget:line_allocate", args=[act.pk, line.pk])
    login(client, world.viewer, world.own)
    assert client.get(url).status_code == 403
    login(client, world.planner, world.own)
    assert world.child.name_en in client.get(url).content.decode()
    too_much = client.post(url, {"organization": world.child.pk, "amount": "300001"})
    assert "Only 300000" in too_much.content.decode()
    assert not AppropriationLine.objects.filter(allocated_from=line).exists()
    response = client.post(url, {"organization": world.child.pk, "amount": "120000"})
    assert response.status_code == 302
    child_line = AppropriationLine.objects.get(allocated_from=line)
    assert child_line.appropriation.organization == world.child
    assert child_line.appropriation.kind == "parent" and child_line.amount == Decimal("120000")
    # the child sees it as its ceiling; the parent sees what is left
    login(client, world.planner, world.own)
    body = client.get(reverse("budget:appropriation_detail", args=[act.pk])).content.decode()
    assert "180,000.00" in body and world.child.name_en in body
    # an organisation outside the tree is refused
    bad = client.post(url, {"organization": world.other.pk, "amount": "1"})
    assert (
        bad.status_code == 200
        and AppropriationLine.objects.filter(allocated_from=line).count() == 1
    )
    login(client, world.outsider, world.other)
    assert client.get(url).status_code == 404


def _workbook(rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(["แผนงาน", "งาน/โครงการ", "หมวด/ประเภทรายจ่าย", "รายการ", "จำนวนเงิน"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(
        "lines.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_lines_are_imported_from_excel(client, world, act):
    login(client, world.planner, world.own)
    rnd = act.rounds.get(number=2)
    response = client.post(
        reverse("budget:lines_import", args=[act.pk]),
        {
            "round": rnd.pk,
            "file": _workbook(
                [
                    ["แผนงานสังคมสงเคราะห์", "งานสวัสดิการ", "C2.1", "ค่าอบรม", "๑๒,๕๐๐"],
                    [None, None, None, None, None],
                    ["แผนงานพื้นฐาน", "", "ค่าครุภัณฑ์", "คอมพิวเตอร์", 45000],
                ]
            ),
        },
    )
    assert response.status_code == 302
    imported = act.lines.filter(round=rnd).exclude(item="รายการ C3.1").order_by("pk")
    assert [(x.item, x.amount, x.category.code) for x in imported] == [
        ("ค่าอบรม", Decimal("12500"), "C2.1"),
        ("คอมพิวเตอร์", Decimal("45000"), "C3.1"),
    ]
    first = imported[0]
    assert first.work_plan == WorkPlan.objects.get(name_th="แผนงานสังคมสงเคราะห์")
    assert first.programme == "งานสวัสดิการ"
    assert imported[1].programme == "แผนงานพื้นฐาน"


def test_a_bad_row_is_named_and_nothing_is_imported(client, world, act):
    login(client, world.planner, world.own)
    response = client.post(
        reverse("budget:lines_import", args=[act.pk]),
        {
            "file": _workbook(
                [
                    ["แผนงานพื้นฐาน", "", "C2.1", "ค่าอบรม", 1000],
                    ["แผนงานพื้นฐาน", "", "หมวดที่ไม่มี", "ค่าเดินทาง", 2000],
                    ["แผนงานพื้นฐาน", "", "C2.2", "ค่าไฟ", "หนึ่งพัน"],
                ]
            ),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "import-problems" in body
    assert "Row 3, column C (หมวด/ประเภทรายจ่าย)" in body and "หมวดที่ไม่มี" in body
    assert "Row 4, column E (จำนวนเงิน)" in body
    assert act.lines.count() == 3  # the good first row was not imported either


def test_a_file_that_is_not_excel_is_refused(client, world, act):
    login(client, world.planner, world.own)
    response = client.post(
        reverse("budget:lines_import", args=[act.pk]),
        {"file": SimpleUploadedFile("lines.xlsx", b"not a workbook")},
    )
    assert "not an Excel workbook" in response.content.decode()
    assert act.lines.count() == 3


def test_the_template_has_the_documented_columns(client, world):
    login(client, world.viewer, world.own)
    response = client.get(reverse("budget:import_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    header = [c.value for c in wb.worksheets[0][1]]
    assert header == ["แผนงาน", "งาน/โครงการ", "หมวด/ประเภทรายจ่าย", "รายการ", "จำนวนเงิน"]
    codes = {row[0].value for row in wb["หมวดรายจ่าย"].iter_rows(min_row=2)}
    assert "C2.1" in codes and "L2.1" not in codes  # the organisation's own scope


def test_a_line_drawn_on_by_a_project_is_not_deleted(client, world, act, project):
    line = act.lines.first()
    project.budget_lines.update(appropriation_line=line)
    login(client, world.planner, world.own)
    client.post(reverse("budget:line_delete", args=[act.pk, line.pk]))
    assert AppropriationLine.objects.filter(pk=line.pk).exists()
    spare = act.lines.exclude(pk=line.pk).first()
    assert (
        login(client, world.viewer, world.own)
        .post(reverse("budget:line_delete", args=[act.pk, spare.pk]))
        .status_code
        == 403
    )
    login(client, world.planner, world.own)
    client.post(reverse("budget:line_delete", args=[act.pk, spare.pk]))
    assert not AppropriationLine.objects.filter(pk=spare.pk).exists()
    assert AllocationRound.objects.filter(appropriation=act).count() == 2
