from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoundsConfig(AppConfig):
    name = "phaen.rounds"
    label = "rounds"
    verbose_name = _("Reporting rounds")

    def ready(self) -> None:
        from phaen.rounds.access import register_policies

        register_policies()
        import phaen.rounds.reports  # noqa: F401  (registers the round's consolidated report)
