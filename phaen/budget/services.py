"""Writes of the year's appropriation: appropriations, allocation rounds, lines (entered or
imported all-or-nothing), and a parent organisation's allocation of a line to a child.

Every page, API call, import and command goes through these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from phaen.budget.models import (
    AllocationRound,
    Appropriation,
    AppropriationKind,
    AppropriationLine,
)


def _save(instance, by):
    instance.full_clean()
    instance._history_user = by
    instance.save()
    return instance


@transaction.atomic
def appropriation_create(*, organization, fiscal_year: int, by=None, **fields) -> Appropriation:
    return _save(Appropriation(organization=organization, fiscal_year=fiscal_year, **fields), by)


@transaction.atomic
def round_create(*, appropriation: Appropriation, date, note: str = "", by=None):
    """The next allocation round of ``appropriation`` (numbered 1, 2, …)."""
    last = appropriation.rounds.aggregate(n=Max("number"))["n"] or 0
    return _save(
        AllocationRound(appropriation=appropriation, number=last + 1, date=date, note=note), by
    )


@transaction.atomic
def line_save(*, line: AppropriationLine, by=None) -> AppropriationLine:
    if line.round_id and line.round.appropriation_id != line.appropriation_id:
        raise ValidationError({"round": _("This round belongs to another appropriation.")})
    return _save(line, by)


@transaction.atomic
def line_delete(*, line: AppropriationLine, by=None) -> None:
    line._history_user = by
    line.delete()


def allocated_total(line: AppropriationLine) -> Decimal:
    return line.allocations.aggregate(t=Sum("amount"))["t"] or Decimal(0)


@transaction.atomic
def line_allocate(
    *, line: AppropriationLine, organization, amount: Decimal, by=None, item: str = ""
) -> AppropriationLine:
    """Allocate part of a parent's ``line`` to a child ``organization``: the child gets a
    line (in its appropriation "from the parent" of that year, made when missing) pointing
    back with ``allocated_from``; it sees it as its ceiling."""
    parent = line.appropriation
    if organization.pk == parent.organization_id or parent.organization_id not in (
        organization.ancestor_ids()
    ):
        raise ValidationError(
            {"organization": _("Lines are allocated to units below this organisation.")}
        )
    # Lock the line so two allocations at once cannot both take the last baht.
    AppropriationLine.objects.select_for_update().filter(pk=line.pk).order_by("pk").first()
    left = line.amount - allocated_total(line)
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Allocate an amount above zero.")})
    if amount > left:
        raise ValidationError(
            {"amount": _("Only %(left)s baht of this line is left to allocate.") % {"left": left}}
        )
    target = (
        Appropriation.objects.filter(
            organization=organization,
            fiscal_year=parent.fiscal_year,
            kind=AppropriationKind.PARENT,
        )
        .order_by("pk")
        .first()
    )
    if target is None:
        target = appropriation_create(
            organization=organization,
            fiscal_year=parent.fiscal_year,
            kind=AppropriationKind.PARENT,
            title=_("Allocation from %(org)s") % {"org": parent.organization.name_th},
            effective_on=parent.effective_on,
            reference=parent.title,
            by=by,
        )
    child = AppropriationLine(
        appropriation=target,
        code=line.code,
        work_plan=line.work_plan,
        programme=line.programme,
        category=line.category,
        item=item or line.item,
        amount=amount,
        allocated_from=line,
    )
    return _save(child, by)


# --- import -------------------------------------------------------------------------------
@dataclass
class ImportProblem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row <= 0:
            return self.message
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportRefused(ValidationError):
    """The file has problems; nothing was imported. ``problems`` name row and column."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__([str(p) for p in problems], code="import")


@transaction.atomic
def lines_import(
    *, appropriation: Appropriation, rows: list[dict], by=None, round=None
) -> list[AppropriationLine]:
    """Add the parsed rows (see budget.excel.read_lines) as lines, all or nothing: a row
    that fails the model's validation names its row and column and nothing is saved."""
    problems: list[ImportProblem] = []
    lines = []
    for row in rows:
        line = AppropriationLine(
            appropriation=appropriation,
            round=round,
            work_plan=row.get("work_plan"),
            programme=row.get("programme", ""),
            category=row["category"],
            item=row.get("item", ""),
            amount=row["amount"],
        )
        try:
            line.full_clean()
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                column = row.get("columns", {}).get(field, field)
                problems.extend(ImportProblem(row["row"], column, m) for m in messages)
        lines.append(line)
    if problems:
        raise ImportRefused(problems)
    return [_save(line, by) for line in lines]
