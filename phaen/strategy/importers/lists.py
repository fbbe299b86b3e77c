"""Numbered lists as the parser keeps them open, and how a new item finds its level.

Thai plan documents restart numbering for every list and often nest a second list inside
the first in another style: sub-indicators "1.1" under indicator "1.", or a strategy "1."
followed by its own projects "(1)", "(2)" or "-". The rules, in order, for an item that
arrives while a list is open (:func:`route`):

1. the first item opens the list and sets its style;
2. after "โครงการภายใต้กลยุทธ์" (or a table's project column, or a "โครงการ" label the
   parser judged to be a strategy's own) items belong to the strategy before them, until
   an item in the strategies' own style appears;
3. an item in the style of the open inner list continues that inner list;
4. an item in the list's own style is the next item of the list;
5. an item in another style whose number follows the last one ("2)" after "1.") is a
   sloppily numbered next item;
6. anything else is an inner item, where the list has inner items (indicators,
   strategies), and has no place otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .lines import Marker

TOP, NESTED, NOWHERE = "top", "nested", "nowhere"
NESTING_KINDS = {"indicators", "strategies"}


@dataclass
class OpenList:
    """A list the parser is filling: its kind, where its items go, and its numbering."""

    kind: str  # missions, objectives, issues, strengths…, indicators, strategies, projects
    owner: Any  # the Plan, the Swot or the Issue whose list this is
    style: str | None = None
    last: Marker | None = None
    nested_style: str | None = None
    force_nested: bool = False  # after "โครงการภายใต้กลยุทธ์": items are the strategy's
    owned_projects: bool = False  # some strategy of this list had its own projects
    count: int = 0

    def reset_modes(self) -> None:
        """Forget inner lists when the parser moves to another list (or a label reopens
        this one): what follows a label is a top-level item again."""
        self.force_nested = False
        self.nested_style = None

    def takes_plain_item(self) -> bool:
        """Whether an unnumbered line is a new item (True) or wraps the last one (False):
        lists written without numbers have one item per line."""
        if self.force_nested or self.nested_style is not None:
            return self.nested_style in (None, "plain")
        return self.count == 0 or self.style == "plain"


def route(open_list: OpenList, marker: Marker) -> str:
    """Where an item numbered ``marker`` goes: TOP, NESTED or NOWHERE (see module doc)."""
    if open_list.count == 0 and not open_list.force_nested:
        return TOP
    if open_list.force_nested:
        if open_list.nested_style in (None, marker.style):
            return NESTED
        if marker.style == open_list.style:
            return TOP
    if open_list.nested_style is not None and marker.style == open_list.nested_style:
        return NESTED
    if marker.style == open_list.style:
        return TOP
    if open_list.nested_style is None and marker.continues(open_list.last):
        return TOP
    return NESTED if open_list.kind in NESTING_KINDS else NOWHERE


def note_top(open_list: OpenList, marker: Marker) -> bool:
    """Record a top-level item; returns True when its numbering went back (a "1." after
    "3." in the same style, with no heading between)."""
    last = open_list.last
    restarted = (
        last is not None
        and marker.style == last.style
        and bool(marker.parts)
        and len(marker.parts) == len(last.parts)
        and marker.parts <= last.parts
    )
    if open_list.style is None or open_list.count == 0:
        open_list.style = marker.style
    open_list.last = marker
    open_list.nested_style = None
    open_list.force_nested = False
    open_list.count += 1
    return restarted


def note_nested(open_list: OpenList, marker: Marker) -> None:
    """Record an inner item: later items in this style stay inner."""
    open_list.nested_style = marker.style
