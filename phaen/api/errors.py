"""One error format for the whole API.

Every error answer has the shape::

    {"error": {"status": 400, "code": "invalid", "message": "...",
               "fields": {"name_th": ["This field is required."],
                          "budget_lines.0.amount": ["..."]}}}

``fields`` is present only for validation errors; nested and list errors are flattened to
dotted keys, errors about the whole object are under ``non_field_errors``. Messages are
translated into the request's language (``Accept-Language``, via LocaleMiddleware).

Besides DRF's own exceptions, the handler turns into this format:

* Django ``ValidationError`` (from ``full_clean()`` in a service) → 400 naming the fields;
* ``IntegrityError`` (a constraint the validation did not catch, e.g. a race) → 400 naming
  the constraint's fields when they can be recognised;
* ``FrozenRecordError`` → 409 ``frozen``; ``ProtectedError`` / ``RestrictedError`` (deleting
  a record still in use) → 409 ``protected``;
* ``Http404`` → 404 with a generic message (never the model name) and Django's
  ``PermissionDenied`` → 403.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models
from django.db.models import Q
from django.db.models.deletion import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from phaen.api.language import activate_request_language
from phaen.core.frozen import FrozenRecordError


class Conflict(exceptions.APIException):
    """409: the request is valid but the record's state forbids it."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("The record cannot be changed in its current state.")
    default_code = "conflict"


def non_field_key() -> str:
    return api_settings.NON_FIELD_ERRORS_KEY


# --- Flattening ---------------------------------------------------------------------------
def flatten_errors(detail, prefix: str = "") -> dict[str, list[str]]:
    """Flatten DRF's nested error detail to ``{"a.0.b": ["message", ...]}``."""
    out: dict[str, list[str]] = {}
    _flatten_into(out, detail, prefix)
    return out


def _flatten_into(out: dict[str, list[str]], detail, prefix: str) -> None:
    if isinstance(detail, dict):
        for key, value in detail.items():
            key = non_field_key() if key == NON_FIELD_ERRORS else str(key)
            _flatten_into(out, value, f"{prefix}.{key}" if prefix else key)
        return
    if isinstance(detail, list | tuple):
        for index, item in enumerate(detail):
            if isinstance(item, dict | list | tuple):
                if item:  # a valid item of a list of objects reports {}
                    _flatten_into(out, item, f"{prefix}.{index}" if prefix else str(index))
            else:
                out.setdefault(prefix or non_field_key(), []).append(str(item))
        return
    out.setdefault(prefix or non_field_key(), []).append(str(detail))


def django_errors_to_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    """A Django ``ValidationError`` as ``{field: [messages]}`` (``__all__`` renamed)."""
    if hasattr(exc, "error_dict"):
        return {
            (non_field_key() if field == NON_FIELD_ERRORS else field): list(messages)
            for field, messages in exc.message_dict.items()
        }
    return {non_field_key(): list(exc.messages)}


# --- Constraints -------------------------------------------------------------------------
def constraint_fields(constraint: models.BaseConstraint) -> list[str]:
    """The model fields a constraint is about (for naming them in an error).

    Unique constraints name their ``fields``; for a check constraint these are the fields
    on the left-hand side of its condition's lookups (``end_date__gte=F("start_date")`` is
    about ``end_date``).
    """
    fields = list(getattr(constraint, "fields", ()) or ())
    if fields:
        return fields
    condition = getattr(constraint, "condition", None)
    if isinstance(condition, Q):
        return _q_fields(condition)
    return []


def _q_fields(q: Q) -> list[str]:
    names: list[str] = []
    for child in q.children:
        found = _q_fields(child) if isinstance(child, Q) else [child[0].split("__")[0]]
        names.extend(name for name in found if name not in names)
    return names


def constraint_message(constraint: models.BaseConstraint, fallback: Iterable[str]) -> list[str]:
    """The constraint's own ``violation_error_message`` if it has one, else ``fallback``."""
    custom = constraint.violation_error_message
    if custom and custom != constraint.default_violation_error_message:
        return [str(constraint.get_violation_error_message())]
    return [str(message) for message in fallback]


def _find_constraint(name: str | None, text: str):
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.name == name or re.search(rf"\b{re.escape(constraint.name)}\b", text):
                return model, constraint
    return None, None


def _fields_from_columns(table: str, columns: Iterable[str]) -> list[str]:
    for model in apps.get_models():
        if model._meta.db_table == table:
            by_column = {f.column: f.name for f in model._meta.concrete_fields}
            return [by_column[c] for c in columns if c in by_column]
    return []


def integrity_error_detail(exc: IntegrityError) -> dict[str, list[str]]:
    """Name the fields of the constraint an ``IntegrityError`` reports, when possible.

    Works from PostgreSQL's diagnostics (constraint and table names, "Key (a, b)=…") and
    SQLite's messages ("UNIQUE constraint failed: table.a, table.b", "CHECK constraint
    failed: name"); anything else is reported without fields.
    """
    text = str(exc)
    diag = getattr(exc.__cause__, "diag", None)
    generic = [_("This change conflicts with data already saved.")]
    _model, constraint = _find_constraint(getattr(diag, "constraint_name", None), text)
    if constraint is not None:
        message = constraint_message(constraint, generic)
        fields = constraint_fields(constraint) or [non_field_key()]
        return {field: list(message) for field in fields}
    fields: list[str] = []
    sqlite = re.search(r"UNIQUE constraint failed: (.+)$", text, re.M)
    if sqlite:
        pairs = [part.strip().split(".", 1) for part in sqlite.group(1).split(",")]
        if pairs and all(len(pair) == 2 for pair in pairs):
            fields = _fields_from_columns(pairs[0][0], [column for _table, column in pairs])
    postgres = re.search(r"Key \((.+?)\)=", text)
    if postgres and getattr(diag, "table_name", None):
        fields = _fields_from_columns(
            diag.table_name, [c.strip() for c in postgres.group(1).split(",")]
        )
    if fields and ("UNIQUE" in text or "duplicate key" in text):
        generic = [_("This value is already used.")]
    return {field: list(generic) for field in fields or [non_field_key()]}


# --- The handler ---------------------------------------------------------------------------
def _to_api_exception(exc: Exception) -> exceptions.APIException | None:
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, FrozenRecordError):
        return Conflict(detail=exc.message, code="frozen")
    if isinstance(exc, ProtectedError | RestrictedError):
        return Conflict(
            detail=_("This record is still used by other records and cannot be deleted."),
            code="protected",
        )
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(django_errors_to_detail(exc))
    if isinstance(exc, IntegrityError):
        return exceptions.ValidationError(integrity_error_detail(exc))
    if isinstance(exc, Http404):
        return exceptions.NotFound()  # never the model name Http404 may carry
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    return None


def _message_and_code(exc: exceptions.APIException) -> tuple[str, str]:
    detail = exc.detail
    if isinstance(exc, exceptions.ParseError):
        return _("The request body could not be read as JSON."), "parse_error"
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("This method is not allowed here."), "method_not_allowed"
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _("Send the request body as JSON (Content-Type: application/json)."), (
            "unsupported_media_type"
        )
    if isinstance(exc, exceptions.NotAcceptable):
        return _("The requested response format is not available; ask for JSON."), (
            "not_acceptable"
        )
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("Log in, or send an API token in the header Authorization: Bearer <token>."), (
            "not_authenticated"
        )
    if isinstance(detail, dict | list):
        flat = flatten_errors(detail)
        first = next(iter(flat.values()), [str(exc.default_detail)])
        return first[0], exc.default_code
    return str(detail), getattr(detail, "code", None) or exc.default_code


def error_body(
    status_code: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> dict:
    body: dict = {"status": status_code, "code": code, "message": message}
    if fields is not None:
        body["fields"] = fields
    return {"error": body}


def exception_handler(exc, context):
    """DRF's ``EXCEPTION_HANDLER``: every handled error in :func:`error_body`'s format."""
    api_exc = _to_api_exception(exc)
    if api_exc is None:
        return None  # a real bug: let it be a 500 and reach the logs
    response = drf_exception_handler(api_exc, context)  # headers, rollback
    if isinstance(api_exc, exceptions.ValidationError):
        fields = flatten_errors(api_exc.detail)
        only_general = set(fields) == {non_field_key()}
        message = fields[non_field_key()][0] if only_general else _("Some fields are not valid.")
        response.data = error_body(response.status_code, "invalid", message, fields)
    else:
        message, code = _message_and_code(api_exc)
        response.data = error_body(response.status_code, code, message)
    return response


@csrf_exempt
def not_found(request, *args, **kwargs):
    """JSON 404 for any path under the API that matches no endpoint."""
    activate_request_language(request)
    message = _("Not found.")
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            message = _("Not found. API addresses end with a slash: %(path)s") % {
                "path": request.path + "/"
            }
    return JsonResponse(
        error_body(404, "not_found", message), status=404, json_dumps_params={"ensure_ascii": False}
    )
