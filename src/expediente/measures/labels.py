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


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))
