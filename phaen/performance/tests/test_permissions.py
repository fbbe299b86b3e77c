"""Role × organisation × action matrix of the performance records."""

import datetime as dt
from decimal import Decimal as D

import pytest

from phaen.organizations import access
from phaen.organizations.choices import Role
from phaen.performance import services
from phaen.performance.tests.factories import make_agreement, sample

pytestmark = pytest.mark.django_db
ROLES = list(Role.values)
WRITERS = {Role.PLANNER, Role.ORG_ADMIN}
ASSESSORS = {Role.EXECUTIVE, Role.COMMITTEE}


@pytest.fixture
def records(world, q):
    out = {}
    for relation in ("own", "child", "other"):
        org = world.org(relation)
        plan = sample(org)
        result = services.result_record(
            indicator=plan["a"], period=q("Q1", org=org), actual=D(1), by=world.superuser
        )
        agreement = make_agreement(org, world.superuser, weights=(100,))
        services.agreement_sign(
            agreement=agreement, signed_on=dt.date(2026, 10, 1), by=world.superuser
        )
        agreement.refresh_from_db()
        self_ = services.assessment_record(
            agreement=agreement,
            kind="self",
            results={agreement.indicators.get().pk: D(70)},
            by=world.superuser,
        )
        committee = services.assessment_record(
            agreement=agreement,
            kind="committee",
            results={agreement.indicators.get().pk: D(70)},
            by=world.superuser,
        )
        out[relation] = {
            "result": result,
            "agreement": agreement,
            "self": self_,
            "committee": committee,
        }
    return out


@pytest.mark.parametrize("role", ROLES)
def test_matrix(world, records, role):
    user = world.role_users[role]
    for relation, objs in records.items():
        visible = relation in ("own", "child")
        assert access.can(user, "view", objs["result"]) is visible, (role, relation)
        assert access.can(user, "view", objs["agreement"]) is visible
        assert access.can(user, "view", objs["committee"]) is visible
        own = relation == "own"
        assert access.can(user, "change", objs["result"]) is (own and role in WRITERS), (
            role,
            relation,
        )
        assert access.can(user, "publish", objs["agreement"]) is (own and role in WRITERS)
        assert access.can(user, "assess_self", objs["agreement"]) is (own and role in WRITERS)
        assert access.can(user, "assess_committee", objs["agreement"]) is (
            own and role in ASSESSORS
        )
        assert access.can(user, "change", objs["self"]) is (own and role in WRITERS)
        assert access.can(user, "change", objs["committee"]) is (own and role in ASSESSORS)


def test_outsider_sees_only_their_own(world, records):
    assert not access.can(world.outsider, "view", records["own"]["result"])
    assert access.can(world.outsider, "change", records["other"]["result"])
