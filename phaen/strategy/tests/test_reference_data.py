import pytest

from phaen.budget.models import BudgetSource, ExpenseCategory, WorkPlan
from phaen.strategy.models import Framework, FrameworkItem

pytestmark = pytest.mark.django_db


def test_national_frameworks_are_loaded_by_migrations_with_sources():
    counts = {f.code: f.items.count() for f in Framework.objects.all()}
    assert counts["national_strategy"] == 6
    assert counts["master_plan"] == 23
    assert counts["nesdp13"] == 13
    assert counts["sdg"] == 17
    assert {"government_policy", "ministry_strategy", "province_strategy", "value_chain"} <= set(
        counts
    )
    pillar = FrameworkItem.objects.get(framework__code="national_strategy", code="5")
    assert "เป็นมิตรต่อสิ่งแวดล้อม" in pillar.name_th and pillar.name_en == "Green growth"
    assert all(item.source for item in FrameworkItem.objects.all())
    assert (
        FrameworkItem.objects.get(framework__code="sdg", code="4").name_th_alt == "การศึกษาที่มีคุณภาพ"
    )


def test_budget_vocabulary_is_loaded():
    investment = ExpenseCategory.objects.get(code="C3")
    assert investment.name_th == "งบลงทุน" and investment.is_investment
    assert ExpenseCategory.objects.get(code="L2.2").parent.code == "L2"
    assert ExpenseCategory.objects.filter(scope="lao", level="type").count() == 5  # L0–L4
    assert WorkPlan.objects.count() == 12
    assert WorkPlan.objects.get(ordinal=12).name_th == "แผนงานงบกลาง"
    assert (
        BudgetSource.objects.filter(
            code__in=["state_budget", "accumulated_funds", "sbpac", "dasta", "ngo"]
        ).count()
        == 5
    )
    assert all(source.source for source in BudgetSource.objects.all())


def test_admins_may_extend_reference_data():
    framework = Framework.objects.get(code="province_strategy")
    FrameworkItem.objects.create(
        framework=framework, code="SK1", name_th="ยุทธศาสตร์ที่ 1 การพัฒนาเศรษฐกิจจังหวัดสงขลา"
    )
    assert framework.items.count() == 1
