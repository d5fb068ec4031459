"""The words for a line of the access log (``access/access_log.py``): the channel a
read came through, the roles of the staff who read, and the data read. One set for
the pages that show the log: the court's access log and "Who viewed my case"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

CHANNELS = {
    "web": gettext_lazy("the court's workspace"),
    "api": gettext_lazy("another institution's system"),
    "portal": gettext_lazy("this portal"),
    "export": gettext_lazy("an export"),
}
STAFF_ROLES = {
    "clerk": gettext_lazy("A clerk"),
    "judge": gettext_lazy("A judge"),
    "court_admin": gettext_lazy("A court administrator"),
    "system": gettext_lazy("The court's own system"),
}
CLASSES = {
    "names": gettext_lazy("names"),
    "identifiers": gettext_lazy("identity documents"),
    "birth_dates": gettext_lazy("dates of birth"),
    "free_text": gettext_lazy("what was written in the record"),
    "hearings": gettext_lazy("hearings"),
}
# An institution's system that read a case, by the agency its token serves (the line's
# roles carry it: ``access.disclosure.audience_for``), as a participant reads it in "Who
# viewed my case"; a line of a token of no agency, or from before tokens named one, is
# "Another institution's system".
AGENCY_SYSTEMS = {
    "prosecution": gettext_lazy("The prosecution's system"),
    "public_defence": gettext_lazy("A public defence office's system"),
    "private_defence": gettext_lazy("A private defence lawyer's system"),
    "police": gettext_lazy("A police system"),
    "prison": gettext_lazy("The prison administration's system"),
}
OTHER_SYSTEM = gettext_lazy("Another institution's system")


def agency_system(roles: str) -> str:
    """Whose system read, from an API line's roles (``"cases:read,prosecution"``)."""
    for role in roles.split(","):
        if role in AGENCY_SYSTEMS:
            return str(AGENCY_SYSTEMS[role])
    return str(OTHER_SYSTEM)


# the portal as the court's staff call it ("this portal" is the participant's word)
PORTAL_FOR_STAFF = gettext_lazy("the participants' portal")
AUDIENCES = {
    "staff": gettext_lazy("court staff"),
    "api": gettext_lazy("another institution's system"),
    "participant": gettext_lazy("a participant"),
    "public": gettext_lazy("the public"),
}


def staff_role_name(role: str) -> str:
    """A staff role's name ("clerk" → "Clerk", in the reader's language)."""
    from expediente.access.models import StaffRole

    try:
        return str(StaffRole(role).label)
    except ValueError:
        return role
