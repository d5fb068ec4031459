"""Petitions an account files from /my/ on behalf of a client: who its clients are in a
case, what each may ask for, and the filing itself (the portal's own service and
receipt: ``petitions.services.petition_file``, ``filed_via: portal``).

An account follows a participation (``access.ParticipantLink``). Its clients in that
case are:

- for defence counsel (``defence``, ``public_defender``): every accused person of the
  case (the pack does not say whom a lawyer represents; ``my_cases`` reads it the same
  way for the clients' deadlines);
- for a victim's lawyer: the victims and complainants;
- for anyone else (a repeat user following their own participation): themselves.

What each client may ask for is ``petitions.offer`` for the client's role, as on the
client's own portal page. The filing names the client as petitioner and records who
handed it in (the account's name, user name and participation) in ``received_from``, a
protected field that stays out of every participant's view.
"""

from __future__ import annotations

from dataclasses import dataclass

from expediente.access.models import ParticipantLink, User
from expediente.docket.errors import NotFound
from expediente.docket.models import Participation
from expediente.petitions.models import Kind, Petition
from expediente.petitions.offer import ASK, petition_kinds_offered
from expediente.petitions.services import Filed, petition_file, portal_actor

COUNSEL_ROLES = frozenset({"defence", "public_defender"})
VICTIMS_LAWYER = "victim_lawyer"
VICTIM_ROLES = ("victim", "complainant")


@dataclass(frozen=True)
class ClientOffer:
    client: Participation
    offers: list[tuple[str, str]]  # (kind, what the button says)


def clients_of(link: ParticipantLink) -> list[Participation]:
    """The participations the account may file for in the link's case, in roster order."""
    rows = Participation.objects.filter(case_id=link.case_id).select_related("person")
    me = rows.filter(uid=link.participant).first()
    if me is None:
        return []
    if me.role in COUNSEL_ROLES:
        return list(rows.filter(role="accused").order_by("added_seq"))
    if me.role == VICTIMS_LAWYER:
        return list(rows.filter(role__in=VICTIM_ROLES).order_by("added_seq"))
    return [me]


def client_get(link: ParticipantLink, client: str) -> Participation:
    """One of the link's clients; NotFound for anyone else."""
    for p in clients_of(link):
        if p.uid == client:
            return p
    raise NotFound(f"no client {client!r} in case {link.case.nuid}")


def offers_for(link: ParticipantLink) -> list[ClientOffer]:
    """For each client, the petitions they may ask for now (none once the case is closed)."""
    out = []
    for client in clients_of(link):
        kinds = petition_kinds_offered(case=link.case, role=client.role)
        out.append(ClientOffer(client, [(k, str(ASK[Kind(k)])) for k in kinds]))
    return out


def filed_for_clients(link: ParticipantLink) -> list[Petition]:
    """The petitions of the link's clients, newest first (filed by anyone)."""
    uids = [p.uid for p in clients_of(link)]
    return list(
        Petition.objects.filter(case_id=link.case_id, petitioner__uid__in=uids)
        .select_related("petitioner__person", "court")
        .order_by("-filed_seq")
    )


def handed_in_by(user: User, link: ParticipantLink) -> str:
    name = user.get_full_name() or user.username
    return f"{name} · {user.username} · {link.participant}"[:200]


def counsel_petition_file(
    *, link: ParticipantLink, user: User, client: Participation, kind: str, text: str, token: str
) -> Filed:
    """File ``kind`` for ``client`` through the portal's account, as the client's own
    portal filing is; the form's one-time token makes a second sending land on the same
    receipt. Raises the service's ``InvalidInput`` (naming ``payload.text``) on bad text."""
    case = link.case
    return petition_file(
        case=case,
        petitioner=client.uid,
        kind=kind,
        text=text,
        filed_via="portal",
        actor=portal_actor(case),
        received_from=handed_in_by(user, link),
        idempotency_key=f"my-petition:{case.nuid}:{user.pk}:{client.uid}:{token}",
    )
