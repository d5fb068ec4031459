"""Plain names for kinds of measure and compliance statuses, in the user's language."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

KIND_LABELS: dict[str, Promise] = {
    "periodic_reporting": _("Reporting to the court"),
    "restraining_order": _("Restraining order"),
    "house_arrest": _("House arrest"),
    "curfew": _("Curfew"),
    "electronic_monitoring": _("Electronic monitoring"),
    "travel_ban": _("Travel ban and passport surrender"),
    "bail": _("Bail"),
    "place_or_activity_ban": _("Ban on places or activities"),
    "treatment_programme": _("Treatment programme"),
    "community_service": _("Community service"),
    "probation": _("Probation"),
    "fine_instalments": _("Fine in instalments"),
    "restorative_agreement": _("Restorative agreement"),
}

STATUS_LABELS: dict[str, Promise] = {
    "breached": _("Breach awaiting a response"),
    "missed": _("Missed a deadline"),
    "behind": _("Behind schedule"),
    "complying": _("Complying"),
    "closed": _("No longer in force"),
}


BREACH_LABELS: dict[str, Promise] = {
    "zone_breach": _("The monitoring device reported entry into the exclusion zone"),
    "tamper": _("The monitoring device reported tampering"),
}

REPORTED_BY: dict[str, Promise] = {
    "reporting_desk": _("Breach reported by the reporting desk"),
    "monitoring_provider": _("Breach reported by the monitoring provider"),
    "victim": _("Breach reported by the victim"),
    "police": _("Breach reported by the police"),
    "probation_officer": _("Breach reported by the probation officer"),
    "host_institution": _("Breach reported by the host institution"),
    "other": _("Breach reported"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def breach_label(what: str) -> str:
    """What a breach was, from ``Measure.last_breach_what``: a device's report
    (``zone_breach``, ``tamper``) or who reported it (``reported:victim``)."""
    source = what.removeprefix("reported:") if what.startswith("reported:") else None
    if source is not None:
        return str(REPORTED_BY.get(source, REPORTED_BY["other"]))
    return str(BREACH_LABELS.get(what, REPORTED_BY["other"]))
