import pytest
from django.core.management import call_command

from phaen.plans.checks import alignment_check
from phaen.plans.models import AnnualPlan

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_announced_plan_with_an_edition_one_in_review_and_no_empty_plan():
    call_command("load_demo")
    sk = AnnualPlan.objects.get(organization__code="SK-PMJ", edition_number=0)
    assert sk.state == "announced" and sk.projects.count() >= 20
    edition = AnnualPlan.objects.get(previous=sk)
    assert edition.state == "draft" and edition.projects.filter(out_of_plan=True).exists()
    assert AnnualPlan.objects.get(organization__code="NST-PEO").state == "in_review"
    sao = AnnualPlan.objects.get(organization__code="SAO-NBT")
    assert sao.kind == "operational_plan" and sao.state == "announced"
    own = sao.projects.filter(other_agency="")
    assert own.exists() and not own.filter(ldp_project__isnull=True).exists()
    assert not own.filter(budget_lines__appropriation_line__isnull=True).exists()
    assert sao.projects.exclude(other_agency="").exists()
    for plan in AnnualPlan.objects.all():
        assert plan.projects.exists(), plan
        assert not alignment_check(plan).blocking, plan
    assert sk.projects.filter(activities__isnull=False, risks__isnull=False).exists()
