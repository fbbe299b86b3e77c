"""The OpenAPI description: public, valid OpenAPI 3, warning-free and complete."""

from __future__ import annotations

import re

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient
from rest_framework.views import APIView

from phaen.api import errors
from phaen.api import views as api_views
from phaen.core.testing import PASSWORD

# Routes under /api/v1/ that are not API operations, each for a reason.
NOT_OPERATIONS = {
    "schema": "the OpenAPI description itself",
    "docs": "the HTML page that displays the description",
    "not_found": "the JSON 404 for every path that is not an endpoint",
}


@pytest.fixture
def served_schema(db):
    response = APIClient().get("/api/v1/openapi.json")  # no login, no token
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/")
    return response.json()


def test_it_serves_a_valid_openapi_3_description_without_login(served_schema):
    assert served_schema["openapi"].startswith("3.")
    validate_schema(served_schema)  # drf-spectacular's OpenAPI 3 JSON schema
    schemathesis.openapi.from_dict(served_schema).validate()  # and schemathesis's


def test_it_generates_the_description_without_any_warning():
    # drf-spectacular turns these into `check --deploy` warnings: there must be none.
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        SchemaGenerator().get_schema(request=None, public=True)
    assert dict(GENERATOR_STATS._warn_cache) == {}
    assert dict(GENERATOR_STATS._error_cache) == {}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def _template(route: str) -> str:
    """'^organizations/(?P<pk>[0-9]+)/$' or 'organizations/<int:pk>/' → 'organizations/{}/'."""
    route = re.sub(r"\(\?P<\w+>[^)]*\)|<(\w+:)?\w+>", "{}", route)
    return route.replace("^", "").replace("$", "")


def api_routes():
    """(path template, methods, URL name) of every route under /api/v1/."""
    api = next(p for p in get_resolver().url_patterns if str(p.pattern) == "api/v1/")
    for route, pattern in _routes(api.url_patterns):
        callback = pattern.callback
        cls = getattr(callback, "cls", None)
        if hasattr(callback, "actions"):  # a viewset route
            methods = {m for m in callback.actions if m in cls.http_method_names}
        elif cls is not None:
            methods = {m.lower() for m in cls().allowed_methods}
        else:
            methods = set()
        # HEAD and OPTIONS are implied (DRF even adds "head" to a route's actions once it
        # has served a GET) and not described as operations.
        methods -= {"head", "options"}
        yield "/api/v1/" + _template(route), methods, pattern.name, cls


def test_it_describes_every_api_route(served_schema):
    documented = {
        (re.sub(r"\{\w+\}", "{}", path), method)
        for path, operations in served_schema["paths"].items()
        for method in operations
    }
    seen_names, routed = set(), set()
    for path, methods, name, cls in api_routes():
        if name in NOT_OPERATIONS:
            seen_names.add(name)
            continue
        assert cls is not None and issubclass(cls, APIView), f"{path} is not a DRF view"
        assert methods, path
        for method in methods:
            assert (path, method) in documented, f"{method.upper()} {path} is not in the schema"
            routed.add((path, method))
    assert seen_names == set(NOT_OPERATIONS)
    assert routed == documented  # and the schema describes nothing that is not routed


def test_it_documents_the_error_format_on_every_operation(served_schema):
    components = served_schema["components"]
    assert "Error" in components["schemas"]
    for path, operations in served_schema["paths"].items():
        for method, operation in operations.items():
            codes = operation["responses"]
            assert "401" in codes, f"{method} {path}"
            if method in ("post", "put", "patch"):
                assert codes["400"] == {"$ref": "#/components/responses/ValidationError"}
            if "{id}" in path:
                assert codes["404"] == {"$ref": "#/components/responses/NotFound"}


def test_it_names_the_bearer_token_scheme(served_schema):
    schemes = served_schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["tokenAuth"].items()


def test_it_serves_the_docs_page_from_local_files_only(db):
    response = APIClient().get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-schema-url="/api/v1/openapi.json"' in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources), sources
    for path in (
        "api/vendor/swagger-ui/swagger-ui-bundle.js",
        "api/vendor/swagger-ui/swagger-ui.css",
        "api/docs.js",
    ):
        assert finders.find(path), path


def test_the_browsable_api_needs_no_cdn(world):
    client = APIClient()
    client.login(username=world.planner.username, password=PASSWORD)
    response = client.get("/api/v1/organizations/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    html = response.content.decode()
    assert "OWN" in html
    sources = re.findall(r'(?:src|href)="(https?:[^"]+)"', html)
    assert not [s for s in sources if "testserver" not in s], sources


def test_the_api_root_lists_the_endpoints(world):
    client = APIClient()
    client.force_authenticate(world.viewer)
    body = client.get("/api/v1/").json()
    assert body["organizations"] == "http://testserver/api/v1/organizations/"
    assert {"units", "positions", "people", "users", "work-plans"} <= set(body)
    assert api_views.Router.include_format_suffixes is False
    assert errors.not_found.csrf_exempt
