"""Participant and public web pages."""
