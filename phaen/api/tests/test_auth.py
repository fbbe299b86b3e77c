"""Who may call the API: Bearer tokens for programs, the session for the pages' own calls."""

from __future__ import annotations

from django.middleware.csrf import get_token
from rest_framework.test import APIClient

from phaen.api.testing import bearer_client
from phaen.api.tokens import api_token_create
from phaen.core.testing import PASSWORD
from phaen.organizations.choices import Role
from phaen.organizations.models import Unit


def test_it_accepts_a_bearer_token(world):
    response = bearer_client(world.planner).get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["username"] == world.planner.username


def test_it_refuses_a_wrong_token_in_the_error_format(world):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {
        "error": {"status": 401, "code": "authentication_failed", "message": "Invalid token."}
    }


def test_it_refuses_the_token_of_an_inactive_user(world):
    key = api_token_create(user=world.planner).key
    world.planner.is_active = False
    world.planner.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/me/").status_code == 401


def test_it_asks_anonymous_callers_to_authenticate(db):
    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/organizations/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert "Authorization: Bearer" in response.json()["error"]["message"]


def test_it_only_takes_the_bearer_keyword(world):
    key = api_token_create(user=world.planner).key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/me/").status_code == 401


def test_it_accepts_the_session_of_a_logged_in_user(world):
    client = APIClient()
    assert client.login(username=world.viewer.username, password=PASSWORD)
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 200
    assert {row["code"] for row in response.json()["results"]} == {"OWN", "CHILD"}


def test_it_requires_the_csrf_token_for_a_session_write(world):
    admin = world.role_users[Role.ORG_ADMIN]
    client = APIClient(enforce_csrf_checks=True)
    client.login(username=admin.username, password=PASSWORD)
    payload = {"organization": world.own.pk, "code": "U1", "name_th": "กลุ่มงาน"}
    response = client.post("/api/v1/units/", payload, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not Unit.objects.exists()

    page = client.get("/api/v1/me/")  # any response: the CSRF cookie comes with a token
    token = get_token(page.wsgi_request)
    client.cookies["csrftoken"] = token
    response = client.post("/api/v1/units/", payload, format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201
    assert Unit.objects.get().history.get().history_user == admin


def test_it_does_not_need_csrf_with_a_token(world):
    admin = world.role_users[Role.ORG_ADMIN]
    client = bearer_client(admin)
    client.handler.enforce_csrf_checks = True
    payload = {"organization": world.own.pk, "code": "U1", "name_th": "กลุ่มงาน"}
    assert client.post("/api/v1/units/", payload, format="json").status_code == 201
