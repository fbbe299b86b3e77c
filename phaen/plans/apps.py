from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "phaen.plans"
    label = "plans"
    verbose_name = _("Annual plans")

    def ready(self) -> None:
        from phaen.plans.access import register_policies

        register_policies()
