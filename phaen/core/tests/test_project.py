"""Whole-project invariants: migrations are complete, Django's own commands still work."""

import io
import os

import pytest
from django.core.management import call_command

from phaen.accounts.models import User


@pytest.mark.django_db
def test_no_model_change_lacks_its_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # --check exits 1 when a migration is missing
        pytest.fail(f"missing migrations:\n{out.getvalue()} (exit {exc.code})")


@pytest.mark.django_db
def test_createsuperuser_noinput_keeps_working(monkeypatch):
    monkeypatch.setitem(os.environ, "DJANGO_SUPERUSER_PASSWORD", "a-long-enough-password-1")
    call_command(
        "createsuperuser",
        "--noinput",
        "--username",
        "boss",
        "--email",
        "boss@example.org",
        stdout=io.StringIO(),
    )
    boss = User.objects.get(username="boss")
    assert boss.is_superuser and boss.check_password("a-long-enough-password-1")
