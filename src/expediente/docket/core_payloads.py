"""Payloads of the event types the docket itself understands.

These are structure, not law: every jurisdiction opens cases, adds participants and
files charges. Procedural event types (hearings, custody, verdicts) come from the
rule pack instead.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, model_validator

from expediente.docket.countries import STATELESS, is_nationality
from expediente.docket.models import Confidentiality, Procedure, Role
from expediente.rules.payloads import Day

Uid = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text may not contain NUL characters")
    return value


def _past_date(value: dt.date) -> dt.date:
    # the years before 1900 are ``Day``'s to refuse (payloads.YEARS_RULE): a check of its
    # own here, "must be after 1900", was never reached, and 1900 itself is taken
    if value > dt.datetime.now(dt.UTC).date():
        raise ValueError("may not be in the future")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]

# the length limit before the NUL check: after it, pydantic said "Value should have at
# most 200 items after validation" of a name too long
NoNul = AfterValidator(_no_nul)


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CaseOpened(_Payload):
    court: Text
    number: Text
    nuid: Text
    procedure: Literal[tuple(Procedure.values)]  # type: ignore[valid-type]
    confidentiality: Literal[tuple(Confidentiality.values)]  # type: ignore[valid-type]
    police_report: Annotated[str, Field(max_length=60), NoNul] = ""
    summary: Annotated[str, Field(max_length=2000), NoNul] = ""


NATIONALITY = r"^([A-Z]{2}|stateless)$"
_NATIONALITY = re.compile(NATIONALITY)
NATIONALITY_RULE = (
    "must be a country code of two capital letters (ISO 3166-1 alpha-2, for example CR "
    f"for Costa Rica), or {STATELESS!r} for a person no State considers its national"
)


def _nationality(code: str) -> str:
    """A country code or ``stateless``, said as the rule for any other text: "cr" was
    told "String should match pattern '^([A-Z]{2}|stateless)$'"."""
    if _NATIONALITY.fullmatch(code) is None:
        # the value itself is quoted only where it is a short slip of case ("cr")
        if is_nationality(code.upper()):
            hint = f": write {code.upper()!r}, not {code!r}"
        elif code.lower() == STATELESS:
            hint = f": write {STATELESS!r}, not {code!r}"
        else:
            hint = ""
        raise ValueError(f"{NATIONALITY_RULE}{hint}")
    if not is_nationality(code):
        raise ValueError(
            f"{code!r} is not a country code (ISO 3166-1 alpha-2, for example CR for Costa "
            f"Rica) nor {STATELESS!r} (a person no State considers its national)"
        )
    return code


class PersonData(_Payload):
    uid: Uid | None = None
    kind: Literal["natural", "legal"] = "natural"
    given_names: Annotated[str, Field(max_length=200), NoNul] = ""
    family_names: Annotated[str, Field(max_length=200), NoNul] = ""
    legal_name: Annotated[str, Field(max_length=300), NoNul] = ""
    sex: Literal["female", "male", "other", "unknown"] = "unknown"
    date_of_birth: Annotated[Day, AfterValidator(_past_date)] | None = None
    id_number: Annotated[str, Field(max_length=60), NoNul] = ""
    # a country code, or "stateless"; left out (None) when not known (docket/countries.py)
    # the pattern published, not checked by pydantic: ``_nationality`` says the rule
    nationality: (
        Annotated[
            str, AfterValidator(_nationality), Field(json_schema_extra={"pattern": NATIONALITY})
        ]
        | None
    ) = None

    @model_validator(mode="after")
    def _named(self) -> PersonData:
        if self.kind == "natural" and not (self.given_names or self.family_names):
            raise ValueError("a natural person needs given_names or family_names")
        if self.kind == "legal" and not self.legal_name:
            raise ValueError("a legal person needs legal_name")
        return self


class ParticipantAdded(_Payload):
    participant: Uid | None = None
    role: Literal[tuple(Role.values)]  # type: ignore[valid-type]
    person: PersonData
    pseudonym: Annotated[str, Field(max_length=100), NoNul] = ""
    protected: StrictBool = False


class ChargeFiled(_Payload):
    charge: Uid | None = None
    accused: Uid
    offence: Annotated[str, Field(max_length=40), NoNul]
    attempted: StrictBool = False
    firearm: StrictBool = False
    violence_against_women: StrictBool = False
    cyber: StrictBool = False
    description: Annotated[str, Field(max_length=2000), NoNul] = ""


CORE_PAYLOADS: dict[str, type[_Payload]] = {
    "case.opened": CaseOpened,
    "participant.added": ParticipantAdded,
    "charge.filed": ChargeFiled,
}
