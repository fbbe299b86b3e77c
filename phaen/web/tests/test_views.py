"""The shell: home page, organisation and fiscal-year switches, language, login, errors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from phaen.core.testing import PASSWORD, make_org, make_person, make_position, make_user
from phaen.core.thai import fiscal_year
from phaen.organizations import services
from phaen.organizations.choices import Role
from phaen.organizations.models import Unit
from phaen.web.middleware import SESSION_FY, SESSION_ORG

HOME = "/"


def login(client, user):
    client.force_login(user)
    return client


def current_fy() -> int:
    return fiscal_year(timezone.now())


# --- home -------------------------------------------------------------------------------


def test_it_redirects_anonymous_home_to_login(client, db):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_rejects_post_on_home(client, world):
    login(client, world.planner)
    assert client.post(HOME).status_code == 405


def test_it_shows_the_chosen_organisations_real_content_in_thai(client, world):
    Unit.objects.create(organization=world.own, code="U1", name_th="กลุ่มงานยุทธศาสตร์")
    make_position(world.own, "นักวิเคราะห์นโยบายและแผนชำนาญการ")
    login(client, world.planner)

    response = client.get(HOME)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "สำนักงานจังหวัดทดสอบ" in html  # the organisation's name
    assert "กรมทดสอบ" in html and "กระทรวงทดสอบ" in html  # its parent chain
    assert "หน่วยงานในสังกัดทดสอบ" in html  # its child, linked
    assert reverse("organizations:detail", args=[world.child.pk]) in html
    summary = response.context["summary"]
    assert (summary.unit_count, summary.position_count, summary.children) == (1, 1, [world.child])
    # one person per role plus nobody else in OWN
    assert summary.person_count == len(Role.values)
    assert summary.roles == [str(Role.PLANNER.label)]
    assert "นักวิเคราะห์นโยบายและแผน" in html or "เจ้าหน้าที่แผน" in html
    fy = current_fy()
    assert f"ปีงบประมาณ พ.ศ. {fy}" in html
    assert f"1 ตุลาคม {fy - 1}" in html and f"30 กันยายน {fy}" in html


def test_it_lists_recent_changes_with_who_and_what(client, world):
    admin = world.role_users[Role.ORG_ADMIN]
    services.unit_create(
        organization=world.own,
        by=admin,
        code="PLAN",
        name_th="กลุ่มงานแผนงาน",
        name_en="",
        kind="group",
        sort_order=0,
        parent=None,
    )
    login(client, world.planner)

    response = client.get(HOME)

    changes = response.context["changes"]
    assert changes[0].label == "กลุ่มงานแผนงาน"
    assert changes[0].who == admin.display_name()
    assert changes[0].action_code == "+"
    assert len(changes) <= 10
    html = response.content.decode()
    assert "กลุ่มงานแผนงาน" in html and admin.display_name() in html


def test_it_tells_a_user_without_organisation_to_ask_the_admin(client, db):
    from phaen.accounts.models import User

    user = User.objects.create_user("lonely", password=PASSWORD)
    login(client, user)

    response = client.get(HOME)

    assert response.status_code == 200
    assert "ผู้ดูแลหน่วยงาน" in response.content.decode()
    assert response.templates[0].name == "web/home_no_organization.html"


def _grow(org, n: int) -> None:
    """Add ``n`` of everything the home page shows to ``org``."""
    admin = make_user(org, Role.ORG_ADMIN)
    for i in range(n):
        services.unit_create(
            organization=org,
            by=admin,
            code=f"G{org.pk}-{i}",
            name_th=f"กลุ่มงาน {i}",
            name_en="",
            kind="group",
            sort_order=i,
            parent=None,
        )
        position = make_position(org, f"ตำแหน่ง {i}")
        person = make_person(org, username=f"grow{org.pk}-{i}")
        services.appointment_create(
            position=position,
            person=person,
            kind="regular",
            start_date=dt.date(2024, 1, 1),
            by=admin,
        )
        make_org(f"C{org.pk}-{i}", parent=org)


def _home_queries(client, django_assert_num_queries, user, expected):
    client.force_login(user)
    client.get(HOME)  # warm up: session and content types
    with django_assert_num_queries(expected):
        response = client.get(HOME)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("size", [1, 6])
def test_it_shows_home_in_constant_queries(client, world, django_assert_num_queries, size):
    _grow(world.own, size)
    response = _home_queries(client, django_assert_num_queries, world.planner, 21)
    assert len(response.context["summary"].children) == size + 1


# --- organisation switch -------------------------------------------------------------------


def test_it_switches_organisation_and_the_next_page_shows_it(client, world):
    login(client, world.planner)

    response = client.post(
        reverse("web:switch_organization"), {"organization": world.child.pk, "next": "/"}
    )

    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session[SESSION_ORG] == world.child.pk
    home = client.get(HOME)
    assert home.context["summary"].organization == world.child
    assert 'data-testid="org-name">หน่วยงานในสังกัดทดสอบ<' in home.content.decode()


def test_it_refuses_to_switch_to_an_invisible_organisation(client, world):
    login(client, world.planner)
    url = reverse("web:switch_organization")
    assert client.post(url, {"organization": world.other.pk}).status_code == 404
    assert client.post(url, {"organization": 999999}).status_code == 404
    assert client.post(url, {"organization": "abc"}).status_code == 404
    assert SESSION_ORG not in client.session


def test_it_ignores_an_unsafe_next_url(client, world):
    login(client, world.planner)
    response = client.post(
        reverse("web:switch_organization"),
        {"organization": world.own.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("web:home")


def test_switch_organisation_needs_post_and_login(client, world):
    url = reverse("web:switch_organization")
    assert client.post(url, {"organization": world.own.pk}).status_code == 302
    assert SESSION_ORG not in client.session
    login(client, world.planner)
    assert client.get(url).status_code == 405


def test_it_lists_visible_organisations_in_the_switcher_in_tree_order(client, world):
    login(client, world.planner)
    html = client.get(HOME).content.decode()
    switcher = html.split('data-testid="org-switcher"')[1].split("</form>")[0]
    assert switcher.index("สำนักงานจังหวัดทดสอบ") < switcher.index("└ หน่วยงานในสังกัดทดสอบ")
    assert "หน่วยงานอื่นทดสอบ" not in switcher


# --- fiscal-year switch --------------------------------------------------------------------


def test_it_switches_fiscal_year_and_the_next_page_shows_it(client, world):
    login(client, world.planner)
    year = current_fy() - 1

    response = client.post(reverse("web:switch_fiscal_year"), {"fiscal_year": year, "next": "/"})

    assert response.status_code == 302
    assert client.session[SESSION_FY] == year
    html = client.get(HOME).content.decode()
    assert f"ปีงบประมาณ พ.ศ. {year}" in html
    assert f"1 ตุลาคม {year - 1}" in html
    assert f'<option value="{year}" selected>ปีงบประมาณ {year}</option>' in html


@pytest.mark.parametrize("value", ["2400", "1999", "abc", "", str(2569 + 50)])
def test_it_refuses_a_fiscal_year_out_of_range(client, world, value):
    login(client, world.planner)
    response = client.post(reverse("web:switch_fiscal_year"), {"fiscal_year": value})
    assert response.status_code == 400
    assert SESSION_FY not in client.session


def test_switch_fiscal_year_needs_post_and_login(client, world):
    url = reverse("web:switch_fiscal_year")
    assert client.post(url, {"fiscal_year": current_fy()}).status_code == 302
    assert SESSION_FY not in client.session
    login(client, world.planner)
    assert client.get(url).status_code == 405


# --- language --------------------------------------------------------------------------------


def test_it_switches_to_english_and_back(client, world):
    login(client, world.planner)
    assert "หน้าหลัก" in client.get(HOME).content.decode()

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(HOME).content.decode()
    assert '<html lang="en">' in html
    assert ">Home<" in html and "Recent changes" in html and "Test org OWN" in html
    assert f"Fiscal year {current_fy()}" in html

    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    assert "การเปลี่ยนแปลงล่าสุด" in client.get(HOME).content.decode()


def test_every_page_has_the_language_switch(client, world):
    assert 'data-testid="language-switch"' in client.get(reverse("login")).content.decode()
    login(client, world.planner)
    for url in (HOME, reverse("organizations:list")):
        assert 'data-testid="language-switch"' in client.get(url).content.decode()


# --- login, navigation, errors -----------------------------------------------------------------


def test_the_login_page_is_thai_and_logs_in(client, world):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "เข้าสู่ระบบ" in page.content.decode()

    response = client.post(
        reverse("login"), {"username": world.planner.username, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("web:home")


def test_the_login_page_names_a_wrong_password(client, world):
    response = client.post(reverse("login"), {"username": world.planner.username, "password": "x"})
    assert response.status_code == 200
    assert 'data-testid="login-error"' in response.content.decode()


def test_it_logs_out_with_post(client, world):
    login(client, world.planner)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(HOME).status_code == 302


def test_the_menu_shows_admin_only_to_staff(client, world):
    login(client, world.planner)
    assert reverse("admin:index") not in client.get(HOME).content.decode()
    login(client, world.superuser)
    assert reverse("admin:index") in client.get(HOME).content.decode()


def test_it_renders_not_found_in_the_house_design(client, world):
    login(client, world.planner)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบ" in response.content.decode()


def test_the_static_assets_are_vendored(client, db):
    html = client.get(reverse("login")).content.decode()
    for asset in (
        "vendor/bootstrap-5.3.9/css/bootstrap.min.css",
        "vendor/bootstrap-icons-1.13.2/bootstrap-icons.min.css",
        "vendor/htmx-2.0.11/htmx.min.js",
        "vendor/bootstrap-5.3.9/js/bootstrap.bundle.min.js",
        "fonts/sarabun/sarabun.css",
        "web/phaen.css",
    ):
        assert f"/static/{asset}" in html
    assert "//cdn" not in html and "https://" not in html


def test_it_opens_in_thai_even_for_an_english_browser(client, world):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="th">' in html and "เข้าสู่ระบบ" in html


def test_the_chosen_language_wins_over_the_default(client, world):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert '<html lang="en">' in html and "Log in to Phaen" in html


def test_it_renders_forbidden_in_the_house_design(client, world):
    login(client, world.viewer)
    response = client.get(reverse("organizations:unit_create", args=[world.own.pk]))
    assert response.status_code == 403
    assert "ไม่มีสิทธิ์" in response.content.decode()


@pytest.mark.django_db
def test_the_follow_up_menu_lists_every_follow_up_page(client, world):
    from django.urls import reverse

    client.force_login(world.planner)
    body = client.get(reverse("web:home")).content.decode()
    for name in (
        "web:dashboard",
        "monitoring:index",
        "finance:index",
        "performance:index",
        "rounds:index",
        "surveys:survey_list",
        "alerts:index",
    ):
        assert f'href="{reverse(name)}"' in body, name
