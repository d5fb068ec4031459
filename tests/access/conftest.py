"""Fixtures for participant codes: the portal's detained-man case and a clerk who issues."""

from tests.portal.conftest import court_clerk, detained_case, issue  # noqa: F401
