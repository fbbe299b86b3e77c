"""The "report posting" warning: a local administration's six-month or annual monitoring
report not posted by its deadline (boundaries in Asia/Bangkok dates)."""

import datetime as dt

import pytest

from phaen.alerts.selectors import warnings
from phaen.alerts.tests.factories import FY, plan
from phaen.monitoring.tests.test_posting import Lao

pytestmark = pytest.mark.django_db
D = dt.date


def found(org, today, fiscal_year=FY):
    return [
        (w.key.rsplit(":", 1)[1], w.severity)
        for w in warnings(org, fiscal_year, today)
        if w.kind == "report_posting"
    ]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2027, 4, 5), []),  # presented 5 April; due 20 April; 14 days before is 6 April
        (D(2027, 4, 6), [("2570-R6", "info")]),
        (D(2027, 4, 20), [("2570-R6", "info")]),  # the deadline itself is not late
        (D(2027, 4, 21), [("2570-R6", "danger")]),
    ],
)
def test_a_presented_round_not_posted(world, today, expected):
    lao = Lao(world)
    lao.post(reported_on=D(2027, 4, 5))
    assert found(lao.org, today) == expected


def test_a_posted_round_does_not_warn(world):
    lao = Lao(world)
    lao.post(reported_on=D(2027, 4, 5), posted_from=D(2027, 4, 30))  # late, but posted
    assert found(lao.org, D(2027, 6, 1)) == []


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2027, 12, 16), []),
        (D(2027, 12, 17), [("2570-R12", "info")]),
        (D(2027, 12, 31), [("2570-R12", "info")]),
        (D(2028, 1, 1), [("2570-R12", "danger")]),  # already in FY 2571
    ],
)
def test_an_annual_round_not_presented_is_due_by_december(world, today, expected):
    lao = Lao(world)
    lao.round("R12")  # the organisation followed up FY 2570 (its periods exist)
    fiscal_year = FY + 1 if today >= D(2027, 10, 1) else FY
    if fiscal_year != FY:
        plan(world, fiscal_year=fiscal_year, organization=lao.org)
    assert found(lao.org, today, fiscal_year) == expected


def test_no_warning_for_a_year_not_followed_up_or_outside_local_administrations(world):
    lao = Lao(world)
    plan(world, fiscal_year=FY + 1, organization=lao.org)
    assert found(lao.org, D(2028, 1, 1), FY + 1) == []  # no FY 2570 periods: never followed
    plan(world)
    assert found(world.own, D(2027, 4, 21)) == []
