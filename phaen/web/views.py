"""The shell's pages: home, and the organisation and fiscal-year switches."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phaen.core.thai import fiscal_year_range
from phaen.organizations.models import Organization
from phaen.strategy.selectors import plan_summary
from phaen.web.middleware import SESSION_FY, SESSION_ORG
from phaen.web.selectors import organization_summary, recent_changes
from phaen.web.switching import is_allowed_fiscal_year


@require_GET
@login_required
def home(request):
    org = request.organization
    if not org:
        return render(request, "web/home_no_organization.html")
    fy_start, fy_end = fiscal_year_range(request.fiscal_year)
    context = {
        "summary": organization_summary(org, request.user),
        "plan": plan_summary(org, request.user),
        "changes": recent_changes(org),
        "fy_start": fy_start,
        "fy_end": fy_end,
    }
    return render(request, "web/home.html", context)


def _next_url(request) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "web:home"


@require_POST
@login_required
def switch_organization(request):
    raw = request.POST.get("organization", "")
    if not raw.isdigit():
        raise Http404("No such organisation")
    org = get_object_or_404(Organization.objects.for_user(request.user, "view"), pk=int(raw))
    request.session[SESSION_ORG] = org.pk
    messages.success(request, _("You are now working in %(name)s.") % {"name": org.name})
    return redirect(_next_url(request))


@require_POST
@login_required
def switch_fiscal_year(request):
    raw = request.POST.get("fiscal_year", "")
    if not raw.isdigit() or not is_allowed_fiscal_year(int(raw)):
        return HttpResponseBadRequest(_("This fiscal year cannot be chosen."))
    request.session[SESSION_FY] = int(raw)
    return redirect(_next_url(request))
