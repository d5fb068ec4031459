"""The public portal: case lookup by number and daily court calendars, for anyone.

What it shows is decided by the rule pack's disclosure rules for the audience ``public``
(``access/disclosure.py``); a case the public may not see answers exactly like a case
that does not exist.
"""
