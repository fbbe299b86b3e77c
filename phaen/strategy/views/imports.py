"""Importing a plan from a document (.txt/.docx), the Excel template or the exchange JSON:
upload → preview of the parsed tree (the document's text stays editable, so a misplaced
line can be fixed and checked again) → save. Nothing is saved before the last step."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from phaen.organizations import access
from phaen.strategy.forms import ImportForm, ImportTextForm
from phaen.strategy.services import plan_from_tree
from phaen.web.htmx import is_fragment


def _org(request):
    org = request.organization
    if org is None:
        raise Http404
    if not access.can_in_org(request.user, "edit_plans", org):
        raise PermissionDenied
    return org


def _crumbs():
    return [
        {"label": _("Strategic plans"), "url": reverse("strategy:plan_list")},
        {"label": _("Import"), "url": None},
    ]


def _parse_text(text: str):
    from phaen.strategy.importers.document import parse_plan_text

    result = parse_plan_text(text)
    return result.plan.to_dict(), list(result.unplaced)


def _read_upload(upload) -> tuple[str | None, dict | None]:
    """(document text, None) for .txt/.docx; (None, tree) for .json/.xlsx."""
    name = upload.name.lower()
    if name.endswith((".txt", ".docx")):
        from phaen.strategy.importers.document import read_document

        return read_document(upload, upload.name), None
    if name.endswith(".json"):
        try:
            tree = json.loads(upload.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationError(
                _("The file is not valid JSON: %(error)s") % {"error": exc}
            ) from None
        if not isinstance(tree, dict):
            raise ValidationError(_("The JSON must be an object with the plan's keys."))
        return None, tree
    if name.endswith(".xlsx"):
        from phaen.strategy.excel import ExcelImportError, workbook_to_tree

        try:
            return None, workbook_to_tree(upload)
        except ExcelImportError as exc:
            raise ValidationError([str(e) for e in exc.errors]) from None
    raise ValidationError(_("Use a .txt, .docx, .xlsx or .json file."))


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request):
    _org(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            text, tree = _read_upload(form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        except Exception as exc:  # the document reader's own error type
            form.add_error("file", str(exc))
        else:
            data = form.cleaned_data
            unplaced = []
            if text is not None:
                tree, unplaced = _parse_text(text)
            start = data["start_year"] or tree.get("start_year") or request.fiscal_year
            end = data["end_year"] or tree.get("end_year") or start + 4
            text_form = ImportTextForm(
                initial={
                    "text": text or "",
                    "start_year": start,
                    "end_year": end,
                    "kind": tree.get("kind") or data["kind"],
                    "title": tree.get("title", ""),
                }
            )
            return render(
                request,
                "strategy/import_preview.html",
                {
                    "text_form": text_form,
                    "tree": tree,
                    "unplaced": unplaced,
                    "has_text": text is not None,
                    "tree_json": json.dumps(tree, ensure_ascii=False),
                    "breadcrumbs": _crumbs(),
                },
            )
    return render(request, "strategy/import_upload.html", {"form": form, "breadcrumbs": _crumbs()})


@login_required
@require_POST
def plan_import_check(request):
    """Parse the (edited) text again and show the tree and the unplaced lines."""
    _org(request)
    text = request.POST.get("text", "")
    tree, unplaced = _parse_text(text)
    context = {"tree": tree, "unplaced": unplaced, "has_text": True}
    if is_fragment(request):
        return render(request, "strategy/_import_tree.html", context)
    form = ImportTextForm(request.POST)
    form.is_valid()
    return render(
        request,
        "strategy/import_preview.html",
        {**context, "text_form": form, "breadcrumbs": _crumbs()},
    )


@login_required
@require_POST
def plan_import_save(request):
    org = _org(request)
    form = ImportTextForm(request.POST)
    if request.POST.get("tree_json"):
        form.fields["text"].required = False
    tree, unplaced = ({}, [])
    if form.is_valid():
        data = form.cleaned_data
        if data["text"]:
            tree, unplaced = _parse_text(data["text"])
        else:
            tree = json.loads(request.POST["tree_json"])
        tree["kind"] = data["kind"]
        if data["title"]:
            tree["title"] = data["title"]
        try:
            plan = plan_from_tree(
                organization=org,
                tree=tree,
                start_year=data["start_year"],
                end_year=data["end_year"],
                by=request.user,
            )
        except ValidationError as exc:
            for path, errors in exc.message_dict.items() if hasattr(exc, "error_dict") else []:
                form.add_error(None, f"{path}: {' '.join(errors)}")
            if not hasattr(exc, "error_dict"):
                form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("The plan was imported as a draft. %(n)s line(s) were not placed.")
                % {"n": len(unplaced)},
            )
            return redirect("strategy:plan_detail", plan.pk)
    return render(
        request,
        "strategy/import_preview.html",
        {
            "text_form": form,
            "tree": tree,
            "unplaced": unplaced,
            "has_text": bool(request.POST.get("text")),
            "tree_json": request.POST.get("tree_json", ""),
            "breadcrumbs": _crumbs(),
        },
    )
