"""Finance imports, not double entry: voucher registers / payment lists and month-end
budget-status reports exported from e-LAAS or GFMIS, read as CSV or XLSX through a column
mapping saved per organisation and file kind.

``preview`` reads the whole file, names every bad row and column, matches rows and
dry-runs the import (so a row that would break a rule is reported before anything is
saved); ``confirm`` applies a previewed batch all at once. Re-importing the same rows
changes nothing (a fingerprint per row). Rows matched to records are the finance system's
truth and count as confirmed; differences and unmatched rows wait on the reconciliation
page (``resolve_accept`` / ``resolve_link``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phaen.core import thai
from phaen.finance import choices as c
from phaen.finance import selectors, services
from phaen.finance.models import ImportBatch, ImportMapping, ImportRow, Transaction
from phaen.plans.models import BudgetLine

K = c.TransactionKind
S = c.RowStatus
ZERO = Decimal(0)

#: our fields per file kind: (field, label, required, type, header guesses)
FIELDS: dict[str, list[tuple[str, object, bool, str, list[str]]]] = {
    c.ImportKind.VOUCHERS: [
        (
            "number",
            gettext_lazy("Document number"),
            True,
            "text",
            ["เลขที่ฎีกา", "เลขที่เอกสาร", "เลขที่เอกสารขอเบิก", "เลขที่เอกสารขอจ่าย", "document number"],
        ),
        (
            "date",
            gettext_lazy("Date"),
            True,
            "date",
            ["วันที่", "วันที่ฎีกา", "วันที่วางฎีกา", "วันที่ผ่านรายการ", "วันที่เอกสาร", "date"],
        ),
        (
            "amount",
            gettext_lazy("Amount"),
            True,
            "money",
            ["จำนวนเงิน", "จำนวนเงินขอเบิก", "จำนวนเงินขอจ่าย", "ยอดเงิน", "amount"],
        ),
        ("budget_code", gettext_lazy("Budget code"), False, "text", ["รหัสงบประมาณ", "budget code"]),
        (
            "project_code",
            gettext_lazy("Project code"),
            False,
            "text",
            ["รหัสโครงการ", "project code"],
        ),
        (
            "doc_type",
            gettext_lazy("Document type"),
            False,
            "text",
            ["ประเภทเอกสาร", "ประเภทฎีกา", "document type"],
        ),
        (
            "po_number",
            gettext_lazy("Purchase order"),
            False,
            "text",
            ["เลขที่ใบสั่งซื้อ", "เลขที่ PO", "เลขที่สัญญา", "po number"],
        ),
        (
            "description",
            gettext_lazy("Description"),
            False,
            "text",
            ["รายการ", "รายการเบิกจ่าย", "รายละเอียด", "description"],
        ),
        (
            "payee",
            gettext_lazy("Payee"),
            False,
            "text",
            ["ชื่อเจ้าหนี้", "ผู้รับเงิน", "ชื่อเจ้าหนี้/บริษัท", "ชื่อผู้ขาย", "payee"],
        ),
    ],
    c.ImportKind.BUDGET_STATUS: [
        ("budget_code", gettext_lazy("Budget code"), False, "text", ["รหัสงบประมาณ", "budget code"]),
        (
            "project_code",
            gettext_lazy("Project code"),
            False,
            "text",
            ["รหัสโครงการ", "project code"],
        ),
        (
            "approved",
            gettext_lazy("Approved"),
            True,
            "money",
            [
                "งบประมาณอนุมัติ",
                "งบประมาณที่ได้รับ",
                "งบประมาณตาม พ.ร.บ.",
                "งบประมาณตามข้อบัญญัติ",
                "approved",
            ],
        ),
        ("transfer_in", gettext_lazy("Transfers in"), False, "money", ["โอนเพิ่ม", "transfer in"]),
        ("transfer_out", gettext_lazy("Transfers out"), False, "money", ["โอนลด", "transfer out"]),
        (
            "committed",
            gettext_lazy("Committed"),
            False,
            "money",
            ["ก่อหนี้ผูกพัน", "ผูกพันสัญญา (PO)", "ผูกพัน", "committed"],
        ),
        (
            "disbursed",
            gettext_lazy("Disbursed"),
            True,
            "money",
            ["เบิกจ่าย", "เบิกจ่ายแล้ว", "disbursed"],
        ),
        ("remaining", gettext_lazy("Remaining"), False, "money", ["คงเหลือ", "remaining"]),
    ],
}


def default_columns(kind: str) -> dict[str, str]:
    return {name: guesses[0] for name, _label, _req, _t, guesses in FIELDS[kind]}


def mapping_for(organization, kind: str) -> dict[str, str]:
    saved = ImportMapping.objects.filter(organization=organization, kind=kind).first()
    return dict(saved.columns) if saved else {}


@transaction.atomic
def mapping_save(*, organization, kind: str, columns: dict[str, str], by=None) -> ImportMapping:
    known = {f[0] for f in FIELDS[kind]}
    unknown = sorted(set(columns) - known)
    if unknown:
        raise ValidationError({"columns": _("Unknown fields: %(f)s.") % {"f": ", ".join(unknown)}})
    mapping, _created = ImportMapping.objects.get_or_create(organization=organization, kind=kind)
    mapping.columns = {k: v.strip() for k, v in columns.items() if v and v.strip()}
    mapping._history_user = by
    mapping.full_clean()
    mapping.save()
    return mapping


# --- reading -------------------------------------------------------------------------------
@dataclass
class Problem:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = _("row %(row)s, column “%(column)s”") % {"row": self.row, "column": self.column}
        if self.row is None:
            where = _("column “%(column)s”") % {"column": self.column}
        return f"{where}: {self.message}"


class ImportRefused(ValidationError):
    """The file cannot be imported; ``problems`` names each row and column."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__([str(p) for p in problems])


def _norm(header) -> str:
    return " ".join(str(header or "").split()).casefold()


def read_table(content: bytes, file_name: str) -> list[tuple[int, list]]:
    """Rows of the first sheet (XLSX) or of a CSV (UTF-8, or TIS-620/cp874) with their
    1-based row numbers; empty rows are dropped."""
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:
            raise ImportRefused(
                [Problem(None, file_name, _("Not a readable Excel file (%(e)s).") % {"e": exc})]
            ) from None
        sheet = book.worksheets[0]
        rows = [(i, list(r)) for i, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
        book.close()
    else:
        for encoding in ("utf-8-sig", "cp874"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportRefused(
                [Problem(None, file_name, _("The file is neither UTF-8 nor TIS-620 text."))]
            )
        rows = [(i, r) for i, r in enumerate(csv.reader(io.StringIO(text)), start=1)]
    return [(i, r) for i, r in rows if any(str(v).strip() for v in r if v is not None)]


def _find_header(rows, kind: str, columns: dict[str, str]):
    """The header row (within the first ten) and {field: column index}."""
    wanted = {}
    for name, _label, _required, _type, guesses in FIELDS[kind]:
        wanted[name] = [columns[name]] if columns.get(name) else guesses
    best = None
    for number, values in rows[:10]:
        headers = [_norm(v) for v in values]
        found = {}
        for name, options in wanted.items():
            for option in options:
                if _norm(option) in headers:
                    found[name] = headers.index(_norm(option))
                    break
        if best is None or len(found) > len(best[1]):
            best = (number, found, values)
    return best


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return thai.to_arabic_digits(str(value)).strip()


def _money(value) -> Decimal:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    text = _text(value).replace(",", "").replace(" ", "").replace("฿", "")
    negative = text.startswith("(") and text.endswith(")")
    text = text.strip("()")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("“%(v)s” is not an amount of money.") % {"v": value}) from None
    if not amount.is_finite():
        raise ValueError(_("“%(v)s” is not an amount of money.") % {"v": value})
    return (-amount if negative else amount).quantize(Decimal("0.01"))


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return thai.parse_thai_date(_text(value))


def parse(content: bytes, file_name: str, kind: str, columns: dict[str, str]):
    """(header row number, ignored headers, [(row number, {field: value})]); raises
    ImportRefused naming every bad row and column."""
    rows = read_table(content, file_name)
    if not rows:
        raise ImportRefused([Problem(None, file_name, _("The file has no rows."))])
    header_number, found, header_values = _find_header(rows, kind, columns)
    problems = []
    labels = {}
    for name, label, required, _type, guesses in FIELDS[kind]:
        column = columns.get(name) or guesses[0]
        labels[name] = str(header_values[found[name]]) if name in found else column
        if name not in found and (required or columns.get(name)):
            problems.append(
                Problem(
                    header_number,
                    column,
                    _("the column for “%(field)s” is not in the file (its columns: %(headers)s).")
                    % {
                        "field": label,
                        "headers": ", ".join(str(v) for v in header_values if v not in (None, "")),
                    },
                )
            )
    if "budget_code" not in found and "project_code" not in found:
        problems.append(
            Problem(
                header_number,
                labels["budget_code"],
                _("a budget code or project code column is needed."),
            )
        )
    if problems:
        raise ImportRefused(problems)
    types = {f[0]: f[3] for f in FIELDS[kind]}
    required = {f[0] for f in FIELDS[kind] if f[2]}
    parsed = []
    used = set(found.values())
    ignored = [str(v) for i, v in enumerate(header_values) if i not in used and v not in (None, "")]
    for number, values in rows:
        if number <= header_number:
            continue
        record = {}
        for name, index in found.items():
            raw = values[index] if index < len(values) else None
            if raw is None or _text(raw) == "":
                if name in required:
                    problems.append(Problem(number, labels[name], _("a value is needed.")))
                record[name] = None if types[name] != "text" else ""
                continue
            try:
                if types[name] == "money":
                    record[name] = _money(raw)
                elif types[name] == "date":
                    record[name] = _date(raw)
                else:
                    record[name] = _text(raw)
            except ValueError as exc:
                problems.append(Problem(number, labels[name], str(exc)))
        if (
            kind == c.ImportKind.VOUCHERS
            and record.get("amount") is not None
            and record["amount"] <= 0
        ):
            problems.append(
                Problem(number, labels["amount"], _("the amount must be more than zero."))
            )
        if not record.get("budget_code") and not record.get("project_code"):
            problems.append(
                Problem(number, labels["budget_code"], _("give a budget code or a project code."))
            )
        parsed.append((number, record))
    if problems:
        raise ImportRefused(problems)
    return header_number, ignored, parsed


def _jsonable(record: dict) -> dict:
    return {
        k: (v.isoformat() if isinstance(v, dt.date) else str(v) if isinstance(v, Decimal) else v)
        for k, v in record.items()
    }


def _hash(kind: str, record: dict) -> str:
    payload = json.dumps([kind, _jsonable(record)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


# --- matching ------------------------------------------------------------------------------
@dataclass
class Lookup:
    by_budget_code: dict = field(default_factory=dict)
    by_project_code: dict = field(default_factory=dict)

    def line(self, record: dict):
        """The budget line of a row: by project code (the line with the row's budget code
        when the project has several), else by budget code."""
        code = record.get("budget_code")
        project_lines = self.by_project_code.get(record.get("project_code") or "")
        if project_lines:
            for line in project_lines:
                if code and line.appropriation_line and line.appropriation_line.code == code:
                    return line
            return project_lines[0]
        if code and code in self.by_budget_code:
            return self.by_budget_code[code]
        return None


def _lookup(organization, fiscal_year: int) -> Lookup:
    lookup = Lookup()
    projects = selectors.projects_in_force(organization, fiscal_year)
    lines = (
        BudgetLine.objects.filter(project__in=projects)
        .select_related("appropriation_line", "project__plan")
        .order_by("project_id", "id")
    )
    for line in lines:
        if line.appropriation_line and line.appropriation_line.code:
            lookup.by_budget_code.setdefault(line.appropriation_line.code, line)
        if line.project.code:
            lookup.by_project_code.setdefault(line.project.code, []).append(line)
    return lookup


@dataclass
class Preview:
    batch: ImportBatch
    ignored_columns: list[str]
    counts: dict[str, int]
    already_imported: bool


@transaction.atomic
def preview(
    *, organization, fiscal_year: int, kind: str, file_name: str, content: bytes, by
) -> Preview:
    """Read, check and match the whole file; save it as a batch awaiting confirmation.
    Raises ImportRefused (nothing saved) when any row is bad or would break a rule."""
    columns = mapping_for(organization, kind)
    _header, ignored, parsed = parse(content, file_name, kind, columns)
    file_hash = hashlib.sha256(content).hexdigest()
    seen = set(
        ImportRow.objects.filter(
            batch__organization=organization,
            batch__kind=kind,
            batch__state=c.BatchState.CONFIRMED,
        ).values_list("row_hash", flat=True)
    )
    lookup = _lookup(organization, fiscal_year)
    batch = ImportBatch(
        organization=organization,
        fiscal_year=fiscal_year,
        kind=kind,
        file_name=file_name[:255],
        file_hash=file_hash,
        uploaded_by=by,
    )
    batch._history_user = by
    batch.save()
    rows = []
    for number, record in parsed:
        row = ImportRow(
            batch=batch, row_number=number, data=_jsonable(record), row_hash=_hash(kind, record)
        )
        if row.row_hash in seen:
            row.status = S.DUPLICATE
            row.message = _("Already imported: nothing changes.")
        elif kind == c.ImportKind.VOUCHERS:
            _match_voucher(row, record, organization, fiscal_year, lookup)
        else:
            _match_status(row, record, lookup)
        seen.add(row.row_hash)
        rows.append(row)
    ImportRow.objects.bulk_create(rows)
    problems = _dry_run(batch, by)
    if problems:
        raise ImportRefused(problems)  # the atomic block drops the batch
    counts = {s: 0 for s in S.values}
    for row in rows:
        counts[row.status] += 1
    already = ImportBatch.objects.filter(
        organization=organization, file_hash=file_hash, state=c.BatchState.CONFIRMED
    ).exists()
    return Preview(batch=batch, ignored_columns=ignored, counts=counts, already_imported=already)


def _match_voucher(row, record, organization, fiscal_year, lookup) -> None:
    row.amount = record["amount"]
    existing = (
        Transaction.objects.filter(
            organization=organization,
            fiscal_year=fiscal_year,
            kind__in=[K.DISBURSEMENT, K.CLEARING],
        )
        .filter(number=record["number"])
        .first()
    )
    if existing is not None:
        row.transaction = existing
        row.our_amount = existing.amount
        row.budget_line_id = existing.budget_line_id
        if existing.amount == record["amount"]:
            row.status = S.MATCHED
        else:
            row.status = S.DIFFERENCE
            row.message = _("Phaen has %(ours)s, the finance system %(theirs)s.") % {
                "ours": thai.format_baht(existing.amount),
                "theirs": thai.format_baht(record["amount"]),
            }
        return
    line = lookup.line(record)
    if line is None:
        row.status = S.UNMATCHED
        row.message = _("No budget line has this budget code or project code.")
        return
    row.budget_line = line
    row.status = S.NEW


def _match_status(row, record, lookup) -> None:
    line = lookup.line(record)
    row.amount = record.get("disbursed")
    if line is None:
        row.status = S.UNMATCHED
        row.message = _("No budget line has this budget code or project code.")
        return
    row.budget_line = line
    balance = selectors.line_balance(line)
    row.our_amount = balance.spent
    differences = []
    if record.get("disbursed") is not None and record["disbursed"] != balance.spent:
        differences.append(
            _("disbursed: Phaen %(ours)s, finance system %(theirs)s")
            % {
                "ours": thai.format_baht(balance.spent),
                "theirs": thai.format_baht(record["disbursed"]),
            }
        )
    if record.get("approved") is not None and record["approved"] != line.amount:
        differences.append(
            _("approved: Phaen %(ours)s, finance system %(theirs)s")
            % {
                "ours": thai.format_baht(line.amount),
                "theirs": thai.format_baht(record["approved"]),
            }
        )
    row.status = S.DIFFERENCE if differences else S.MATCHED
    row.message = "; ".join(differences)


def _dry_run(batch: ImportBatch, by) -> list[Problem]:
    sid = transaction.savepoint()
    try:
        _apply(batch, by)
    except RowError as exc:
        return [exc.problem]
    finally:
        transaction.savepoint_rollback(sid)
    return []


class RowError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _apply(batch: ImportBatch, by) -> int:
    """Create the new records and confirm the matched ones; returns how many were created."""
    created = 0
    now = timezone.now()
    for row in batch.rows.select_related("budget_line__project__plan", "transaction"):
        if batch.kind != c.ImportKind.VOUCHERS:
            continue
        if row.status == S.NEW:
            data = row.data
            try:
                record = services.transaction_save(
                    manual=False,
                    by=by,
                    project=row.budget_line.project,
                    budget_line=row.budget_line,
                    kind=K.DISBURSEMENT,
                    number=data["number"],
                    date=dt.date.fromisoformat(data["date"]),
                    amount=Decimal(data["amount"]),
                    description=(data.get("description") or "")[:500],
                    payee=(data.get("payee") or "")[:255],
                    document_ref=" ".join(
                        v for v in (data.get("doc_type"), data.get("po_number")) if v
                    )[:100],
                    source=c.EntrySource.IMPORTED,
                    batch=batch,
                    confirmed_at=now,
                )
            except ValidationError as exc:
                message = "; ".join(
                    f"{m}"
                    for messages in getattr(exc, "message_dict", {"": exc.messages}).values()
                    for m in messages
                )
                raise RowError(Problem(row.row_number, _("row"), message)) from None
            row.transaction = record
            row.save(update_fields=["transaction"])
            created += 1
        elif row.status == S.MATCHED and row.transaction and row.transaction.confirmed_at is None:
            row.transaction.confirmed_at = now
            row.transaction._history_user = by
            row.transaction.save(update_fields=["confirmed_at", "updated_at"])
    return created


@transaction.atomic
def confirm(*, batch: ImportBatch, by) -> int:
    """Apply a previewed batch all at once. Returns the number of records created."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state != c.BatchState.PREVIEW:
        raise ValidationError(_("This import has already been confirmed."))
    # rows imported by another batch since the preview are duplicates now
    seen = set(
        ImportRow.objects.filter(
            batch__organization=batch.organization_id,
            batch__kind=batch.kind,
            batch__state=c.BatchState.CONFIRMED,
        ).values_list("row_hash", flat=True)
    )
    batch.rows.filter(row_hash__in=seen).update(status=S.DUPLICATE)
    try:
        created = _apply(batch, by)
    except RowError as exc:
        raise ImportRefused([exc.problem]) from None
    batch.state = c.BatchState.CONFIRMED
    batch.confirmed_by = by
    batch.confirmed_at = timezone.now()
    batch._history_user = by
    batch.save()
    return created


# --- resolving -----------------------------------------------------------------------------
def _resolved(row: ImportRow, by, text: str) -> ImportRow:
    row.status = S.RESOLVED
    row.resolved_by = by
    row.resolved_at = timezone.now()
    row.resolution = text[:300]
    row.save()
    return row


@transaction.atomic
def resolve_accept(*, row: ImportRow, by) -> ImportRow:
    """Accept the finance system's amount: a voucher difference corrects the transaction; a
    budget-status difference in disbursed money records an adjustment for the gap."""
    row = ImportRow.objects.select_related("batch", "transaction", "budget_line").get(pk=row.pk)
    if row.status != S.DIFFERENCE or row.batch.state != c.BatchState.CONFIRMED:
        raise ValidationError(_("Only a difference of a confirmed import can be accepted."))
    now = timezone.now()
    if row.batch.kind == c.ImportKind.VOUCHERS:
        record = row.transaction
        old = record.amount
        record = services.transaction_save(
            record=record, manual=False, by=by, amount=row.amount, confirmed_by=by, confirmed_at=now
        )
        text = _("Accepted the finance system's amount %(new)s (was %(old)s).") % {
            "new": thai.format_baht(row.amount),
            "old": thai.format_baht(old),
        }
    else:
        line = row.budget_line
        gap = (row.amount or ZERO) - selectors.line_balance(line).spent
        if gap:
            services.transaction_save(
                manual=False,
                by=by,
                project=line.project,
                budget_line=line,
                kind=K.ADJUSTMENT,
                number=f"ADJ-{row.batch_id}-{row.row_number}",
                date=min(
                    row.batch.created_at.date(),
                    thai.fiscal_year_range(line.project.plan.fiscal_year)[1],
                ),
                amount=gap,
                description=_("Adjusted to the finance system's budget status"),
                source=c.EntrySource.IMPORTED,
                batch=row.batch,
                confirmed_by=by,
                confirmed_at=now,
            )
        text = _("Adjusted by %(gap)s to the finance system's disbursed amount.") % {
            "gap": thai.format_baht(gap)
        }
    return _resolved(row, by, text)


@transaction.atomic
def resolve_link(*, row: ImportRow, record: Transaction, by) -> ImportRow:
    """Link an unmatched voucher row to the hand-entered transaction it is: the transaction
    takes the finance system's number and amount and counts as confirmed."""
    row = ImportRow.objects.select_related("batch").get(pk=row.pk)
    if row.status not in (S.UNMATCHED, S.DIFFERENCE) or row.batch.kind != c.ImportKind.VOUCHERS:
        raise ValidationError(_("Only an unmatched voucher row can be linked."))
    if record.organization_id != row.batch.organization_id:
        raise ValidationError({"transaction": _("Choose a transaction of this organisation.")})
    if row.batch.state != c.BatchState.CONFIRMED:
        raise ValidationError(_("Confirm the import first."))
    services.transaction_save(
        record=record,
        manual=False,
        by=by,
        number=row.data["number"],
        amount=row.amount,
        confirmed_by=by,
        confirmed_at=timezone.now(),
    )
    row.transaction = record
    return _resolved(row, by, _("Linked to %(record)s.") % {"record": record})


def unconfirmed_manual(organization, fiscal_year: int):
    """Hand-entered records waiting for an officer (the Phaen side of reconciliation)."""
    return Transaction.objects.filter(
        organization=organization,
        fiscal_year=fiscal_year,
        source=c.EntrySource.MANUAL,
        confirmed_at__isnull=True,
    ).select_related("project", "budget_line")
