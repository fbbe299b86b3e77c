"""Report builders. Each module defines one report and registers it with ``@register``;
import new modules here so that ``get_report`` finds them."""

from phaen.reports.builders import (
    annual_plan_book,  # noqa: F401
    local_plan_forms,  # noqa: F401
    org_directory,  # noqa: F401
    strategic_plan,  # noqa: F401
)
