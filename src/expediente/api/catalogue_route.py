"""Route: a court's offence catalogue (GET /courts/{code}/offences), the codes a charge's
``offence`` takes. A charge naming a code not in it is refused ("not in the offence
catalogue"); a client finds the codes here, with their names in its language, their
ICCS class and the flags they carry, from the court's rule pack (``rules/packs/``)."""

from __future__ import annotations

from typing import Any, Literal, get_args

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor
from expediente.api.deadlines import readable_court
from expediente.api.present import localized
from expediente.api.schemas import refuse_query_parameters
from expediente.rules.loader import load_pack
from expediente.rules.schema import Offence

router = Router(tags=["courts"])

# the flags a rule pack may give an offence, as its schema lists them
FLAGS = get_args(get_args(Offence.model_fields["flags"].annotation)[0])
OffenceFlag = Literal[FLAGS]  # type: ignore[valid-type]


class OffenceOut(Schema):
    code: str = Field(description="What a charge's `offence` names (`POST /cases/{nuid}/charges`).")
    label: str = Field(
        description="Its name in the request's language (`Accept-Language`) where the "
        "rule pack gives one; else in Spanish, else English, else the first the pack gives."
    )
    iccs: str = Field(
        description="Its class in the UNODC International Classification of Crime for "
        "Statistical Purposes (ICCS): 2, 4, 5 or 6 digits. A charge of it answers this "
        "code as its `iccs`."
    )
    flags: list[OffenceFlag] = Field(
        description="What the law makes of every charge of it: `firearm`, `vaw` "
        "(violence against women) and `cyber` are set on each charge of it (its "
        "`firearm`, `violence_against_women` and `cyber`: a client may add them to "
        "another charge, never take them off one of this offence); the court's "
        "statistics and what its rule pack lets agencies read of the case (docs/privacy.md) "
        "read them too. `[]` for none."
    )


@router.get(
    "/courts/{code}/offences",
    response=list[OffenceOut],
    summary="The offences a court's charges may name: its rule pack's catalogue",
    description=(
        "Every offence of the court's rule pack, in the catalogue's order: the `code` a "
        "charge's `offence` must be (any other is refused, 422 naming `offence`), its name "
        "in your language (`Accept-Language`: es, en, pt, fr) where the pack has it, its "
        "ICCS class and its flags. Courts of one rule pack share one catalogue. Needs "
        "`cases:read`; a court the token may not see is not found, as an unknown one."
    ),
)
def list_offences(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Actor)
    refuse_query_parameters(request)
    court = readable_court(actor, code, Capability.COURT_LIST)
    return [
        {"code": o.code, "label": localized(o.label), "iccs": o.iccs, "flags": o.flags}
        for o in load_pack(court.rule_pack).offences
    ]
