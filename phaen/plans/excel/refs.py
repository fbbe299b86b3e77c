"""What the sheets' codes and names refer to (units, people, positions, budget reference
data, the multi-year plan's issues and strategies), loaded once, with a fixed number of
queries."""

from __future__ import annotations

import re
from collections import defaultdict

from phaen.budget.models import AppropriationLine, BudgetSource, ExpenseCategory, WorkPlan
from phaen.organizations.models import Person, Position, Unit
from phaen.plans.models import AnnualPlan


# --- reference data -----------------------------------------------------------------------
def _key(text: str) -> str:
    """Compare names without spaces, case or trailing dots."""
    return re.sub(r"\s+", "", str(text or "")).rstrip(".").lower()


def _index(items, *keys) -> dict[str, list]:
    """Each item under every non-empty key its ``keys`` functions give (a list: names may
    repeat, and a repeated name is ambiguous)."""
    found: dict[str, list] = defaultdict(list)
    for item in items:
        for key in {_key(k(item)) for k in keys} - {""}:
            found[key].append(item)
    return found


class _Refs:
    """What the sheets' codes and names may refer to, loaded once (fixed queries)."""

    def __init__(self, plan: AnnualPlan) -> None:
        org = plan.organization
        self.plan = plan
        self.issues, self.strategies = {}, {}
        if plan.multi_year_plan_id:
            for issue in plan.multi_year_plan.issues.prefetch_related("strategies"):
                self.issues[issue.number] = issue
                for strategy in issue.strategies.all():
                    self.strategies[(issue.number, strategy.number)] = strategy
        self.work_plan_list = list(WorkPlan.objects.order_by("ordinal"))
        self.unit_list = list(Unit.objects.filter(organization=org).order_by("sort_order", "code"))
        self.person_list = list(Person.objects.filter(organization=org))
        self.position_list = list(Position.objects.filter(organization=org))
        self.source_list = list(BudgetSource.objects.all())
        scope = "lao" if org.kind.is_local_administration else "central"
        self.category_list = list(
            ExpenseCategory.objects.filter(scope=scope).order_by("code")
        ) or list(ExpenseCategory.objects.order_by("code"))
        self.all_categories = {c.code.lower(): c for c in ExpenseCategory.objects.all()}
        self._names = _index(self.unit_list, lambda u: u.name_th)

    def unit_label(self, unit: Unit) -> str:
        """The unit's name, or its code when another unit has the same name."""
        return unit.name_th if len(self._names.get(_key(unit.name_th), [])) == 1 else unit.code

    def lookups(self) -> dict[str, dict[str, list]]:
        lines = AppropriationLine.objects.filter(
            appropriation__organization=self.plan.organization,
            appropriation__fiscal_year=self.plan.fiscal_year,
        )
        return {
            "work_plan": _index(
                self.work_plan_list,
                lambda w: str(w.ordinal),
                lambda w: w.name_th,
                lambda w: w.name_en,
            ),
            "unit_code": _index(self.unit_list, lambda u: u.code),
            "unit": _index(self.unit_list, lambda u: u.name_th, lambda u: u.name_en),
            "owner": _index(
                self.person_list,
                lambda p: p.email,
                lambda p: f"{p.title_th}{p.first_name_th}{p.last_name_th}",
                lambda p: f"{p.first_name_th}{p.last_name_th}",
                lambda p: f"{p.first_name_en}{p.last_name_en}",
            ),
            "position_number": _index(self.position_list, lambda p: p.number),
            "position": _index(self.position_list, lambda p: p.title_th, lambda p: p.title_en),
            "source": _index(
                self.source_list, lambda s: s.code, lambda s: s.name_th, lambda s: s.name_en
            ),
            "category": _index(self.category_list, lambda c: c.name_th, lambda c: c.name_en),
            "appropriation_line": _index(lines, lambda line: line.code),
        }
