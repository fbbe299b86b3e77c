"""Who may see and change money: role × own/child/other organisation × action."""

import pytest

from phaen.finance.models import ImportBatch, Transaction
from phaen.finance.tests.conftest import FY, add_project, record
from phaen.organizations import access
from phaen.organizations.choices import Role
from phaen.plans import services as plan_services

pytestmark = pytest.mark.django_db

WRITERS = {Role.FINANCE, Role.PLANNER}


@pytest.fixture
def records(world):
    made = {}
    for relation in ("own", "child", "other"):
        org = world.org(relation)
        plan = plan_services.plan_create(organization=org, kind="action_plan", fiscal_year=FY)
        project = add_project(plan, f"โครงการ {relation}", [(1000, [1], "C2.1")])
        made[relation] = record(project, "disbursement", f"ฎ-{relation}", 10)
    return made


@pytest.mark.parametrize("role", list(Role.values))
@pytest.mark.parametrize("relation", ["own", "child", "other"])
@pytest.mark.parametrize("action", ["view", "change", "delete", "confirm"])
def test_transaction_matrix(world, records, role, relation, action):
    user = world.role_users[role]
    obj = records[relation]
    if action == "view":
        expected = relation in ("own", "child")  # everyone of the org and its parents reads
    else:
        expected = relation == "own" and role in WRITERS
    assert access.can(user, action, obj) is expected


def test_outsider_and_anonymous_see_nothing(world, records):
    from django.contrib.auth.models import AnonymousUser

    assert not Transaction.objects.for_user(world.outsider).filter(pk=records["own"].pk).exists()
    assert Transaction.objects.for_user(world.outsider).filter(pk=records["other"].pk).exists()
    assert not Transaction.objects.for_user(AnonymousUser()).exists()


def test_project_owner_without_a_role_reads_own_project(world):
    from phaen.core.testing import make_user

    owner = make_user(world.other, None, username="plain-owner")
    plan = plan_services.plan_create(organization=world.own, kind="action_plan", fiscal_year=FY)
    mine = add_project(plan, "ของฉัน", [(1000, [1], "C2.1")], owner=owner.person)
    theirs = add_project(plan, "ของคนอื่น", [(1000, [1], "C2.1")])
    a = record(mine, "disbursement", "ฎ1", 10)
    b = record(theirs, "disbursement", "ฎ2", 10)
    visible = set(Transaction.objects.for_user(owner).values_list("pk", flat=True))
    assert a.pk in visible and b.pk not in visible
    assert not access.can(owner, "change", a)


def test_import_batches_follow_the_org(world):
    batch = ImportBatch.objects.create(
        organization=world.own, fiscal_year=FY, kind="vouchers", file_name="x.csv", file_hash="h"
    )
    assert access.can(world.role_users[Role.FINANCE], "confirm", batch)
    assert not access.can(world.role_users[Role.VIEWER], "confirm", batch)
    assert not access.can(world.outsider, "view", batch)
