"""Planner journeys through the strategy pages in headless Chromium (screenshots in
test-artifacts/screens/strategy-*.png, looked at by people)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from phaen.conftest import ARTIFACTS
from phaen.core.testing import PASSWORD
from phaen.strategy import editions
from phaen.strategy.models import PlanEdition, StrategicPlan, SwotItem, TowsStrategy
from phaen.strategy.services import plan_approve, plan_from_tree
from phaen.strategy.tests.samples import project, sample_tree

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = ARTIFACTS / "screens"
DOCUMENT = """แผนยุทธศาสตร์สำนักงานทดสอบ พ.ศ. 2566 - 2570
วิสัยทัศน์
ประชาชนได้รับบริการที่ดีอย่างทั่วถึง
พันธกิจ
1. พัฒนาคุณภาพบริการ
เป้าประสงค์
1. ประชาชนพึงพอใจในบริการ
ประเด็นยุทธศาสตร์
1. การพัฒนาบริการประชาชน
ตัวชี้วัด
1. ร้อยละความพึงพอใจของผู้รับบริการ
กลยุทธ์
1. พัฒนาระบบบริการอิเล็กทรอนิกส์
โครงการ
1. โครงการบริการถึงบ้าน
"""


def log_in(page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}{reverse('login')}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"strategy-{name}.png"), full_page=True)


def test_a_planner_imports_a_document_fixes_a_line_and_saves(live_server, world, page, tmp_path):
    log_in(page, live_server.url, world.planner.username)
    path = tmp_path / "plan.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    page.goto(live_server.url + reverse("strategy:plan_import"))
    page.set_input_files("#id_file", str(path))
    page.click("[data-testid=import-upload]")
    page.wait_for_selector("[data-testid=unplaced]")
    assert "ร้อยละความพึงพอใจของผู้รับบริการ" in page.inner_text("[data-testid=unplaced]")
    shot(page, "import-preview")

    # The issue's section heading was lost in copying: put it back and check again.
    text = page.input_value("#id_text").replace(
        "ตัวชี้วัด\n", "ประเด็นยุทธศาสตร์ที่ 1 การพัฒนาบริการประชาชน\nตัวชี้วัด\n"
    )
    page.fill("#id_text", text)
    page.click("[data-testid=import-check]")
    page.wait_for_selector("[data-testid=all-placed]")
    page.click("[data-testid=import-save]")
    page.wait_for_selector("[data-testid=plan-title]")
    plan = StrategicPlan.objects.get(organization=world.own)
    assert (plan.start_year, plan.end_year) == (2566, 2570)
    assert plan.indicators.get().name == "ร้อยละความพึงพอใจของผู้รับบริการ"
    assert plan.projects.get().name == "โครงการบริการถึงบ้าน"
    assert "การพัฒนาบริการประชาชน" in page.inner_text("[data-testid=issues]")


def test_a_planner_links_a_strategy_to_a_national_strategy_pillar(live_server, world, page):
    plan = plan_from_tree(organization=world.own, tree=sample_tree())
    strategy = plan.issues.get(number=1).strategies.get(number="2")
    log_in(page, live_server.url, world.planner.username)
    page.goto(live_server.url + reverse("strategy:plan_detail", args=[plan.pk]))
    page.click(f"[data-testid=edit-strategy-{strategy.pk}]")
    page.wait_for_selector("[data-testid=part-form] select[name=frameworks]")
    page.select_option(
        "[data-testid=part-form] select[name=frameworks]",
        label="ยุทธศาสตร์ชาติ (พ.ศ. 2561–2580) — 3 ยุทธศาสตร์ชาติด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์",
    )
    page.click("[data-testid=part-form] button[type=submit]")
    page.wait_for_selector("[data-testid=part-form]", state="detached")
    assert list(strategy.frameworks.values_list("code", flat=True)) == ["3"]
    shot(page, "plan-detail")
    page.goto(live_server.url + reverse("strategy:plan_alignment", args=[plan.pk]))
    assert "สร้างอาชีพและรายได้" in page.inner_text("[data-testid=framework-national_strategy]")
    page.goto(live_server.url + reverse("strategy:plan_map", args=[plan.pk]))
    shot(page, "map")


def test_a_planner_edits_the_swot_and_pairs_it_in_tows(live_server, world, page):
    plan = plan_from_tree(organization=world.own, tree=sample_tree())
    log_in(page, live_server.url, world.planner.username)
    page.goto(live_server.url + reverse("strategy:swot") + f"?plan={plan.pk}")
    page.fill("[data-testid=add-organization-O]", "นโยบายรัฐบาลดิจิทัล")
    page.press("[data-testid=add-organization-O]", "Enter")
    page.wait_for_selector("text=นโยบายรัฐบาลดิจิทัล")
    new = SwotItem.objects.get(text="นโยบายรัฐบาลดิจิทัล")
    strength = SwotItem.objects.get(plan=plan, scope="organization", quadrant="S")
    page.goto(live_server.url + reverse("strategy:tows_add") + f"?plan={plan.pk}")
    page.select_option("#id_kind", "SO")
    page.check(f"input[name=items][value='{strength.pk}']")
    page.check(f"input[name=items][value='{new.pk}']")
    page.fill("#id_text", "ใช้บุคลากรในพื้นที่ขับเคลื่อนบริการดิจิทัล")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-testid=tows-SO]")
    assert set(TowsStrategy.objects.get().items.all()) == {strength, new}
    shot(page, "swot")


def test_a_planner_adds_an_edition_to_the_local_development_plan(live_server, world, page):
    tree = sample_tree()
    tree["kind"] = "local_development"
    tree["issues"][0]["strategies"][0]["projects"].append(
        project("โครงการก่อสร้างถนน", budgets={"2566": 500000}, work_plan=9)
    )
    plan = plan_from_tree(organization=world.own, tree=tree)
    plan = plan_approve(plan=plan, by=world.superuser, on=dt.date(2022, 10, 1))
    log_in(page, live_server.url, world.planner.username)
    page.goto(live_server.url + reverse("strategy:edition_list", args=[plan.pk]))
    page.select_option("#id_kind", "addition")
    page.fill("#id_year", "2567")
    page.fill("#id_reason", "ได้รับงบประมาณเพิ่มเติม")
    page.click("[data-testid=edition-create]")
    page.wait_for_selector("[data-testid=edition-title]")
    edition = PlanEdition.objects.get()
    page.select_option("#id_strategy", index=1)
    page.fill("#id_name", "โครงการขยายเขตประปา")
    page.fill("#id_reason", "ประชาคมเสนอ")
    page.fill("#id_budget_2567", "300000")
    page.click("[data-testid=edition-add-project]")
    page.wait_for_selector("text=โครงการขยายเขตประปา")
    assert edition.added.get().name == "โครงการขยายเขตประปา"
    shot(page, "edition")
    assert editions.projects_as_of(plan).filter(name="โครงการขยายเขตประปา").count() == 0


def test_a_planner_prints_the_plan_pdf_and_the_p02_form(live_server, world, page):
    import subprocess

    tree = sample_tree()
    tree["kind"] = "local_development"
    tree["issues"][0]["strategies"][0]["projects"].append(
        project("โครงการก่อสร้างถนนคอนกรีต หมู่ที่ 3", budgets={"2566": 500000}, work_plan=9)
    )
    plan = plan_approve(
        plan=plan_from_tree(organization=world.own, tree=tree),
        by=world.superuser,
        on=dt.date(2022, 10, 1),
    )
    log_in(page, live_server.url, world.planner.username)
    SCREENS.mkdir(parents=True, exist_ok=True)
    for report in ("strategic-plan", "p02"):
        page.goto(live_server.url + reverse("reports:index"))
        form = page.locator(f"[data-testid=report-{report}]")
        form.locator("input[value=pdf]").check()
        form.locator("button[type=submit]").click()
        page.wait_for_selector("[data-testid=download]")
        with page.expect_download() as info:
            page.click("[data-testid=download]")
        path = SCREENS / f"strategy-{report}.pdf"
        info.value.save_as(path)
        assert path.read_bytes()[:4] == b"%PDF"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "50",
                "-f",
                "1",
                "-l",
                "1",
                str(path),
                str(SCREENS / f"strategy-{report}"),
            ],
            check=True,
        )
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "สำนักงานจังหวัดทดสอบ" in text.replace("\n", " ") or plan.title[:10] in text
