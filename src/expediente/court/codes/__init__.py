"""Participants' portal codes, from the court's side: issue (and rotate), revoke, print
the notice, and link a lawyer's account to a participant."""
