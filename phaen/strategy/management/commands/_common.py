"""Shared helpers of the strategy commands."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from phaen.accounts.models import User
from phaen.organizations import access
from phaen.organizations.models import Organization


def acting_user(username: str | None):
    """The user a command acts as (``--user``); without it, the command acts as an operator."""
    if not username:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Unknown or inactive user {username!r}")
    return user


def organization_for(code: str, user, capability: str = "view") -> Organization:
    org = Organization.objects.filter(code=code).first()
    if org is None or (user is not None and not access.can_in_org(user, "view", org)):
        raise CommandError(f"Unknown organisation {code!r}")
    if user is not None and not access.can_in_org(user, capability, org):
        raise CommandError(f"{user.username} may not {capability.replace('_', ' ')} in {code}")
    return org


def validation_lines(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "\n".join(f"{path}: {' '.join(msgs)}" for path, msgs in exc.message_dict.items())
    return "\n".join(exc.messages)
