"""Report "org-directory": an organisation's units, positions (with holders) and people.

Holders are the appointments current on the report's date (default: today, Bangkok);
acting appointments are marked (รักษาราชการแทน / รักษาการในตำแหน่ง) with their dates.
The number of queries does not depend on the number of units, positions or people.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from phaen.core.thai import format_thai_date
from phaen.organizations.choices import AppointmentKind, UnitKind
from phaen.organizations.models import Appointment, Organization, Person, Position, Unit
from phaen.reports.registry import Report, ReportError, register
from phaen.reports.renderers.styles import Column, new_sheet, write_table, write_title


@dataclass
class OrganizationInfo:
    code: str
    name: str
    name_th: str
    name_en: str
    short_name: str
    kind: str
    province: str
    parent_code: str
    parent_name: str
    address: str


@dataclass
class UnitRow:
    code: str
    name: str
    kind: str
    kind_label: str
    depth: int
    parent_code: str
    position_count: int


@dataclass
class Holder:
    name: str
    kind: str
    kind_label: str
    acting: bool
    mark: str  # "" for a regular holder, else "รักษาราชการแทน" / "รักษาการในตำแหน่ง"
    start_date: dt.date
    end_date: dt.date | None
    order_reference: str


@dataclass
class PositionRow:
    number: str
    title: str
    unit_code: str
    unit_name: str
    is_head: bool
    holders: list[Holder]


@dataclass
class HeldPosition:
    title: str
    number: str
    unit_name: str
    organization: str
    acting: bool
    mark: str


@dataclass
class PersonRow:
    name: str
    email: str
    phone: str
    positions: list[HeldPosition]


@dataclass
class Totals:
    units: int
    positions: int
    vacant_positions: int
    acting_appointments: int
    people: int


@dataclass
class OrgDirectory:
    organization: OrganizationInfo
    as_of: dt.date
    generated_at: dt.datetime
    units: list[UnitRow] = field(default_factory=list)
    positions: list[PositionRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    totals: Totals | None = None


def _acting_mark(kind: str) -> str:
    if kind == AppointmentKind.ACTING:
        return _("acting for")
    if kind == AppointmentKind.ACTING_IN_POSITION:
        return _("acting in the position")
    return ""


def _unit_tree(units: list[Unit]) -> list[tuple[Unit, int]]:
    """Units in tree order (parents before children, siblings by order and code)."""
    ids = {u.pk for u in units}
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in ids else None
        children.setdefault(parent, []).append(unit)
    ordered: list[tuple[Unit, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in sorted(children.get(parent, []), key=lambda u: (u.sort_order, u.code)):
            ordered.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered


def _holder(appointment: Appointment) -> Holder:
    return Holder(
        name=appointment.person.full_name,
        kind=appointment.kind,
        kind_label=str(AppointmentKind(appointment.kind).label),
        acting=appointment.kind != AppointmentKind.REGULAR,
        mark=_acting_mark(appointment.kind),
        start_date=appointment.start_date,
        end_date=appointment.end_date,
        order_reference=appointment.order_reference,
    )


def _organization_info(org: Organization) -> OrganizationInfo:
    return OrganizationInfo(
        code=org.code,
        name=org.name,
        name_th=org.name_th,
        name_en=org.name_en,
        short_name=org.short_name_th,
        kind=org.kind.name,
        province=str(org.province) if org.province_id else "",
        parent_code=org.parent.code if org.parent_id else "",
        parent_name=org.parent.name if org.parent_id else "",
        address=org.address,
    )


def build_org_directory(*, user, org_code: str, as_of: dt.date | None = None) -> OrgDirectory:
    """The directory of the organisation ``org_code`` as ``user`` may see it.

    Raises ``ReportError`` when the organisation does not exist or ``user`` may not view
    it (the same message for both, so the report does not reveal what exists).
    """
    on = as_of or timezone.localdate()
    org = (
        Organization.objects.for_user(user, "view")
        .select_related("kind", "province", "parent")
        .filter(code=org_code)
        .first()
    )
    if org is None:
        raise ReportError(
            _("There is no organisation with the code %(code)s that you may see.")
            % {"code": org_code}
        )
    current = Appointment.objects.for_user(user, "view").current(on).select_related("person")
    units = _unit_tree(list(Unit.objects.for_user(user, "view").filter(organization=org)))
    positions = list(
        Position.objects.for_user(user, "view")
        .filter(organization=org)
        .select_related("unit")
        .prefetch_related(
            Prefetch("appointments", current.order_by("kind", "start_date", "pk"), to_attr="now")
        )
    )
    people = list(
        Person.objects.for_user(user, "view")
        .filter(organization=org)
        .prefetch_related(
            Prefetch(
                "appointments",
                current.select_related("position__unit", "position__organization").order_by(
                    "position__sort_order", "pk"
                ),
                to_attr="now",
            )
        )
    )
    return _assemble(org, on, units, positions, people)


def _assemble(org, on, units, positions, people) -> OrgDirectory:
    unit_order = {unit.pk: index for index, (unit, _depth) in enumerate(units)}
    positions.sort(
        key=lambda p: (unit_order.get(p.unit_id, -1), not p.is_head, p.sort_order, p.title_th, p.pk)
    )
    per_unit: dict[int, int] = {}
    for position in positions:
        if position.unit_id is not None:
            per_unit[position.unit_id] = per_unit.get(position.unit_id, 0) + 1
    kinds = dict(UnitKind.choices)
    unit_codes = {unit.pk: unit.code for unit, _depth in units}
    directory = OrgDirectory(
        organization=_organization_info(org),
        as_of=on,
        generated_at=timezone.now(),
        units=[
            UnitRow(
                code=unit.code,
                name=unit.name,
                kind=unit.kind,
                kind_label=str(kinds[unit.kind]),
                depth=depth,
                parent_code=unit_codes.get(unit.parent_id, ""),
                position_count=per_unit.get(unit.pk, 0),
            )
            for unit, depth in units
        ],
        positions=[_position_row(p) for p in positions],
        people=[_person_row(person, org) for person in people],
    )
    directory.totals = Totals(
        units=len(directory.units),
        positions=len(directory.positions),
        vacant_positions=sum(1 for p in directory.positions if not p.holders),
        acting_appointments=sum(1 for p in directory.positions for h in p.holders if h.acting),
        people=len(directory.people),
    )
    return directory


def _position_row(position: Position) -> PositionRow:
    return PositionRow(
        number=position.number,
        title=position.title,
        unit_code=position.unit.code if position.unit_id else "",
        unit_name=position.unit.name if position.unit_id else "",
        is_head=position.is_head,
        holders=[_holder(a) for a in position.now],
    )


def _person_row(person: Person, org: Organization) -> PersonRow:
    return PersonRow(
        name=person.full_name,
        email=person.email,
        phone=person.phone,
        positions=[
            HeldPosition(
                title=a.position.title,
                number=a.position.number,
                unit_name=a.position.unit.name if a.position.unit_id else "",
                organization=""
                if a.position.organization_id == org.pk
                else a.position.organization.name,
                acting=a.kind != AppointmentKind.REGULAR,
                mark=_acting_mark(a.kind),
            )
            for a in person.now
        ],
    )


def _date_option(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            "give the date as YYYY-MM-DD (Common Era), e.g. 2024-10-01"
        ) from None


@register
class OrgDirectoryReport(Report):
    name = "org-directory"
    title = gettext_lazy("Organisation directory")
    description = gettext_lazy("Units, positions with their current holders, and people.")
    orientation = "portrait"
    typst_template = "org_directory.typ"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--org", required=True, metavar="CODE", help="Code of the organisation."
        )
        parser.add_argument(
            "--date",
            type=_date_option,
            metavar="YYYY-MM-DD",
            help="Show the holders on this date (default: today).",
        )

    def options_from_command(self, options: dict[str, Any], user) -> dict[str, Any]:
        as_of = options.get("date")
        return {"org": options["org"], "as_of": as_of.isoformat() if as_of else None}

    def options_for_organization(self, organization, fiscal_year: int | None) -> dict[str, Any]:
        return {"org": organization.code, "as_of": None}

    def build(self, *, user, org: str, as_of: str | None = None, **options: Any) -> OrgDirectory:
        return build_org_directory(
            user=user, org_code=org, as_of=dt.date.fromisoformat(as_of) if as_of else None
        )

    def heading(self, data: OrgDirectory) -> dict[str, Any]:
        return {"organization": data.organization.name, "fiscal_year": None}

    def filename(self, data: OrgDirectory, fmt: str) -> str:
        return f"{self.name}-{data.organization.code}-{data.as_of.isoformat()}.{fmt}"

    def labels(self) -> dict[str, str]:
        # A context of their own, so that another app's translation of "Units" or
        # "Code" never changes the printed documents.
        return {
            "organization": pgettext("report", "Organisation"),
            "code": pgettext("report", "Code"),
            "kind": pgettext("report", "Kind"),
            "province": pgettext("report", "Province"),
            "parent": pgettext("report", "Parent organisation"),
            "address": pgettext("report", "Address"),
            "as_of": pgettext("report", "Holders as of"),
            "units": pgettext("report", "Units"),
            "unit": pgettext("report", "Unit"),
            "positions": pgettext("report", "Positions"),
            "position_count": pgettext("report", "Positions"),
            "number": pgettext("report", "Position number"),
            "position": pgettext("report", "Position"),
            "holder": pgettext("report", "Holder"),
            "vacant": pgettext("report", "vacant"),
            "since": pgettext("report", "since"),
            "until": pgettext("report", "until"),
            "head": pgettext("report", "head"),
            "people": pgettext("report", "People"),
            "name": pgettext("report", "Full name"),
            "email": pgettext("report", "E-mail"),
            "phone": pgettext("report", "Telephone"),
            "summary": pgettext("report", "Summary"),
            "vacant_positions": pgettext("report", "Vacant positions"),
            "acting_appointments": pgettext("report", "Acting appointments"),
            "none": pgettext("report", "None recorded."),
        }

    def typst_data(self, data: OrgDirectory) -> dict[str, Any]:
        """The JSON document plus dates already written the Thai way (BE years)."""
        lang = get_language() or "th"
        doc = self.to_json(data)
        doc["as_of_text"] = format_thai_date(data.as_of, "long", lang=lang)
        for row, position in zip(doc["positions"], data.positions, strict=True):
            for holder, source in zip(row["holders"], position.holders, strict=True):
                holder["since_text"] = format_thai_date(source.start_date, "medium", lang=lang)
                holder["until_text"] = format_thai_date(source.end_date, "medium", lang=lang)
        return doc

    def xlsx(self, data: OrgDirectory, workbook) -> None:
        labels = self.labels()
        org = data.organization
        lang = get_language() or "th"
        as_of = f"{labels['as_of']} {format_thai_date(data.as_of, 'long', lang=lang)}"

        def sheet(title: str, columns: list[Column]):
            ws = new_sheet(workbook, title)
            row = write_title(
                ws, title=str(self.title), organization=org.name, extra=[as_of], width=len(columns)
            )
            return ws, row

        columns = [
            Column(labels["code"], 14),
            Column(labels["unit"], 45),
            Column(labels["kind"], 22),
            Column(labels["position_count"], 12, "int"),
        ]
        ws, row = sheet(labels["units"], columns)
        write_table(
            ws,
            columns=columns,
            start_row=row,
            rows=(
                [u.code, "    " * u.depth + u.name, u.kind_label, u.position_count]
                for u in data.units
            ),
        )

        columns = [
            Column(labels["unit"], 30),
            Column(labels["number"], 12),
            Column(labels["position"], 35),
            Column(labels["holder"], 30),
            Column(labels["kind"], 26),
            Column(labels["since"], 16),
            Column(labels["until"], 16),
        ]
        ws, row = sheet(labels["positions"], columns)
        write_table(ws, columns=columns, start_row=row, rows=self._position_rows(data, lang))

        columns = [
            Column(labels["name"], 32),
            Column(labels["position"], 50),
            Column(labels["email"], 30),
            Column(labels["phone"], 18),
        ]
        ws, row = sheet(labels["people"], columns)
        write_table(
            ws,
            columns=columns,
            start_row=row,
            rows=(
                [p.name, "\n".join(_held_text(h) for h in p.positions), p.email, p.phone]
                for p in data.people
            ),
        )

    def _position_rows(self, data: OrgDirectory, lang: str):
        vacant = self.labels()["vacant"]
        for p in data.positions:
            title = p.title
            if not p.holders:
                yield [p.unit_name, p.number, title, f"({vacant})", "", "", ""]
            for h in p.holders:
                yield [
                    p.unit_name,
                    p.number,
                    title,
                    h.name,
                    h.kind_label,
                    format_thai_date(h.start_date, "medium", lang=lang),
                    format_thai_date(h.end_date, "medium", lang=lang),
                ]


def _held_text(held: HeldPosition) -> str:
    text = held.title
    if held.unit_name:
        text += f" ({held.unit_name})"
    if held.organization:
        text += f", {held.organization}"
    if held.mark:
        text = f"{held.mark} {text}"
    return text
