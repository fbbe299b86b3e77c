"""Reads of the year's appropriation that are not one-line filters: what each line has
drawn on it by the plans' budget lines, what was allocated from it to child
organisations, and what is left; totals per round and per expense type."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from phaen.budget.models import AppropriationLine

ZERO = Decimal(0)


def _sum_of(queryset: QuerySet, fk: str):
    total = queryset.filter(**{fk: OuterRef("pk")}).values(fk).annotate(t=Sum("amount"))
    return Coalesce(
        Subquery(total.values("t")),
        Value(ZERO),
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )


def with_usage(lines: QuerySet) -> QuerySet:
    """``lines`` annotated with ``drawn`` (the plans' budget lines on it), ``allocated``
    (lines given to child organisations from it); ``line_left(line)`` is what remains.
    The budget lines are reached through the reverse relation, so budget does not import
    plans (dependencies point one way)."""
    budget_line = AppropriationLine._meta.get_field("budget_lines").related_model
    return lines.annotate(
        drawn=_sum_of(budget_line.objects.all(), "appropriation_line"),
        allocated=_sum_of(AppropriationLine.objects.all(), "allocated_from"),
    )


def line_left(line) -> Decimal:
    return line.amount - getattr(line, "drawn", ZERO) - getattr(line, "allocated", ZERO)


def year_lines(organization_id: int, fiscal_year: int) -> QuerySet:
    """The organisation's appropriation lines of the year with their usage."""
    return with_usage(
        AppropriationLine.objects.filter(
            appropriation__organization_id=organization_id,
            appropriation__fiscal_year=fiscal_year,
        ).select_related("category__parent", "work_plan", "round", "appropriation")
    )


@dataclass
class YearTotals:
    total: Decimal = ZERO
    drawn: Decimal = ZERO
    allocated: Decimal = ZERO
    by_round: dict = field(default_factory=dict)  # (appropriation, round or None) -> Decimal
    by_type: dict = field(default_factory=dict)  # expense type name -> Decimal

    @property
    def left(self) -> Decimal:
        return self.total - self.drawn - self.allocated


def year_totals(lines) -> YearTotals:
    """Totals of ``lines`` (from ``year_lines``): per appropriation round and per expense
    type (งบรายจ่าย: an item counts under its type)."""
    result = YearTotals()
    by_round: dict = defaultdict(lambda: ZERO)
    by_type: dict = defaultdict(lambda: ZERO)
    for line in lines:
        result.total += line.amount
        result.drawn += line.drawn
        result.allocated += line.allocated
        by_round[(line.appropriation, line.round)] += line.amount
        kind = line.category.parent if line.category.parent_id else line.category
        by_type[str(kind)] += line.amount
    result.by_round = dict(by_round)
    result.by_type = dict(by_type)
    return result
