"""Phaen (แผน): from strategy to results for public agencies."""

__version__ = "0.1.0"
