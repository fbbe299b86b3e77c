from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "phaen.budget"
    label = "budget"
    verbose_name = _("Budget")

    def ready(self) -> None:
        from phaen.budget import models as m
        from phaen.organizations.access import ALL_ROLES, Rule, register
        from phaen.organizations.choices import Role

        # Planners and finance officers keep the appropriation; a parent's may also
        # allocate to its units and child organisations (descendants).
        keepers = frozenset({Role.PLANNER, Role.FINANCE, Role.ORG_ADMIN})
        rules = {
            "view": [Rule(ALL_ROLES, descendants=True)],
            "add": [Rule(keepers, descendants=True)],
            "change": [Rule(keepers, descendants=True)],
            "delete": [Rule(keepers, descendants=True)],
        }
        register(m.Appropriation, org_path="organization", rules=rules)
        register(m.AllocationRound, org_path="appropriation__organization", rules=rules)
        register(m.AppropriationLine, org_path="appropriation__organization", rules=rules)
