"""Writes of finance: transactions (with the budget-line, spending-plan and advance rules),
confirmation, transfers through their route, carry-over money. Keyword-only arguments;
every write validates, records who made it in the history and returns the object."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phaen.core import thai
from phaen.core.reference import read_csv
from phaen.finance import choices as c
from phaen.finance import selectors
from phaen.finance.models import CarryOver, Transaction, Transfer

K = c.TransactionKind
DATA = Path(__file__).resolve().parent / "data"


def _save(instance, by):
    instance.full_clean()
    instance._history_user = by
    instance.save()
    return instance


def has_spending_plan(project) -> bool:
    """A project has a spending plan when one of its budget lines has monthly amounts."""
    return any(line.monthly_plan for line in project.budget_lines.all())


def check_transaction(record: Transaction, *, manual: bool = True) -> None:
    """The money rules of a transaction (raises ValidationError naming the field)."""
    line, project = record.budget_line, record.project
    if line.project_id != project.pk:
        raise ValidationError({"budget_line": _("This budget line is not one of the project's.")})
    if record.activity_id and record.activity.project_id != project.pk:
        raise ValidationError({"activity": _("This activity is not one of the project's.")})
    if manual and record.kind in c.SPENDING_KINDS and not has_spending_plan(project):
        raise ValidationError(
            {
                "project": _(
                    "This project has no spending plan yet (none of its budget lines has "
                    "monthly amounts): record its spending plan in the annual plan first."
                )
            }
        )
    start, end = thai.fiscal_year_range(project.plan.fiscal_year)
    if not start <= record.date <= end:
        raise ValidationError(
            {
                "date": _("The date is outside fiscal year %(fy)s.")
                % {"fy": project.plan.fiscal_year}
            }
        )
    related = record.related
    if related is not None:
        wanted = K.ADVANCE if record.kind == K.CLEARING else K.COMMITMENT
        if related.kind != wanted or related.project.lineage != project.lineage:
            raise ValidationError(
                {
                    "related": _("Choose an advance of this project.")
                    if wanted == K.ADVANCE
                    else _("Choose a commitment of this project.")
                }
            )
        left = selectors.open_amount(related, exclude_transaction=record)
        if record.amount > left:
            raise ValidationError(
                {
                    "amount": _(
                        "The amount %(amount)s is more than the %(left)s still open on %(record)s."
                    )
                    % {
                        "amount": thai.format_baht(record.amount),
                        "left": thai.format_baht(left),
                        "record": related,
                    }
                }
            )
        return  # settles money already reserved on the line
    if record.kind in (K.COMMITMENT, K.DISBURSEMENT, K.ADVANCE):
        left = selectors.line_balance(line, exclude_transaction=record).remaining
        if record.amount > left:
            raise ValidationError(
                {
                    "amount": _(
                        "The amount %(amount)s is more than the %(left)s left on the budget "
                        "line “%(line)s”."
                    )
                    % {
                        "amount": thai.format_baht(record.amount),
                        "left": thai.format_baht(left),
                        "line": line.description or line.category,
                    }
                }
            )


@transaction.atomic
def transaction_save(
    *, record: Transaction | None = None, by=None, manual: bool = True, **fields
) -> Transaction:
    """Create (``record`` None) or change a transaction. Hand-entered records wait for an
    officer's confirmation; a change to a confirmed record needs confirming again."""
    if manual and record is not None and record.source == c.EntrySource.IMPORTED:
        raise ValidationError(
            _(
                "An imported record is the finance system's truth: correct it in the finance "
                "system and import again, or resolve it on the reconciliation page."
            )
        )
    record = record or Transaction()
    for name, value in fields.items():
        setattr(record, name, value)
    project = record.project
    record.organization_id = project.plan.organization_id
    record.fiscal_year = project.plan.fiscal_year
    if record.kind != K.COMMITMENT:
        record.procurement_method = ""
    if record.kind != K.ADVANCE:
        record.clear_by = None
    if manual:
        record.source = c.EntrySource.MANUAL
        record.confirmed_by, record.confirmed_at = None, None
    record.full_clean()
    check_transaction(record, manual=manual)
    record._history_user = by
    record.save()
    return record


@transaction.atomic
def transaction_confirm(*, record: Transaction, by) -> Transaction:
    """An officer confirms a hand-entered (or corrected) record."""
    record.confirmed_by = by
    record.confirmed_at = timezone.now()
    record._history_user = by
    record.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])
    return record


@transaction.atomic
def transaction_delete(*, record: Transaction, by) -> None:
    if record.settlements.exists():
        raise ValidationError(_("Records settle this one; delete them first."))
    if record.source == c.EntrySource.IMPORTED:
        raise ValidationError(
            _("An imported record is the finance system's truth: it cannot be deleted.")
        )
    record._history_user = by
    record.delete()


# --- transfers -----------------------------------------------------------------------------
@cache
def transfer_rules() -> dict[tuple[str, str], dict]:
    """The approval route per (organisation scope, kind of change), from transfer_rules.csv."""
    return {(r["org_scope"], r["change"]): r for r in read_csv(DATA / "transfer_rules.csv")}


def transfer_rule(organization, change: str) -> dict:
    scope = "local" if organization.kind.is_local_administration else "central"
    return transfer_rules()[(scope, change)]


@transaction.atomic
def transfer_create(
    *,
    from_line,
    to_line,
    amount: Decimal,
    reason: str,
    change: str = c.TransferChange.AMOUNT,
    by=None,
) -> Transfer:
    organization = from_line.project.plan.organization
    if to_line.project.plan.organization_id != organization.pk:
        raise ValidationError(
            {"to_line": _("Both budget lines must belong to the same organisation.")}
        )
    if from_line.pk == to_line.pk:
        raise ValidationError(
            {"to_line": _("Choose a different budget line to receive the money.")}
        )
    rule = transfer_rule(organization, change)
    if rule["requires_ldp_project"] == "true" and to_line.project.ldp_project_id is None:
        raise ValidationError(
            {
                "to_line": _(
                    "The receiving project must exist in the development plan before money is "
                    "transferred to a new item."
                )
            }
        )
    left = selectors.line_balance(from_line).remaining
    if amount > left:
        raise ValidationError(
            {
                "amount": _("The amount %(amount)s is more than the %(left)s left on the line.")
                % {"amount": thai.format_baht(amount), "left": thai.format_baht(left)}
            }
        )
    transfer = Transfer(
        organization=organization,
        fiscal_year=from_line.project.plan.fiscal_year,
        from_line=from_line,
        to_line=to_line,
        amount=amount,
        reason=reason,
        change=change,
        approver=rule["approver"],
        rule_source=rule["source"][:500],
    )
    return _save(transfer, by)


@transaction.atomic
def transfer_decide(
    *,
    transfer: Transfer,
    approve: bool,
    by,
    on: dt.date | None = None,
    council_resolution: str = "",
    note: str = "",
) -> Transfer:
    """Approve or reject a draft transfer. A route through the council needs the council's
    resolution; approving re-checks what is left on the giving line."""
    if transfer.state != c.TransferState.DRAFT:
        raise ValidationError(_("This transfer has already been decided."))
    if approve:
        if transfer.approver == "council" and not council_resolution.strip():
            raise ValidationError(
                {
                    "council_resolution": _(
                        "This transfer needs the local council's approval: give its resolution."
                    )
                }
            )
        left = selectors.line_balance(transfer.from_line).remaining
        if transfer.amount > left:
            raise ValidationError(
                {
                    "amount": _("Only %(left)s is left on the giving line.")
                    % {"left": thai.format_baht(left)}
                }
            )
    transfer.state = c.TransferState.APPROVED if approve else c.TransferState.REJECTED
    transfer.council_resolution = council_resolution
    transfer.decided_by = by
    transfer.decided_on = on or timezone.localdate()
    transfer.decision_note = note
    return _save(transfer, by)


# --- carry-over ----------------------------------------------------------------------------
@transaction.atomic
def carry_over_save(*, record: CarryOver | None = None, by=None, **fields) -> CarryOver:
    record = record or CarryOver()
    for name, value in fields.items():
        setattr(record, name, value)
    record.organization_id = record.budget_line.project.plan.organization_id
    return _save(record, by)
