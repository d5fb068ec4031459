"""Whom a participant's page speaks to, and for whom they act.

The portal's pages say "you" to their reader. For the accused, a victim or a witness
that is the person the case is about; but a guardian follows a juvenile's case for the
young person she is responsible for, and a lawyer for a client. Their pages had read to
them as to the accused ("Your lawyer can … speak for you at every hearing") or the
victim ("If you feel at risk …"). Every text that depends on it asks ``Reader``:

- ``self``: the accused, a victim, a complainant, a civil party, a witness, and anyone
  else following their own part in the case (the prosecution, which acts for no client;
  a judge, an interpreter, an expert);
- ``ward``: a guardian, for the person she is responsible for: the one the docket
  records she stands for (``docket/standing.py``; an accused, or a child victim,
  complainant or witness: ``ward_side``), named as the reader may see them; when it
  records nobody, the accused, named when the case has one and the reader may see the
  name, else "the young person you are responsible for" (a juvenile case) or "the
  person you are responsible for";
- ``client``: defence counsel and a victim's lawyer (``LAWYER_ROLES``), for their clients.

On /my/ the reader is an account, which may follow several participations of a case:
it acts as counsel where it follows a counsel participation, or where the clerk linked
it to a client's (the codes page's "Link a lawyer's account": ``lawyer_link``), even
when the page is read through the client's participation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from expediente.docket.professional_roles import LAWYER_ROLES

GUARDIAN = "guardian"
# the participations a lawyer acts for (``counsel_petitions.client_roles``), and the
# role she acts in for each
LAWYER_FOR = {"accused": "defence", "victim": "victim_lawyer", "complainant": "victim_lawyer"}


@dataclass(frozen=True)
class Reader:
    """The reader of a page, as the page addresses them."""

    role: str
    juvenile: bool = False  # the case's procedure is the juvenile one
    ward: str = ""  # a guardian's: the accused's name as she sees it ("" when not one)
    # a guardian's: "victim" when the docket records her for a victim, complainant or
    # witness, else "accused" (recorded for an accused, or nobody recorded)
    ward_side: str = "accused"

    @property
    def acts_for(self) -> str:
        """ "self", "ward" (a guardian) or "client" (a lawyer)."""
        if self.role == GUARDIAN:
            return "ward"
        if self.role in LAWYER_ROLES:
            return "client"
        return "self"


def lawyer_link(role: str, how: str) -> str:
    """The role a lawyer acts in when the clerk linked her account to a participation of
    ``role`` ("Link a lawyer's account"): "defence" for an accused's, "victim_lawyer"
    for a victim's or a complainant's; "" for any other link (a code redeemed by the
    person or the family, a guardian's own account)."""
    return LAWYER_FOR.get(role, "") if how == "clerk" else ""


def reader_for(
    role: str,
    *,
    juvenile: bool,
    accused: Iterable[str] = (),
    ward: tuple[str, str] | None = None,
) -> Reader:
    """The reader with ``role``; ``accused``: the names of the case's accused as this
    reader sees them (a guardian's page names the one she is responsible for when the
    case has one accused); ``ward``: for a guardian, the name and side ("accused" or
    "victim") of the person the docket records she stands for."""
    if role != GUARDIAN:
        return Reader(role=role, juvenile=juvenile)
    if ward is not None:
        return Reader(role=role, juvenile=juvenile, ward=ward[0], ward_side=ward[1])
    names = list(accused)
    return Reader(role=role, juvenile=juvenile, ward=names[0] if len(names) == 1 else "")


def ask_intro(reader: Reader) -> str:
    """The first sentence of the "Ask the court" panel: whose rights the reader may ask
    the court to protect."""
    if reader.acts_for == "client":
        return _(
            "You can ask the court to protect your client's rights. The court must answer, "
            "and you will get a receipt with a number."
        )
    if reader.acts_for == "ward":
        if reader.ward:
            return _(
                "You can ask the court to protect the rights of %(name)s. The court must "
                "answer, and you will get a receipt with a number."
            ) % {"name": reader.ward}
        if reader.juvenile:
            return _(
                "You can ask the court to protect the rights of the young person you are "
                "responsible for. The court must answer, and you will get a receipt with a "
                "number."
            )
        return _(
            "You can ask the court to protect the rights of the person you are responsible "
            "for. The court must answer, and you will get a receipt with a number."
        )
    return _(
        "You can ask the court to protect your rights. The court must answer, and you will "
        "get a receipt with a number."
    )


def reasons_elsewhere(reader: Reader) -> str:
    """Where to ask for the court's reasons the receipt does not show: the person the
    case is about may ask their lawyer; a lawyer or a guardian asks the court clerk."""
    if reader.acts_for == "self":
        return _(
            "The court's reasons are kept in the case record, not on this page. Ask the "
            "court clerk or your lawyer for them."
        )
    return _(
        "The court's reasons are kept in the case record, not on this page. Ask the court "
        "clerk for them."
    )
