"""Every error answer has one shape, names the bad fields and speaks the client's language."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from rest_framework import exceptions
from rest_framework.test import APIClient, APIRequestFactory

from phaen.api.errors import exception_handler, flatten_errors
from phaen.api.testing import bearer_client, error_fields
from phaen.core.frozen import FrozenRecordError
from phaen.organizations.choices import Role
from phaen.organizations.models import Position, RoleAssignment, Unit


def handle(exc):
    request = APIRequestFactory().get("/api/v1/")
    with translation.override("en"):
        response = exception_handler(exc, {"request": request, "view": None})
        if response is not None:
            response.data = json.loads(json.dumps(response.data))  # evaluate lazy messages
        return response


def test_it_flattens_nested_and_list_errors_to_dotted_keys():
    detail = {
        "name_th": ["This field is required."],
        "budget_lines": [{}, {"amount": ["Too much."], "tags": {0: ["Bad tag."]}}],
        "non_field_errors": ["Whole object."],
        "__all__": ["From Django."],
    }
    assert flatten_errors(detail) == {
        "name_th": ["This field is required."],
        "budget_lines.1.amount": ["Too much."],
        "budget_lines.1.tags.0": ["Bad tag."],
        "non_field_errors": ["Whole object.", "From Django."],
    }


def test_it_answers_a_django_validation_error_with_its_fields():
    response = handle(DjangoValidationError({"end_date": ["Too early."], "__all__": ["No."]}))
    assert response.status_code == 400
    assert response.data == {
        "error": {
            "status": 400,
            "code": "invalid",
            "message": "Some fields are not valid.",
            "fields": {"end_date": ["Too early."], "non_field_errors": ["No."]},
        }
    }


def test_it_uses_the_message_of_an_error_about_the_whole_object():
    response = handle(exceptions.ValidationError("The plan is already announced."))
    assert response.data["error"]["message"] == "The plan is already announced."
    assert response.data["error"]["fields"] == {
        "non_field_errors": ["The plan is already announced."]
    }


def test_it_answers_a_frozen_record_with_409():
    response = handle(FrozenRecordError())
    assert response.status_code == 409
    assert response.data["error"]["code"] == "frozen"
    assert "fields" not in response.data["error"]


def test_it_never_names_the_model_in_a_404():
    from django.http import Http404

    response = handle(Http404("No Organization matches the given query."))
    assert response.data == {"error": {"status": 404, "code": "not_found", "message": "Not found."}}


def test_it_leaves_real_bugs_to_the_server_error_handler():
    assert handle(ZeroDivisionError()) is None


def test_it_names_the_fields_of_a_constraint_the_database_enforced(world):
    Unit.objects.create(organization=world.own, code="U", name_th="หน่วย")
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        Unit.objects.create(organization=world.own, code="U", name_th="ซ้ำ")
    response = handle(raised.value)
    assert response.status_code == 400
    assert set(response.data["error"]["fields"]) == {"organization", "code"}


def test_it_names_a_check_constraint_the_database_enforced(world):
    position = Position.objects.create(organization=world.own, title_th="ตำแหน่ง")
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        RoleAssignment.objects.create(
            organization=world.own, role=Role.VIEWER, position=position, person=world.planner.person
        )
    fields = handle(raised.value).data["error"]["fields"]
    assert fields == {
        "person": ["A role is given either to a person or to a position."],
        "position": ["A role is given either to a person or to a position."],
    }


def test_it_answers_an_unknown_api_path_with_json(db):
    response = APIClient().get("/api/v1/no-such-thing/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": {"status": 404, "code": "not_found", "message": "Not found."}
    }


def test_it_points_out_a_missing_trailing_slash(db):
    response = APIClient().get("/api/v1/organizations", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "/api/v1/organizations/" in response.json()["error"]["message"]


def test_it_answers_malformed_json_unsupported_bodies_and_methods_in_the_format(world):
    client = bearer_client(world.role_users[Role.ORG_ADMIN])
    response = client.post("/api/v1/units/", "{not json", content_type="application/json")
    assert (response.status_code, response.json()["error"]["code"]) == (400, "parse_error")
    response = client.post("/api/v1/units/", {"code": "X"})  # a form, not JSON
    assert (response.status_code, response.json()["error"]["code"]) == (
        415,
        "unsupported_media_type",
    )
    response = client.delete("/api/v1/units/")
    assert (response.status_code, response.json()["error"]["code"]) == (405, "method_not_allowed")
    assert not Unit.objects.exists()


def test_it_answers_in_the_language_the_client_asks_for(world):
    payload = {"organization": world.own.pk, "code": "", "name_th": {"not": "text"}}
    admin = world.role_users[Role.ORG_ADMIN]
    english = bearer_client(admin, language="en").post("/api/v1/units/", payload, format="json")
    thai = bearer_client(admin, language="th").post("/api/v1/units/", payload, format="json")
    assert english.json()["error"]["message"] == "Some fields are not valid."
    assert error_fields(english)["name_th"] == ["Not a valid string."]
    assert thai.json()["error"]["message"] == "ข้อมูลบางช่องไม่ถูกต้อง"
    assert error_fields(thai)["name_th"] == ["ต้องเป็นข้อความ"]
    assert thai["Content-Language"] == "th"


def test_it_answers_in_thai_when_the_client_does_not_say(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer wrong")
    assert client.get("/api/v1/organizations/").json()["error"]["message"] == "Token ไม่ถูกต้อง"
