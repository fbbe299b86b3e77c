"""Reports through the API: the list of reports, and one report's JSON document built with
the caller's access (the same builder as the PDF and Excel files)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from phaen.api.serializers import MAX_ID
from phaen.api.views import ApiView
from phaen.reports.registry import ReportError, all_reports, get_report

REPORTS = inline_serializer(
    "Report",
    {
        "name": serializers.CharField(),
        "title": serializers.CharField(),
        "description": serializers.CharField(),
        "formats": serializers.ListField(child=serializers.CharField()),
    },
    many=True,
)


class ReportListView(ApiView):
    @extend_schema(responses=REPORTS, operation_id="reports_list")
    def get(self, request):
        return Response(
            [
                {
                    "name": r.name,
                    "title": str(r.title),
                    "description": str(r.description),
                    "formats": list(r.formats),
                }
                for r in all_reports()
            ]
        )


def _id(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    if not value.isdigit() or not 1 <= int(value) <= MAX_ID:
        raise exceptions.ValidationError({name: [_("Expected the number (id) of an object.")]})
    return int(value)


class ReportDataView(ApiView):
    @extend_schema(
        operation_id="reports_retrieve",
        parameters=[
            OpenApiParameter("plan", OpenApiTypes.INT, description="Plan id (plan reports)"),
            OpenApiParameter(
                "edition", OpenApiTypes.INT, description="Edition id (p01, p02; default the latest)"
            ),
            OpenApiParameter(
                "org", OpenApiTypes.STR, description="Organisation code (org-directory)"
            ),
            OpenApiParameter(
                "period",
                OpenApiTypes.STR,
                description="Follow-up reports: Q1…Q4, R6/R9/R12 or a Buddhist-Era month "
                "such as 2567-10 (default: the period containing today)",
            ),
            OpenApiParameter(
                "agreement", OpenApiTypes.INT, description="Agreement id (agreement-score)"
            ),
            OpenApiParameter(
                "assessment",
                OpenApiTypes.STR,
                enum=["self", "committee"],
                description="agreement-score: which assessment (default the committee's)",
            ),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, name: str):
        try:
            report = get_report(name)
        except KeyError:
            raise exceptions.NotFound() from None
        if "json" not in report.formats:
            raise exceptions.NotFound()
        options = {}
        for key in ("plan", "edition", "agreement"):
            value = _id(request, key)
            if value is not None:
                options[key] = value
        if request.query_params.get("org"):
            options["org"] = request.query_params["org"][:40]
        if request.query_params.get("period"):
            options["period"] = request.query_params["period"][:20]
        assessment = request.query_params.get("assessment")
        if assessment:
            if assessment not in ("self", "committee"):
                raise exceptions.ValidationError({"assessment": [_("Use “self” or “committee”.")]})
            options["assessment"] = assessment
        try:
            data = report.build(user=request.user, **options)
        except TypeError:  # a required option is missing
            raise exceptions.ValidationError(
                {"plan" if "plan" not in options else "org": [_("This parameter is required.")]}
            ) from None
        except ReportError as exc:
            raise exceptions.NotFound(str(exc)) from None
        except ValueError as exc:  # a period code that does not read
            raise exceptions.ValidationError({"period": [str(exc)]}) from None
        return Response(report.to_json(data))
