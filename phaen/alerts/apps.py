from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "phaen.alerts"
    label = "alerts"
    verbose_name = _("Warnings and reminders")

    def ready(self) -> None:
        from phaen.alerts.access import register_policies

        register_policies()
