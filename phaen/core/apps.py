from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "phaen.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from phaen.core.frozen import connect_m2m_guard

        connect_m2m_guard()
