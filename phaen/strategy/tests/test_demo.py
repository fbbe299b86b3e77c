import pytest
from django.core.management import call_command

from phaen.strategy.models import Issue, PlanEdition, StrategicPlan, SwotItem, TowsStrategy

pytestmark = pytest.mark.django_db


def test_the_demo_gives_each_main_organisation_a_plan_and_swot():
    call_command("load_demo")
    for code in ("SK-PMJ", "SAO-NBT", "NST-PEO", "NST-PESAO1", "NST-TECH"):
        plan = StrategicPlan.objects.get(organization__code=code)
        assert plan.issues.exists() and plan.indicators.exists() and plan.projects.exists()
        assert SwotItem.objects.filter(plan=plan).exists()
    sk = StrategicPlan.objects.get(organization__code="SK-PMJ")
    assert sk.status == "approved"
    assert SwotItem.objects.filter(plan=sk, scope="organization", quadrant="S").count() == 8
    assert SwotItem.objects.filter(plan=sk, scope="planning").exists()
    assert TowsStrategy.objects.filter(plan=sk).count() == 4
    sao = StrategicPlan.objects.get(organization__code="SAO-NBT")
    assert sao.kind == "local_development" and sao.labels()[2] == "แนวทางการพัฒนา"
    edition = PlanEdition.objects.get(plan=sao)
    assert edition.status == "approved" and edition.added.count() == 1
    assert sao.projects.filter(category="community").exists()
    assert sao.projects.filter(category="coordination").exists()
    assert Issue.objects.filter(plan__organization__code="NST-TECH", serves__isnull=False).exists()
