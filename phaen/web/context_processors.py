from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from phaen.web.switching import fiscal_year_choices, switcher_organizations


def work_context(request):
    """The working organisation and fiscal year, and the choices of the switchers.

    The switcher lists are lazy: pages that do not show the navigation bar (errors,
    fragments) run no query for them.
    """
    org = getattr(request, "organization", None)
    fy = getattr(request, "fiscal_year", None)
    return {
        "current_organization": org if org else None,
        "current_fiscal_year": fy,
        "switcher_organizations": SimpleLazyObject(lambda: switcher_organizations(request)),
        "fiscal_year_choices": SimpleLazyObject(lambda: fiscal_year_choices(fy)),
    }
