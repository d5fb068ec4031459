"""Expediente: an open-source system for criminal courts."""

__version__ = "0.1.0"
