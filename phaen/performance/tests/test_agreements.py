"""Agreements: weights, signing freezes, versions, assessments to four decimals."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from phaen.core.frozen import FrozenRecordError
from phaen.performance import selectors, services
from phaen.performance.tests.factories import make_agreement

pytestmark = pytest.mark.django_db
SIGNED = dt.date(2026, 10, 15)


def test_weights_must_total_100_to_sign(world):
    agreement = make_agreement(world.own, world.planner, weights=(40, 35))
    with pytest.raises(ValidationError) as error:
        services.agreement_sign(agreement=agreement, signed_on=SIGNED, by=world.planner)
    assert "weight" in error.value.message_dict
    assert "75" in error.value.message_dict["weight"][0]


def test_a_signed_agreement_is_frozen_and_changes_make_a_new_version(world):
    agreement = make_agreement(world.own, world.planner)
    agreement = services.agreement_sign(agreement=agreement, signed_on=SIGNED, by=world.planner)
    agreement.title = "แก้ไข"
    with pytest.raises(FrozenRecordError):
        agreement.save()
    item = agreement.indicators.first()
    item.weight = D(10)
    with pytest.raises(FrozenRecordError):
        item.save()
    copy = services.agreement_new_version(agreement=agreement, by=world.planner)
    assert (copy.version, copy.previous, copy.state) == (2, agreement, "draft")
    assert [i.weight for i in copy.indicators.all()] == [D(40), D(35), D(25)]
    services.agreement_publish(agreement=agreement, audience="public", by=world.planner)
    agreement.refresh_from_db()
    assert agreement.is_public


def test_publishing_needs_a_signature(world):
    agreement = make_agreement(world.own, world.planner)
    with pytest.raises(ValidationError) as error:
        services.agreement_publish(agreement=agreement, audience="staff", by=world.planner)
    assert "state" in error.value.message_dict


def test_level_needs_its_object(world):
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            organization=world.own, fiscal_year=2570, title="x", level="unit", by=world.planner
        )
    assert "unit" in error.value.message_dict


def test_assessments_score_equals_hand_computed_to_four_decimals(world):
    agreement = make_agreement(world.own, world.planner)
    with pytest.raises(ValidationError):  # not signed yet
        services.assessment_record(agreement=agreement, kind="self", results={}, by=world.planner)
    services.agreement_sign(agreement=agreement, signed_on=SIGNED, by=world.planner)
    one, two, three = agreement.indicators.all()
    with pytest.raises(ValidationError) as error:
        services.assessment_record(
            agreement=agreement, kind="self", results={one.pk: D(72)}, by=world.planner
        )
    assert "results" in error.value.message_dict
    services.assessment_record(
        agreement=agreement,
        kind="self",
        results={one.pk: D(72), two.pk: D("76.25"), three.pk: D(65)},
        by=world.planner,
    )
    services.assessment_record(
        agreement=agreement,
        kind="committee",
        results={one.pk: D(70), two.pk: D(75), three.pk: D(58)},
        by=world.role_users["committee"],
    )
    mine = selectors.score_sheet(agreement, "self")
    # scores 3.4000 (72), 4.2500 (76.25), 2.0000 (65); weighted 1.3600 + 1.4875 + 0.5000
    assert [r.score for r in mine.rows] == [D("3.4000"), D("4.2500"), D("2.0000")]
    assert [r.weighted_score for r in mine.rows] == [D("1.3600"), D("1.4875"), D("0.5000")]
    assert mine.total == D("3.3475")
    assert mine.formula == "3.4000 × 40 ÷ 100 + 4.2500 × 35 ÷ 100 + 2.0000 × 25 ÷ 100 = 3.3475"
    # achievement: 72/70 → 100 (capped), 76.25/70 → 100, 65/70 = 92.86
    # (40 × 100 + 35 × 100 + 25 × 92.86) / 100 = 98.22 (98.215 half up)
    assert mine.weighted_achievement == D("98.22")
    theirs = selectors.score_sheet(agreement, "committee")
    # 3.0000 × 0.40 + 4.0000 × 0.35 + 0 (58 is below level 1) = 1.2 + 1.4 + 0
    assert theirs.total == D("2.6000")


def test_score_sheet_queries_do_not_grow(world, django_assert_num_queries):
    small = make_agreement(world.own, world.planner, weights=(100,))
    large = make_agreement(world.own, world.planner, weights=[5] * 20)
    for agreement in (small, large):
        services.agreement_sign(agreement=agreement, signed_on=SIGNED, by=world.planner)
        services.assessment_record(
            agreement=agreement,
            kind="self",
            results={i.pk: D(70) for i in agreement.indicators.all()},
            by=world.planner,
        )
    for agreement in (small, large):
        agreement = type(agreement).objects.select_related("organization").get(pk=agreement.pk)
        with django_assert_num_queries(3):
            sheet = selectors.score_sheet(agreement, "self")
        assert sheet.total == D("3.0000")
