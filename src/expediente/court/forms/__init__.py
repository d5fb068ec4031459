"""Workspace forms that write to the docket, all through event_record or case_open."""
