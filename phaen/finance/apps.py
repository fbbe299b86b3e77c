from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "phaen.finance"
    label = "finance"
    verbose_name = _("Finance")

    def ready(self) -> None:
        from phaen.finance.access import register_policies

        register_policies()
