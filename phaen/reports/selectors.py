"""Reads of the reports app that more than one page uses."""

from __future__ import annotations

from django.db.models import QuerySet

from phaen.reports.models import ReportRun


def recent_runs(user) -> QuerySet[ReportRun]:
    """The runs ``user`` asked for, newest first (scoped: a run of an organisation the user
    may no longer see drops out)."""
    return (
        ReportRun.objects.for_user(user, "view")
        .filter(user_id=user.pk)
        .select_related("organization")
        .order_by("-created_at", "-pk")
    )
