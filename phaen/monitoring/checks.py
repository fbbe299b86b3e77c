"""The project check before it starts: the plan officer's checklist, then the approver's
decision (approve to start, or send back with a comment)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phaen.monitoring import choices as c
from phaen.monitoring.models import CheckItem, ProjectCheck

__all__ = ["CHECK_QUESTIONS", "check_decide", "check_open", "check_record"]

# The questions of the seed's check ("every project passes the plan officer's check that it
# fits the plan's themes before it goes for approval"); an officer may add more.
CHECK_QUESTIONS = [
    gettext_lazy("The project serves a strategic issue and strategy of the plan"),
    gettext_lazy("Its objectives lead to the plan's indicators"),
    gettext_lazy("Its outputs are measurable and have targets"),
    gettext_lazy("Its activities and months fit the fiscal year"),
    gettext_lazy("Its budget lines match the allocation and the expense rules"),
    gettext_lazy("A responsible unit and owner are named"),
]


@transaction.atomic
def check_open(*, project, by) -> ProjectCheck:
    """The project's check, created with the standard questions the first time."""
    check, created = ProjectCheck.objects.get_or_create(project=project)
    if created:
        CheckItem.objects.bulk_create(
            CheckItem(check_record=check, order=i, question=str(q))
            for i, q in enumerate(CHECK_QUESTIONS, 1)
        )
    return check


@transaction.atomic
def check_record(
    *, check: ProjectCheck, by, answers: dict, officer_comment: str = "", submit: bool = False
) -> ProjectCheck:
    """Record the officer's answers ``{item id: (answer, comment)}``; with ``submit`` the
    check goes to the approver, which needs every question answered."""
    check = ProjectCheck.objects.select_for_update().get(pk=check.pk)
    if check.state in (c.CheckState.APPROVED,):
        raise ValidationError({"state": _("The project is already approved to start.")})
    items = {item.pk: item for item in check.items.all()}
    for pk, (answer, comment) in answers.items():
        item = items.get(int(pk))
        if item is None:
            raise ValidationError({"items": _("Unknown question %(id)s.") % {"id": pk}})
        item.answer = answer
        item.comment = comment or ""
    CheckItem.objects.bulk_update(items.values(), ["answer", "comment"])
    check.officer_comment = officer_comment or ""
    if submit:
        missing = [item.question for item in items.values() if item.answer is None]
        if missing:
            raise ValidationError(
                {"items": _("Answer every question first: %(q)s") % {"q": "; ".join(missing)}}
            )
        check.state = c.CheckState.CHECKED
        check.checked_by = by
        check.checked_on = timezone.localdate()
    check._history_user = by
    check.save()
    return check


@transaction.atomic
def check_decide(*, check: ProjectCheck, by, approve: bool, comment: str = "") -> ProjectCheck:
    check = ProjectCheck.objects.select_for_update().get(pk=check.pk)
    if check.state != c.CheckState.CHECKED:
        raise ValidationError({"state": _("The officer's check is not finished yet.")})
    if not approve and not (comment or "").strip():
        raise ValidationError({"decision_comment": _("Say why the project is sent back.")})
    check.state = c.CheckState.APPROVED if approve else c.CheckState.RETURNED
    check.decision_comment = comment or ""
    check.decided_by = by
    check.decided_on = timezone.localdate()
    check._history_user = by
    check.save()
    return check
