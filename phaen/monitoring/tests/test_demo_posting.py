"""The demo records the local administration's posting of each monitoring round that has
ended by the demo's "today", on time, and nothing for a round still running (FY 2570: the
six-month round ends 31 March 2027, the annual one 30 September 2027)."""

import datetime as dt

import pytest

from phaen.monitoring import demo
from phaen.monitoring import posting as rules
from phaen.monitoring.models import ReportPosting
from phaen.monitoring.tests.test_posting import Lao

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def lao(world):
    return Lao(world)


def test_a_demo_loaded_after_the_six_month_round_shows_its_posting_on_time(lao):
    today = D(2027, 6, 15)
    made = demo.postings(lao.plan, lao.planner, today)
    posting = ReportPosting.objects.select_related("period").get()
    assert made == [posting]
    assert (posting.period.number, posting.organization) == (6, lao.org)
    assert D(2027, 3, 31) < posting.reported_on < posting.posted_from <= today
    assert posting.reported_on.weekday() < 5 and posting.posted_from.weekday() < 5
    assert (posting.posted_from - posting.reported_on).days <= rules.POSTED_WITHIN_DAYS
    assert (posting.posted_until - posting.posted_from).days + 1 >= rules.MIN_POSTED_DAYS
    assert "บอร์ดประชาสัมพันธ์" in posting.note and "เว็บไซต์" in posting.note
    assert posting.recorded_by == lao.planner
    assert rules.posting_findings(posting, today) == []


def test_nothing_is_recorded_while_no_round_has_ended(lao):
    assert demo.postings(lao.plan, lao.planner, D(2027, 3, 31)) == []
    assert not ReportPosting.objects.exists()


def test_a_round_just_ended_is_not_yet_presented_nor_posted(lao):
    assert demo.postings(lao.plan, lao.planner, D(2027, 4, 2)) == []
    assert not ReportPosting.objects.exists()


def test_a_report_presented_but_not_yet_posted_has_no_posting_days(lao):
    (posting,) = demo.postings(lao.plan, lao.planner, D(2027, 4, 12))
    assert posting.reported_on == D(2027, 4, 12)  # 10 April is a Saturday: the Monday
    assert posting.posted_from is None and posting.posted_until is None
    assert rules.posting_findings(posting, D(2027, 4, 12)) == []


def test_after_the_year_both_rounds_are_posted_on_time_the_annual_by_december(lao):
    today = D(2028, 1, 31)
    made = demo.postings(lao.plan, lao.planner, today)
    assert [p.period.number for p in made] == [6, 12]
    annual = made[1]
    assert annual.posted_from <= rules.december_deadline(2570)
    assert all(rules.posting_findings(p, today) == [] for p in made)


def test_an_organisation_that_is_not_a_local_administration_posts_nothing(world, approved):
    assert demo.postings(approved, world.planner, D(2025, 6, 15)) == []
    assert not ReportPosting.objects.exists()
