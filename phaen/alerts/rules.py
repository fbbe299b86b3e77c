"""Reminder rules as data: ``data/reminder_rules.csv`` gives, per warning kind, who is
reminded and the offsets (days) around the item's due date."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from phaen.alerts.choices import Audience, WarningKind

RULES_FILE = Path(__file__).resolve().parent / "data" / "reminder_rules.csv"


@dataclass(frozen=True)
class ReminderRule:
    kind: str
    audience: str
    before_days: int  # first reminder this many days before the due date
    after_days: int  # overdue reminder this many days after the due date
    escalate_days: int  # to the supervisor when still open this long after the overdue one


def _int(row: dict, column: str, line: int) -> int:
    try:
        value = int(row[column])
    except (KeyError, TypeError, ValueError):
        raise ValueError(
            f"{RULES_FILE.name} line {line}: column {column} must be a number"
        ) from None
    if value < 0:
        raise ValueError(f"{RULES_FILE.name} line {line}: column {column} cannot be negative")
    return value


def parse_rules(text: str) -> dict[str, ReminderRule]:
    rules: dict[str, ReminderRule] = {}
    known = set(WarningKind.values)
    for line, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        kind = (row.get("kind") or "").strip()
        if kind not in known:
            raise ValueError(f"{RULES_FILE.name} line {line}: unknown kind “{kind}”")
        audience = (row.get("audience") or "").strip()
        if audience not in Audience.values:
            raise ValueError(f"{RULES_FILE.name} line {line}: unknown audience “{audience}”")
        rules[kind] = ReminderRule(
            kind=kind,
            audience=audience,
            before_days=_int(row, "before_days", line),
            after_days=_int(row, "after_days", line),
            escalate_days=_int(row, "escalate_days", line),
        )
    return rules


@cache
def reminder_rules() -> dict[str, ReminderRule]:
    return parse_rules(RULES_FILE.read_text(encoding="utf-8"))


def rule_for(kind: str) -> ReminderRule:
    return reminder_rules().get(kind) or ReminderRule(kind, Audience.RESPONSIBLE, 0, 0, 7)
