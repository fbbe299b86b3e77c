"""Services for the organisation tree: create, update and move organisations.

Used by the ``create_organization`` command, the demo, the API and the pages alike.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from phaen.organizations.models import Organization, OrganizationKind, Province


def resolve_kind(code: str | None) -> OrganizationKind:
    if not code:
        return OrganizationKind.default()
    kind = OrganizationKind.objects.filter(code=code).first()
    if kind is None:
        known = ", ".join(OrganizationKind.objects.values_list("code", flat=True))
        raise ValidationError(
            {
                "kind": _("Unknown organisation kind %(kind)s (known: %(known)s)")
                % {"kind": code, "known": known}
            }
        )
    return kind


def resolve_province(value: str | None) -> Province | None:
    if not value:
        return None
    province = (
        Province.objects.filter(code=value).first()
        or Province.objects.filter(name_th=value).first()
        or Province.objects.filter(name_en__iexact=value).first()
    )
    if province is None:
        raise ValidationError({"province": _("Unknown province %(value)s") % {"value": value}})
    return province


@transaction.atomic
def organization_save(
    *,
    code: str,
    name_th: str,
    kind_code: str | None = None,
    parent_code: str | None = None,
    name_en: str = "",
    short_name_th: str = "",
    province: str | None = None,
    by=None,
) -> tuple[Organization, bool]:
    """Create the organisation ``code``, or update it if it exists. Returns (org, created)."""
    parent = None
    if parent_code:
        parent = Organization.objects.filter(code=parent_code).first()
        if parent is None:
            raise ValidationError(
                {"parent": _("Unknown parent organisation %(code)s") % {"code": parent_code}}
            )
    org = Organization.objects.filter(code=code).first()
    created = org is None
    if created:
        org = Organization(code=code)
    org.name_th = name_th
    if name_en or created:
        org.name_en = name_en
    if short_name_th or created:
        org.short_name_th = short_name_th
    if kind_code or created:
        org.kind = resolve_kind(kind_code)
    if parent_code or created:
        org.parent = parent
    if province or created:
        org.province = resolve_province(province)
    org.full_clean()
    org._history_user = by
    org.save()
    return org, created
