"""Workspace pages that read the docket: case search, the case page, calendars."""
