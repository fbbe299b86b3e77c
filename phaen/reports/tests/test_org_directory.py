import datetime as dt

import pytest

from phaen.core.testing import appoint, make_person, make_position
from phaen.organizations import access
from phaen.organizations.models import Unit
from phaen.reports.builders.org_directory import build_org_directory
from phaen.reports.registry import ReportError, get_report
from phaen.reports.tests.factories import populate_directory

ON = dt.date(2025, 1, 15)


@pytest.fixture
def directory(world):
    """OWN with a head position held by an acting director and two nested units."""
    office = Unit.objects.create(
        organization=world.own, code="A", name_th="กองแผนงาน", kind="division", sort_order=2
    )
    group = Unit.objects.create(
        organization=world.own, code="A1", name_th="กลุ่มงานยุทธศาสตร์", kind="group", parent=office
    )
    first = Unit.objects.create(
        organization=world.own, code="B", name_th="ฝ่ายบริหารทั่วไป", kind="subdivision", sort_order=1
    )
    head = make_position(world.own, "ผู้อำนวยการสำนักงาน")
    head.is_head, head.number = True, "1"
    head.save()
    analyst = make_position(world.own, "นักวิเคราะห์นโยบายและแผนชำนาญการ", unit=group)
    analyst.number = "12"
    analyst.save()
    make_position(world.own, "เจ้าพนักงานธุรการ", unit=first)  # vacant
    somchai = make_person(world.own, first="สมชาย", last="ใจดี")
    somchai.email, somchai.phone = "somchai@example.go.th", "0 2123 4567"
    somchai.save()
    appoint(somchai, analyst, start=dt.date(2020, 10, 1))
    appoint(somchai, head, kind="acting", start=dt.date(2024, 12, 1), end=dt.date(2025, 3, 31))
    former = make_person(world.own, first="สมหญิง", last="เกษียณ")
    appoint(former, head, start=dt.date(2015, 1, 1), end=dt.date(2024, 9, 30))
    return {"office": office, "group": group, "first": first, "head": head, "analyst": analyst}


def test_it_lists_units_in_tree_order_with_depth_and_position_counts(world, directory):
    data = build_org_directory(user=world.viewer, org_code="OWN", as_of=ON)
    rows = [(u.code, u.depth, u.parent_code, u.position_count, u.kind_label) for u in data.units]
    assert rows == [
        ("B", 0, "", 1, "ฝ่าย"),
        ("A", 0, "", 0, "กอง"),
        ("A1", 1, "A", 1, "กลุ่มงาน"),
    ]


def test_it_gives_current_holders_and_marks_acting_with_dates(world, directory):
    data = build_org_directory(user=world.viewer, org_code="OWN", as_of=ON)
    titles = [p.title for p in data.positions]
    # organisation-level head first, then by unit tree order (B before A1)
    assert titles == ["ผู้อำนวยการสำนักงาน", "เจ้าพนักงานธุรการ", "นักวิเคราะห์นโยบายและแผนชำนาญการ"]
    head = data.positions[0]
    assert head.is_head and head.number == "1"
    assert len(head.holders) == 1  # the retired director's appointment has ended
    acting = head.holders[0]
    assert acting.name == "นายสมชาย ใจดี"
    assert acting.acting and acting.mark == "รักษาราชการแทน"
    assert (acting.start_date, acting.end_date) == (dt.date(2024, 12, 1), dt.date(2025, 3, 31))
    assert data.positions[1].holders == []
    analyst = data.positions[2]
    assert analyst.unit_name == "กลุ่มงานยุทธศาสตร์"
    assert [(h.name, h.acting, h.mark) for h in analyst.holders] == [("นายสมชาย ใจดี", False, "")]


def test_it_uses_the_holders_of_the_date_asked(world, directory):
    data = build_org_directory(user=world.viewer, org_code="OWN", as_of=dt.date(2024, 6, 1))
    assert [h.name for h in data.positions[0].holders] == ["นายสมหญิง เกษียณ"]


def test_it_lists_people_with_their_positions_and_counts_totals(world, directory):
    data = build_org_directory(user=world.viewer, org_code="OWN", as_of=ON)
    somchai = next(p for p in data.people if p.name == "นายสมชาย ใจดี")
    assert (somchai.email, somchai.phone) == ("somchai@example.go.th", "0 2123 4567")
    assert sorted((h.title, h.mark) for h in somchai.positions) == [
        ("นักวิเคราะห์นโยบายและแผนชำนาญการ", ""),
        ("ผู้อำนวยการสำนักงาน", "รักษาราชการแทน"),
    ]
    # the world's seven role users of OWN plus the two people above
    assert len(data.people) == 9
    t = data.totals
    assert (t.units, t.positions, t.vacant_positions, t.acting_appointments, t.people) == (
        3,
        3,
        1,
        1,
        9,
    )


def test_it_gives_the_organisation_facts(world, directory):
    data = build_org_directory(user=world.viewer, org_code="OWN", as_of=ON)
    org = data.organization
    assert (org.code, org.name, org.parent_code, org.parent_name) == (
        "OWN",
        "สำนักงานจังหวัดทดสอบ",
        "DEP",
        "กรมทดสอบ",
    )
    assert org.kind == world.own.kind.name_th


def test_a_parent_organisation_user_may_print_a_child(world, directory):
    data = build_org_directory(user=world.planner, org_code="CHILD", as_of=ON)
    assert data.organization.code == "CHILD"


@pytest.mark.parametrize("code", ["OTHER", "NOPE"])
def test_it_refuses_an_invisible_or_unknown_organisation_alike(world, code):
    with pytest.raises(ReportError) as exc:
        build_org_directory(user=world.viewer, org_code=code)
    assert code in str(exc.value)
    assert "OTHER" not in str(exc.value) or code == "OTHER"


def test_an_outsider_cannot_print_own(world):
    with pytest.raises(ReportError):
        get_report("org-directory").build(user=world.outsider, org="OWN")


def test_anonymous_and_inactive_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ReportError):
        build_org_directory(user=AnonymousUser(), org_code="OWN")
    world.viewer.is_active = False
    with pytest.raises(ReportError):
        build_org_directory(user=world.viewer, org_code="OWN")


def test_the_report_builds_from_its_stored_options(world, directory):
    report = get_report("org-directory")
    options = report.options_for_organization(world.own, 2568)
    assert options == {"org": "OWN", "as_of": None}
    data = report.build(user=world.superuser, **{**options, "as_of": "2025-01-15"})
    assert data.as_of == ON and data.totals.acting_appointments == 1


@pytest.mark.parametrize(("user_name", "expected"), [("superuser", 6), ("viewer", 10)])
def test_query_count_does_not_grow_with_the_directory(
    world, user_name, expected, django_assert_num_queries
):
    # 6 = organisation, units, positions, their holders, people, their positions;
    # a non-superuser adds 4 queries once, to learn their roles.
    user = getattr(world, user_name)

    def build():
        access.forget(user)
        with django_assert_num_queries(expected):
            return build_org_directory(user=user, org_code="OWN", as_of=ON)

    populate_directory(world.own, units=2, prefix="S")
    small = build()
    populate_directory(world.own, units=30, positions_per_unit=3, prefix="L")
    populate_directory(world.child, units=2, prefix="C")  # not part of OWN's directory
    large = build()
    assert (len(small.units), len(large.units)) == (2, 32)
    assert (len(small.positions), len(large.positions)) == (4, 94)
    assert (large.totals.vacant_positions, large.totals.acting_appointments) == (32, 32)
    assert len(large.people) == len(small.people) + 60
