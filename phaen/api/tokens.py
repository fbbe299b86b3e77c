"""API tokens: one per user (DRF's authtoken), sent as ``Authorization: Bearer <token>``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from rest_framework.authtoken.models import Token


@dataclass(frozen=True)
class TokenResult:
    key: str
    created: bool  # a token was made (first one, or a rotation)
    rotated: bool  # an existing token was replaced and stops working


@transaction.atomic
def api_token_create(*, user, rotate: bool = False) -> TokenResult:
    """Give ``user`` an API token, keeping an existing one unless ``rotate``.

    Rotating deletes the old token first, so it stops working at once.
    """
    existing = Token.objects.select_for_update().filter(user=user).first()
    if existing is not None and not rotate:
        return TokenResult(key=existing.key, created=False, rotated=False)
    if existing is not None:
        existing.delete()
    token = Token.objects.create(user=user)
    return TokenResult(key=token.key, created=True, rotated=existing is not None)
