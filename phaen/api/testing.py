"""Helpers for API tests of every app."""

from __future__ import annotations

from rest_framework.test import APIClient

from phaen.api.tokens import api_token_create


def bearer_client(user, language: str = "en") -> APIClient:
    """A client that authenticates as ``user`` with a real API token, as integrations do.

    Each request then loads the user afresh (nothing is cached between requests), so
    query counts are those of production. Messages come in ``language``.
    """
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user).key}")
    return client


def error_fields(response) -> dict[str, list[str]]:
    """The ``fields`` of an error answer (asserting it is one)."""
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"].get("fields", {})
