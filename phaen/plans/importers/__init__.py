"""Importers for annual plans: reading the ผด.02 sheets offices keep in Excel into
projects. See :mod:`.pd02` for the API; the command that saves them is ``import_pd02``."""

from .pd02 import CellError, Pd02Error, Pd02Project, Pd02Result, parse_pd02

__all__ = ["CellError", "Pd02Error", "Pd02Project", "Pd02Result", "parse_pd02"]
