"""The organisation and fiscal-year switchers: their choices and the rules for a switch."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from phaen.core.thai import fiscal_year
from phaen.organizations.models import Organization

# The switcher shows at most this many organisations; the organisation list (with its
# search) reaches the rest.
SWITCHER_LIMIT = 100
# Fiscal years offered around the current one: the past years still being reported on,
# and the next year being planned.
YEARS_BACK = 4
YEARS_AHEAD = 1


@dataclass(frozen=True)
class SwitcherChoice:
    organization: Organization
    indent: int


@dataclass(frozen=True)
class SwitcherOrganizations:
    choices: list[SwitcherChoice]
    has_more: bool

    def __iter__(self):
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)


def switcher_organizations(request) -> SwitcherOrganizations:
    """Organisations the user may work in, in tree order, indented by depth. One query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return SwitcherOrganizations([], False)
    rows = list(
        Organization.objects.for_user(user, "view")
        .filter(is_active=True)
        .only("pk", "name_th", "name_en", "depth", "path")
        .order_by("path")[: SWITCHER_LIMIT + 1]
    )
    has_more = len(rows) > SWITCHER_LIMIT
    rows = rows[:SWITCHER_LIMIT]
    top = min((org.depth for org in rows), default=0)
    return SwitcherOrganizations([SwitcherChoice(org, org.depth - top) for org in rows], has_more)


def fiscal_year_choices(selected: int | None = None) -> list[int]:
    """Fiscal years (BE) the switcher offers, newest first; includes ``selected``."""
    current = fiscal_year(timezone.now())
    years = set(range(current - YEARS_BACK, current + YEARS_AHEAD + 1))
    if selected:
        years.add(selected)
    return sorted(years, reverse=True)


def is_allowed_fiscal_year(value: int) -> bool:
    current = fiscal_year(timezone.now())
    return current - YEARS_BACK <= value <= current + YEARS_AHEAD
