def work_context(request):
    """The working organisation and fiscal year, for the navigation bar."""
    org = getattr(request, "organization", None)
    return {
        "current_organization": org if org else None,
        "current_fiscal_year": getattr(request, "fiscal_year", None),
    }
