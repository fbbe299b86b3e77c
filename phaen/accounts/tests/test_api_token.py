"""``phaen create_api_token USERNAME``: the token alone on the last line, ready for scripts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def run(*args) -> list[str]:
    out = StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue().splitlines()


def authenticates(key: str) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client.get("/api/v1/me/").status_code == 200


def test_it_creates_a_token_and_prints_it_last(world):
    lines = run(world.planner.username)
    key = lines[-1]
    assert Token.objects.get(user=world.planner).key == key
    assert lines[0] == f"Created an API token for {world.planner.username}:"
    assert authenticates(key)


def test_it_keeps_an_existing_token(world):
    first = run(world.planner.username)[-1]
    again = run(world.planner.username)
    assert again[-1] == first
    assert "already has" in again[0]
    assert Token.objects.filter(user=world.planner).count() == 1


def test_it_rotates_the_token_on_request(world):
    old = run(world.planner.username)[-1]
    lines = run(world.planner.username, "--rotate")
    new = lines[-1]
    assert new != old
    assert lines[0].startswith("Replaced the API token")
    assert Token.objects.get(user=world.planner).key == new
    assert authenticates(new)
    assert not authenticates(old)


def test_it_fails_for_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user named 'nobody'") as raised:
        run("nobody")
    assert raised.value.returncode == 1  # the exit status of `phaen create_api_token`
    assert not Token.objects.exists()


def test_it_fails_for_an_inactive_user(world):
    world.viewer.is_active = False
    world.viewer.save()
    with pytest.raises(CommandError, match="inactive"):
        run(world.viewer.username)
    assert not Token.objects.exists()
