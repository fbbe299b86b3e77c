from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "phaen.organizations"
    label = "organizations"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        from phaen.organizations import access

        access._register_organization_policies()
