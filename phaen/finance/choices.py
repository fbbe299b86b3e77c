from django.db import models
from django.utils.translation import gettext_lazy as _


class TransactionKind(models.TextChoices):
    COMMITMENT = "commitment", _("Commitment (contract / purchase order)")
    ADVANCE = "advance", _("Cash advance (เงินยืม)")
    CLEARING = "clearing", _("Advance clearing (ส่งใช้เงินยืม)")
    DISBURSEMENT = "disbursement", _("Disbursement (voucher ฎีกา / payment document)")
    ADJUSTMENT = "adjustment", _("Adjustment")


#: kinds that are spending (an advance is not spending until it is cleared)
SPENDING_KINDS = (
    TransactionKind.DISBURSEMENT,
    TransactionKind.CLEARING,
    TransactionKind.ADJUSTMENT,
)


class ProcurementMethod(models.TextChoices):
    E_BIDDING = "e_bidding", _("e-bidding (ประกวดราคาอิเล็กทรอนิกส์)")
    E_MARKET = "e_market", _("e-market (ตลาดอิเล็กทรอนิกส์)")
    SELECTION = "selection", _("Selection (วิธีคัดเลือก)")
    SPECIFIC = "specific", _("Specific method (วิธีเฉพาะเจาะจง)")
    OTHER = "other", _("Other")


class EntrySource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    IMPORTED = "imported", _("Imported from the finance system")


class TransferState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class TransferChange(models.TextChoices):
    AMOUNT = "amount", _("Amount only (same item, same nature)")
    NATURE = "nature", _("Changes the item's nature, quantity or quality")
    NEW_ITEM = "new_item", _("Creates a new item")


class ImportKind(models.TextChoices):
    VOUCHERS = "vouchers", _("Voucher register / payment list")
    BUDGET_STATUS = "budget_status", _("Month-end budget status")


class BatchState(models.TextChoices):
    PREVIEW = "preview", _("Preview")
    CONFIRMED = "confirmed", _("Confirmed")


class RowStatus(models.TextChoices):
    NEW = "new", _("New: recorded from the file")
    MATCHED = "matched", _("Matched")
    DIFFERENCE = "difference", _("Amount differs")
    UNMATCHED = "unmatched", _("Not matched")
    DUPLICATE = "duplicate", _("Already imported")
    RESOLVED = "resolved", _("Resolved")
