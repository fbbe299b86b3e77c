from decimal import Decimal as D

import pytest
from django.core.management import call_command

from phaen.performance import selectors
from phaen.performance.models import Agreement, IndicatorResult
from phaen.strategy.models import StrategicPlan

pytestmark = pytest.mark.django_db


def test_the_demo_has_results_and_a_published_assessed_agreement():
    call_command("load_demo")
    sk = StrategicPlan.objects.get(organization__code="SK-PMJ")
    assert IndicatorResult.objects.filter(
        organization__code="SK-PMJ", period__fiscal_year=2570
    ).exists()
    assert IndicatorResult.objects.filter(organization__code="SAO-NBT").exists()
    year = selectors.issue_achievement(sk, 2569)
    assert year.total.weighted_achievement is not None
    assert D(50) < year.total.weighted_achievement <= D(100)
    agreement = Agreement.objects.get(organization__code="SK-PMJ", fiscal_year=2569)
    assert agreement.is_public and agreement.assessments.count() == 2
    sheet = selectors.score_sheet(agreement, "committee")
    assert sheet.weight_total == 100 and D(1) <= sheet.total <= D(5)
    assert selectors.score_sheet(agreement, "self").total >= sheet.total
    assert Agreement.objects.get(organization__code="SK-PMJ", fiscal_year=2570).audience == "staff"
