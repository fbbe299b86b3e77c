from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "phaen.performance"
    label = "performance"
    verbose_name = _("Indicator results and agreements")

    def ready(self) -> None:
        from phaen.performance.access import register_policies

        register_policies()
