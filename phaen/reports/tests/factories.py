"""Organisations with units, positions and people for report tests (fictional people)."""

from __future__ import annotations

import datetime as dt

from phaen.core.testing import appoint, make_person
from phaen.organizations.models import Position, Unit


def populate_directory(
    org, *, units: int, positions_per_unit: int = 2, acting: bool = True, prefix: str = "U"
):
    """``units`` units (every second one nested under the previous), each with positions
    held by a person of ``org``; the first position of each unit is vacant when
    ``positions_per_unit`` > 1, and one holder per unit is acting (รักษาราชการแทน)."""
    created = []
    parent = None
    for i in range(units):
        unit = Unit.objects.create(
            organization=org,
            code=f"{prefix}{i:03d}",
            name_th=f"กลุ่มงานที่ {prefix}{i}",
            kind="group",
            parent=parent if i % 2 else None,
            sort_order=i,
        )
        parent = unit
        for j in range(positions_per_unit):
            position = Position.objects.create(
                organization=org,
                unit=unit,
                number=f"{prefix}{i}{j:02d}",
                title_th=f"นักวิเคราะห์นโยบายและแผน {i}-{j}",
                sort_order=j,
            )
            if j == 0 and positions_per_unit > 1:
                continue  # vacant
            person = make_person(org, first=f"บุคคล{prefix}{i}{j}")
            person.email = f"{prefix.lower()}{i}{j}@example.go.th"
            person.phone = f"0 2{i:03d} {j:04d}"
            person.save()
            kind = "acting" if acting and j == 1 else "regular"
            appoint(person, position, kind=kind, start=dt.date(2024, 10, 1))
        created.append(unit)
    return created
