"""Every change to a domain record is recorded: who, when, what; admins can see it."""

import pytest

from phaen.core import testing
from phaen.organizations.models import Unit

pytestmark = pytest.mark.django_db


def test_changes_are_recorded_with_the_user(world):
    unit = Unit(organization=world.own, code="POL", name_th="กลุ่มนโยบาย")
    unit._history_user = world.planner
    unit.save()
    unit.name_th = "กลุ่มนโยบายและแผน"
    unit._history_user = world.superuser
    unit.save()
    records = list(unit.history.order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert records[0].history_user == world.planner
    assert records[1].history_user == world.superuser
    delta = records[1].diff_against(records[0])
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("name_th", "กลุ่มนโยบาย", "กลุ่มนโยบายและแผน")
    ]


def test_admin_shows_the_history_page(world, client):
    unit = Unit.objects.create(organization=world.own, code="X", name_th="ทดสอบ")
    client.force_login(world.superuser)
    response = client.get(f"/admin/organizations/unit/{unit.pk}/history/")
    assert response.status_code == 200
    assert "ทดสอบ" in response.content.decode()


def test_admin_lists_are_scoped_for_staff_who_are_not_superusers(world, client):
    staff = testing.make_user(world.own, "org_admin", username="staffadmin")
    staff.is_staff = True
    staff.save()
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="view_unit"))
    Unit.objects.create(organization=world.own, code="MINE", name_th="ของเรา")
    Unit.objects.create(organization=world.other, code="THEIRS", name_th="ของคนอื่น")
    client.force_login(staff)
    body = client.get("/admin/organizations/unit/").content.decode()
    assert "ของเรา" in body and "ของคนอื่น" not in body
