"""The docket: courts, cases, people, participations, charges, and the event log."""
