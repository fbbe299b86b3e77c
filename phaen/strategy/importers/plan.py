"""What the document parser produces: a plan tree of plain dataclasses, the lines it could
not place, and warnings.

``Plan.to_dict()`` gives the JSON shape the whole "Strategic plan" issue uses (the command,
the upload preview and the save service all read that shape)::

    {"vision": "...", "missions": ["..."], "objectives": ["..."],
     "issues": [{"number": 1, "title": "...", "objective": "...",
                 "indicators": [{"number": "1", "name": "...", "children": [...]}],
                 "strategies": [{"number": "1", "name": "...", "projects": [{"name": "..."}]}],
                 "projects": [{"name": "..."}]}],
     "swot": {"strengths": [...], "weaknesses": [...], "opportunities": [...], "threats": [...]}}

Extra keys: the plan's ``title``, ``start_year`` and ``end_year`` (Buddhist Era, read from
the title line when it names a period), and an issue's ``section_title`` when the heading of
its section words the issue differently from the list of issues.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

# Why a line was not placed. The codes are stable (tests, logs); the messages are shown.
UNPLACED_REASONS = {
    "before_content": _("before the first heading of the plan"),
    "after_content": _("after the content (web-page debris)"),
    "page_furniture": _("page number or table-of-contents line"),
    "outside_plan": _("in a part of the document the plan import does not read"),
    "no_issue": _("list outside a strategic-issue section (ประเด็นยุทธศาสตร์ที่ …)"),
    "no_list": _("no list is open here (a heading such as ตัวชี้วัด or กลยุทธ์ is missing)"),
    "nested_item": _("sub-item with no place in the plan"),
    "empty_item": _("numbered item without text"),
}

# Things the parser did on its own judgement; shown in the preview, nothing is lost.
WARNING_KINDS = {
    "heading_typo": _("heading read despite a spelling mistake"),
    "issue_not_in_list": _("section for an issue that is not in the list of issues; issue added"),
    "repeated_heading": _("heading appears again; what follows is added to the earlier part"),
    "orphan_sub_item": _("sub-indicator without its parent indicator; kept as an indicator"),
    "numbering_restarted": _("numbering restarted inside a list without a new heading"),
}


@dataclass
class Project:
    """A project or programme (โครงการ / แผนงาน), under an issue or under a strategy."""

    name: str
    number: str = ""
    line_no: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name}


@dataclass
class Indicator:
    """An indicator (ตัวชี้วัด) with its numbered sub-indicators."""

    number: str
    name: str
    children: list[Indicator] = field(default_factory=list)
    line_no: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "name": self.name,
            "children": [child.to_dict() for child in self.children],
        }


@dataclass
class Strategy:
    """A strategy (กลยุทธ์ / แนวทางการพัฒนา) and the projects listed right after it."""

    number: str
    name: str
    projects: list[Project] = field(default_factory=list)
    line_no: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "name": self.name,
            "projects": [project.to_dict() for project in self.projects],
        }


@dataclass
class Issue:
    """A strategic issue (ประเด็นยุทธศาสตร์). ``title`` comes from the list of issues;
    ``section_title`` is the wording of its own section heading when that differs."""

    number: int
    title: str = ""
    section_title: str = ""
    objective: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    strategies: list[Strategy] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    line_no: int = 0

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "number": self.number,
            "title": self.title,
            "objective": self.objective,
            "indicators": [indicator.to_dict() for indicator in self.indicators],
            "strategies": [strategy.to_dict() for strategy in self.strategies],
            "projects": [project.to_dict() for project in self.projects],
        }
        if self.section_title:
            data["section_title"] = self.section_title
        return data


@dataclass
class Swot:
    """SWOT analysis (จุดแข็ง จุดอ่อน โอกาส อุปสรรค), one string per item."""

    strengths: list[str] = field(default_factory=list)
    weaknesses: list[str] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)
    threats: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[str]]:
        return {
            "strengths": list(self.strengths),
            "weaknesses": list(self.weaknesses),
            "opportunities": list(self.opportunities),
            "threats": list(self.threats),
        }


@dataclass
class Plan:
    """A strategic plan as read from a document."""

    title: str = ""
    start_year: int | None = None
    end_year: int | None = None
    vision: str = ""
    missions: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    swot: Swot = field(default_factory=Swot)

    def issue(self, number: int) -> Issue | None:
        return next((issue for issue in self.issues if issue.number == number), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "start_year": self.start_year,
            "end_year": self.end_year,
            "vision": self.vision,
            "missions": list(self.missions),
            "objectives": list(self.objectives),
            "issues": [issue.to_dict() for issue in self.issues],
            "swot": self.swot.to_dict(),
        }


@dataclass(frozen=True)
class UnplacedLine:
    """A line of the document that is in no part of the plan; ``reason`` is a key of
    :data:`UNPLACED_REASONS`."""

    line_no: int
    text: str
    reason: str

    @property
    def message(self) -> str:
        return str(UNPLACED_REASONS[self.reason])


@dataclass(frozen=True)
class ParseWarning:
    """A judgement the parser made; ``kind`` is a key of :data:`WARNING_KINDS`."""

    line_no: int
    text: str
    kind: str

    @property
    def message(self) -> str:
        return str(WARNING_KINDS[self.kind])


@dataclass
class ParseResult:
    """The plan, every line that could not be placed, and the parser's warnings."""

    plan: Plan
    unplaced: list[UnplacedLine] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when every line of the document found its place (what ``--strict`` needs)."""
        return not self.unplaced

    def to_dict(self) -> dict[str, Any]:
        return self.plan.to_dict()
