"""Request and response bodies of the API."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Schema
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from expediente.api.problems import schema_refusal
from expediente.docket import errors
from expediente.docket.core_payloads import (
    CaseOpened,
    ChargeFiled,
    ParticipantAdded,
    PersonData,
    Text,
    Uid,
)
from expediente.docket.models import Role
from expediente.rules.payloads import Seq
from expediente.rules.written_moments import Moment, described

DECIMAL_DIGITS = re.compile(r"[0-9]+")


def _decimal_digits(value: Any) -> Any:
    """A number in a query string as plain decimal digits. pydantic reads more as an
    integer: 5.0, +5, 1_0, " 5" and other scripts' digits (٥) were all taken for 5."""
    if isinstance(value, str) and not DECIMAL_DIGITS.fullmatch(value):
        raise ValueError("must be written in plain decimal digits 0-9, e.g. 50")
    return value


# A page's size in a query string (``?limit=50``); bounds first, so the schema says them.
PageLimit = Annotated[int, Field(ge=1, le=200), BeforeValidator(_decimal_digits)]


class In(Schema):
    model_config = ConfigDict(extra="forbid")


# The docket's payloads trim the whitespace around a text before they check it
# (``core_payloads._Payload``): " P1 " is the participant P1, and 100 characters of
# pseudonym and a line break are 100 characters.
_TRIMMED = ConfigDict(str_strip_whitespace=True)


def _docket_field(model: type[BaseModel], name: str) -> Any:
    """The type a docket payload gives one of its fields, its limits included."""
    info = model.model_fields[name]
    return Annotated[(info.annotation, *info.metadata)]


def as_the_docket_checks(rule: Any) -> Any:
    """A text checked in the body as the docket will check it: trimmed first, with the
    docket's own limits (``rule``), so a client reads them in the OpenAPI document
    (``maxLength``, ``pattern``) and is refused with the rest of the body's faults. The
    value goes on as sent: the docket trims it when it records it, and the request's
    digest (an Idempotency-Key's replay) is of what was sent. Accepts exactly what the
    docket accepts; refuses with its words ("String should have at most 100 characters")."""
    adapter = TypeAdapter(rule, config=_TRIMMED)

    def check(value: str) -> str:
        try:
            adapter.validate_python(value)
        except ValidationError as exc:
            fault = exc.errors(include_url=False)[0]
            # the message as pydantic wrote it: braces kept, not read as placeholders
            words = fault["msg"].replace("{", "{{").replace("}", "}}")
            raise PydanticCustomError(fault["type"], words) from None
        return value

    return Annotated[str, AfterValidator(check), WithJsonSchema(adapter.json_schema())]


# A participant's or a charge's id in its case, as the docket checks it (``Uid``).
DocketId = as_the_docket_checks(Uid)
ID_RULE = (
    "1 to 64 characters, each a letter A-Z or a-z, a digit, `_`, `.`, `:` or `-` "
    "(whitespace around it is trimmed first and not recorded)"
)
Pseudonym = as_the_docket_checks(_docket_field(ParticipantAdded, "pseudonym"))
OffenceCode = as_the_docket_checks(_docket_field(ChargeFiled, "offence"))
ChargeDescription = as_the_docket_checks(_docket_field(ChargeFiled, "description"))
PoliceReport = as_the_docket_checks(_docket_field(CaseOpened, "police_report"))
CaseSummary = as_the_docket_checks(_docket_field(CaseOpened, "summary"))

# The roles a participant may be added in: the docket's, the same in every court (a rule
# pack only gives them their names in its languages).
RoleName = Literal[tuple(Role.values)]  # type: ignore[valid-type]


class QueryIn(Schema):
    """A route's query parameters, refusing any it does not know as a body refuses an
    unknown field: a mistyped ``?statu=overdue`` was ignored, and the client given every
    deadline as if they were the overdue ones. (ninja passes only the parameters it
    knows; the validator puts the others back for ``extra="forbid"`` to name.)"""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _unknown_parameters(cls, data: Any, info: ValidationInfo) -> Any:
        request = (info.context or {}).get("request")
        if request is None or not isinstance(data, dict):
            return data
        # a parameter without a name (``?=5``, ``?&limit=5``) names nothing to refuse
        unknown = {k: request.GET[k] for k in request.GET if k and k not in cls.model_fields}
        return {**unknown, **data}


def refuse_query_parameters(request: HttpRequest) -> None:
    """For a route that reads no query parameter: any one sent is refused by name, as
    ``QueryIn`` refuses the unknown ones (``GET /courts?court=sj-penal`` answered every
    court as if filtered). The empty query string, the usual case, costs one lookup."""
    if not request.META.get("QUERY_STRING"):
        return
    names = list(dict.fromkeys(k for k in request.GET if k))
    if names:
        found = [{"field": name, "message": "is not a known field"} for name in names]
        raise errors.InvalidInput(schema_refusal(found), errors=found)


class CaseOpenIn(In):
    court: str = Field(
        min_length=1,
        max_length=40,
        pattern=r"^[-a-zA-Z0-9_]+$",
        description="Court code, e.g. 'sj-penal-1'.",
    )
    procedure: Literal["adult", "juvenile"]
    occurred_at: Moment = Field(description=described("When the case was opened."))
    confidentiality: Literal["public", "restricted", "sealed"] | None = Field(
        default=None, description="Default: public for adults, restricted for juveniles."
    )
    number: Text | None = Field(
        default=None,
        min_length=1,
        max_length=40,
        description="Court number; generated when omitted.",
    )
    police_report: PoliceReport = Field(  # type: ignore[valid-type]
        default="", description="At most 60 characters, once trimmed."
    )
    summary: CaseSummary = Field(  # type: ignore[valid-type]
        default="", description="At most 2,000 characters, once trimmed."
    )


class ParticipantIn(In):
    role: RoleName = Field(  # type: ignore[valid-type]
        description="Their part in the case: one of these, the same in every court (a "
        "court's rule pack only names them in its languages), written exactly as listed "
        "(no capitals, no spaces around); any other is refused, 422 naming `role`."
    )
    person: PersonData
    occurred_at: Moment = Field(description=described("When they joined the case."))
    participant: DocketId | None = Field(  # type: ignore[valid-type]
        default=None,
        description=f"Id in this case; generated (P1, P2, …) when omitted. {ID_RULE}; "
        "one already used in the case is refused.",
    )
    pseudonym: Pseudonym = Field(  # type: ignore[valid-type]
        default="",
        description="The name shown instead of theirs to readers who may not see it "
        "(docs/privacy.md): at most 100 characters once whitespace around it is trimmed. "
        "Empty: none.",
    )
    protected: StrictBool = False


class ChargeIn(In):
    accused: DocketId = Field(  # type: ignore[valid-type]
        description=f"Participant id of an accused in this case: {ID_RULE}."
    )
    offence: OffenceCode = Field(  # type: ignore[valid-type]
        description="Offence code from the court's rule pack catalogue, as "
        "`GET /courts/{code}/offences` lists it (one not in it is refused, 422 naming "
        "`offence`); at most 40 characters once whitespace around it is trimmed."
    )
    occurred_at: Moment = Field(description=described("When the charge was filed."))
    charge: DocketId | None = Field(  # type: ignore[valid-type]
        default=None,
        description=f"Id in this case; generated (C1, C2, …) when omitted. {ID_RULE}; "
        "one already used in the case is refused.",
    )
    attempted: StrictBool = False
    firearm: StrictBool = False
    violence_against_women: StrictBool = False
    cyber: StrictBool = False
    description: ChargeDescription = Field(  # type: ignore[valid-type]
        default="",
        description="The facts charged, in the court's words: at most 2,000 characters "
        "once whitespace around it is trimmed.",
    )


# the warnings a caller reads and confirms (custody/confirmations.py)
WarningName = Literal["extension_past_limit", "order_past_maximum", "petition_repeated"]


class EventIn(In):
    type: str = Field(min_length=1, max_length=80, description="Event type from the rule pack.")
    occurred_at: Moment = Field(description=described("When it happened."))
    payload: dict[str, Any] = Field(default_factory=dict)
    corrects: Seq | None = Field(default=None, description="Seq of the event this one corrects.")
    correction_reason: str | None = Field(
        default=None,
        description="Why the entry is corrected: required with `corrects`, and only with it; "
        "3 to 500 characters once trimmed. Recorded with the correction and covered by its "
        "hash.",
        examples=["The hearing's courtroom was typed wrong: Sala 2, not Sala 3."],
    )
    expected_seq: Seq | None = Field(
        default=None, description="Refuse unless this would be event number N."
    )
    confirm: list[WarningName] = Field(
        default_factory=list,
        description="Warnings read and confirmed; without the one an entry needs, it is a "
        "422 on `confirm` naming the rule and its article, and nothing is written. "
        "`extension_past_limit`: record an extension past the number of extensions its "
        "term admits (Colombia: one, Ley 906 art. 307 par. 1, as the rule pack reads it); "
        "recorded, the extension is kept as the judge ordered it, and the deadline does not "
        "count it. `order_past_maximum`: record a detention order or extension whose stated "
        "term (`until`) goes past the legal maximum of detention (Costa Rica: CPP art. 257, "
        "as the rule pack reads it); recorded, the order is kept as the judge gave it, and "
        "the detention clock marks its term as beyond the maximum, which governs. "
        "`petition_repeated` is asked by the court's record form only: sent here it changes "
        "nothing (it is accepted so that an entry's `confirmed`, read from this API, can be "
        "sent back as it is). A name an entry does not need changes nothing and is not "
        "kept; one it needed is kept on it (the event's `confirmed`).",
    )


class StageOut(Schema):
    id: str
    label: str
    explain: str | None


class PersonOut(Schema):
    kind: str
    name: str
    sex: str
    date_of_birth: dt.date | None
    id_number: str
    # an ISO 3166-1 alpha-2 code, "stateless", or "" when not known (docs/api.md)
    nationality: str


class ParticipantOut(Schema):
    participant: str
    role: str
    person: PersonOut
    pseudonym: str
    protected: bool
    # a guardian's: the participant id of whom she stands for; null when not recorded, for
    # any other role, or when the reader sees her name more fully than that person's
    stands_for: str | None
    # a defence lawyer's (defence, public_defender): the participant ids of the accused she
    # acts for now; [] when she acts for nobody now; null when nothing is recorded, for any
    # other role, or when the reader sees every one of those accused less fully than her
    acts_for: list[str] | None


class ChargeOut(Schema):
    charge: str
    accused: str
    offence: str
    offence_label: str
    iccs: str
    attempted: bool
    firearm: bool
    violence_against_women: bool
    cyber: bool


class EventOut(Schema):
    seq: int
    type: str
    schema_version: int
    occurred_at: dt.datetime
    recorded_at: dt.datetime
    actor: str
    payload: dict[str, Any]
    corrects: int | None
    correction_reason: str | None = Field(
        description="Why a correction was made; null for an entry that corrects nothing and "
        "for a correction recorded before reasons were asked for (no reason recorded); "
        "`[…]` to a reader who does not see the whole case."
    )
    confirmed: list[WarningName] = Field(
        description="The warnings its recorder read and confirmed that this entry "
        "needed, sorted, covered by its hash: `order_past_maximum` (a detention order "
        "or extension whose stated term goes past the legal maximum; Costa Rica: CPP "
        "art. 257), `extension_past_limit` (an extension past the number its term "
        "admits; Colombia: Ley 906 art. 307 par. 1), `petition_repeated` (the court's "
        "record form only: a petition the same as one still awaiting the court's "
        "answer, recorded as a filing of its own; only to a reader of that petition's "
        "text). `[]` for an entry that needed none "
        "(a name sent in `confirm` that the entry did not need is not kept) and for "
        "every entry recorded before confirmations were kept. To import the entry "
        "elsewhere, send them back in `confirm`."
    )
    prev_hash: str
    hash: str


class RecordedOut(EventOut):
    """The answer to a write that records an entry."""

    follow_ups: list[EventOut] = Field(
        description="Entries recorded with this one, in the same transaction, because the "
        "law or the rule pack makes them follow from it (a measure.revoked with "
        "return_to_custody brings custody.arrested, or custody.sentence_started in "
        "enforcement; a detention_review petition that is the accused's request brings "
        "custody.review_requested where the pack has it; a petition.decided with "
        "detention maintained, lifted or replaced brings the custody entry saying so). "
        "Usually empty. The case's next entry is number 1 + the last seq "
        "here: send that as expected_seq."
    )


class CaseOut(Schema):
    nuid: str
    number: str
    court: str
    procedure: str
    confidentiality: str
    stage: StageOut
    stage_since: dt.datetime
    opened_at: dt.datetime
    police_report: str
    last_seq: int
    head_hash: str
    participants: list[ParticipantOut]
    charges: list[ChargeOut]
    allowed_event_types: list[str]
    recent_events: list[EventOut]


class SealedCaseOut(Schema):
    """A case just opened sealed, answered to an opener who may not read sealed cases
    (a token with ``cases:seal``): what identifies it, and nothing it holds."""

    nuid: str
    number: str
    court: str
    procedure: str
    confidentiality: str
    opened_at: dt.datetime


class EventPage(Schema):
    items: list[EventOut]
    next_cursor: str | None


class CourtOut(Schema):
    code: str
    name: str
    jurisdiction: str
    timezone: str
    rule_pack: str
    procedures: list[str] = Field(
        description="The procedures a case of this court may be opened in (`procedure` of "
        "`POST /cases`): those of its rule pack the court hears"
    )


class EventTypeOut(Schema):
    type: str
    label: str
    stages: list[str] | Literal["any"]
    procedures: list[str] | None
    to_stage: str | None
    payload_schema: dict[str, Any]
