"""The API's own pages: the endpoint list (API root) and the interactive docs."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import routers
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from phaen.api.language import RequestLanguageMixin
from phaen.api.schema import AutoSchema


class ApiRootView(RequestLanguageMixin, routers.APIRootView):
    """The endpoints of this API version, by name."""

    schema = AutoSchema()

    @extend_schema(
        operation_id="api_root",
        tags=["api"],
        responses=OpenApiResponse(
            response={
                "type": "object",
                "additionalProperties": {"type": "string", "format": "uri"},
            },
            description="Endpoint name → address of its list.",
        ),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class Router(routers.DefaultRouter):
    APIRootView = ApiRootView
    include_format_suffixes = False  # one address per resource; ?format=api for the browser


def docs(request):
    """Swagger UI over /api/v1/openapi.json, from vendored files (offices may be offline)."""
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})


class ApiView(RequestLanguageMixin, APIView):
    """Base of the API's views that are not viewsets (``me/``)."""

    schema = AutoSchema()


class SchemaView(RequestLanguageMixin, SpectacularJSONAPIView):
    """The OpenAPI description: public (no login, no token checked), in the client's
    language (field titles come from the models' translated names)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
