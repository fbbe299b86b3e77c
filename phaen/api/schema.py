"""OpenAPI description: the error format as reusable components on every operation.

Views built on :mod:`phaen.api.viewsets` use :class:`AutoSchema`; setting it as
``REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]`` gives every API view the same error answers.
"""

from __future__ import annotations

from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.permissions import AllowAny

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error answer of the API has this shape.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer", "description": "The HTTP status code."},
                "code": {
                    "type": "string",
                    "description": "Machine-readable reason: invalid, not_found, "
                    "permission_denied, not_authenticated, authentication_failed, frozen, "
                    "protected, parse_error, method_not_allowed …",
                },
                "message": {
                    "type": "string",
                    "description": "A sentence for people, in the request's language.",
                },
                "fields": {
                    "type": "object",
                    "description": "Validation errors only: messages per field. Nested fields "
                    "use dotted keys (budget_lines.0.amount); errors about the whole object "
                    "are under non_field_errors.",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["status", "code", "message"],
        }
    },
    "required": ["error"],
    "example": {
        "error": {
            "status": 400,
            "code": "invalid",
            "message": "Some fields are not valid.",
            "fields": {"name_th": ["This field is required."]},
        }
    },
}

# (component name, description) per status code.
ERROR_RESPONSES = {
    400: ("ValidationError", "Invalid input: `fields` names each bad field; nothing was saved."),
    401: ("NotAuthenticated", "No valid session or API token (Authorization: Bearer <token>)."),
    403: ("PermissionDenied", "The object is visible but the user may not do this to it."),
    404: ("NotFound", "No such object, or one the user may not see."),
    409: ("Conflict", "The record is approved/announced (frozen) or still in use (protected)."),
}


def error_response_refs(registry, codes) -> dict[str, dict]:
    """Register the error schema and responses in ``registry``; return refs per code."""
    error = ResolvedComponent(
        name="Error", type=ResolvedComponent.SCHEMA, object="phaen-error", schema=ERROR_SCHEMA
    )
    registry.register_on_missing(error)
    refs = {}
    for code in codes:
        name, description = ERROR_RESPONSES[code]
        response = ResolvedComponent(
            name=name,
            type=ResolvedComponent.RESPONSE,
            object=f"phaen-error-{code}",
            schema={
                "description": description,
                "content": {"application/json": {"schema": error.ref}},
            },
        )
        registry.register_on_missing(response)
        refs[str(code)] = response.ref
    return refs


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema plus the error answers each operation can give."""

    def error_codes(self, operation: dict) -> list[int]:
        public = any(issubclass(p, AllowAny) for p in self.view.permission_classes)
        codes: list[int] = []
        has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
        if self.method in ("POST", "PUT", "PATCH") or has_query:
            codes.append(400)
        if not public:
            codes += [401, 403]
        if "{" in self.path or has_query:
            codes.append(404)
        if self.method in ("PUT", "PATCH", "DELETE"):
            codes.append(409)
        return codes

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        for code, ref in error_response_refs(registry, self.error_codes(operation)).items():
            operation["responses"].setdefault(code, ref)
        return operation
