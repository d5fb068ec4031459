"""The "Ask the court" panel of a participant's case page: what they may ask for now,
and the petitions they have filed, with the court's answer when there is one."""

from __future__ import annotations

from dataclasses import dataclass

from expediente.docket.models import Case, Participation
from expediente.petitions.models import Kind, Petition
from expediente.petitions.offer import ASK, petition_kinds_offered
from expediente.petitions.selectors import petition_list_of


@dataclass(frozen=True)
class Offer:
    kind: str
    ask: str


@dataclass(frozen=True)
class PetitionsPanel:
    offers: list[Offer]
    filed: list[Petition]


def petitions_panel(*, case: Case, participation: Participation) -> PetitionsPanel:
    kinds = petition_kinds_offered(case=case, role=participation.role)
    return PetitionsPanel(
        offers=[Offer(kind=k, ask=str(ASK[Kind(k)])) for k in kinds],
        filed=list(petition_list_of(case=case, participant=participation.uid)),
    )
