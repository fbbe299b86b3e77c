"""The registry of reports: every printed or exported document of Phaen is one ``Report``.

A report is a *builder* (``build``: reads the database, checks access, returns plain data)
plus layouts for each renderer (``typst_template`` for PDF, ``xlsx`` for Excel, ``to_json``
for JSON). Renderers in :mod:`phaen.reports.renderers` only lay the data out; they never
query the database. See ``phaen/reports/README.md`` for how to add a report.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar

from django.utils.functional import Promise

FORMATS: tuple[str, ...] = ("pdf", "xlsx", "json")
ORIENTATIONS: tuple[str, ...] = ("portrait", "landscape")


class ReportError(Exception):
    """A report cannot be built as asked (unknown organisation, no access, bad option).

    The message is meant for the person who asked: the command prints it and a
    background run shows it on its page.
    """


@dataclass(frozen=True)
class WebChoice:
    """One option of a report offered on the reports page as a list to choose from."""

    label: str
    choices: list[tuple[str, str]]
    initial: str


class Report:
    """Base class of every report. Subclass it and decorate the subclass with ``@register``.

    Contract:

    * ``build(user=…, **options)`` returns plain data (dataclasses, lists, dicts of str,
      int, Decimal, bool, date, None: never model instances). It checks access itself
      through ``phaen.organizations.access`` and raises :class:`ReportError` for an
      unknown or invisible organisation. ``options`` are JSON values, so a background
      run can store them.
    * ``to_json(data)`` gives the JSON document (default: the dataclasses as dicts).
    * ``typst_data(data)`` gives what the Typst template reads as ``data`` (default: the
      JSON document); ``labels()`` the translated column headings it prints.
    * ``xlsx(data, workbook)`` lays the data out in an openpyxl workbook.
    """

    name: ClassVar[str] = ""
    title: ClassVar[Promise | str] = ""
    description: ClassVar[Promise | str] = ""
    orientation: ClassVar[str] = "portrait"
    typst_template: ClassVar[str] = ""  # file name inside phaen/reports/typst/
    formats: ClassVar[tuple[str, ...]] = FORMATS

    # --- options ---------------------------------------------------------------------
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Add this report's own options to the ``phaen report NAME`` sub-command."""

    def options_from_command(self, options: dict[str, Any], user) -> dict[str, Any]:
        """Turn parsed command options into the JSON-serialisable options of ``build``."""
        return {}

    def options_for_organization(self, organization, fiscal_year: int | None) -> dict[str, Any]:
        """Options of ``build`` when a user asks for the report in the web pages."""
        return {}

    def web_choices(self, organization, fiscal_year: int | None) -> dict[str, WebChoice]:
        """Options a user picks on the reports page (e.g. the period), each offered as a
        list; the chosen values replace those of :meth:`options_for_organization`. Must not
        query the database (the page lists every report)."""
        return {}

    # --- data ------------------------------------------------------------------------
    def build(self, *, user, **options: Any) -> Any:
        raise NotImplementedError

    def to_json(self, data: Any) -> dict[str, Any]:
        return plain(data)

    def typst_data(self, data: Any) -> dict[str, Any]:
        return self.to_json(data)

    def labels(self) -> dict[str, str]:
        """Translated texts the PDF template prints (headings, column names)."""
        return {}

    def heading(self, data: Any) -> dict[str, Any]:
        """Organisation name and fiscal year printed in the page header and title rows."""
        return {"organization": "", "fiscal_year": None}

    def thai_digits(self, data: Any) -> bool:
        """Whether the document itself asks for Thai digits (e.g. a plan that chose them);
        OR-ed with the ``--thai-digits`` option, page numbers included."""
        return False

    def filename(self, data: Any, fmt: str) -> str:
        return f"{self.name}.{fmt}"

    # --- layouts ---------------------------------------------------------------------
    def xlsx(self, data: Any, workbook) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<Report {self.name}>"


_REGISTRY: dict[str, Report] = {}


def register(cls: type[Report]) -> type[Report]:
    """Class decorator: add a report to the registry under ``cls.name``."""
    if not cls.name or cls.name != cls.name.lower() or " " in cls.name:
        raise ValueError(f"{cls.__name__}.name must be a lower-case slug, got {cls.name!r}")
    if cls.orientation not in ORIENTATIONS:
        raise ValueError(f"{cls.__name__}.orientation must be one of {ORIENTATIONS}")
    existing = _REGISTRY.get(cls.name)
    if existing is not None and type(existing) is not cls:
        raise ValueError(f"Two reports are named {cls.name!r}")
    _REGISTRY[cls.name] = cls()
    return cls


def _load_reports() -> None:
    # The report modules register themselves on import.
    from phaen.reports import builders  # noqa: F401


def get_report(name: str) -> Report:
    """The registered report called ``name``; ``KeyError`` lists the known ones."""
    _load_reports()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "-"
        raise KeyError(f"Unknown report {name!r}; known reports: {known}") from None


def all_reports() -> list[Report]:
    _load_reports()
    return [_REGISTRY[name] for name in sorted(_REGISTRY)]


def plain(value: Any, *, on_decimal: Callable[[Decimal], Any] | None = None) -> Any:
    """``value`` as JSON-ready Python: dataclasses and tuples to dicts and lists, dates to
    ISO text, lazy strings and enums to text, Decimal to a number (see ``decimal_number``).
    """
    convert = on_decimal or decimal_number
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: plain(getattr(value, f.name), on_decimal=convert)
            for f in dataclasses.fields(value)
        }
    if isinstance(value, dict):
        return {str(k): plain(v, on_decimal=convert) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v, on_decimal=convert) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, int | float | str):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Decimal):
        return convert(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Promise | Enum):
        return str(value.value if isinstance(value, Enum) else value)
    raise TypeError(f"{type(value).__name__} is not plain report data")


def decimal_number(value: Decimal) -> int | float:
    """A Decimal as a JSON number: whole values as int, others as float.

    Trap: a float keeps 15 significant digits exactly, i.e. amounts up to
    9,999,999,999,999.99 baht round-trip unchanged; larger fractional amounts would be
    rounded, so they are refused rather than silently changed.
    """
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) != value.normalize():
        raise ValueError(f"{value} has too many digits for an exact JSON number")
    return as_float
