"""Petitions an account files from /my/ on behalf of a client: who its clients are in a
case, how each is named to the account, what each may ask for, and the filing itself
(the portal's own service and receipt: ``petitions.services.petition_file``,
``filed_via: portal``).

An account follows participations (``access.ParticipantLink``): the clerk links a
lawyer's account to the lawyer's own participation and to each client's
(``access.participant_codes.link_by_clerk``, the "Link a lawyer's account" form of the
court's codes page). Seen through one of its links, the account's clients in that case
are:

- for defence counsel (``defence``, ``public_defender``): the accused people the account
  is also linked to; a co-defendant with another lawyer is not a client;
- for a victim's lawyer: the victims and complainants the account is also linked to;
- for anyone else (a repeat user following their own participation): themselves.

Everything shown is read through the disclosure rules for the link's participation
(``access.disclosure.disclose``, which logs the read): a case that does not exist for it
(sealed) is ``NotFound``, and a client is named as that participation may see them (a
protected person by pseudonym).

What each client may ask for is ``petitions.offer`` for the client's participation (its
role, and the client's own custody record for the detention petitions), as on the
client's own portal page. The filing names the client as petitioner and records who
handed it in (the account's name, user name and participation) in ``received_from``, a
protected field that stays out of every participant's view.
"""

from __future__ import annotations

from dataclasses import dataclass

from expediente.access.disclosure import CaseView, disclose, participant_audience
from expediente.access.models import ParticipantLink, User
from expediente.access.policy import Actor
from expediente.court.pages.labels import role_label
from expediente.docket.errors import NotFound
from expediente.docket.models import Participation
from expediente.docket.professional_roles import (
    DEFENCE_ROLES,
    PROSECUTION_ROLES,
    VICTIMS_LAWYER,
)
from expediente.petitions.handed_in import by_account
from expediente.petitions.models import Kind, Petition
from expediente.petitions.offer import ASK, petition_kinds_offered
from expediente.petitions.services import Filed, petition_file, portal_actor

VICTIM_ROLES = ("victim", "complainant")


@dataclass(frozen=True)
class Counsel:
    """One link's view of its case: the participation it follows, the case as that
    participation may see it, and its clients in roster order."""

    link: ParticipantLink
    me: Participation
    view: CaseView
    clients: list[Participation]

    def name(self, p: Participation) -> str:
        """``p`` as this participation may see them (the redaction function's name)."""
        return self.view.name(p, role_label(self.view.pack, p.role))

    @property
    def files_elsewhere(self) -> bool:
        """The prosecution files with the court directly: no form is offered to its link
        (``petitions.offer.kinds_for``), nor any client to file for."""
        return self.me.role in PROSECUTION_ROLES

    def client(self, uid: str) -> Participation:
        """One of the clients; NotFound for anyone else."""
        for p in self.clients:
            if p.uid == uid:
                return p
        raise NotFound(f"no client {uid!r} in case {self.link.case.nuid}")


@dataclass(frozen=True)
class ClientOffer:
    client: Participation
    name: str  # as the account may see it
    offers: list[tuple[str, str]]  # (kind, what the button says)


@dataclass(frozen=True)
class FiledLine:
    petition: Petition
    name: str  # the petitioner, as the account may see them


def counsel_for(link: ParticipantLink, view: CaseView | None = None) -> Counsel:
    """The link's view of its case (``view``: the disclosure already made for this
    participation in this request, so the read is logged once). NotFound when the
    participant is gone from the case or the case does not exist for them (sealed)."""
    case = link.case
    me = (
        Participation.objects.filter(case_id=link.case_id, uid=link.participant)
        .select_related("person")
        .first()
    )
    if me is None:
        raise NotFound(f"no case {case.nuid!r}")
    if view is None:
        actor = Actor(user=link.user, channel="portal")  # the lawyer reads, and is logged
        audience = participant_audience(participant=me.uid, role=me.role, actor=actor)
        view = disclose(audience, case, channel="portal")
    if not view.visible:
        raise NotFound(f"no case {case.nuid!r}")
    return Counsel(link=link, me=me, view=view, clients=_clients(link, me))


def client_roles(role: str) -> tuple[str, ...]:
    """The roles of the account's clients among the participations it is also linked to,
    when it follows one of ``role`` (the rule above); () when its clients are itself."""
    if role in DEFENCE_ROLES:
        return ("accused",)
    if role == VICTIMS_LAWYER:
        return VICTIM_ROLES
    return ()


def _clients(link: ParticipantLink, me: Participation) -> list[Participation]:
    roles = client_roles(me.role)
    if not roles:
        return [me]
    linked = ParticipantLink.objects.filter(user_id=link.user_id, case_id=link.case_id)
    return list(
        Participation.objects.filter(
            case_id=link.case_id,
            role__in=roles,
            uid__in=linked.values("participant"),
        )
        .select_related("person")
        .order_by("added_seq")
    )


def offers_for(counsel: Counsel) -> list[ClientOffer]:
    """For each client, the petitions they may ask for now (none once the case is closed;
    none for the prosecution, which has no client and files with the court directly)."""
    if counsel.files_elsewhere:
        return []
    case = counsel.link.case
    out = []
    for client in counsel.clients:
        kinds = petition_kinds_offered(case=case, participation=client)
        asks = [(k, str(ASK[Kind(k)])) for k in kinds]
        out.append(ClientOffer(client, counsel.name(client), asks))
    return out


def filed_for_clients(counsel: Counsel) -> list[FiledLine]:
    """The petitions of the link's clients, newest first (filed by anyone)."""
    names = {p.uid: counsel.name(p) for p in counsel.clients}
    rows = (
        Petition.objects.filter(case_id=counsel.link.case_id, petitioner__uid__in=list(names))
        .select_related("petitioner__person", "court")
        .order_by("-filed_seq")
    )
    return [FiledLine(p, names[p.petitioner.uid]) for p in rows]


def handed_in_by(user: User, link: ParticipantLink) -> str:
    name = user.get_full_name() or user.username
    return by_account(name=name, username=user.username, participant=link.participant)


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
