"""Organisation pages: list, detail, person, position, and the organisation admin's forms.

Each page: the happy path with the rows it writes or shows, the wrong method (405), the
viewer (403 on writes), the outsider (404) and the anonymous visitor (login)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from phaen.core.testing import appoint, make_org, make_person, make_position, make_user
from phaen.organizations.choices import AppointmentKind, Role, UnitKind
from phaen.organizations.models import (
    Appointment,
    OrganizationKind,
    Person,
    Position,
    Province,
    RoleAssignment,
    Unit,
)

D = dt.date
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def admin(world):
    return world.role_users[Role.ORG_ADMIN]


def as_user(client, user):
    client.force_login(user)
    return client


def page(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- list -----------------------------------------------------------------------------------


def test_it_lists_visible_organisations_as_an_indented_tree(client, world):
    html = page(as_user(client, world.planner), reverse("organizations:list"))
    assert html.index("สำนักงานจังหวัดทดสอบ") < html.index("หน่วยงานในสังกัดทดสอบ")
    assert 'style="--depth: 1"' in html  # the child is indented under its parent
    assert "หน่วยงานอื่นทดสอบ" not in html
    assert "กระทรวงทดสอบ" not in html


def test_it_filters_organisations_by_search_kind_and_province(client, world):
    world.child.province = Province.objects.get(code="90")
    world.child.save()
    as_user(client, world.superuser)
    url = reverse("organizations:list")

    rows = lambda **q: [org for org, _ in client.get(url, q).context["rows"]]  # noqa: E731
    assert rows(q="ในสังกัด") == [world.child]
    assert rows(q="CHILD") == [world.child]
    assert rows(kind=OrganizationKind.objects.get(code="ministry").pk) == [world.ministry]
    assert rows(province=world.child.province.pk) == [world.child]
    assert "ไม่พบหน่วยงานตามเงื่อนไข" in page(client, url, data={"q": "ไม่มีแน่นอน"})


def test_the_outsider_sees_only_their_organisation(client, world):
    rows = as_user(client, world.outsider).get(reverse("organizations:list")).context["rows"]
    assert [org for org, _ in rows] == [world.other]


def test_the_list_needs_login_and_get(client, world):
    url = reverse("organizations:list")
    assert client.get(url).status_code == 302
    assert as_user(client, world.planner).post(url).status_code == 405


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_runs_constant_queries(client, world, django_assert_num_queries, size):
    for i in range(size):
        make_org(f"L{i}", parent=world.own if i % 2 else world.child)
    as_user(client, world.planner)
    client.get(reverse("organizations:list"))
    with django_assert_num_queries(13):
        response = client.get(reverse("organizations:list"))
    assert len(response.context["rows"]) == size + 2


# --- detail ---------------------------------------------------------------------------------


@pytest.fixture
def staffed(world):
    """OWN with a unit tree, positions with a regular and an acting holder, and a role."""
    office = Unit.objects.create(organization=world.own, code="ADM", name_th="กลุ่มอำนวยการ")
    Unit.objects.create(
        organization=world.own, code="FIN", name_th="งานการเงิน", parent=office, kind=UnitKind.TASK
    )
    head = make_position(world.own, "หัวหน้าสำนักงานจังหวัด")
    head.is_head = True
    head.save()
    holder = make_person(world.own, first="สมศักดิ์", last="ทดสอบดี")
    deputy = make_person(world.own, first="วิภา", last="รักษาการ")
    appoint(holder, head, start=D(2020, 1, 1))
    appoint(deputy, head, start=D(2020, 1, 1), kind=AppointmentKind.ACTING)
    RoleAssignment.objects.create(organization=world.own, role=Role.EXECUTIVE, position=head)
    return {"head": head, "holder": holder, "deputy": deputy, "office": office}


def test_it_shows_units_positions_holders_people_children_and_roles(client, world, staffed):
    html = page(as_user(client, world.viewer), reverse("organizations:detail", args=[world.own.pk]))
    assert html.index("กลุ่มอำนวยการ") < html.index("งานการเงิน")
    assert 'style="--depth: 1"' in html  # งานการเงิน under กลุ่มอำนวยการ
    assert "หัวหน้าสำนักงานจังหวัด" in html
    assert "นายสมศักดิ์ ทดสอบดี" in html
    assert "รักษาราชการแทน" in html  # the acting holder is badged
    assert "หน่วยงานในสังกัดทดสอบ" in html
    assert "ผู้บริหาร" in html or "Executive" in html
    # a viewer gets no admin buttons
    assert reverse("organizations:unit_create", args=[world.own.pk]) not in html


def test_it_shows_admin_buttons_to_the_org_admin(client, world, admin):
    html = page(as_user(client, admin), reverse("organizations:detail", args=[world.own.pk]))
    for name in ("unit_create", "position_create", "person_create", "role_create"):
        assert reverse(f"organizations:{name}", args=[world.own.pk]) in html


def test_the_detail_hides_other_organisations(client, world):
    as_user(client, world.outsider)
    assert client.get(reverse("organizations:detail", args=[world.own.pk])).status_code == 404
    assert client.get(reverse("organizations:detail", args=[999999])).status_code == 404


def test_the_detail_needs_login_and_get(client, world):
    url = reverse("organizations:detail", args=[world.own.pk])
    assert client.get(url).status_code == 302
    assert as_user(client, world.planner).post(url).status_code == 405


@pytest.mark.parametrize("size", [1, 8])
def test_the_detail_runs_constant_queries(client, world, django_assert_num_queries, size):
    for i in range(size):
        unit = Unit.objects.create(organization=world.own, code=f"U{i}", name_th=f"กลุ่ม {i}")
        position = make_position(world.own, f"ตำแหน่ง {i}", unit=unit)
        appoint(
            make_person(world.own), position, kind=AppointmentKind.ACTING if i % 2 else "regular"
        )
        RoleAssignment.objects.create(organization=world.own, role=Role.VIEWER, position=position)
        make_org(f"D{i}", parent=world.own)
    as_user(client, world.planner)
    url = reverse("organizations:detail", args=[world.own.pk])
    client.get(url)
    with django_assert_num_queries(18):
        response = client.get(url)
    assert len(response.context["positions"]) == size


# --- person and position --------------------------------------------------------------------


def test_it_shows_a_persons_positions_now_and_before_and_roles(client, world, staffed):
    holder = staffed["holder"]
    old = make_position(world.own, "นักวิเคราะห์นโยบายและแผน")
    appoint(holder, old, start=D(2015, 1, 1), end=D(2019, 12, 31))
    RoleAssignment.objects.create(organization=world.own, role=Role.PLANNER, person=holder)

    response = as_user(client, world.viewer).get(
        reverse("organizations:person_detail", args=[holder.pk])
    )

    assert [a.position for a in response.context["current"]] == [staffed["head"]]
    assert [a.position for a in response.context["past"]] == [old]
    assert {r.role for r in response.context["roles"]} == {Role.PLANNER, Role.EXECUTIVE}
    html = response.content.decode()
    assert "นักวิเคราะห์นโยบายและแผน" in html and "หัวหน้าสำนักงานจังหวัด" in html


def test_it_shows_a_positions_holders_with_acting_dates_and_roles(client, world, staffed):
    response = as_user(client, world.viewer).get(
        reverse("organizations:position_detail", args=[staffed["head"].pk])
    )
    html = response.content.decode()
    assert "นายสมศักดิ์ ทดสอบดี" in html and "นายวิภา รักษาการ" in html
    assert "รักษาราชการแทน" in html
    assert "1 ม.ค. 2563" in html  # Buddhist-Era dates
    assert [r.role for r in response.context["roles"]] == [Role.EXECUTIVE]
    assert reverse("organizations:appointment_create", args=[staffed["head"].pk]) not in html


def test_person_and_position_pages_hide_other_organisations(client, world, staffed):
    as_user(client, world.outsider)
    assert (
        client.get(reverse("organizations:person_detail", args=[staffed["holder"].pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("organizations:position_detail", args=[staffed["head"].pk])).status_code
        == 404
    )


# --- writes: permissions --------------------------------------------------------------------


def write_urls(world, staffed):
    appointment = Appointment.objects.filter(position=staffed["head"]).first()
    role = RoleAssignment.objects.get(position=staffed["head"])
    return {
        "unit_create": reverse("organizations:unit_create", args=[world.own.pk]),
        "position_create": reverse("organizations:position_create", args=[world.own.pk]),
        "person_create": reverse("organizations:person_create", args=[world.own.pk]),
        "role_create": reverse("organizations:role_create", args=[world.own.pk]),
        "unit_edit": reverse("organizations:unit_edit", args=[staffed["office"].pk]),
        "position_edit": reverse("organizations:position_edit", args=[staffed["head"].pk]),
        "appointment_create": reverse(
            "organizations:appointment_create", args=[staffed["head"].pk]
        ),
        "appointment_end": reverse("organizations:appointment_end", args=[appointment.pk]),
        "role_delete": reverse("organizations:role_delete", args=[role.pk]),
    }


@pytest.mark.parametrize(
    "name",
    [
        "unit_create",
        "position_create",
        "person_create",
        "role_create",
        "unit_edit",
        "position_edit",
        "appointment_create",
        "appointment_end",
        "role_delete",
    ],
)
def test_writes_are_forbidden_to_viewers_hidden_from_outsiders(client, world, staffed, name):
    url = write_urls(world, staffed)[name]
    counts = (
        Unit.objects.count(),
        Position.objects.count(),
        Person.objects.count(),
        RoleAssignment.objects.count(),
        list(Appointment.objects.values_list("end_date")),
    )

    assert client.post(url).status_code == 302  # anonymous: to the login page
    assert as_user(client, world.viewer).post(url).status_code == 403
    assert as_user(client, world.planner).post(url).status_code == 403
    assert as_user(client, world.outsider).post(url).status_code == 404

    assert counts == (
        Unit.objects.count(),
        Position.objects.count(),
        Person.objects.count(),
        RoleAssignment.objects.count(),
        list(Appointment.objects.values_list("end_date")),
    )


@pytest.mark.parametrize(
    ("name", "bad_method"),
    [
        ("unit_create", "put"),
        ("unit_edit", "delete"),
        ("appointment_end", "get"),
        ("role_delete", "get"),
    ],
)
def test_writes_refuse_the_wrong_method(client, world, admin, staffed, name, bad_method):
    url = write_urls(world, staffed)[name]
    assert getattr(as_user(client, admin), bad_method)(url).status_code == 405


def test_a_parent_organisations_admin_may_manage_the_child(client, world):
    parent_admin = make_user(world.parent, Role.ORG_ADMIN)
    url = reverse("organizations:unit_create", args=[world.own.pk])
    response = as_user(client, parent_admin).post(
        url, {"name_th": "กลุ่มงานใหม่", "code": "NEW", "kind": "group", "sort_order": 0}
    )
    assert response.status_code == 302
    assert Unit.objects.filter(organization=world.own, code="NEW").exists()


# --- writes: happy paths and errors -----------------------------------------------------------


def test_the_admin_adds_a_unit(client, world, admin):
    url = reverse("organizations:unit_create", args=[world.own.pk])
    assert "ชื่อภาษาไทย" in page(as_user(client, admin), url) or "Thai name" in page(client, url)

    response = client.post(
        url, {"name_th": "กลุ่มงานยุทธศาสตร์", "code": "STR", "kind": "group", "sort_order": 1}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:detail", args=[world.own.pk]) + "#units"
    unit = Unit.objects.get(organization=world.own, code="STR")
    assert unit.name_th == "กลุ่มงานยุทธศาสตร์" and unit.history.get().history_user == admin


def test_the_add_form_names_each_bad_field_and_saves_nothing(client, world, admin):
    Unit.objects.create(organization=world.own, code="DUP", name_th="มีอยู่แล้ว")
    url = reverse("organizations:unit_create", args=[world.own.pk])

    response = as_user(client, admin).post(url, {"name_th": "", "code": "DUP", "kind": "nonsense"})

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"name_th", "kind"}
    html = response.content.decode()
    assert 'data-testid="form-errors"' in html and "is-invalid" in html
    assert Unit.objects.filter(organization=world.own).count() == 1


def test_a_service_rule_error_lands_on_the_form(client, world, admin):
    Unit.objects.create(organization=world.own, code="DUP", name_th="มีอยู่แล้ว")
    url = reverse("organizations:unit_create", args=[world.own.pk])
    response = as_user(client, admin).post(
        url, {"name_th": "ซ้ำ", "code": "DUP", "kind": "group", "sort_order": 0}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Unit.objects.filter(organization=world.own).count() == 1


def test_htmx_gets_the_inline_form_and_then_the_refreshed_section(client, world, admin):
    url = reverse("organizations:unit_create", args=[world.own.pk])
    as_user(client, admin)

    form = client.get(url, **HTMX)
    assert form.templates[0].name == "organizations/_form.html"
    assert "<html" not in form.content.decode() and f'hx-post="{url}"' in form.content.decode()

    bad = client.post(url, {"name_th": ""}, **HTMX)
    assert (
        bad.templates[0].name == "organizations/_form.html" and "is-invalid" in bad.content.decode()
    )

    good = client.post(
        url, {"name_th": "งานพัสดุ", "code": "PRC", "kind": "task", "sort_order": 0}, **HTMX
    )
    assert good.status_code == 200
    assert good["HX-Retarget"] == "#units-section" and good["HX-Reswap"] == "outerHTML"
    assert "งานพัสดุ" in good.content.decode()
    assert Unit.objects.filter(organization=world.own, code="PRC").exists()


def test_the_admin_adds_a_position_in_a_unit(client, world, admin, staffed):
    response = as_user(client, admin).post(
        reverse("organizations:position_create", args=[world.own.pk]),
        {
            "title_th": "นักจัดการงานทั่วไป",
            "number": "02-001",
            "unit": staffed["office"].pk,
            "supervisor": staffed["head"].pk,
            "sort_order": 2,
        },
    )
    assert response.status_code == 302
    position = Position.objects.get(title_th="นักจัดการงานทั่วไป")
    assert (position.unit, position.supervisor, position.organization) == (
        staffed["office"],
        staffed["head"],
        world.own,
    )


def test_the_position_form_offers_only_this_organisations_units(client, world, admin):
    foreign = Unit.objects.create(organization=world.other, code="X", name_th="ของคนอื่น")
    response = as_user(client, admin).post(
        reverse("organizations:position_create", args=[world.own.pk]),
        {"title_th": "ตำแหน่ง", "unit": foreign.pk, "sort_order": 0},
    )
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not Position.objects.filter(title_th="ตำแหน่ง").exists()


def test_the_admin_adds_a_person(client, world, admin):
    response = as_user(client, admin).post(
        reverse("organizations:person_create", args=[world.own.pk]),
        {
            "title_th": "นางสาว",
            "first_name_th": "ปวีณา",
            "last_name_th": "ใจงาม",
            "email": "paweena@example.org",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(first_name_th="ปวีณา")
    assert person.organization == world.own and person.history.get().history_user == admin


def test_the_admin_edits_a_unit_and_a_position(client, world, admin, staffed):
    as_user(client, admin)
    response = client.post(
        reverse("organizations:unit_edit", args=[staffed["office"].pk]),
        {"name_th": "กลุ่มอำนวยการและแผน", "code": "ADM", "kind": "group", "sort_order": 0},
    )
    assert response.status_code == 302
    assert Unit.objects.get(pk=staffed["office"].pk).name_th == "กลุ่มอำนวยการและแผน"

    response = client.post(
        reverse("organizations:position_edit", args=[staffed["head"].pk]),
        {"title_th": "หัวหน้าสำนักงาน", "sort_order": 0, "is_head": "on"},
    )
    assert response.status_code == 302
    assert Position.objects.get(pk=staffed["head"].pk).title_th == "หัวหน้าสำนักงาน"


def test_a_unit_cannot_be_moved_under_itself(client, world, admin, staffed):
    office = staffed["office"]
    response = as_user(client, admin).post(
        reverse("organizations:unit_edit", args=[office.pk]),
        {
            "name_th": office.name_th,
            "code": "ADM",
            "kind": "group",
            "sort_order": 0,
            "parent": office.pk,
        },
    )
    assert response.status_code == 200 and "parent" in response.context["form"].errors
    assert Unit.objects.get(pk=office.pk).parent is None


def test_a_person_may_edit_their_own_record_but_not_others(client, world, staffed):
    me = world.viewer.person
    as_user(client, world.viewer)
    response = client.post(
        reverse("organizations:person_edit", args=[me.pk]),
        {"title_th": "นาย", "first_name_th": "ใหม่", "last_name_th": "นามสกุล", "phone": "123"},
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=me.pk).phone == "123"
    other = staffed["holder"]
    assert (
        client.post(
            reverse("organizations:person_edit", args=[other.pk]), {"first_name_th": "x"}
        ).status_code
        == 403
    )
    assert (
        client.get(
            reverse("organizations:person_edit", args=[make_person(world.other).pk])
        ).status_code
        == 404
    )


def test_the_admin_appoints_an_acting_holder_with_thai_dates(client, world, admin, staffed):
    person = make_person(world.own, first="อนุชา", last="ชั่วคราว")
    url = reverse("organizations:appointment_create", args=[staffed["head"].pk])

    response = as_user(client, admin).post(
        url,
        {
            "person": person.pk,
            "kind": AppointmentKind.ACTING,
            "start_date": "1/10/2568",
            "end_date": "31 ต.ค. 2568",
            "order_reference": "คำสั่งที่ 9/2568",
        },
    )

    assert response.status_code == 302
    appointment = Appointment.objects.get(person=person)
    assert (appointment.kind, appointment.start_date, appointment.end_date) == (
        AppointmentKind.ACTING,
        D(2025, 10, 1),
        D(2025, 10, 31),
    )
    assert appointment.history.get().history_user == admin


def test_a_successor_takes_over_through_the_page(client, world, admin, staffed):
    successor = make_person(world.own, first="ใหม่", last="ผู้สืบทอด")
    response = as_user(client, admin).post(
        reverse("organizations:appointment_create", args=[staffed["head"].pk]),
        {"person": successor.pk, "kind": "regular", "start_date": "1/4/2568", "end_previous": "on"},
    )
    assert response.status_code == 302
    previous = Appointment.objects.get(person=staffed["holder"])
    assert previous.end_date == D(2025, 3, 31)


def test_the_appointment_form_names_a_bad_date_and_a_taken_position(client, world, admin, staffed):
    person = make_person(world.own)
    url = reverse("organizations:appointment_create", args=[staffed["head"].pk])
    as_user(client, admin)

    bad_date = client.post(
        url, {"person": person.pk, "kind": "regular", "start_date": "31/02/2568"}
    )
    assert "start_date" in bad_date.context["form"].errors

    taken = client.post(url, {"person": person.pk, "kind": "regular", "start_date": "1/4/2568"})
    assert "start_date" in taken.context["form"].errors
    assert "มีผู้ดำรงตำแหน่งอยู่แล้ว" in taken.content.decode()
    assert not Appointment.objects.filter(person=person).exists()


def test_htmx_appointment_returns_the_holders_section(client, world, admin, staffed):
    person = make_person(world.own, first="ด่วน", last="รักษาการ")
    response = as_user(client, admin).post(
        reverse("organizations:appointment_create", args=[staffed["head"].pk]),
        {"person": person.pk, "kind": "acting", "start_date": "1/1/2568"},
        **HTMX,
    )
    assert response["HX-Retarget"] == "#holders-section"
    assert "นายด่วน รักษาการ" in response.content.decode()


def test_the_admin_ends_an_appointment(client, world, admin, staffed):
    appointment = Appointment.objects.get(person=staffed["holder"])
    response = as_user(client, admin).post(
        reverse("organizations:appointment_end", args=[appointment.pk]), {"end_date": "30/9/2568"}
    )
    assert response.status_code == 302
    assert Appointment.objects.get(pk=appointment.pk).end_date == D(2025, 9, 30)

    bad = client.post(
        reverse("organizations:appointment_end", args=[appointment.pk]), {"end_date": "1/1/2500"}
    )
    assert bad.status_code == 302
    assert Appointment.objects.get(pk=appointment.pk).end_date == D(2025, 9, 30)


def test_the_admin_gives_and_takes_away_roles(client, world, admin, staffed):
    person = make_person(world.own)
    as_user(client, admin)
    url = reverse("organizations:role_create", args=[world.own.pk])

    response = client.post(url, {"role": Role.FINANCE, "person": person.pk})
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(person=person)
    assert assignment.role == Role.FINANCE

    both = client.post(
        url, {"role": Role.VIEWER, "person": person.pk, "position": staffed["head"].pk}
    )
    assert both.status_code == 200 and both.context["form"].non_field_errors()

    gone = client.post(reverse("organizations:role_delete", args=[assignment.pk]), **HTMX)
    assert gone["HX-Retarget"] == "#roles-section"
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
