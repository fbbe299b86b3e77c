"""htmx helpers: one rule for "fragment or full page" (HOUSE_STYLE rule 11)."""

from __future__ import annotations

from django.http import HttpRequest


def is_fragment(request: HttpRequest) -> bool:
    """True when the page should answer with a fragment: an htmx request that is not a
    boosted link or form (a boosted request wants the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted
