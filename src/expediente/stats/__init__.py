"""Statistics from the records. For now: the ICCS classification as reference data."""
