"""Puts the working organisation and fiscal year on every request.

The organisation is chosen by the user (organisation switcher) among those they may
view and kept in the session; the fiscal year likewise, defaulting to the current one
in Asia/Bangkok time. The language is Thai unless the user chose another one.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject

from phaen.core.thai import fiscal_year
from phaen.organizations.models import Organization

SESSION_ORG = "phaen_org_id"
SESSION_FY = "phaen_fiscal_year"


def _organization(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    visible = Organization.objects.for_user(user, "view").select_related("kind", "province")
    org_id = request.session.get(SESSION_ORG)
    if org_id:
        org = visible.filter(pk=org_id).first()
        if org is not None:
            return org
    return (
        visible.order_by("depth", "path").first() if user.is_superuser else _home_org(user, visible)
    )


def _home_org(user, visible):
    from phaen.organizations.access import user_context

    own = user_context(user).roles_by_org
    return visible.filter(pk__in=own).order_by("-depth").first() or visible.first()


def _fiscal_year(request) -> int:
    value = request.session.get(SESSION_FY)
    if isinstance(value, int) and 2400 < value < 2800:
        return value
    return fiscal_year(timezone.now())


def _thai_unless_chosen(request) -> None:
    """Thai first: the site's language (Thai) unless the user chose one with the language
    switch (Django's language cookie). The browser's Accept-Language is not followed: an
    office PC set up in English must still open the Thai pages (decision 0005)."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return
    if request.path.startswith("/api/"):
        return  # API clients choose their language with Accept-Language
    translation.activate(settings.LANGUAGE_CODE)
    request.LANGUAGE_CODE = translation.get_language()


class WorkContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _thai_unless_chosen(request)
        request.organization = SimpleLazyObject(lambda: _organization(request))
        request.fiscal_year = _fiscal_year(request)
        return self.get_response(request)
