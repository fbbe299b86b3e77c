"""Editions of a local development plan (ทบทวน / เพิ่มเติม / เปลี่ยนแปลง / แก้ไข ครั้งที่ N/YYYY).

An edition is a change set on an approved plan: projects it adds point to it
(``added_in``), projects it takes out point to it (``removed_in``), a changed project is a
removal plus an addition that ``replaces`` the old one. The plan as of any edition is
therefore readable: :func:`projects_as_of`. Each kind of edition has its approval route
(``EditionRouteStep``, data); an edition is approved once every step is recorded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from phaen.strategy import choices as c
from phaen.strategy.models import (
    EditionApproval,
    EditionRouteStep,
    PlanEdition,
    PlanProject,
    StrategicPlan,
)
from phaen.strategy.tree import _Importer


def _saved(obj, by):
    obj.full_clean()
    obj._history_user = by
    obj.save()
    return obj


@transaction.atomic
def edition_create(
    *, plan: StrategicPlan, kind: str, year: int, reason: str, by=None, number: int | None = None
) -> PlanEdition:
    """A new draft edition of an approved plan, numbered per kind and year."""
    if plan.status != c.PlanStatus.APPROVED:
        raise ValidationError(
            {"plan": _("Editions change an approved plan; edit the draft instead.")}
        )
    if number is None:
        last = (
            PlanEdition.objects.filter(plan=plan, kind=kind, year=year).order_by("-number").first()
        )
        number = (last.number + 1) if last else 1
    return _saved(PlanEdition(plan=plan, kind=kind, year=year, number=number, reason=reason), by)


@transaction.atomic
def edition_add_project(
    *,
    edition: PlanEdition,
    issue,
    data: dict[str, Any],
    strategy=None,
    by=None,
    replaces: PlanProject | None = None,
) -> PlanProject:
    """Add a project (exchange-tree fields, see ``strategy.tree``) through a draft edition."""
    if edition.is_frozen():
        raise ValidationError({"edition": _("This edition is approved and cannot change.")})
    importer = _Importer(edition.plan, by)
    importer.extra = {"added_in": edition, "replaces": replaces, "reason": data.get("reason", "")}
    project = importer.project(data, issue, strategy, "project", order=issue.projects.count())
    importer.errors.raise_if_any()
    return project


@transaction.atomic
def edition_remove_project(*, edition: PlanEdition, project: PlanProject, by=None) -> None:
    if edition.is_frozen():
        raise ValidationError({"edition": _("This edition is approved and cannot change.")})
    project.removed_in = edition
    project._history_user = by
    project.save(update_fields=["removed_in"])


@transaction.atomic
def edition_record_step(
    *,
    edition: PlanEdition,
    step: EditionRouteStep,
    on: dt.date,
    decision: str,
    note: str = "",
    by=None,
) -> EditionApproval:
    if step.kind != edition.kind:
        raise ValidationError({"step": _("This step belongs to another kind of edition.")})
    approval = _saved(
        EditionApproval(edition=edition, step=step, date=on, decision=decision, note=note), by
    )
    return approval


def missing_steps(edition: PlanEdition) -> QuerySet[EditionRouteStep]:
    done = edition.approvals.values("step")
    return EditionRouteStep.objects.filter(kind=edition.kind).exclude(pk__in=done)


@transaction.atomic
def edition_approve(*, edition: PlanEdition, by=None, on: dt.date | None = None) -> PlanEdition:
    """Approve an edition whose whole route is recorded; it is frozen from then on."""
    missing = list(missing_steps(edition))
    if missing:
        raise ValidationError(
            {
                "approvals": _("Steps not recorded yet: %(steps)s")
                % {"steps": ", ".join(str(s) for s in missing)}
            }
        )
    edition.status = c.PlanStatus.APPROVED
    edition.approved_on = on or timezone.localdate()
    return _saved(edition, by)


def projects_as_of(
    plan: StrategicPlan, edition: PlanEdition | None = None
) -> QuerySet[PlanProject]:
    """The plan's projects as they stood after ``edition`` (None: the original plan)."""
    qs = PlanProject.objects.filter(plan=plan)
    if edition is None:
        return qs.filter(added_in__isnull=True)
    earlier = PlanEdition.objects.filter(plan=plan).filter(
        Q(year__lt=edition.year) | Q(year=edition.year, pk__lte=edition.pk)
    )
    return qs.filter(Q(added_in__isnull=True) | Q(added_in__in=earlier)).exclude(
        removed_in__in=earlier
    )
