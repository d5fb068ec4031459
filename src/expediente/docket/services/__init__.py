"""The one write path: every change to a case goes through these functions.

UI forms, the API, the importer and the demo generator all call them. Each validates,
checks permission, appends to the case's hash chain, updates the projections and (later)
queues notifications, all in one transaction. A retried call with the same idempotency
key changes nothing and returns what the first call returned.
"""

from expediente.docket.services.common import PROJECTED_CASE_FIELDS, Recorded
from expediente.docket.services.opening import case_open
from expediente.docket.services.recording import event_record

__all__ = ["PROJECTED_CASE_FIELDS", "Recorded", "case_open", "event_record"]
