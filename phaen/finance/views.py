"""Pages of the finance app: the index (transactions of the current organisation and fiscal
year, with filters), recording and confirming transactions, the balance per project, the
S-curve per plan, imports (upload → preview → confirm), the column mapping, the
reconciliation page, transfers and carry-over money.

Every query starts from what the user may see; writes need the finance or planner role in
the organisation (``access.py``)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phaen.budget.models import BudgetSource, ExpenseCategory
from phaen.core.forms import add_service_errors
from phaen.finance import choices as c
from phaen.finance import forms, imports, selectors, services
from phaen.finance.access import WRITERS
from phaen.finance.charts import s_curve_svg
from phaen.finance.filters import TransactionFilter
from phaen.finance.models import CarryOver, ImportBatch, ImportRow, Transaction, Transfer
from phaen.organizations import access
from phaen.plans.models import AnnualPlan, BudgetLine, Project

ZERO = selectors.ZERO


def may_write(user, organization) -> bool:
    """Finance officers and planners of the organisation record money."""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or access.roles_in(user, organization) & WRITERS)


def _context(request):
    org = request.organization
    if org is None:
        raise Http404
    return org, request.fiscal_year


def _require_write(request, org) -> None:
    if not may_write(request.user, org):
        raise PermissionDenied(
            _("Only finance officers and planners of the organisation record money.")
        )


def _crumbs(*extra):
    return [{"label": _("Finance"), "url": reverse("finance:index")}] + [
        {"label": label, "url": url} for label, url in extra
    ]


@login_required
def index(request):
    org, fy = _context(request)
    projects = selectors.projects_in_force(org, fy)
    visible = selectors.transactions_for(org, fy, request.user)
    filterset = TransactionFilter(
        request.GET or None,
        queryset=visible,
        projects=Project.objects.filter(pk__in=[p.pk for p in projects]).select_related("plan"),
    )
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    totals = {k: ZERO for k in c.TransactionKind.values}
    for row in visible.order_by().values("kind").annotate(total=Sum("amount")):
        totals[row["kind"]] = row["total"]
    plans = selectors.plans_in_force(org, fy)
    return render(
        request,
        "finance/index.html",
        {
            "filter": filterset,
            "transactions": rows[:500],
            "count": rows.count(),
            "totals": totals,
            "spent": totals["disbursement"] + totals["clearing"] + totals["adjustment"],
            "uncleared": totals["advance"] - totals["clearing"],
            "waiting": visible.filter(confirmed_at__isnull=True).count(),
            "plans": plans,
            "can_write": may_write(request.user, org),
            "due_advances": selectors.advances_due(org, timezone.localdate()),
            "breadcrumbs": [{"label": _("Finance"), "url": None}],
        },
    )


def _transaction(request, pk, action="view") -> Transaction:
    record = get_object_or_404(
        Transaction.objects.for_user(request.user, "view").select_related(
            "project__plan", "budget_line"
        ),
        pk=pk,
    )
    if action != "view" and not access.can(request.user, action, record):
        raise PermissionDenied(_("You may not change this record."))
    return record


@login_required
def transaction_form(request, pk=None):
    org, fy = _context(request)
    record = _transaction(request, pk, "change") if pk else None
    if record is None:
        _require_write(request, org)
    projects = selectors.projects_in_force(org, record.fiscal_year if record else fy)
    project_ids = [p.pk for p in projects]
    if record is not None and record.project_id not in project_ids:
        project_ids.append(record.project_id)
    scope = Project.objects.filter(pk__in=project_ids)
    form = forms.TransactionForm(request.POST or None, instance=record, projects=scope)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["project"] = data["budget_line"].project
        try:
            saved = services.transaction_save(record=record, by=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Saved: %(record)s. It waits for an officer's confirmation.") % {"record": saved},
            )
            return redirect("finance:index")
    return render(
        request,
        "finance/transaction_form.html",
        {
            "form": form,
            "record": record,
            "breadcrumbs": _crumbs(
                (_("Record a transaction") if record is None else str(record), None)
            ),
        },
    )


@require_POST
@login_required
def transaction_confirm(request, pk):
    record = _transaction(request, pk, "confirm")
    services.transaction_confirm(record=record, by=request.user)
    messages.success(request, _("Confirmed: %(record)s.") % {"record": record})
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("finance:index")
    return redirect(target)


@login_required
def balances(request):
    org, fy = _context(request)
    projects = list(
        selectors.projects_in_force(org, fy).filter(
            pk__in=Project.objects.for_user(request.user, "view").values("pk")
        )
    )
    spent = selectors.spent_by_project(projects)
    rows = []
    for project in projects:
        planned = sum((line.amount for line in project.budget_lines.all()), ZERO)
        rows.append(
            {
                "project": project,
                "planned": planned,
                "spent": spent[project.pk],
                "left": planned - spent[project.pk],
            }
        )
    return render(
        request,
        "finance/balances.html",
        {
            "rows": rows,
            "total_planned": sum((r["planned"] for r in rows), ZERO),
            "total_spent": sum((r["spent"] for r in rows), ZERO),
            "breadcrumbs": _crumbs((_("Balances per project"), None)),
        },
    )


@login_required
def project_balance(request, pk):
    project = get_object_or_404(
        Project.objects.for_user(request.user, "view").select_related("plan__organization"), pk=pk
    )
    balance = selectors.project_balance(project)
    transactions = (
        Transaction.objects.for_user(request.user, "view")
        .filter(selectors.lineage_q([project]))
        .select_related("budget_line__category", "confirmed_by")
    )
    return render(
        request,
        "finance/project_balance.html",
        {
            "project": project,
            "balance": balance,
            "transactions": transactions,
            "carry_overs": CarryOver.objects.for_user(request.user, "view").filter(
                budget_line__project__lineage=project.lineage
            ),
            "breadcrumbs": _crumbs(
                (_("Balances per project"), reverse("finance:balances")), (project.name, None)
            ),
        },
    )


@login_required
def plan_s_curve(request, pk):
    plan = get_object_or_404(
        AnnualPlan.objects.for_user(request.user, "view").select_related("organization"), pk=pk
    )
    source = request.GET.get("source") or None
    category = request.GET.get("category") or None
    if (source and not source.isdigit()) or (category and not category.isdigit()):
        raise Http404
    projects = plan.projects.all()
    points = selectors.s_curve(projects, plan.fiscal_year, source=source, category=category)
    split = selectors.s_curves(
        projects, plan.fiscal_year, group="out_of_plan", source=source, category=category
    )
    targets = selectors.disbursement_vs_target(projects, plan.fiscal_year)
    total = points[-1].cumulative_planned
    return render(
        request,
        "finance/s_curve.html",
        {
            "plan": plan,
            "points": points,
            "svg": s_curve_svg(points, get_language() or "th"),
            "in_plan": split.get(False),
            "out_of_plan": split.get(True),
            "targets": targets,
            "total": total,
            "sources": BudgetSource.objects.order_by("sort_order"),
            "categories": ExpenseCategory.objects.filter(parent__isnull=True).order_by(
                "scope", "sort_order", "code"
            ),
            "source": source,
            "category": category,
            "breadcrumbs": _crumbs((plan.title, None)),
        },
    )


# --- imports -------------------------------------------------------------------------------
@login_required
def import_upload(request):
    org, fy = _context(request)
    _require_write(request, org)
    form = forms.ImportUploadForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = imports.preview(
                organization=org,
                fiscal_year=fy,
                kind=form.cleaned_data["kind"],
                file_name=upload.name,
                content=upload.read(),
                by=request.user,
            )
        except imports.ImportRefused as exc:
            problems = exc.problems
        else:
            return redirect("finance:import_detail", pk=preview.batch.pk)
    return render(
        request,
        "finance/import_upload.html",
        {
            "form": form,
            "problems": problems,
            "batches": ImportBatch.objects.for_user(request.user).filter(
                organization=org, fiscal_year=fy
            )[:20],
            "breadcrumbs": _crumbs((_("Import from the finance system"), None)),
        },
    )


def _batch(request, pk, action="view") -> ImportBatch:
    batch = get_object_or_404(ImportBatch.objects.for_user(request.user, "view"), pk=pk)
    if action != "view" and not access.can(request.user, action, batch):
        raise PermissionDenied(_("You may not change this import."))
    return batch


@login_required
def import_detail(request, pk):
    batch = _batch(request, pk)
    rows = list(batch.rows.select_related("transaction", "budget_line__project"))
    counts = {s: 0 for s in c.RowStatus.values}
    for row in rows:
        counts[row.status] += 1
    return render(
        request,
        "finance/import_detail.html",
        {
            "batch": batch,
            "rows": rows,
            "counts": counts,
            "status_labels": dict(c.RowStatus.choices),
            "can_confirm": batch.state == c.BatchState.PREVIEW
            and access.can(request.user, "confirm", batch),
            "already": ImportBatch.objects.filter(
                organization=batch.organization_id,
                file_hash=batch.file_hash,
                state=c.BatchState.CONFIRMED,
            )
            .exclude(pk=batch.pk)
            .first(),
            "breadcrumbs": _crumbs(
                (_("Import from the finance system"), reverse("finance:import_upload")),
                (batch.file_name, None),
            ),
        },
    )


@require_POST
@login_required
def import_confirm(request, pk):
    batch = _batch(request, pk, "confirm")
    try:
        created = imports.confirm(batch=batch, by=request.user)
    except imports.ImportRefused as exc:
        for problem in exc.problems:
            messages.error(request, str(problem))
        return redirect("finance:import_detail", pk=batch.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("finance:import_detail", pk=batch.pk)
    messages.success(request, _("Import confirmed: %(n)s new records.") % {"n": created})
    return redirect("finance:reconciliation")


@login_required
def mapping(request, kind):
    org, _fy = _context(request)
    _require_write(request, org)
    if kind not in c.ImportKind.values:
        raise Http404
    form = forms.MappingForm(
        request.POST or None, kind=kind, initial_columns=imports.mapping_for(org, kind)
    )
    if request.method == "POST" and form.is_valid():
        imports.mapping_save(
            organization=org, kind=kind, columns=form.cleaned_data, by=request.user
        )
        messages.success(request, _("Column mapping saved."))
        return redirect("finance:import_upload")
    return render(
        request,
        "finance/mapping.html",
        {
            "form": form,
            "kind_label": dict(c.ImportKind.choices)[kind],
            "breadcrumbs": _crumbs(
                (_("Import from the finance system"), reverse("finance:import_upload")),
                (_("Column mapping"), None),
            ),
        },
    )


@login_required
def reconciliation(request):
    org, fy = _context(request)
    open_rows = (
        ImportRow.objects.for_user(request.user)
        .filter(
            batch__organization=org,
            batch__fiscal_year=fy,
            batch__state=c.BatchState.CONFIRMED,
            status__in=[c.RowStatus.DIFFERENCE, c.RowStatus.UNMATCHED],
        )
        .select_related("batch", "transaction", "budget_line__project")
    )
    counts = dict.fromkeys(c.RowStatus.values, 0)
    for status in (
        ImportRow.objects.for_user(request.user)
        .filter(batch__organization=org, batch__fiscal_year=fy, batch__state=c.BatchState.CONFIRMED)
        .values_list("status", flat=True)
    ):
        counts[status] += 1
    waiting = imports.unconfirmed_manual(org, fy).filter(
        pk__in=Transaction.objects.for_user(request.user).values("pk")
    )
    return render(
        request,
        "finance/reconciliation.html",
        {
            "open_rows": open_rows,
            "counts": counts,
            "waiting": waiting,
            "candidates": list(
                waiting.filter(
                    kind__in=[c.TransactionKind.DISBURSEMENT, c.TransactionKind.CLEARING]
                )
            ),
            "can_write": may_write(request.user, org),
            "breadcrumbs": _crumbs((_("Reconciliation"), None)),
        },
    )


@require_POST
@login_required
def row_resolve(request, pk):
    row = get_object_or_404(ImportRow.objects.for_user(request.user).select_related("batch"), pk=pk)
    if not access.can(request.user, "confirm", row):
        raise PermissionDenied(_("You may not resolve this row."))
    try:
        if request.POST.get("action") == "link":
            record = get_object_or_404(
                Transaction.objects.for_user(request.user, "change"),
                pk=request.POST.get("transaction") or 0,
            )
            imports.resolve_link(row=row, record=record, by=request.user)
        else:
            imports.resolve_accept(row=row, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Row %(n)s resolved.") % {"n": row.row_number})
    return redirect("finance:reconciliation")


# --- transfers and carry-over --------------------------------------------------------------
@login_required
def transfers(request):
    org, fy = _context(request)
    form = None
    if may_write(request.user, org):
        projects = selectors.projects_in_force(org, fy)
        form = forms.TransferForm(request.POST or None, projects=projects)
        if request.method == "POST" and form.is_valid():
            try:
                services.transfer_create(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Transfer recorded; it waits for its approval."))
                return redirect("finance:transfers")
    elif request.method == "POST":
        raise PermissionDenied
    rows = (
        Transfer.objects.for_user(request.user)
        .filter(organization=org, fiscal_year=fy)
        .select_related("from_line__project", "to_line__project", "decided_by")
    )
    return render(
        request,
        "finance/transfers.html",
        {
            "transfers": rows,
            "form": form,
            "can_approve": access.can_in_org(request.user, "approve", org),
            "decision_form": forms.TransferDecisionForm(),
            "breadcrumbs": _crumbs((_("Budget transfers"), None)),
        },
    )


@require_POST
@login_required
def transfer_decide(request, pk):
    transfer = get_object_or_404(Transfer.objects.for_user(request.user), pk=pk)
    if not access.can(request.user, "approve", transfer):
        raise PermissionDenied(_("Only an executive of the organisation decides transfers."))
    form = forms.TransferDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.transfer_decide(transfer=transfer, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Decision recorded."))
    return redirect("finance:transfers")


@login_required
def carry_overs(request):
    org, fy = _context(request)
    form = None
    if may_write(request.user, org):
        lines = BudgetLine.objects.filter(
            project__plan__organization=org, project__plan__fiscal_year__in=[fy - 1, fy]
        )
        form = forms.CarryOverForm(request.POST or None, lines=lines)
        if request.method == "POST" and form.is_valid():
            try:
                services.carry_over_save(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Carry-over money recorded."))
                return redirect("finance:carry_overs")
    elif request.method == "POST":
        raise PermissionDenied
    today = timezone.localdate()
    rows = (
        CarryOver.objects.for_user(request.user)
        .filter(organization=org)
        .select_related("budget_line__project__plan")
    )
    return render(
        request,
        "finance/carry_overs.html",
        {
            "rows": rows,
            "form": form,
            "today": today,
            "soon": today + dt.timedelta(days=30),
            "breadcrumbs": _crumbs((_("Carry-over money"), None)),
        },
    )
