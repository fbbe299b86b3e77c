from django.apps import AppConfig
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def _own_runs(ctx) -> Q:
    return Q(user_id=ctx.user_id)


class ReportsConfig(AppConfig):
    name = "phaen.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from phaen.organizations.access import ALL_ROLES, Rule, register
        from phaen.reports.models import ReportRun

        # A run is seen only by the user who asked for it, and only while that user may
        # still see its organisation (a role there or in an ancestor). Superusers see all.
        own = [Rule(ALL_ROLES, descendants=True, object_q=_own_runs)]
        register(
            ReportRun,
            org_path="organization",
            rules={"view": own, "change": own, "delete": own, "add": own},
        )
