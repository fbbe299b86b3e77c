"""Journeys through the real pages in headless Chromium: log in, read the Thai home page,
switch organisation, fiscal year and language, manage units, positions and acting
appointments, and use the site at phone width. Screenshots of every page at desktop and
phone width are written to ``test-artifacts/screens/`` for people to look at."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from phaen.conftest import ARTIFACTS
from phaen.core.testing import PASSWORD, appoint, make_person, make_position
from phaen.core.thai import fiscal_year
from phaen.organizations.choices import AppointmentKind, Role
from phaen.organizations.models import Appointment, Position, Unit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENS = ARTIFACTS / "screens"
DEMO_LOGINS = ["planner", "owner", "finance", "executive", "committee", "orgadmin", "viewer"]


def log_in(page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}{reverse('login')}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def assert_thai_home(page, org_name: str) -> None:
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("[data-testid=org-name]").inner_text() == org_name
    assert page.locator("#phaen-nav a.nav-link", has_text="หน้าหลัก").count() == 1
    assert "ปีงบประมาณ พ.ศ." in page.locator("[data-testid=fiscal-year-card]").inner_text()


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("role", Role.values)
def test_each_role_logs_in_and_sees_the_thai_home_page(live_server, world, page, role):
    user = world.role_users[role]
    log_in(page, live_server.url, user.username)
    assert_thai_home(page, "สำนักงานจังหวัดทดสอบ")
    assert page.locator("[data-testid=user-menu]").inner_text().strip() == user.display_name()


def test_each_demo_login_sees_the_thai_home_page(live_server, new_page):
    call_command("load_demo", verbosity=0)
    for username in [*DEMO_LOGINS, "admin"]:
        page = new_page()
        log_in(page, live_server.url, username, "phaen-demo")
        assert page.locator("html").get_attribute("lang") == "th", username
        name = page.locator("[data-testid=org-name]").inner_text()
        assert name, username
        if username != "admin":
            assert "สงขลา" in name, (username, name)
        page.context.close()


def test_it_switches_organisation_and_fiscal_year(live_server, world, page):
    log_in(page, live_server.url, world.planner.username)

    with page.expect_navigation():
        page.select_option("#switch-organization", str(world.child.pk))
    assert page.locator("[data-testid=org-name]").inner_text() == "หน่วยงานในสังกัดทดสอบ"

    year = fiscal_year(timezone.now()) - 1
    with page.expect_navigation():
        page.select_option("#switch-fiscal-year", str(year))
    card = page.locator("[data-testid=fiscal-year-card]").inner_text()
    assert f"ปีงบประมาณ พ.ศ. {year}" in card
    assert f"1 ตุลาคม {year - 1}" in card

    page.reload()  # both choices are kept in the session
    assert page.locator("[data-testid=org-name]").inner_text() == "หน่วยงานในสังกัดทดสอบ"
    assert page.locator("#switch-fiscal-year").input_value() == str(year)


def test_it_switches_to_english_and_back(live_server, world, page):
    log_in(page, live_server.url, world.planner.username)

    with page.expect_navigation():
        page.click("[data-testid=language-switch] button[value=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Home").count() >= 1
    assert page.locator("[data-testid=org-name]").inner_text() == "Test org OWN"

    page.goto(f"{live_server.url}{reverse('organizations:list')}")
    assert page.locator("h1").inner_text() == "Organisations"

    with page.expect_navigation():
        page.click("[data-testid=language-switch] button[value=th]")
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("h1").inner_text() == "หน่วยงาน"


def test_an_org_admin_adds_a_unit_a_position_and_an_acting_holder(live_server, world, page):
    admin = world.role_users[Role.ORG_ADMIN]
    deputy = make_person(world.own, first="วิไลวรรณ", last="รักษาการ")
    log_in(page, live_server.url, admin.username)
    page.goto(f"{live_server.url}{reverse('organizations:detail', args=[world.own.pk])}")

    # a unit, inline through htmx
    page.click("#units-section >> text=เพิ่มหน่วยย่อย")
    page.fill("#units-form-slot [name=name_th]", "กลุ่มงานยุทธศาสตร์")
    page.fill("#units-form-slot [name=code]", "STR")
    page.select_option("#units-form-slot [name=kind]", "group")
    page.click("#units-form-slot button[type=submit]")
    page.wait_for_selector("#units-section [data-testid=unit-tree] >> text=กลุ่มงานยุทธศาสตร์")
    unit = Unit.objects.get(organization=world.own, code="STR")

    # a position in that unit, on the positions tab
    page.click("#positions-tab")
    page.click("#positions-section >> text=เพิ่มตำแหน่ง")
    page.fill("#positions-form-slot [name=title_th]", "หัวหน้ากลุ่มงานยุทธศาสตร์")
    page.select_option("#positions-form-slot [name=unit]", str(unit.pk))
    page.click("#positions-form-slot button[type=submit]")
    page.wait_for_selector("#positions-section >> text=หัวหน้ากลุ่มงานยุทธศาสตร์")
    position = Position.objects.get(organization=world.own, title_th="หัวหน้ากลุ่มงานยุทธศาสตร์")
    assert position.unit == unit

    # an acting holder, from the position's page
    page.click("#positions-section >> text=หัวหน้ากลุ่มงานยุทธศาสตร์")
    page.wait_for_url(re.compile(r".*/positions/\d+/$"))
    page.click("#holders-section >> text=แต่งตั้งผู้ดำรงตำแหน่ง")
    page.select_option("#holders-form-slot [name=person]", str(deputy.pk))
    page.select_option("#holders-form-slot [name=kind]", AppointmentKind.ACTING)
    page.fill("#holders-form-slot [name=start_date]", "1/10/2568")
    page.fill("#holders-form-slot [name=end_date]", "31/12/2568")
    page.click("#holders-form-slot button[type=submit]")
    holders = page.wait_for_selector("[data-testid=holders]")
    assert "นายวิไลวรรณ รักษาการ" in holders.inner_text()
    assert "รักษาราชการแทน" in holders.inner_text()
    appointment = Appointment.objects.get(position=position)
    assert (appointment.person, appointment.kind, appointment.start_date) == (
        deputy,
        AppointmentKind.ACTING,
        dt.date(2025, 10, 1),
    )


def test_the_add_form_shows_errors_inline_and_saves_nothing(live_server, world, page):
    log_in(page, live_server.url, world.role_users[Role.ORG_ADMIN].username)
    page.goto(f"{live_server.url}{reverse('organizations:detail', args=[world.own.pk])}")
    page.click("#units-section >> text=เพิ่มหน่วยย่อย")
    page.click("#units-form-slot button[type=submit]")
    errors = page.wait_for_selector("#units-form-slot [data-testid=form-errors]")
    assert "ชื่อภาษาไทย" in errors.inner_text() or "Thai name" in errors.inner_text()
    assert page.locator("#units-form-slot .is-invalid").count() >= 2
    assert not Unit.objects.filter(organization=world.own).exists()


def test_the_home_page_and_menu_work_at_phone_width(live_server, world, new_page):
    page = new_page(phone=True)
    log_in(page, live_server.url, world.planner.username)
    assert_thai_home(page, "สำนักงานจังหวัดทดสอบ")
    assert no_horizontal_overflow(page)
    assert not page.locator("#phaen-nav").is_visible()

    page.click(".navbar-toggler")
    page.wait_for_selector("#phaen-nav.show")
    assert page.locator("#switch-organization").is_visible()
    page.click("#phaen-nav >> text=หน่วยงาน")
    page.wait_for_url(f"{live_server.url}{reverse('organizations:list')}")
    assert page.locator("h1").inner_text() == "หน่วยงาน"
    assert no_horizontal_overflow(page)


# --- screenshots of every page ------------------------------------------------------------------


def _pages(world) -> list[tuple[str, str]]:
    position = make_position(world.own, "หัวหน้าสำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด")
    holder = make_person(world.own, first="ประเสริฐ", last="ศรีพัฒนากุล")
    deputy = make_person(world.own, first="อรอุมา", last="แก้วมณีรัตน์")
    appoint(holder, position, start=dt.date(2023, 10, 1))
    appoint(
        deputy,
        position,
        start=dt.date(2025, 1, 6),
        end=dt.date(2030, 1, 10),
        kind=AppointmentKind.ACTING,
    )
    unit = Unit.objects.create(organization=world.own, code="POL", name_th="กลุ่มนโยบายและวิชาการ")
    Unit.objects.create(organization=world.own, code="POL-1", name_th="งานแผนงาน", parent=unit)
    return [
        ("login", reverse("login")),
        ("home", reverse("web:home")),
        ("organization_list", reverse("organizations:list")),
        ("organization_detail", reverse("organizations:detail", args=[world.own.pk])),
        (
            "organization_positions",
            reverse("organizations:detail", args=[world.own.pk]) + "#positions",
        ),
        ("organization_people", reverse("organizations:detail", args=[world.own.pk]) + "#people"),
        ("organization_roles", reverse("organizations:detail", args=[world.own.pk]) + "#roles"),
        ("person_detail", reverse("organizations:person_detail", args=[holder.pk])),
        ("position_detail", reverse("organizations:position_detail", args=[position.pk])),
        ("unit_create", reverse("organizations:unit_create", args=[world.own.pk])),
        ("position_create", reverse("organizations:position_create", args=[world.own.pk])),
        ("person_create", reverse("organizations:person_create", args=[world.own.pk])),
        ("role_create", reverse("organizations:role_create", args=[world.own.pk])),
        ("appointment_create", reverse("organizations:appointment_create", args=[position.pk])),
        ("unit_edit", reverse("organizations:unit_edit", args=[unit.pk])),
        ("not_found", "/organizations/999999/"),
    ]


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_screenshots_of_every_page(live_server, world, new_page, width):
    pages = _pages(world)
    SCREENS.mkdir(parents=True, exist_ok=True)
    page = new_page(phone=width == "phone")
    page.goto(f"{live_server.url}{reverse('login')}")
    page.screenshot(path=str(SCREENS / f"login-{width}.png"), full_page=True)
    log_in(page, live_server.url, world.role_users[Role.ORG_ADMIN].username)
    overflowing = []
    for name, path in pages[1:]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        if "#" in path:  # a tab opened from the URL; wait for its fade-in
            page.wait_for_selector(f"{path[path.index('#') :]}.tab-pane.active.show")
            page.wait_for_timeout(200)
        page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)
        assert page.locator("html").get_attribute("lang") == "th", name
        if not no_horizontal_overflow(page):
            overflowing.append(name)
    assert not overflowing, f"pages wider than the {width} screen: {overflowing}"
