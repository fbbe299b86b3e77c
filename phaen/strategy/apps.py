from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "phaen.strategy"
    label = "strategy"
    verbose_name = _("Strategy and national frameworks")

    def ready(self) -> None:
        from phaen.strategy.access import register_policies

        register_policies()
