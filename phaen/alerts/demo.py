"""Demo: each demo organisation's alert settings. Warnings themselves are computed from the
other apps' demo data (progress, money, indicator results); nothing else is stored."""

from __future__ import annotations

from decimal import Decimal

from phaen.alerts import services
from phaen.alerts.models import AlertSettings

SETTINGS = {
    # code: (staleness limit in days, disbursement shortfall tolerated %, days before a deadline)
    "SK-PMJ": (45, Decimal(10), 14),
    "SAO-NBT": (30, Decimal(15), 14),
    "NST-PEO": (45, Decimal(10), 21),
}


def load(ctx) -> None:
    for code, (stale_days, gap, near_days) in SETTINGS.items():
        organization = ctx.organizations.get(code)
        if organization is None:
            continue
        by = ctx.users.get("planner") if code == "SK-PMJ" else None
        services.settings_save(
            alert_settings=AlertSettings(
                organization=organization,
                stale_days=stale_days,
                disbursement_gap_pct=gap,
                near_days=near_days,
            ),
            by=by,
        )
