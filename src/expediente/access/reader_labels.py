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
