"""Money of annual plans' projects: transactions, transfers between budget lines,
carry-over money, disbursement targets and finance-system imports.

Follow-up records point at a ``plans.Project`` / ``plans.BudgetLine`` row of the edition in
force when recorded; plans' rows are frozen, so nothing here writes into them.
Rules in words: phaen/finance/README.md.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phaen.core.models import AuditedModel
from phaen.finance import choices as c
from phaen.organizations.access import ScopedQuerySet

MONEY = {"max_digits": 16, "decimal_places": 2}


class ImportMapping(AuditedModel):
    """Which column of an organisation's finance export holds which of our fields."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="finance_mappings",
    )
    kind = models.CharField(_("file kind"), max_length=20, choices=c.ImportKind.choices)
    columns = models.JSONField(_("columns (our field → column header)"), default=dict)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("import mapping")
        verbose_name_plural = _("import mappings")
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind"], name="one_mapping_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_kind_display()}"


class ImportBatch(AuditedModel):
    """One uploaded finance export: previewed first, applied all at once when confirmed."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="finance_batches",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    kind = models.CharField(_("file kind"), max_length=20, choices=c.ImportKind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    file_hash = models.CharField(_("file fingerprint"), max_length=64, db_index=True)
    state = models.CharField(
        _("state"), max_length=20, choices=c.BatchState.choices, default=c.BatchState.PREVIEW
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("finance import")
        verbose_name_plural = _("finance imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name


class ImportRow(models.Model):
    """A row of an import with what it was matched to."""

    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("import"), on_delete=models.CASCADE, related_name="rows"
    )
    row_number = models.PositiveIntegerField(_("row"))
    data = models.JSONField(_("values"), default=dict)
    row_hash = models.CharField(_("row fingerprint"), max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=c.RowStatus.choices)
    message = models.CharField(_("message"), max_length=500, blank=True)
    amount = models.DecimalField(_("amount in the file"), null=True, blank=True, **MONEY)
    our_amount = models.DecimalField(_("amount in Phaen"), null=True, blank=True, **MONEY)
    transaction = models.ForeignKey(
        "finance.Transaction",
        verbose_name=_("transaction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_rows",
    )
    budget_line = models.ForeignKey(
        "plans.BudgetLine",
        verbose_name=_("budget line"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.CharField(_("resolution"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        ordering = ["batch", "row_number"]

    def __str__(self) -> str:
        return f"{self.batch} #{self.row_number}"

    @property
    def label(self) -> str:
        """The row's document number, or its budget / project code."""
        data = self.data or {}
        return data.get("number") or data.get("budget_code") or data.get("project_code") or ""


class Transaction(AuditedModel):
    """A money event of a project: commitment, advance, clearing, disbursement, adjustment."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="finance_transactions",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    project = models.ForeignKey(
        "plans.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="finance_transactions",
    )
    budget_line = models.ForeignKey(
        "plans.BudgetLine",
        verbose_name=_("budget line"),
        on_delete=models.PROTECT,
        related_name="finance_transactions",
    )
    activity = models.ForeignKey(
        "plans.Activity",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="finance_transactions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=c.TransactionKind.choices)
    number = models.CharField(_("number"), max_length=60)
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (baht)"), **MONEY)
    description = models.CharField(_("description"), max_length=500, blank=True)
    payee = models.CharField(_("payee"), max_length=255, blank=True)
    document_ref = models.CharField(_("finance document reference"), max_length=100, blank=True)
    procurement_method = models.CharField(
        _("procurement method"), max_length=20, choices=c.ProcurementMethod.choices, blank=True
    )
    clear_by = models.DateField(_("to be cleared by"), null=True, blank=True)
    related = models.ForeignKey(
        "self",
        verbose_name=_("advance or commitment it settles"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="settlements",
    )
    source = models.CharField(
        _("entered"), max_length=20, choices=c.EntrySource.choices, default=c.EntrySource.MANUAL
    )
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year", "kind", "number"],
                name="transaction_number_unique",
                violation_error_message=_(
                    "This organisation already has a transaction of this kind with this number "
                    "in this fiscal year."
                ),
            ),
        ]
        indexes = [models.Index(fields=["organization", "fiscal_year", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def clean(self) -> None:
        errors = {}
        if (
            self.amount is not None
            and self.amount <= 0
            and self.kind != c.TransactionKind.ADJUSTMENT
        ):
            errors["amount"] = _("The amount must be more than zero.")
        if self.kind == c.TransactionKind.ADVANCE and not self.clear_by:
            errors["clear_by"] = _("An advance needs the date by which it must be cleared.")
        if self.kind == c.TransactionKind.CLEARING and not self.related_id:
            errors["related"] = _("A clearing must point at the advance it clears.")
        if self.related_id and self.kind not in (
            c.TransactionKind.CLEARING,
            c.TransactionKind.DISBURSEMENT,
        ):
            errors["related"] = _("Only a clearing or a disbursement settles another record.")
        if self.kind == c.TransactionKind.COMMITMENT and not self.procurement_method:
            errors["procurement_method"] = _("A commitment needs its procurement method.")
        if errors:
            raise ValidationError(errors)


class Transfer(AuditedModel):
    """A budget transfer between two budget lines (โอน/เปลี่ยนแปลงงบประมาณ) through its
    approval route (``transfer_rules.csv``)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="finance_transfers",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    from_line = models.ForeignKey(
        "plans.BudgetLine",
        verbose_name=_("from budget line"),
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    to_line = models.ForeignKey(
        "plans.BudgetLine",
        verbose_name=_("to budget line"),
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    amount = models.DecimalField(_("amount (baht)"), **MONEY)
    change = models.CharField(
        _("kind of change"),
        max_length=20,
        choices=c.TransferChange.choices,
        default=c.TransferChange.AMOUNT,
    )
    reason = models.TextField(_("reason"))
    state = models.CharField(
        _("state"), max_length=20, choices=c.TransferState.choices, default=c.TransferState.DRAFT
    )
    approver = models.CharField(_("approved by (route)"), max_length=40, blank=True)
    rule_source = models.CharField(_("rule and its source"), max_length=500, blank=True)
    council_resolution = models.CharField(
        _("council resolution (meeting, date)"), max_length=255, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget transfer")
        verbose_name_plural = _("budget transfers")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="transfer_positive",
                violation_error_message=_("The amount must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_line_id} → {self.to_line_id}: {self.amount}"


class CarryOver(AuditedModel):
    """Money of a past year's budget line reserved to be spent later (เงินกันเหลื่อมปี)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="finance_carry_overs",
    )
    budget_line = models.ForeignKey(
        "plans.BudgetLine",
        verbose_name=_("budget line"),
        on_delete=models.PROTECT,
        related_name="carry_overs",
    )
    reference = models.CharField(_("reservation number"), max_length=40, blank=True)
    amount = models.DecimalField(_("amount (baht)"), **MONEY)
    approved_on = models.DateField(_("approved on"))
    spend_by = models.DateField(_("to be spent by"))
    extended_to = models.DateField(_("extended to"), null=True, blank=True)
    spent = models.DecimalField(_("spent (baht)"), default=Decimal(0), **MONEY)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("carry-over money")
        verbose_name_plural = _("carry-over money")
        ordering = ["spend_by", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(spent__gte=0) & Q(spent__lte=models.F("amount")),
                name="carry_over_amounts",
                violation_error_message=_(
                    "The amount must be more than zero and what is spent between zero and it."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference or self.pk} {self.amount}"

    @property
    def deadline(self):
        return self.extended_to or self.spend_by

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.spent

    def clean(self) -> None:
        if self.extended_to and self.spend_by and self.extended_to <= self.spend_by:
            raise ValidationError(
                {"extended_to": _("An extension must be later than the spend-by date.")}
            )


class DisbursementTarget(models.Model):
    """The government's cumulative disbursement target for a quarter of a fiscal year
    (loaded from ``data/disbursement_targets.csv``; administrators may edit)."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    overall = models.DecimalField(
        _("overall %"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    current = models.DecimalField(
        _("current %"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    investment = models.DecimalField(
        _("investment %"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=500)
    uncertain = models.BooleanField(_("source uncertain"), default=False)

    class Meta:
        verbose_name = _("disbursement target")
        verbose_name_plural = _("disbursement targets")
        ordering = ["fiscal_year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "quarter"], name="one_target_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="target_quarter_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} Q{self.quarter}"
