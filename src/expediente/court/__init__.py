"""The court workspace: clerks and judges work the docket in the browser."""
