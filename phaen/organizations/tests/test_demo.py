import pytest
from django.core.management import CommandError, call_command

from phaen.accounts.models import User
from phaen.organizations import access
from phaen.organizations.demo import DEMO_LOGINS, DEMO_PASSWORD
from phaen.organizations.models import Appointment, Organization, Person, Position

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_organisations_people_and_one_login_per_role(capsys):
    call_command("load_demo")
    assert Organization.objects.filter(code__in=["SK-PMJ", "SAO-NBT", "NST-PEO"]).count() == 3
    peo = Organization.objects.get(code="NST-PEO")
    assert peo.descendants().count() >= 3  # several education agencies under it
    assert Organization.objects.get(code="SAO-NBT").kind.abbr_th == "อบต."
    for org in Organization.objects.filter(code__in=["SK-PMJ", "SAO-NBT", "NST-PEO"]):
        assert org.units.exists() and org.positions.exists() and org.people.exists()
    for username, role, org_code in DEMO_LOGINS:
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        org = Organization.objects.get(code=org_code)
        assert role in access.roles_in(user, org), (username, role)
    assert User.objects.get(username="admin").is_superuser
    assert "Demo loaded" in capsys.readouterr().out


def test_demo_records_an_acting_appointment_and_a_transfer():
    call_command("load_demo")
    acting = Appointment.objects.filter(kind="acting")
    assert acting.exists()
    head = Position.objects.get(title_th="ผู้อำนวยการกองช่าง")
    assert head.appointments.count() == 2 and head.holders().count() == 1


def test_it_refuses_a_non_empty_database_and_if_empty_is_a_no_op(capsys):
    call_command("load_demo")
    people = Person.objects.count()
    with pytest.raises(CommandError):
        call_command("load_demo")
    call_command("load_demo", "--if-empty")
    assert "not loaded" in capsys.readouterr().out
    assert Person.objects.count() == people


def test_demo_logins_prints_the_logins(capsys):
    call_command("demo_logins")
    assert "No demo logins" in capsys.readouterr().out
    call_command("load_demo")
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert "planner" in out and DEMO_PASSWORD in out and "admin" in out
