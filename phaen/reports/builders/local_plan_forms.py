"""Reports "p01" and "p02": the official forms ผ.01 and ผ.02 of a local development plan.

* ผ.01 (บัญชีสรุปโครงการพัฒนา): per strategy (ยุทธศาสตร์ = the plan's issue) and its work
  plans (แผนงาน), the number of projects and their budget for each year of the plan and
  for the whole period, with a รวมทั้งสิ้น row.
* ผ.02 (รายละเอียดโครงการพัฒนา): the projects grouped by strategy, แนวทางการพัฒนา and
  แผนงาน; above each group the linkage rows (ก. ยุทธศาสตร์ชาติ 20 ปี …), below it the
  totals per year.

Only the plan's own projects make the forms; projects from community plans (ผ.02/1) and
those passed to the district or province (ผ.02/2) are separate blocks with their own
totals, never added to the own totals. A project counts in a year when its budget that
year is above zero; the period's project count is the sum of the yearly counts.

The plan is read as it stood after an edition (default: its latest approved edition;
``edition=0``: the plan as first approved), through ``strategy.editions.projects_as_of``.
The columns of each form version are data (``reports/data/form_columns.csv``), as are the
linkage rows (``form_linkage.csv``); see ``reports/data/README.md``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy, pgettext
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from phaen.core.reference import read_csv
from phaen.core.thai import format_number
from phaen.reports.registry import Report, ReportError, register
from phaen.reports.renderers.styles import (
    BORDER,
    HEADER_FILL,
    HEADER_FONT,
    Column,
    new_sheet,
    write_table,
    write_title,
)
from phaen.strategy import choices as c
from phaen.strategy.editions import projects_as_of
from phaen.strategy.models import FrameworkItem, Issue, PlanEdition, StrategicPlan, Strategy

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
COLUMNS_FILE = DATA_DIR / "form_columns.csv"
LINKAGE_FILE = DATA_DIR / "form_linkage.csv"
CURRENT_VERSION = "2566"
P01, P02 = "ผ.01", "ผ.02"
CATEGORIES = (c.ProjectCategory.OWN, c.ProjectCategory.COMMUNITY, c.ProjectCategory.COORDINATION)
BLOCK_KEYS = {
    c.ProjectCategory.COMMUNITY: "community",
    c.ProjectCategory.COORDINATION: "coordination",
}
FORM_CODES = {  # official form numbers of the three blocks of ผ.02
    c.ProjectCategory.OWN: "ผ.02",
    c.ProjectCategory.COMMUNITY: "ผ.02/1",
    c.ProjectCategory.COORDINATION: "ผ.02/2",
}
ZERO = Decimal(0)


# --- layouts from data ------------------------------------------------------------------------
@dataclass
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Leaf:
    """A column that holds values: its key in form_columns.csv, its year (for the columns
    repeated per year), its kind (text, int or money) and its own header text."""

    key: str
    year: int | None
    kind: str
    header: str


@dataclass
class Layout:
    form: str
    version: str
    header: list[list[HeaderCell]]  # header rows, top first (cells with their spans)
    leaves: list[Leaf]


# leaf key -> (kind, needs a year)
P01_FIELDS = {
    "no": ("text", False),
    "strategy": ("text", False),
    "year.projects": ("int", True),
    "year.budget": ("money", True),
    "total.projects": ("int", False),
    "total.budget": ("money", False),
}
P02_FIELDS = {
    "no": ("text", False),
    "name": ("text", False),
    "objectives": ("text", False),
    "outputs": ("text", False),
    "budget.year": ("money", True),
    "budget.year.baht": ("money", True),
    "kpi": ("text", False),
    "expected_results": ("text", False),
    "unit": ("text", False),
}


def load_layout(form: str, version: str, years: list[int], fields: dict) -> Layout:
    """The columns of ``form`` in ``version`` for a plan of ``years`` (read from
    ``COLUMNS_FILE`` each time, so a corrected file applies without a restart)."""
    rows = [r for r in read_csv(COLUMNS_FILE) if r["form"] == form and r["version"] == version]
    if not rows:
        raise ReportError(
            pgettext("report", "The form %(form)s has no column set for version %(version)s.")
            % {"form": form, "version": version}
        )
    roots: list[dict] = []
    nodes: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: int(r["col_order"])):
        node = {"key": row["key"], "header": row["header_th"], "children": []}
        parent = row["key"].rpartition(".")[0]
        if parent and parent not in nodes:
            raise ReportError(
                pgettext("report", "Column %(key)s of form %(form)s comes before its parent.")
                % {"key": row["key"], "form": form}
            )
        (nodes[parent]["children"] if parent else roots).append(node)
        nodes[row["key"]] = node

    def expand(node: dict, year: int | None) -> list[dict]:
        if "{year}" in node["header"] and year is None:
            return [instance(node, y) for y in years]
        return [instance(node, year)]

    def instance(node: dict, year: int | None) -> dict:
        text = node["header"].replace("{year}", str(year or "")).replace("{years}", str(len(years)))
        children = [i for child in node["children"] for i in expand(child, year)]
        return {"key": node["key"], "year": year, "text": text, "children": children}

    tree = [i for node in roots for i in expand(node, None)]
    return _layout_from_tree(form, version, tree, fields)


def _layout_from_tree(form: str, version: str, tree: list[dict], fields: dict) -> Layout:
    def depth(inst: dict) -> int:
        return 1 + max((depth(ch) for ch in inst["children"]), default=0)

    def leaves_of(inst: dict) -> list[dict]:
        return (
            [inst]
            if not inst["children"]
            else [x for ch in inst["children"] for x in leaves_of(ch)]
        )

    tiers = max(depth(i) for i in tree)
    header: list[list[HeaderCell]] = [[] for _ in range(tiers)]

    def place(inst: dict, level: int) -> None:
        span = len(leaves_of(inst))
        rowspan = tiers - level if not inst["children"] else 1
        header[level].append(HeaderCell(inst["text"], colspan=span, rowspan=rowspan))
        for child in inst["children"]:
            place(child, level + 1)

    for inst in tree:
        place(inst, 0)
    leaves = []
    for inst in (x for i in tree for x in leaves_of(i)):
        if inst["key"] not in fields:
            raise ReportError(
                pgettext(
                    "report",
                    "Form %(form)s version %(version)s has a column %(key)s that the report "
                    "does not know.",
                )
                % {"form": form, "version": version, "key": inst["key"]}
            )
        kind, per_year = fields[inst["key"]]
        if per_year != (inst["year"] is not None):
            raise ReportError(
                pgettext("report", "Column %(key)s of form %(form)s: wrong use of {year}.")
                % {"key": inst["key"], "form": form}
            )
        leaves.append(Leaf(key=inst["key"], year=inst["year"], kind=kind, header=inst["text"]))
    return Layout(form=form, version=version, header=header, leaves=leaves)


@dataclass
class LinkageRow:
    framework: str  # Framework.code
    label: str  # "ก. ยุทธศาสตร์ชาติ 20 ปี"


def load_linkage(form: str, version: str) -> list[LinkageRow]:
    rows = [r for r in read_csv(LINKAGE_FILE) if r["form"] == form and r["version"] == version]
    return [
        LinkageRow(framework=r["framework"], label=r["label_th"])
        for r in sorted(rows, key=lambda r: int(r["row_order"]))
    ]


# --- the plan as of an edition ------------------------------------------------------------------
@dataclass
class PlanInfo:
    id: int
    title: str
    organization: str
    organization_code: str
    start_year: int
    end_year: int
    thai_digits: bool
    levels: tuple[str, str, str]  # the plan's labels: issue, goal, strategy


@dataclass
class EditionInfo:
    id: int
    kind: str
    kind_label: str
    number: int
    year: int
    status: str
    approved_on: Any  # date or None
    text: str  # "เพิ่มเติม ครั้งที่ 1/2567"


@dataclass
class _Loaded:
    plan: StrategicPlan
    edition: PlanEdition | None
    issues: list[Issue]
    projects: list  # PlanProject rows as of the edition, budgets prefetched


def edition_text(edition: PlanEdition) -> str:
    text = pgettext("report", "%(kind)s no. %(number)s/%(year)s") % {
        "kind": edition.get_kind_display(),
        "number": edition.number,
        "year": edition.year,
    }
    if edition.status != c.PlanStatus.APPROVED:
        text = pgettext("report", "%(edition)s (draft)") % {"edition": text}
    return text


def _edition_info(edition: PlanEdition | None) -> EditionInfo | None:
    if edition is None:
        return None
    return EditionInfo(
        id=edition.pk,
        kind=edition.kind,
        kind_label=edition.get_kind_display(),
        number=edition.number,
        year=edition.year,
        status=edition.status,
        approved_on=edition.approved_on,
        text=edition_text(edition),
    )


def _plan_info(plan: StrategicPlan) -> PlanInfo:
    return PlanInfo(
        id=plan.pk,
        title=plan.title,
        organization=plan.organization.name,
        organization_code=plan.organization.code,
        start_year=plan.start_year,
        end_year=plan.end_year,
        thai_digits=plan.digits == c.Digits.THAI,
        levels=plan.labels(),
    )


def _frameworks() -> Prefetch:
    return Prefetch("frameworks", FrameworkItem.objects.select_related("framework"))


def load_plan(*, user, plan_id, edition_id: int | None, with_links: bool) -> _Loaded:
    """The local development plan ``plan_id`` as of ``edition_id`` (None: its latest
    approved edition, 0: the plan as first approved). Raises ``ReportError`` for an unknown
    or invisible plan (the same message), an agency's plan or an edition of another plan."""
    plan = None
    if str(plan_id).isdigit():
        plan = (
            StrategicPlan.objects.for_user(user, "view")
            .select_related("organization")
            .filter(pk=plan_id)
            .first()
        )
    if plan is None:
        raise ReportError(
            pgettext("report", "There is no plan %(id)s that you may see.") % {"id": plan_id}
        )
    if plan.kind != c.PlanKind.LOCAL_DEVELOPMENT:
        raise ReportError(
            pgettext(
                "report",
                "Forms ผ.01 and ผ.02 are made from a local development plan; plan %(id)s is "
                "a %(kind)s.",
            )
            % {"id": plan.pk, "kind": str(c.PlanKind(plan.kind).label).lower()}
        )
    editions = PlanEdition.objects.for_user(user, "view").filter(plan=plan)
    if edition_id is None:
        edition = editions.filter(status=c.PlanStatus.APPROVED).order_by("-year", "-pk").first()
    elif int(edition_id) == 0:
        edition = None
    else:
        edition = editions.filter(pk=edition_id).first()
        if edition is None:
            raise ReportError(
                pgettext("report", "Plan %(plan)s has no edition %(id)s.")
                % {"plan": plan.pk, "id": edition_id}
            )
    issues = Issue.objects.for_user(user, "view").filter(plan=plan).order_by("number")
    if with_links:
        issues = issues.prefetch_related(
            _frameworks(),
            Prefetch("strategies", Strategy.objects.prefetch_related(_frameworks())),
        )
    else:
        issues = issues.prefetch_related("strategies")
    projects = (
        projects_as_of(plan, edition)
        .for_user(user, "view")
        .select_related("work_plan", "responsible_unit", "added_in")
        .prefetch_related("year_budgets")
        .order_by("sort_order", "pk")
    )
    return _Loaded(plan=plan, edition=edition, issues=list(issues), projects=list(projects))


def _budgets(project, years: list[int]) -> dict[int, Decimal]:
    amounts = {b.year: b.amount for b in project.year_budgets.all()}
    return {year: amounts.get(year, ZERO) for year in years}


# --- sums ----------------------------------------------------------------------------------
@dataclass
class Count:
    projects: int = 0
    budget: Decimal = ZERO

    def add(self, amount: Decimal) -> None:
        if amount > 0:
            self.projects += 1
            self.budget += amount


@dataclass
class Sums:
    """Per year: projects with a budget that year and their budget; and the period."""

    years: dict[int, Count]
    total: Count

    @classmethod
    def empty(cls, years: list[int]) -> Sums:
        return cls(years={y: Count() for y in years}, total=Count())

    def add(self, budgets: dict[int, Decimal]) -> None:
        for year, amount in budgets.items():
            if amount > 0:
                self.years[year].add(amount)
                self.total.add(amount)


def _sums_json(sums: Sums) -> dict[str, Any]:
    return {
        "years": {
            str(y): {"projects": n.projects, "budget": n.budget} for y, n in sums.years.items()
        },
        "total": {"projects": sums.total.projects, "budget": sums.total.budget},
    }


# --- ผ.01 ----------------------------------------------------------------------------------
@dataclass
class P01Line:
    work_plan: str
    work_plan_number: int | None
    sums: Sums


@dataclass
class P01Row:
    number: int
    strategy: str
    sums: Sums
    work_plans: list[P01Line] = field(default_factory=list)


@dataclass
class P01Block:
    category: str
    rows: list[P01Row]
    total: Sums


@dataclass
class FormDocument:
    form: str
    version: str
    plan: PlanInfo
    edition: EditionInfo | None
    years: list[int]
    layout: Layout
    blocks: dict[str, Any]  # category -> P01Block / P02Block
    linkage: list[LinkageRow] = field(default_factory=list)


def _work_plan_key(project) -> tuple[int, str]:
    wp = project.work_plan
    return (wp.ordinal, str(wp)) if wp is not None else (10_000, "")


def _p01_block(category: str, loaded: _Loaded, years: list[int], all_issues: bool) -> P01Block:
    total = Sums.empty(years)
    rows = []
    for issue in loaded.issues:
        mine = [p for p in loaded.projects if p.issue_id == issue.pk and p.category == category]
        if not mine and not all_issues:
            continue
        row = P01Row(number=issue.number, strategy=issue.title, sums=Sums.empty(years))
        lines: dict[tuple[int, str], P01Line] = {}
        for project in mine:
            key = _work_plan_key(project)
            line = lines.get(key)
            if line is None:
                label = key[1] or pgettext("report", "No work plan given")
                number = key[0] if project.work_plan_id else None
                line = lines[key] = P01Line(label, number, Sums.empty(years))
            budgets = _budgets(project, years)
            line.sums.add(budgets)
            row.sums.add(budgets)
            total.add(budgets)
        row.work_plans = [lines[k] for k in sorted(lines)]
        rows.append(row)
    return P01Block(category=category, rows=rows, total=total)


def build_p01(*, user, plan_id, edition_id=None, version=CURRENT_VERSION) -> FormDocument:
    loaded = load_plan(user=user, plan_id=plan_id, edition_id=edition_id, with_links=False)
    years = loaded.plan.years
    layout = load_layout(P01, version, years, P01_FIELDS)
    return FormDocument(
        form=P01,
        version=version,
        plan=_plan_info(loaded.plan),
        edition=_edition_info(loaded.edition),
        years=years,
        layout=layout,
        blocks={
            category: _p01_block(category, loaded, years, category == c.ProjectCategory.OWN)
            for category in CATEGORIES
        },
    )


# --- ผ.02 ----------------------------------------------------------------------------------
@dataclass
class P02Project:
    no: int
    name: str
    objectives: str
    outputs: str
    budgets: dict[int, Decimal]
    kpi: str
    expected_results: str
    unit: str
    added_in: str  # the edition that added it ("" for the plan's own)


@dataclass
class P02Group:
    strategy: str
    strategy_number: int
    tactic: str
    tactic_number: str
    work_plan: str
    work_plan_number: int | None
    linkage: dict[str, list[str]]
    projects: list[P02Project]
    total: Sums


@dataclass
class P02Block:
    category: str
    groups: list[P02Group]
    total: Sums


def _linkage(issue, strategy, rows: list[LinkageRow]) -> dict[str, list[str]]:
    items = list(issue.frameworks.all()) + (list(strategy.frameworks.all()) if strategy else [])
    items.sort(key=lambda i: (i.framework.sort_order, i.sort_order, i.code))
    linkage: dict[str, list[str]] = {row.framework: [] for row in rows}
    for item in items:
        texts = linkage.get(item.framework.code)
        if texts is not None and str(item) not in texts:
            texts.append(str(item))
    return linkage


def _p02_project(no: int, project, years: list[int]) -> P02Project:
    unit = project.responsible_unit
    return P02Project(
        no=no,
        name=project.name,
        objectives=project.objectives,
        outputs=project.outputs,
        budgets=_budgets(project, years),
        kpi=project.kpi,
        expected_results=project.expected_results,
        unit=unit.name if unit is not None else "",
        added_in=edition_text(project.added_in) if project.added_in_id else "",
    )


def _p02_block(category: str, loaded: _Loaded, years, rows: list[LinkageRow]) -> P02Block:
    total = Sums.empty(years)
    groups = []
    for issue in loaded.issues:
        mine = [p for p in loaded.projects if p.issue_id == issue.pk and p.category == category]
        for strategy in [*issue.strategies.all(), None]:
            under = [p for p in mine if p.strategy_id == (strategy.pk if strategy else None)]
            by_plan: dict[tuple[int, str], list] = {}
            for project in under:
                by_plan.setdefault(_work_plan_key(project), []).append(project)
            for (ordinal, plan_name), projects in sorted(by_plan.items()):
                sums = Sums.empty(years)
                items = []
                for no, project in enumerate(projects, start=1):
                    item = _p02_project(no, project, years)
                    sums.add(item.budgets)
                    total.add(item.budgets)
                    items.append(item)
                groups.append(
                    P02Group(
                        strategy=issue.title,
                        strategy_number=issue.number,
                        tactic=strategy.name if strategy else "",
                        tactic_number=strategy.number if strategy else "",
                        work_plan=plan_name,
                        work_plan_number=ordinal if plan_name else None,
                        linkage=_linkage(issue, strategy, rows),
                        projects=items,
                        total=sums,
                    )
                )
    return P02Block(category=category, groups=groups, total=total)


def build_p02(*, user, plan_id, edition_id=None, version=CURRENT_VERSION) -> FormDocument:
    loaded = load_plan(user=user, plan_id=plan_id, edition_id=edition_id, with_links=True)
    years = loaded.plan.years
    layout = load_layout(P02, version, years, P02_FIELDS)
    linkage = load_linkage(P02, version)
    return FormDocument(
        form=P02,
        version=version,
        plan=_plan_info(loaded.plan),
        edition=_edition_info(loaded.edition),
        years=years,
        layout=layout,
        blocks={category: _p02_block(category, loaded, years, linkage) for category in CATEGORIES},
        linkage=linkage,
    )


# --- rows of a form's table, shared by the PDF and the workbook ---------------------------------
@dataclass
class TableRow:
    style: str  # strategy, work_plan, total (ผ.01); heading, project, sum, count (ผ.02)
    values: list[Any]  # one per leaf: str, int, Decimal or None


def _p01_values(layout: Layout, number: str, label: str, sums: Sums) -> list[Any]:
    values: list[Any] = []
    for leaf in layout.leaves:
        if leaf.key == "no":
            values.append(number)
        elif leaf.key == "strategy":
            values.append(label)
        elif leaf.key.startswith("year."):
            count = sums.years[leaf.year]
            values.append(count.projects if leaf.key == "year.projects" else count.budget)
        else:
            values.append(
                sums.total.projects if leaf.key == "total.projects" else sums.total.budget
            )
    return values


def p01_rows(doc: FormDocument, block: P01Block) -> list[TableRow]:
    rows = []
    for row in block.rows:
        rows.append(
            TableRow("strategy", _p01_values(doc.layout, str(row.number), row.strategy, row.sums))
        )
        for line in row.work_plans:
            rows.append(
                TableRow("work_plan", _p01_values(doc.layout, "", line.work_plan, line.sums))
            )
    label = pgettext("report", "Grand total")
    rows.append(TableRow("total", _p01_values(doc.layout, "", label, block.total)))
    return rows


def _p02_values(layout: Layout, project: P02Project) -> list[Any]:
    values: list[Any] = []
    for leaf in layout.leaves:
        if leaf.key == "no":
            values.append(str(project.no))
        elif leaf.key.startswith("budget"):
            values.append(project.budgets[leaf.year])
        else:
            values.append(getattr(project, leaf.key))
    return values


def _label_leaf(layout: Layout) -> int:
    keys = [leaf.key for leaf in layout.leaves]
    return keys.index("name") if "name" in keys else 0


def p02_footer(layout: Layout, sums: Sums, projects: int, label: str) -> list[TableRow]:
    """Two rows: the budget per year, and the number of projects with a budget that year."""
    at = _label_leaf(layout)
    money: list[Any] = [None] * len(layout.leaves)
    counts: list[Any] = [None] * len(layout.leaves)
    money[at] = pgettext("report", "%(label)s: %(n)s projects") % {"label": label, "n": projects}
    counts[at] = pgettext("report", "Projects with a budget in the year")
    for index, leaf in enumerate(layout.leaves):
        if leaf.year is not None:
            money[index] = sums.years[leaf.year].budget
            counts[index] = sums.years[leaf.year].projects
    return [TableRow("sum", money), TableRow("count", counts)]


def group_heading(doc: FormDocument, group: P02Group) -> tuple[list[str], list[str]]:
    """The rows above a ผ.02 group: the linkage rows ก.–จ. ("-" when a row has no item),
    then the strategy, its แนวทางการพัฒนา and the แผนงาน."""
    levels = doc.plan.levels
    linkage = [
        f"{row.label}: {'; '.join(group.linkage.get(row.framework) or []) or '-'}"
        for row in doc.linkage
    ]
    numbered = pgettext("report", "%(label)s %(number)s")
    lines = [
        numbered % {"label": levels[0], "number": group.strategy_number} + f" {group.strategy}"
    ]
    if group.tactic:
        lines.append(
            numbered % {"label": levels[2], "number": group.tactic_number} + f" {group.tactic}"
        )
    if group.work_plan:
        lines.append(f"({group.work_plan_number}) {group.work_plan}")
    return linkage, lines


# --- the reports -----------------------------------------------------------------------------
def _positive_int(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError("give an id, a whole number")
    return int(value)


def money_text(value: Decimal | None) -> str:
    """A budget as printed on the forms: "450,000" (satang only when there are some); a zero
    or missing amount is "-"."""
    if value is None or value == 0:
        return "-"
    decimals = 0 if value == value.to_integral_value() else 2
    return format_number(value, decimals)


def _cell_text(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return money_text(value)
    return format_number(value, 0, dash_zero=True)  # a count


class _LocalPlanForm(Report):
    """What ผ.01 and ผ.02 share: options, title rows, file names, the PDF table data."""

    orientation = "landscape"
    form = ""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--plan",
            required=True,
            type=_positive_int,
            metavar="ID",
            help="Id of the local development plan.",
        )
        parser.add_argument(
            "--edition",
            type=int,
            metavar="ID",
            help="Print the plan as it stood after this edition (default: after its latest "
            "approved edition; 0: the plan as first approved).",
        )
        parser.add_argument(
            "--form-version",
            default=CURRENT_VERSION,
            metavar="VERSION",
            help="Version of the form's columns in reports/data/form_columns.csv "
            "(default: %(default)s).",
        )

    def options_from_command(self, options: dict[str, Any], user) -> dict[str, Any]:
        return {
            "plan": options["plan"],
            "edition": options.get("edition"),
            "version": options.get("form_version") or CURRENT_VERSION,
        }

    def options_for_organization(self, organization, fiscal_year: int | None) -> dict[str, Any]:
        plans = StrategicPlan.objects.filter(
            organization=organization, kind=c.PlanKind.LOCAL_DEVELOPMENT
        ).order_by("-start_year", "-revision", "-pk")
        candidates = list(plans.values_list("pk", "status"))
        approved = [pk for pk, status in candidates if status == c.PlanStatus.APPROVED]
        plan = (approved or [pk for pk, _status in candidates] or [None])[0]
        if plan is None:
            raise ReportError(
                pgettext("report", "%(org)s has no local development plan.")
                % {"org": organization.name}
            )
        return {"plan": plan, "edition": None, "version": CURRENT_VERSION}

    def thai_digits(self, data: FormDocument) -> bool:
        return data.plan.thai_digits

    def heading(self, data: FormDocument) -> dict[str, Any]:
        # The official order of the title rows: form title, the plan (and edition), organisation.
        return {
            "organization": data.plan.organization,
            "fiscal_year": None,
            "subtitle": self.plan_line(data),
        }

    def filename(self, data: FormDocument, fmt: str) -> str:
        edition = data.edition
        suffix = f"-{edition.kind}-{edition.number}-{edition.year}" if edition else ""
        return (
            f"{self.name}-{data.plan.organization_code}-{data.plan.start_year}-"
            f"{data.plan.end_year}{suffix}.{fmt}"
        )

    def plan_line(self, data: FormDocument) -> str:
        line = pgettext("report", "Local development plan (B.E. %(start)s - %(end)s)") % {
            "start": data.plan.start_year,
            "end": data.plan.end_year,
        }
        return f"{line} {data.edition.text}" if data.edition else line

    def title_rows(self, data: FormDocument) -> list[str]:
        return [str(self.title), self.plan_line(data), data.plan.organization]

    def block_title(self, category: str) -> str:
        titles = {
            c.ProjectCategory.OWN: "",
            c.ProjectCategory.COMMUNITY: pgettext("report", "Projects from community plans"),
            c.ProjectCategory.COORDINATION: pgettext(
                "report", "Projects passed to the district or province"
            ),
        }
        return titles[category]

    def _json_head(self, data: FormDocument) -> dict[str, Any]:
        edition = data.edition
        return {
            "plan": data.plan.id,
            "form": data.form,
            "version": data.version,
            "edition": None
            if edition is None
            else {
                "id": edition.id,
                "kind": edition.kind,
                "number": edition.number,
                "year": edition.year,
                "status": edition.status,
                "approved_on": edition.approved_on,
                "text": edition.text,
            },
            "organization": data.plan.organization,
            "title_rows": self.title_rows(data),
            "years": data.years,
        }

    def _typst_layout(self, layout: Layout) -> dict[str, Any]:
        return {
            "header": [
                [{"text": h.text, "colspan": h.colspan, "rowspan": h.rowspan} for h in tier]
                for tier in layout.header
            ],
            "columns": [self._typst_width(leaf) for leaf in layout.leaves],
            "kinds": [leaf.kind for leaf in layout.leaves],
            # numbers and the row numbers take Thai digits when asked; texts stay as written
            "numeric": [leaf.kind != "text" or leaf.key == "no" for leaf in layout.leaves],
        }

    def _typst_width(self, leaf: Leaf) -> dict[str, float]:
        raise NotImplementedError

    def _typst_rows(self, layout: Layout, rows: Iterable[TableRow]) -> list[dict[str, Any]]:
        kinds = [leaf.kind for leaf in layout.leaves]
        return [
            {
                "style": row.style,
                "cells": [_cell_text(k, v) for k, v in zip(kinds, row.values, strict=True)],
            }
            for row in rows
        ]

    def _xlsx_table(
        self,
        ws,
        layout: Layout,
        rows: list[TableRow],
        start_row: int,
        width: Callable[[Leaf], float],
    ) -> None:
        """The form's header rows (merged as on paper) and ``rows`` below them."""
        tiers = len(layout.header)
        leaf_row = start_row + tiers - 1
        columns = [Column(leaf.header, width(leaf), leaf.kind) for leaf in layout.leaves]
        headings = [i for i, row in enumerate(rows) if row.style == "heading"]
        write_table(
            ws,
            columns=columns,
            start_row=leaf_row,
            rows=(
                [
                    v if v is not None else "" if lf.kind == "text" else None
                    for lf, v in zip(layout.leaves, row.values, strict=True)
                ]
                for row in rows
            ),
        )
        self._xlsx_header(ws, layout, start_row)
        last = get_column_letter(len(columns))
        for index in headings:  # group headings span the whole table
            row_number = leaf_row + 1 + index
            ws.merge_cells(f"A{row_number}:{last}{row_number}")
            cell = ws[f"A{row_number}"]
            cell.font = HEADER_FONT
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            lines = str(cell.value).count("\n") + 1
            ws.row_dimensions[row_number].height = 20 * lines
        for offset, row in enumerate(rows):
            if row.style not in ("sum", "count", "total", "strategy"):
                continue
            for col in range(1, len(columns) + 1):  # totals in bold, counts without decimals
                cell = ws.cell(row=leaf_row + 1 + offset, column=col)
                cell.font = HEADER_FONT
                if row.style == "count" and isinstance(cell.value, int):
                    cell.number_format = "#,##0"

    def _xlsx_header(self, ws, layout: Layout, start_row: int) -> None:
        """The header rows above the last one (which ``write_table`` wrote), each cell
        merged over its columns and rows as on the paper form."""
        leaf_row = start_row + len(layout.header) - 1
        occupied: set[tuple[int, int]] = set()
        for level, tier in enumerate(layout.header):
            column = 1
            for cell in tier:
                while (start_row + level, column) in occupied:
                    column += 1
                top, left = start_row + level, column
                bottom, right = top + cell.rowspan - 1, left + cell.colspan - 1
                occupied.update(
                    (r, col) for r in range(top, bottom + 1) for col in range(left, right + 1)
                )
                if (top, bottom, right) != (leaf_row, leaf_row, left):
                    self._xlsx_header_cell(ws, top, left, bottom, right, cell.text)
                column = right + 1

    def _xlsx_header_cell(self, ws, top: int, left: int, bottom: int, right: int, text: str):
        cell = ws.cell(row=top, column=left, value=text)
        for r in range(top, bottom + 1):
            for col in range(left, right + 1):
                other = ws.cell(row=r, column=col)
                other.fill = HEADER_FILL
                other.border = BORDER
        cell.font = HEADER_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if (top, left) != (bottom, right):
            ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)

    def _xlsx_sheet(self, workbook, data: FormDocument, name: str, extra: str = ""):
        ws = new_sheet(workbook, name.replace("/", "-"))
        title, plan_line, organization = self.title_rows(data)
        lines = [plan_line, organization] + ([extra] if extra else [])
        row = write_title(ws, title=title, extra=lines, width=len(data.layout.leaves))
        return ws, row


@register
class P01Report(_LocalPlanForm):
    name = "p01"
    form = P01
    title = gettext_lazy("Summary of development projects")
    description = gettext_lazy(
        "Form ผ.01 of a local development plan: number of projects and budget per strategy "
        "and work plan for each year, with community-plan and coordination projects apart."
    )
    typst_template = "p01.typ"

    def build(self, *, user, plan, edition=None, version=CURRENT_VERSION, **options: Any):
        return build_p01(user=user, plan_id=plan, edition_id=edition, version=version)

    def _block_json(self, block: P01Block) -> dict[str, Any]:
        return {
            "rows": [
                {
                    "number": row.number,
                    "strategy": row.strategy,
                    **_sums_json(row.sums),
                    "work_plans": [
                        {
                            "work_plan": line.work_plan,
                            "number": line.work_plan_number,
                            **_sums_json(line.sums),
                        }
                        for line in row.work_plans
                    ],
                }
                for row in block.rows
            ],
            "total": _sums_json(block.total),
        }

    def to_json(self, data: FormDocument) -> dict[str, Any]:
        own = self._block_json(data.blocks[c.ProjectCategory.OWN])
        doc = {**self._json_head(data), **own}
        for category, key in BLOCK_KEYS.items():
            doc[key] = self._block_json(data.blocks[category])
        return doc

    def _typst_width(self, leaf: Leaf) -> dict[str, float]:
        if leaf.key == "strategy":
            return {"fr": 1}
        if leaf.key == "no":
            return {"cm": 0.8}
        return {"cm": 1.4 if leaf.kind == "int" else 1.9}

    def typst_data(self, data: FormDocument) -> dict[str, Any]:
        blocks = []
        for category in CATEGORIES:
            block = data.blocks[category]
            if category != c.ProjectCategory.OWN and not block.rows:
                continue
            blocks.append(
                {
                    "title": self.block_title(category),
                    "rows": self._typst_rows(data.layout, p01_rows(data, block)),
                }
            )
        return {
            "form": data.form,
            "plan_line": self.plan_line(data),
            "thai_digits": data.plan.thai_digits,
            "layout": self._typst_layout(data.layout),
            "blocks": blocks,
        }

    def xlsx(self, data: FormDocument, workbook) -> None:
        def width(leaf: Leaf) -> float:
            return {"no": 6, "strategy": 45}.get(leaf.key, 12 if leaf.kind == "int" else 16)

        for category in CATEGORIES:
            block = data.blocks[category]
            if category != c.ProjectCategory.OWN and not block.rows:
                continue
            title = self.block_title(category)
            short = {
                c.ProjectCategory.OWN: "",
                c.ProjectCategory.COMMUNITY: pgettext("report", "community plans"),
                c.ProjectCategory.COORDINATION: pgettext("report", "coordination"),
            }[category]
            ws, row = self._xlsx_sheet(workbook, data, f"{P01} {short}".strip(), title)
            self._xlsx_table(ws, data.layout, p01_rows(data, block), row, width)


@register
class P02Report(_LocalPlanForm):
    name = "p02"
    form = P02
    title = gettext_lazy("Development project details")
    description = gettext_lazy(
        "Form ผ.02 of a local development plan: the projects per strategy, development "
        "approach and work plan with their budget per year; ผ.02/1 and ผ.02/2 apart."
    )
    typst_template = "p02.typ"

    def build(self, *, user, plan, edition=None, version=CURRENT_VERSION, **options: Any):
        return build_p02(user=user, plan_id=plan, edition_id=edition, version=version)

    def _block_json(self, block: P02Block) -> dict[str, Any]:
        return {
            "groups": [
                {
                    "strategy": g.strategy,
                    "strategy_number": g.strategy_number,
                    "tactic": g.tactic,
                    "tactic_number": g.tactic_number,
                    "work_plan": g.work_plan,
                    "work_plan_number": g.work_plan_number,
                    "linkage": g.linkage,
                    "projects": [
                        {
                            "no": p.no,
                            "name": p.name,
                            "objectives": p.objectives,
                            "outputs": p.outputs,
                            "budgets": {str(y): amount for y, amount in p.budgets.items()},
                            "kpi": p.kpi,
                            "expected_results": p.expected_results,
                            "unit": p.unit,
                            "added_in": p.added_in or None,
                        }
                        for p in g.projects
                    ],
                    "total": {"projects": len(g.projects), **_sums_json(g.total)},
                }
                for g in block.groups
            ],
            "total": {
                "projects": sum(len(g.projects) for g in block.groups),
                **_sums_json(block.total),
            },
        }

    def to_json(self, data: FormDocument) -> dict[str, Any]:
        own = self._block_json(data.blocks[c.ProjectCategory.OWN])
        doc = {
            **self._json_head(data),
            "linkage_rows": [{"framework": r.framework, "label": r.label} for r in data.linkage],
            **own,
        }
        for category, key in BLOCK_KEYS.items():
            doc[key] = self._block_json(data.blocks[category])
        return doc

    def block_rows(self, data: FormDocument, block: P02Block) -> list[list[TableRow]]:
        """Per group: its project rows and its two total rows."""
        label = pgettext("report", "Total")
        return [
            [TableRow("project", _p02_values(data.layout, p)) for p in g.projects]
            + p02_footer(data.layout, g.total, len(g.projects), label)
            for g in block.groups
        ]

    def _typst_width(self, leaf: Leaf) -> dict[str, float]:
        if leaf.key == "no":
            return {"cm": 0.8}
        if leaf.kind == "money":
            return {"cm": 1.95}
        return {"fr": {"name": 1.3, "unit": 0.8}.get(leaf.key, 1.0)}

    def typst_data(self, data: FormDocument) -> dict[str, Any]:
        blocks = []
        grand = pgettext("report", "Grand total")
        for category in CATEGORIES:
            block = data.blocks[category]
            if category != c.ProjectCategory.OWN and not block.groups:
                continue
            groups = [
                {
                    "linkage": group_heading(data, g)[0],
                    "heading": group_heading(data, g)[1],
                    "rows": self._typst_rows(data.layout, rows),
                }
                for g, rows in zip(block.groups, self.block_rows(data, block), strict=True)
            ]
            count = sum(len(g.projects) for g in block.groups)
            blocks.append(
                {
                    "code": FORM_CODES[category],
                    "title": self.block_title(category),
                    "groups": groups,
                    "total": self._typst_rows(
                        data.layout, p02_footer(data.layout, block.total, count, grand)
                    ),
                }
            )
        return {
            "plan_line": self.plan_line(data),
            "organization": data.plan.organization,
            "thai_digits": data.plan.thai_digits,
            "layout": self._typst_layout(data.layout),
            "blocks": blocks,
        }

    def xlsx(self, data: FormDocument, workbook) -> None:
        def width(leaf: Leaf) -> float:
            return {"no": 6, "name": 36, "unit": 20}.get(
                leaf.key, 15 if leaf.kind == "money" else 28
            )

        grand = pgettext("report", "Grand total")
        for category in CATEGORIES:
            block = data.blocks[category]
            if category != c.ProjectCategory.OWN and not block.groups:
                continue
            rows: list[TableRow] = []
            blank = [None] * len(data.layout.leaves)
            for group, group_rows in zip(block.groups, self.block_rows(data, block), strict=True):
                linkage, lines = group_heading(data, group)
                rows.append(TableRow("heading", ["\n".join([*linkage, *lines]), *blank[1:]]))
                rows.extend(group_rows)
            count = sum(len(g.projects) for g in block.groups)
            rows.extend(p02_footer(data.layout, block.total, count, grand))
            title = self.block_title(category)
            ws, row = self._xlsx_sheet(workbook, data, FORM_CODES[category], title)
            self._xlsx_table(ws, data.layout, rows, row, width)
