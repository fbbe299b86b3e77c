"""The demo organisations, units, positions, fictional people and one login per role.

Modelled on the seed documents (shared/seeds): a provincial social-development office
(Songkhla), a subdistrict administration, and a provincial education office with the
education agencies under it. The people are invented: any likeness is a coincidence.
Other apps add their demo data through their own ``demo.load(ctx)`` (see load_demo).
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from phaen.accounts.models import User
from phaen.organizations.choices import AppointmentKind, Role, UnitKind
from phaen.organizations.models import (
    Appointment,
    Organization,
    Person,
    Position,
    RoleAssignment,
    Unit,
)
from phaen.organizations.tree import organization_save

DEMO_PASSWORD = "phaen-demo"

FIRST_NAMES = [
    ("นาย", "สมชาย", "Somchai"),
    ("นางสาว", "กนกวรรณ", "Kanokwan"),
    ("นาย", "ธีรพงษ์", "Theerapong"),
    ("นาง", "อรอุมา", "Onuma"),
    ("นาย", "ปิยะพงษ์", "Piyapong"),
    ("นางสาว", "ณัฐธิดา", "Natthida"),
    ("นาย", "ชัยวัฒน์", "Chaiwat"),
    ("นางสาว", "พิมพ์ชนก", "Pimchanok"),
    ("นาย", "ศักดิ์ชัย", "Sakchai"),
    ("นาง", "จันทร์เพ็ญ", "Chanpen"),
    ("นาย", "อนุชา", "Anucha"),
    ("นางสาว", "รัตนาภรณ์", "Rattanaporn"),
    ("นาย", "วีระศักดิ์", "Weerasak"),
    ("นาง", "มณีรัตน์", "Maneerat"),
    ("นาย", "ประเสริฐ", "Prasert"),
    ("นางสาว", "สุภาพร", "Supaporn"),
    ("นาย", "ธนากร", "Thanakorn"),
    ("นางสาว", "ปวีณา", "Paweena"),
    ("นาย", "กิตติพัฒน์", "Kittipat"),
    ("นาง", "วิไลวรรณ", "Wilaiwan"),
    ("นาย", "ณรงค์ฤทธิ์", "Narongrit"),
    ("นางสาว", "ศิริพร", "Siriporn"),
    ("นาย", "พงศกร", "Pongsakorn"),
    ("นาง", "อัญชลี", "Anchalee"),
]
LAST_NAMES = [
    ("ศรีพัฒนากุล", "Sriphatthanakul"),
    ("บุญประเสริฐวงศ์", "Boonprasertwong"),
    ("ทองสุขเจริญ", "Thongsukcharoen"),
    ("แก้วมณีรัตน์", "Kaewmaneerat"),
    ("วงศ์สวัสดิ์ดี", "Wongsawatdee"),
    ("สายธารทอง", "Saithanthong"),
    ("พรหมสุวรรณเลิศ", "Promsuwanlert"),
    ("จันทร์แสงงาม", "Chansaengngam"),
    ("ชัยมงคลศรี", "Chaimongkolsri"),
    ("รักษ์ถิ่นไทย", "Rakthinthai"),
    ("นาคสวัสดิ์วงศ์", "Naksawatwong"),
    ("เพชรรุ่งอรุณ", "Phetrungarun"),
]

# (code, parent, kind, Thai name, English name, short name, province code)
ORGANIZATIONS = [
    (
        "MSDHS",
        None,
        "ministry",
        "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
        "Ministry of Social Development and Human Security",
        "พม.",
        "",
    ),
    (
        "MSDHS-OPS",
        "MSDHS",
        "department",
        "สำนักงานปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
        "Office of the Permanent Secretary, MSDHS",
        "สป.พม.",
        "",
    ),
    (
        "SK-PMJ",
        "MSDHS-OPS",
        "provincial_office",
        "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดสงขลา",
        "Songkhla Provincial Office of Social Development and Human Security",
        "พมจ.สงขลา",
        "90",
    ),
    (
        "SAO-NBT",
        None,
        "sao",
        "องค์การบริหารส่วนตำบลนาบัวทอง",
        "Na Bua Thong Subdistrict Administrative Organization",
        "อบต.นาบัวทอง",
        "54",
    ),
    ("MOE", None, "ministry", "กระทรวงศึกษาธิการ", "Ministry of Education", "ศธ.", ""),
    (
        "MOE-OPS",
        "MOE",
        "department",
        "สำนักงานปลัดกระทรวงศึกษาธิการ",
        "Office of the Permanent Secretary, Ministry of Education",
        "สป.ศธ.",
        "",
    ),
    (
        "NST-PEO",
        "MOE-OPS",
        "provincial_office",
        "สำนักงานศึกษาธิการจังหวัดนครศรีธรรมราช",
        "Nakhon Si Thammarat Provincial Education Office",
        "ศธจ.นครศรีธรรมราช",
        "80",
    ),
    (
        "NST-PESAO1",
        "NST-PEO",
        "regional_office",
        "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครศรีธรรมราช เขต 1",
        "Nakhon Si Thammarat Primary Educational Service Area Office 1",
        "สพป.นศ.1",
        "80",
    ),
    (
        "NST-SESAO",
        "NST-PEO",
        "regional_office",
        "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษานครศรีธรรมราช",
        "Nakhon Si Thammarat Secondary Educational Service Area Office",
        "สพม.นศ.",
        "80",
    ),
    (
        "NST-DLE",
        "NST-PEO",
        "school_or_agency",
        "สำนักงานส่งเสริมการเรียนรู้จังหวัดนครศรีธรรมราช",
        "Nakhon Si Thammarat Provincial Learning Promotion Office",
        "สกร.จังหวัดนครศรีธรรมราช",
        "80",
    ),
    (
        "NST-TECH",
        "NST-PEO",
        "school_or_agency",
        "วิทยาลัยเทคนิคนครศรีธรรมราช",
        "Nakhon Si Thammarat Technical College",
        "วท.นครศรีธรรมราช",
        "80",
    ),
]

# Units per organisation: (code, Thai name, English name, kind)
UNITS = {
    "SK-PMJ": [
        ("ADM", "กลุ่มอำนวยการ", "General Administration Group", UnitKind.GROUP),
        ("POL", "กลุ่มนโยบายและวิชาการ", "Policy and Academic Group", UnitKind.GROUP),
        ("WEL", "กลุ่มการพัฒนาสังคมและสวัสดิการ", "Social Development and Welfare Group", UnitKind.GROUP),
        ("NET", "กลุ่มการส่งเสริมและพัฒนาเครือข่าย", "Network Promotion Group", UnitKind.GROUP),
    ],
    "SAO-NBT": [
        ("PALAD", "สำนักปลัด", "Office of the Chief Administrator", UnitKind.OFFICE),
        ("FIN", "กองคลัง", "Finance Division", UnitKind.DIVISION),
        ("ENG", "กองช่าง", "Engineering Division", UnitKind.DIVISION),
        (
            "EDU",
            "กองการศึกษา ศาสนาและวัฒนธรรม",
            "Education, Religion and Culture Division",
            UnitKind.DIVISION,
        ),
        (
            "HEALTH",
            "กองสาธารณสุขและสิ่งแวดล้อม",
            "Public Health and Environment Division",
            UnitKind.DIVISION,
        ),
    ],
    "NST-PEO": [
        ("ADM", "กลุ่มอำนวยการ", "General Administration Group", UnitKind.GROUP),
        ("PLAN", "กลุ่มนโยบายและแผน", "Policy and Planning Group", UnitKind.GROUP),
        ("DEV", "กลุ่มพัฒนาการศึกษา", "Education Development Group", UnitKind.GROUP),
        ("PRIV", "กลุ่มส่งเสริมการศึกษาเอกชน", "Private Education Promotion Group", UnitKind.GROUP),
        ("HR", "กลุ่มบริหารงานบุคคล", "Personnel Administration Group", UnitKind.GROUP),
        (
            "SUP",
            "กลุ่มนิเทศ ติดตามและประเมินผล",
            "Supervision, Monitoring and Evaluation Group",
            UnitKind.GROUP,
        ),
    ],
    "NST-PESAO1": [("PLAN", "กลุ่มนโยบายและแผน", "Policy and Planning Group", UnitKind.GROUP)],
    "NST-SESAO": [("PLAN", "กลุ่มนโยบายและแผน", "Policy and Planning Group", UnitKind.GROUP)],
    "NST-DLE": [
        ("PLAN", "กลุ่มยุทธศาสตร์และการพัฒนา", "Strategy and Development Group", UnitKind.GROUP)
    ],
    "NST-TECH": [("PLAN", "งานวางแผนและงบประมาณ", "Planning and Budget Section", UnitKind.TASK)],
}

# Positions: (key, org, unit code, Thai title, English title, is head, supervisor key,
#             roles attached to the position, login username of its holder or None)
POSITIONS = [
    (
        "pmj-head",
        "SK-PMJ",
        None,
        "พัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดสงขลา",
        "Provincial Social Development Officer",
        True,
        None,
        [Role.EXECUTIVE],
        "executive",
    ),
    (
        "pmj-pol-head",
        "SK-PMJ",
        "POL",
        "หัวหน้ากลุ่มนโยบายและวิชาการ",
        "Head of Policy Group",
        False,
        "pmj-head",
        [Role.PLANNER],
        None,
    ),
    (
        "pmj-planner",
        "SK-PMJ",
        "POL",
        "นักวิเคราะห์นโยบายและแผนชำนาญการ",
        "Policy and Plan Analyst",
        False,
        "pmj-pol-head",
        [Role.PLANNER],
        "planner",
    ),
    (
        "pmj-dev1",
        "SK-PMJ",
        "WEL",
        "นักพัฒนาสังคมชำนาญการ",
        "Social Development Worker",
        False,
        "pmj-head",
        [Role.PROJECT_OWNER],
        "owner",
    ),
    (
        "pmj-dev2",
        "SK-PMJ",
        "NET",
        "นักพัฒนาสังคมปฏิบัติการ",
        "Social Development Worker",
        False,
        "pmj-head",
        [Role.PROJECT_OWNER],
        None,
    ),
    (
        "pmj-finance",
        "SK-PMJ",
        "ADM",
        "นักวิชาการเงินและบัญชีชำนาญการ",
        "Finance Officer",
        False,
        "pmj-head",
        [Role.FINANCE],
        "finance",
    ),
    (
        "pmj-supply",
        "SK-PMJ",
        "ADM",
        "เจ้าพนักงานพัสดุปฏิบัติงาน",
        "Procurement Officer",
        False,
        "pmj-head",
        [Role.FINANCE],
        None,
    ),
    (
        "pmj-admin",
        "SK-PMJ",
        "ADM",
        "นักจัดการงานทั่วไปชำนาญการ",
        "General Administration Officer",
        False,
        "pmj-head",
        [Role.ORG_ADMIN],
        "orgadmin",
    ),
    (
        "pmj-clerk",
        "SK-PMJ",
        "ADM",
        "เจ้าพนักงานธุรการปฏิบัติงาน",
        "Clerk",
        False,
        "pmj-head",
        [Role.VIEWER],
        "viewer",
    ),
    (
        "sao-mayor",
        "SAO-NBT",
        None,
        "นายกองค์การบริหารส่วนตำบลนาบัวทอง",
        "Chief Executive",
        True,
        None,
        [Role.EXECUTIVE],
        "lao.executive",
    ),
    (
        "sao-palad",
        "SAO-NBT",
        "PALAD",
        "ปลัดองค์การบริหารส่วนตำบล",
        "Chief Administrator",
        False,
        "sao-mayor",
        [Role.ORG_ADMIN, Role.COMMITTEE],
        None,
    ),
    (
        "sao-planner",
        "SAO-NBT",
        "PALAD",
        "นักวิเคราะห์นโยบายและแผนชำนาญการ",
        "Policy and Plan Analyst",
        False,
        "sao-palad",
        [Role.PLANNER],
        "lao.planner",
    ),
    (
        "sao-fin-head",
        "SAO-NBT",
        "FIN",
        "ผู้อำนวยการกองคลัง",
        "Director of Finance",
        False,
        "sao-palad",
        [Role.FINANCE],
        "lao.finance",
    ),
    (
        "sao-eng-head",
        "SAO-NBT",
        "ENG",
        "ผู้อำนวยการกองช่าง",
        "Director of Engineering",
        False,
        "sao-palad",
        [Role.PROJECT_OWNER],
        "lao.owner",
    ),
    (
        "sao-edu-head",
        "SAO-NBT",
        "EDU",
        "ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม",
        "Director of Education",
        False,
        "sao-palad",
        [Role.PROJECT_OWNER],
        None,
    ),
    (
        "peo-head",
        "NST-PEO",
        None,
        "ศึกษาธิการจังหวัดนครศรีธรรมราช",
        "Provincial Education Officer",
        True,
        None,
        [Role.EXECUTIVE],
        "edu.executive",
    ),
    (
        "peo-plan-head",
        "NST-PEO",
        "PLAN",
        "ผู้อำนวยการกลุ่มนโยบายและแผน",
        "Director of Policy and Planning",
        False,
        "peo-head",
        [Role.PLANNER],
        None,
    ),
    (
        "peo-planner",
        "NST-PEO",
        "PLAN",
        "นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ",
        "Senior Policy and Plan Analyst",
        False,
        "peo-plan-head",
        [Role.PLANNER],
        "edu.planner",
    ),
    (
        "peo-sup",
        "NST-PEO",
        "SUP",
        "ศึกษานิเทศก์ชำนาญการพิเศษ",
        "Education Supervisor",
        False,
        "peo-head",
        [Role.PROJECT_OWNER],
        None,
    ),
    (
        "peo-hr",
        "NST-PEO",
        "HR",
        "นักทรัพยากรบุคคลชำนาญการ",
        "Human Resources Officer",
        False,
        "peo-head",
        [Role.ORG_ADMIN],
        None,
    ),
    (
        "pesao1-planner",
        "NST-PESAO1",
        "PLAN",
        "นักวิเคราะห์นโยบายและแผนชำนาญการ",
        "Policy and Plan Analyst",
        False,
        None,
        [Role.PLANNER],
        "agency.planner",
    ),
    (
        "sesao-planner",
        "NST-SESAO",
        "PLAN",
        "นักวิเคราะห์นโยบายและแผนชำนาญการ",
        "Policy and Plan Analyst",
        False,
        None,
        [Role.PLANNER],
        None,
    ),
    (
        "dle-planner",
        "NST-DLE",
        "PLAN",
        "นักวิเคราะห์นโยบายและแผนปฏิบัติการ",
        "Policy and Plan Analyst",
        False,
        None,
        [Role.PLANNER],
        None,
    ),
    (
        "tech-planner",
        "NST-TECH",
        "PLAN",
        "ครูชำนาญการ (หัวหน้างานวางแผนและงบประมาณ)",
        "Teacher, head of planning",
        False,
        None,
        [Role.PLANNER],
        None,
    ),
]

# Roles given to persons directly (not through a position): committee members.
COMMITTEE_MEMBERS = [("SK-PMJ", "committee"), ("SAO-NBT", "lao.committee")]

DEMO_LOGINS = [
    # username, role shown, organisation code
    ("planner", Role.PLANNER, "SK-PMJ"),
    ("owner", Role.PROJECT_OWNER, "SK-PMJ"),
    ("finance", Role.FINANCE, "SK-PMJ"),
    ("executive", Role.EXECUTIVE, "SK-PMJ"),
    ("committee", Role.COMMITTEE, "SK-PMJ"),
    ("orgadmin", Role.ORG_ADMIN, "SK-PMJ"),
    ("viewer", Role.VIEWER, "SK-PMJ"),
    ("lao.planner", Role.PLANNER, "SAO-NBT"),
    ("lao.owner", Role.PROJECT_OWNER, "SAO-NBT"),
    ("lao.finance", Role.FINANCE, "SAO-NBT"),
    ("lao.executive", Role.EXECUTIVE, "SAO-NBT"),
    ("lao.committee", Role.COMMITTEE, "SAO-NBT"),
    ("edu.planner", Role.PLANNER, "NST-PEO"),
    ("edu.executive", Role.EXECUTIVE, "NST-PEO"),
    ("agency.planner", Role.PLANNER, "NST-PESAO1"),
]
SUPERUSER = "admin"


@dataclass
class DemoContext:
    """What the organisations demo created, for other apps' demo loaders."""

    organizations: dict[str, Organization] = field(default_factory=dict)
    units: dict[tuple[str, str], Unit] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)  # by login username
    users: dict[str, User] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)


def _names():
    for index in itertools.count():
        title, first_th, first_en = FIRST_NAMES[index % len(FIRST_NAMES)]
        last_th, last_en = LAST_NAMES[(index * 5 + index // len(FIRST_NAMES)) % len(LAST_NAMES)]
        yield title, first_th, first_en, last_th, last_en


def _person(ctx: DemoContext, names, org: Organization, username: str | None) -> Person:
    title, first_th, first_en, last_th, last_en = next(names)
    user = None
    if username:
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            first_name=first_en,
            last_name=last_en,
            email=f"{username}@example.org",
        )
        ctx.users[username] = user
    person = Person.objects.create(
        organization=org,
        title_th=title,
        first_name_th=first_th,
        last_name_th=last_th,
        first_name_en=first_en,
        last_name_en=last_en,
        email=f"{first_en.lower()}.{last_en[:3].lower()}@example.org",
        phone=f"0 7431 {1000 + len(ctx.people) + len(ctx.organizations):04d}",
        user=user,
    )
    if username:
        ctx.people[username] = person
    return person


def load(ctx: DemoContext) -> None:
    for code, parent, kind, name_th, name_en, short, province in ORGANIZATIONS:
        ctx.organizations[code], _ = organization_save(
            code=code,
            name_th=name_th,
            name_en=name_en,
            short_name_th=short,
            kind_code=kind,
            parent_code=parent,
            province=province or None,
        )
    for org_code, units in UNITS.items():
        for order, (code, name_th, name_en, kind) in enumerate(units, start=1):
            ctx.units[(org_code, code)] = Unit.objects.create(
                organization=ctx.organizations[org_code],
                code=code,
                name_th=name_th,
                name_en=name_en,
                kind=kind,
                sort_order=order,
            )
    names = _names()
    start = dt.date(ctx.today.year - 3, 10, 1)
    for order, (
        key,
        org_code,
        unit,
        title_th,
        title_en,
        head,
        supervisor,
        roles,
        login,
    ) in enumerate(POSITIONS, start=1):
        org = ctx.organizations[org_code]
        position = Position.objects.create(
            organization=org,
            unit=ctx.units.get((org_code, unit)) if unit else None,
            number=f"{org.pk:02d}-{order:03d}",
            title_th=title_th,
            title_en=title_en,
            is_head=head,
            supervisor=ctx.positions.get(supervisor),
            sort_order=order,
        )
        ctx.positions[key] = position
        for role in roles:
            RoleAssignment.objects.create(organization=org, role=role, position=position)
        holder = _person(ctx, names, org, login)
        Appointment.objects.create(
            position=position,
            person=holder,
            start_date=start,
            order_reference=f"คำสั่งที่ {order}/{start.year + 543}",
        )
    _transfers_and_acting(ctx, names)
    for org_code, login in COMMITTEE_MEMBERS:
        org = ctx.organizations[org_code]
        person = _person(ctx, names, org, login)
        RoleAssignment.objects.create(organization=org, role=Role.COMMITTEE, person=person)
    ctx.users[SUPERUSER] = User.objects.create_superuser(
        SUPERUSER, f"{SUPERUSER}@example.org", DEMO_PASSWORD
    )


def _transfers_and_acting(ctx: DemoContext, names) -> None:
    """A transfer (a predecessor's appointment ended) and an acting appointment."""
    head = ctx.positions["pmj-pol-head"]
    current = Appointment.objects.get(position=head)
    current.end_date = ctx.today - dt.timedelta(days=45)
    current.save()
    # The position is vacant; the planner acts for the head until a new head arrives.
    Appointment.objects.create(
        position=head,
        person=ctx.people["planner"],
        kind=AppointmentKind.ACTING,
        start_date=ctx.today - dt.timedelta(days=44),
        end_date=ctx.today + dt.timedelta(days=90),
        order_reference=f"คำสั่งที่ 88/{ctx.today.year + 543}",
    )
    # At the SAO, the engineering director transferred in after a predecessor left.
    eng = ctx.positions["sao-eng-head"]
    first = Appointment.objects.get(position=eng)
    predecessor_start = first.start_date
    first.start_date = ctx.today - dt.timedelta(days=200)
    first.save()
    predecessor = _person(ctx, names, ctx.organizations["SAO-NBT"], None)
    Appointment.objects.create(
        position=eng,
        person=predecessor,
        start_date=predecessor_start,
        end_date=ctx.today - dt.timedelta(days=201),
    )
