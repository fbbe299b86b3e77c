"""Schemathesis over the whole API: no generated request may cause a server error.

The schema is fetched from the WSGI application itself (as a client would), then every
operation is one pytest item, so pytest-xdist spreads them over the workers. Each runs
as a superuser (everything is visible and writable, so the deepest code paths run) on a
database holding the test world plus units, positions, people and appointments.

Requests go through Django's real WSGI handler on the test's own database connection;
Django would close that connection at each request's start and end (``close_old_connections``),
which inside the test transaction breaks PostgreSQL, so the fixture disconnects it the
way Django's test client does.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from phaen.api.tokens import api_token_create
from phaen.core import testing
from phaen.organizations.choices import Role

APP = WSGIHandler()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)

# Writes once more as an organisation admin, whose rights stop at their subtree: the
# paths that answer 403 or name an invisible object run too. Fuzzing only (the boundary
# cases of the coverage phase do not depend on the user and ran above).
admin_schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP).include(
    method=["POST", "PUT", "PATCH", "DELETE"]
)
admin_schema.config.phases.update(phases=["examples", "fuzzing"])


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def populated(world):
    unit = testing.Unit.objects.create(organization=world.own, code="U1", name_th="กลุ่มงานแผน")
    position = testing.make_position(world.own, unit=unit)
    person = testing.make_person(world.own, username="holder")
    testing.appoint(person, position)
    testing.make_position(world.child)
    return world


@pytest.fixture
def superuser_headers(populated):
    key = api_token_create(user=populated.superuser).key
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def admin_headers(populated):
    key = api_token_create(user=populated.role_users[Role.ORG_ADMIN]).key
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def same_connection():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    # the database is set up once per operation and shared by its examples, on purpose
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_it_never_answers_with_a_server_error(case, superuser_headers, same_connection):
    case.call_and_validate(headers=superuser_headers, checks=CHECKS)


@admin_schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_it_never_answers_an_org_admin_with_a_server_error(case, admin_headers, same_connection):
    case.call_and_validate(headers=admin_headers, checks=CHECKS)
