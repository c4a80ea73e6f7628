"""Công khai: publish Vietnamese government plans with linked citations, tasks and search."""

__version__ = "0.1.0"
