"""Pages: warnings of the current organisation and year, notifications (list, mark read,
the navbar badge) and the organisation's alert settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phaen.alerts import selectors, services
from phaen.alerts.choices import Severity, WarningKind
from phaen.alerts.forms import AlertSettingsForm, WarningFilterForm
from phaen.alerts.models import AlertSettings, Notification
from phaen.organizations import access
from phaen.organizations.models import Unit


def _organization(request):
    org = request.organization
    if org is None or not access.can_in_org(request.user, "view", org):
        raise Http404
    return org


@login_required
def index(request):
    org = _organization(request)
    fiscal_year = request.fiscal_year
    found = selectors.warnings(org, fiscal_year)
    units = Unit.objects.filter(organization=org).order_by("name_th")
    form = WarningFilterForm(request.GET or None, units=units)
    shown = form.apply(found)
    counts = {kind: 0 for kind in WarningKind.values}
    for warning in found:
        counts[warning.kind] += 1
    return render(
        request,
        "alerts/index.html",
        {
            "warnings": shown,
            "total": len(found),
            "danger": sum(1 for w in found if w.severity == Severity.DANGER),
            "counts": [(WarningKind(k).label, k, n) for k, n in counts.items() if n],
            "form": form,
            "can_configure": access.can_in_org(request.user, "edit_plans", org),
            "breadcrumbs": [{"label": _("Warnings"), "url": None}],
        },
    )


@login_required
def notification_list(request):
    notifications = Notification.objects.for_user(request.user).order_by("-created_at", "-id")
    shown = list(notifications[:200])
    return render(
        request,
        "alerts/notifications.html",
        {
            "notifications": shown,
            "unread": selectors.unread_count(request.user),
            "breadcrumbs": [{"label": _("Notifications"), "url": None}],
        },
    )


@login_required
def badge(request):
    return render(request, "alerts/_badge.html", {"unread": selectors.unread_count(request.user)})


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return fallback


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = get_object_or_404(Notification.objects.for_user(request.user, "change"), pk=pk)
    services.notification_mark_read(notification=notification, by=request.user)
    if request.POST.get("open") and notification.url:
        return redirect(notification.url)
    return redirect(_safe_next(request, reverse("alerts:notifications")))


@login_required
@require_POST
def notification_read_all(request):
    count = services.notifications_mark_all_read(by=request.user)
    messages.success(request, _("%(n)s notifications marked read.") % {"n": count})
    return redirect(reverse("alerts:notifications"))


@login_required
def settings_edit(request):
    org = _organization(request)
    if not access.can_in_org(request.user, "edit_plans", org):
        raise PermissionDenied
    instance = AlertSettings.for_organization(org)
    form = AlertSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.settings_save(alert_settings=form.instance, by=request.user)
        messages.success(request, _("Alert settings saved."))
        return redirect(reverse("alerts:index"))
    return render(
        request,
        "alerts/settings.html",
        {
            "form": form,
            "breadcrumbs": [
                {"label": _("Warnings"), "url": reverse("alerts:index")},
                {"label": _("Settings"), "url": None},
            ],
        },
    )
