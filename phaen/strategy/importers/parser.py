"""The state machine that reads classified lines into a :class:`~.plan.Plan`.

It walks the document once. A heading (วิสัยทัศน์, พันธกิจ, ประเด็นยุทธศาสตร์, จุดแข็ง …)
chooses the part of the plan being read; inside an issue's section a label (เป้าประสงค์,
ตัวชี้วัด, กลยุทธ์, โครงการ) chooses the list; numbered lines become items
(:mod:`.lists` decides their level); unnumbered lines continue the item before them, or are
items themselves in a list written without numbers. Anything that finds no place is
reported with its line number and a reason, never dropped and never glued into a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from .errors import DocumentError
from .lines import Line, Marker, parse_marker
from .lists import NESTED, NOWHERE, TOP, OpenList, note_nested, note_top, route
from .plan import (
    Indicator,
    Issue,
    ParseResult,
    ParseWarning,
    Plan,
    Project,
    Strategy,
    UnplacedLine,
)
from .text import skeleton, to_arabic_digits

_SECTION_LISTS = {"indicators", "strategies", "projects", "strategy_projects"}
SWOT_KEYS = ("strengths", "weaknesses", "opportunities", "threats")
_YEARS = re.compile(r"(25\d\d)\s*(?:-|–|—|ถึง)\s*(25\d\d)")
_QUOTES = "“”\"'‘’«»"


def _join(before: str, after: str) -> str:
    return f"{before} {after}".strip() if before else after.strip()


class PlanParser:
    """Reads a list of :class:`~.lines.Line` into a :class:`~.plan.ParseResult`."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.plan = Plan()
        self.unplaced: list[UnplacedLine] = []
        self.warnings: list[ParseWarning] = []
        self.mode = "preamble"  # preamble vision list section swot other skip orphan after
        self.issue: Issue | None = None
        self.current: OpenList | None = None
        self.slot: Callable[[str], None] | None = None  # where a wrapped line goes
        self.slot_is_objective = False  # numbered lines under เป้าประสงค์ join its text
        self.lists: dict[tuple[int, str], OpenList] = {}
        self.empty: list[tuple[list, object, Line]] = []  # items that may stay nameless
        self.found_plan = False
        self.issues_listed = False  # the document lists its issues before their sections
        self.title_open = True

    # --- driving ------------------------------------------------------------------------------

    def parse(self) -> ParseResult:
        """Read every line; raise :class:`DocumentError` when no plan heading was found."""
        for index, line in enumerate(self.lines):
            self._feed(index, line)
        if not self.found_plan:
            raise DocumentError(_no_heading_message())
        self._finish()
        return ParseResult(self.plan, sorted(self.unplaced, key=lambda u: u.line_no), self.warnings)

    def _feed(self, index: int, line: Line) -> None:
        """Send one line to its handler by kind (and by whether the content has ended)."""
        if line.kind == "blank":
            return None
        if self.mode == "after" and not (line.kind == "section" and self._section_ahead(index)):
            return self._unplace(line, "after_content")
        if line.kind == "columns":
            return None  # a table's header row is structure: consumed, changes nothing
        if line.kind == "page":
            return self._unplace(line, "page_furniture")
        if line.kind == "debris":
            if self.found_plan:
                self.mode, self.current, self.slot, self.issue = "after", None, None, None
            return self._unplace(line, "after_content" if self.found_plan else "before_content")
        if line.typo:
            self._warn(line, "heading_typo")
        if line.kind == "section":
            return self._on_section(index, line)
        handlers = {"heading": self._on_heading, "label": self._on_label, "item": self._on_item}
        return handlers.get(line.kind, self._on_text)(line)

    def _unplace(self, line: Line, reason: str) -> None:
        self.unplaced.append(UnplacedLine(line.no, line.text, reason))

    def _warn(self, line: Line, kind: str) -> None:
        self.warnings.append(ParseWarning(line.no, line.text, kind))

    def _section_ahead(self, index: int) -> bool:
        """Whether the "ประเด็นยุทธศาสตร์ที่ N" line at ``index`` opens a section rather than
        being an item in the list of issues: a section has indicators, strategies or
        projects before the next heading. (An objective alone proves nothing: the plan's
        own objectives use the same words.)"""
        for line in self.lines[index + 1 :]:
            if line.kind == "columns" or (
                line.kind in ("label", "item") and line.key in _SECTION_LISTS
            ):
                return True
            if line.kind in ("section", "heading", "debris"):
                return False
        return False

    # --- headings -----------------------------------------------------------------------------

    def _on_heading(self, line: Line) -> None:
        """A heading chooses the part of the plan being read and closes any issue section."""
        self.issue, self.current, self.slot = None, None, None
        if line.key in ("other", "part"):
            self.mode = "other"
            if line.key == "other":
                self._unplace(line, "outside_plan")
            return
        self.found_plan = True
        if line.key == "vision":
            return self._open_vision(line)
        if line.key == "swot":
            if any(self.plan.swot.to_dict().values()):
                self._warn(line, "repeated_heading")  # a second analysis adds to the first
            self.mode = "swot"
            return None
        owner = self.plan.swot if line.key in SWOT_KEYS else self.plan
        self._open_list(line.key, owner)
        if line.rest:
            self._inline(line)

    def _open_vision(self, line: Line) -> None:
        if self.plan.vision:
            self._warn(line, "repeated_heading")
        self.mode = "vision"
        self.slot, self.slot_is_objective = self._vision_slot, False
        if line.rest:
            self.slot(line.rest)

    def _vision_slot(self, text: str) -> None:
        self.plan.vision = _join(self.plan.vision, text)

    def _open_list(self, kind: str, owner: object) -> OpenList:
        """Make the list ``kind`` of ``owner`` the one being filled (lists persist, so a
        heading met again, as in "จุดแข็ง (ต่อ)", continues its list)."""
        key = (id(owner), kind)
        if key not in self.lists:
            self.lists[key] = OpenList(kind, owner)
        if self.current is not None:
            self.current.reset_modes()
        self.current = self.lists[key]
        self.mode = "list" if self.issue is None else "section"
        self.slot = None
        return self.current

    def _inline(self, line: Line) -> None:
        """Text on a heading's own line ("พันธกิจ 1. …", "จุดแข็ง บุคลากร…") is read as the
        first line under it; unnumbered, it is a new item of the list all the same."""
        marker, rest = parse_marker(line.rest)
        if marker is not None:
            return self._on_item(Line(line.no, line.text, "item", marker=marker, rest=rest))
        if self.current is not None:
            return self._add(self.current, Marker("plain"), line.rest, line, new_item=True)
        return self._on_text(Line(line.no, line.text, "text", rest=line.rest))

    # --- issue sections -----------------------------------------------------------------------

    def _on_section(self, index: int, line: Line) -> None:
        """ "ประเด็นยุทธศาสตร์ที่ N …": an item of the list of issues, or the section that
        fills issue N (matched by number, whatever its wording)."""
        number = line.marker.parts[0] if line.marker and line.marker.parts else 0
        in_list = self.mode == "list" and self.current and self.current.kind == "issues"
        if in_list and self.plan.issue(number) is None and not self._section_ahead(index):
            return self._on_item(line)
        self.found_plan = True
        issue = self.plan.issue(number)
        if issue is None:
            if self.issues_listed:
                self._warn(line, "issue_not_in_list")
            issue = Issue(number=number, line_no=line.no)
            self.plan.issues.append(issue)
        if self.current is not None:
            self.current.reset_modes()
        self.issue, self.current, self.mode = issue, None, "section"
        self.slot = self._attribute_slot(issue, "section_title")
        if line.rest:
            self.slot(line.rest)

    def _attribute_slot(self, obj: object, attribute: str) -> Callable[[str], None]:
        """Point wrapped lines at ``obj.attribute`` (a name, a title, an objective)."""
        self.slot_is_objective = attribute == "objective"

        def append(text: str) -> None:
            setattr(obj, attribute, _join(getattr(obj, attribute), text))

        return append

    def _on_label(self, line: Line) -> None:
        """ตัวชี้วัด / กลยุทธ์ / โครงการ … choose the list inside an issue's section."""
        if line.key == "objective" and self.issue is None:
            self.found_plan = True  # เป้าประสงค์ outside a section: the plan's objectives
            self._open_list("objectives", self.plan)
            return self._inline(line) if line.rest else None
        if self.issue is None:  # a list heading with no issue section to hold it
            self.mode = "other" if line.key == "unimported" else "orphan"
            self.current, self.slot = None, None
            return self._unplace(line, _MODE_REASON[self.mode])
        if line.key == "unimported":
            self.mode, self.current, self.slot = "skip", None, None
            return None
        self._open_issue_part(line.key, line)
        return self._inline(line) if line.rest else None

    def _open_issue_part(self, key: str, line: Line) -> None:
        """Open the issue's objective, indicators, strategies or projects."""
        assert self.issue is not None
        strategies = self.lists.get((id(self.issue), "strategies"))
        after_strategy = self.current is strategies and strategies is not None and strategies.count
        if key == "objective":
            if self.current is not None:
                self.current.reset_modes()
            self.current, self.mode = None, "section"
            self.slot = self._attribute_slot(self.issue, "objective")
        elif after_strategy and (
            key == "strategy_projects"
            or (key == "projects" and self._projects_of_strategy(strategies, line))
        ):
            strategies.force_nested, strategies.nested_style = True, None
            strategies.owned_projects = True
            self.slot = None
        else:
            self._open_list("projects" if key == "strategy_projects" else key, self.issue)

    def _projects_of_strategy(self, strategies: OpenList, label: Line) -> bool:
        """ "โครงการ" right after a strategy: that strategy's own projects when the list of
        strategies goes on after them, or when earlier strategies had their own projects;
        the issue's projects when they are numbered like the strategies or end the section.
        """
        first = True
        for line in self.lines[label.no :]:
            if line.kind in ("blank", "page"):
                continue
            if line.kind in ("label", "section", "heading", "columns", "debris") or line.key:
                break
            marker = line.marker or Marker("plain")
            if marker.style == strategies.style:
                return not first
            first = False
        return strategies.owned_projects

    # --- items and text -----------------------------------------------------------------------

    def _on_item(self, line: Line) -> None:
        """A numbered line: an item of the open list, or part of a running text."""
        if line.key:
            return self._on_labelled_item(line)
        if self.mode in ("preamble", "other", "skip", "orphan"):
            self.title_open = False
            return self._unplace(line, _MODE_REASON[self.mode])
        if self.slot is not None and (self.mode == "vision" or self.slot_is_objective):
            return self.slot(line.text)
        if self.current is None:
            return self._unplace(line, "no_list")
        return self._add(self.current, line.marker or Marker("plain"), line.rest, line)

    def _on_labelled_item(self, line: Line) -> None:
        """ "กลยุทธ์ที่ 1 …", "ตัวชี้วัดที่ 1.1 …", "พันธกิจที่ 2 …": open that list, then add."""
        if line.key == "missions":
            self.found_plan = True
            self.issue = None
            self._open_list("missions", self.plan)
            return self._add(self.current, line.marker, line.rest, line)
        self._on_label(Line(line.no, line.text, "label", key=line.key))
        if self.issue is not None and line.key == "objective":
            assert self.slot is not None
            return self.slot(line.text)
        if self.current is None:
            return None  # the label line was reported already
        return self._add(self.current, line.marker, line.rest, line)

    def _on_text(self, line: Line) -> None:
        """An unnumbered line: a new item in a list without numbers, the continuation of the
        name before it, or text with no place."""
        text = line.rest or line.text
        if self.mode == "preamble":
            return self._preamble(line)
        if self.mode in ("other", "skip", "orphan"):
            return self._unplace(line, _MODE_REASON[self.mode])
        if self.current is not None and self.current.takes_plain_item():
            if _is_introduction(text):
                return self._unplace(line, "no_list")
            return self._add(self.current, Marker("plain"), text, line)
        if self.slot is not None:
            return self.slot(text)
        return self._unplace(line, "no_list")

    def _preamble(self, line: Line) -> None:
        """Before the first heading: the plan's title (up to four short lines and 300
        characters, which a plan's title field holds), else reported."""
        title = self.plan.title
        fits = len(line.text) <= 150 and len(title) + len(line.text) < 300
        if self.title_open and fits and title.count("\n") < 3:
            self.plan.title = f"{title}\n{line.text}" if title else line.text
            return
        self.title_open = False
        self._unplace(line, "before_content")

    # --- adding items -------------------------------------------------------------------------

    def _add(
        self, open_list: OpenList, marker: Marker, text: str, line: Line, new_item: bool = False
    ) -> None:
        """Add an item to ``open_list`` at the level :func:`.lists.route` chooses
        (``new_item``: a top-level item whatever its numbering, as a heading's own text)."""
        where = TOP if new_item and not open_list.force_nested else route(open_list, marker)
        if where == NOWHERE:
            return self._unplace(line, "nested_item")
        if where == NESTED:
            note_nested(open_list, marker)
            return self._add_nested(open_list, marker, text, line)
        if note_top(open_list, marker):
            self._warn(line, "numbering_restarted")
        return self._add_top(open_list, marker, text, line)

    def _add_top(self, open_list: OpenList, marker: Marker, text: str, line: Line) -> None:
        """Append a top-level item to the list's owner and point wrapped lines at it."""
        kind, owner = open_list.kind, open_list.owner
        number = marker.number or str(open_list.count)
        if kind == "issues":
            return self._add_issue(marker, text, line)
        if kind == "indicators":
            item: Indicator | Strategy | Project = Indicator(number, text, line_no=line.no)
        elif kind == "strategies":
            item = Strategy(number, text, line_no=line.no)
        elif kind == "projects":
            item = Project(text, number, line_no=line.no)
        else:  # missions, objectives and the SWOT lists hold plain strings
            strings = getattr(owner, kind)
            strings.append(text)
            self.slot = self._string_slot(strings, len(strings) - 1)
            self.empty.append((strings, len(strings) - 1, line))
            return None
        self._place(getattr(owner, kind), item, line)
        return None

    def _place(self, container: list, item: Indicator | Strategy | Project, line: Line) -> None:
        container.append(item)
        self.slot = self._attribute_slot(item, "name")
        self.empty.append((container, item, line))

    def _string_slot(self, strings: list[str], index: int) -> Callable[[str], None]:
        """Point wrapped lines at ``strings[index]`` (a mission, an objective, a SWOT item)."""
        self.slot_is_objective = False

        def append(more: str) -> None:
            strings[index] = _join(strings[index], more)

        return append

    def _add_issue(self, marker: Marker, text: str, line: Line) -> None:
        """An item of the list of issues; its number is the one written, when it has one."""
        numbers = [issue.number for issue in self.plan.issues]
        number = marker.parts[0] if marker.parts and len(marker.parts) == 1 else 0
        if not number or number in numbers:
            number = max(numbers, default=0) + 1
        issue = Issue(number=number, title=text, line_no=line.no)
        self.plan.issues.append(issue)
        self.issues_listed = True
        self.slot = self._attribute_slot(issue, "title")

    def _add_nested(self, open_list: OpenList, marker: Marker, text: str, line: Line) -> None:
        """A sub-indicator goes under its parent indicator ("1.2" under "1", or under the
        last indicator when numbered in another style); a project after a strategy goes
        under that strategy."""
        issue = open_list.owner
        if open_list.kind == "strategies":
            strategy = _find_parent(issue.strategies, marker) or issue.strategies[-1]
            return self._place(strategy.projects, Project(text, marker.number, line.no), line)
        indicator = Indicator(marker.number, text, line_no=line.no)
        if "." in marker.number:
            parent = _find_parent(issue.indicators, marker)
            if parent is None:  # "3.1" with no indicator "3": keep it, say so
                self._warn(line, "orphan_sub_item")
                return self._place(issue.indicators, indicator, line)
        else:
            parent = issue.indicators[-1]
            indicator.number = marker.number or str(len(parent.children) + 1)
        return self._place(parent.children, indicator, line)

    # --- finishing ----------------------------------------------------------------------------

    def _finish(self) -> None:
        """Drop nameless items (reported), settle titles and read the plan's period."""
        for container, item, line in reversed(self.empty):  # reversed: indexes stay valid
            if isinstance(item, int) and not container[item].strip():
                del container[item]
            elif not isinstance(item, int) and not item.name.strip():
                container.remove(item)
            else:
                continue
            self._unplace(line, "empty_item")
        self.plan.vision = self.plan.vision.strip(_QUOTES + " ")
        for issue in self.plan.issues:
            if not issue.title:
                issue.title, issue.section_title = issue.section_title, ""
            elif skeleton(issue.title) == skeleton(issue.section_title):
                issue.section_title = ""
        self.plan.title = " ".join(self.plan.title.split())
        years = _YEARS.search(to_arabic_digits(self.plan.title))
        if years:
            self.plan.start_year, self.plan.end_year = int(years[1]), int(years[2])


_MODE_REASON = {
    "preamble": "before_content",
    "other": "outside_plan",
    "skip": "outside_plan",
    "orphan": "no_issue",
}


def _find_parent(parents: list, marker: Marker) -> Indicator | Strategy | None:
    """The item numbered like the prefix of a dotted number ("1.2" → "1"), searched in
    depth (sub-indicators have sub-indicators of their own)."""
    if "." not in marker.number:
        return None
    prefix = marker.number.rsplit(".", 1)[0]
    for parent in parents:
        if parent.number == prefix:
            return parent
        found = _find_parent(getattr(parent, "children", []), marker)
        if found is not None:
            return found
    return None


def _is_introduction(text: str) -> bool:
    """ "… มี 4 ประเด็น ดังนี้" introduces a list; it is not an item of it."""
    return bool(re.search(r"(ดังนี้|ต่อไปนี้|[:：])\s*$", text))


def _no_heading_message() -> str:
    return _(
        "No heading of a strategic plan was found (วิสัยทัศน์, พันธกิจ, ประเด็นยุทธศาสตร์, "
        "จุดแข็ง …). Check that this is a strategic plan in text form."
    )
