"""Payload schemas for event types, generated from the pack's field specs (pydantic).

The same model validates a form post, an API body and an imported row, so every way
in gives the same error for the same mistake.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    create_model,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from expediente.rules.citation import cite_law
from expediente.rules.schema import EventType, FieldSpec, Pack
from expediente.rules.written_moments import Moment, unreal_day

CLOCK_SKEW = dt.timedelta(minutes=5)
DEFAULT_TEXT_MAX = 2_000
DEFAULT_LONG_TEXT_MAX = 20_000


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text may not contain NUL characters")
    return value


# A date is written out: pydantic would also read a number (5, 1795900000.5,
# "1795900000") as seconds since 1970, and a case opened "5" was opened on 1 January 1970.
# (A moment too: ``written_moments.Moment``.)
_DAY_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DAY_RULE = "must be a date written YYYY-MM-DD, e.g. 2026-03-14"
# written so, but not a day of the calendar (2026-02-30)
NOT_A_DAY = "is not a real date: %(fault)s; write one that exists, YYYY-MM-DD, e.g. 2026-03-14"
FIRST_YEAR, LAST_YEAR = 1900, 2200
YEARS_RULE = f"must be a date between the years {FIRST_YEAR} and {LAST_YEAR}"


def _day_text(value: Any) -> Any:
    if isinstance(value, dt.datetime) or not isinstance(value, str | dt.date):
        raise ValueError(DAY_RULE)
    if isinstance(value, str):
        if _DAY_TEXT.fullmatch(value.strip()) is None:
            raise ValueError(DAY_RULE)
        fault = unreal_day(value.strip())
        if fault is not None:
            raise ValueError(NOT_A_DAY % {"fault": fault})
    return value


def _whole(value: Any) -> Any:
    """A whole number as JSON writes it: not true or false, not "5", not 5.0."""
    if isinstance(value, bool):
        raise ValueError("must be a number, not true or false")
    if not isinstance(value, int):
        raise ValueError("must be a whole number written without quotes, e.g. 5")
    return value


def _plausible_day(value: dt.date) -> dt.date:
    # as for moments (``_in_utc``): 9999-12-31 as a detention order's last day was a 500
    # (no day follows it), and 9000 is a typing slip, not a date a court sets
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(YEARS_RULE)
    return value


Day = Annotated[dt.date, BeforeValidator(_day_text), AfterValidator(_plausible_day)]
WholeNumber = Annotated[int, BeforeValidator(_whole)]
# an entry's number: bounds first, so the schema says minimum and maximum
Seq = Annotated[int, Field(ge=1, le=2**31 - 1), BeforeValidator(_whole)]


def _in_utc(value: dt.datetime) -> dt.datetime:
    """A payload's moment (its offset checked by ``Moment``), in the years a court sets,
    stored in UTC."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(YEARS_RULE)
    return value.astimezone(dt.UTC)


def _not_future_datetime(value: dt.datetime) -> dt.datetime:
    if value > dt.datetime.now(dt.UTC) + CLOCK_SKEW:
        raise ValueError("may not be in the future")
    return value


def _not_future_date(value: dt.date) -> dt.date:
    if value > dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1):
        raise ValueError("may not be in the future")
    return value


Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]

TIME_OF_DAY = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
TIME_RULE = "must be a time of day written HH:MM, from 00:00 to 23:59 (for example 20:00)"


def _time_of_day(value: str) -> str:
    if re.fullmatch(TIME_OF_DAY, value) is None:
        raise ValueError(TIME_RULE)
    return value


# A time of day on the court's clock, kept as the text "HH:MM" (what the order says).
TimeOfDay = Annotated[
    str,
    AfterValidator(_time_of_day),
    Field(
        description="a time of day, HH:MM (00:00 to 23:59)",
        json_schema_extra={"pattern": TIME_OF_DAY, "examples": ["20:00"]},
    ),
]


def _python_type(spec: FieldSpec) -> Any:
    match spec.type:
        case "text" | "long_text":
            limit = spec.max_length or (
                DEFAULT_TEXT_MAX if spec.type == "text" else DEFAULT_LONG_TEXT_MAX
            )
            # required text must say something: "" and "   " (trimmed to "") are refused
            minimum = 1 if spec.required else 0
            return Annotated[
                str, Field(min_length=minimum, max_length=limit), AfterValidator(_no_nul)
            ]
        case "bool":
            return StrictBool  # true or false: "no", "0" and 1 were read as booleans
        case "int":
            # the bounds before the validator: after it, the published schema said "ge"
            # and "le", which JSON Schema does not know, instead of minimum and maximum
            return Annotated[
                int,
                Field(
                    ge=spec.min if spec.min is not None else -(2**53),
                    le=spec.max if spec.max is not None else 2**53,
                ),
                BeforeValidator(_whole),
            ]
        case "date":
            checks = [AfterValidator(_not_future_date)] if spec.not_future else []
            return Annotated[Day, *checks] if checks else Day
        case "datetime":
            dchecks = [AfterValidator(_in_utc)]
            if spec.not_future:
                dchecks.append(AfterValidator(_not_future_datetime))
            return Annotated[Moment, *dchecks]
        case "choice":
            assert spec.options
            return Literal[tuple(spec.options)]
        case "participant" | "charge" | "offence":
            return Id
        case "time":
            return TimeOfDay
    raise AssertionError(f"unhandled field type {spec.type}")  # pragma: no cover


ONLY_IF = "only_if"  # the error type of a field given where its ``only_if`` says it has no place
ONE_OF = "one_of"  # the error type of a second field true in a ``one_of`` group


def _holds_a_value(value: Any) -> bool:
    """A field counts as given when it holds something other than nothing or false."""
    return value is not None and value is not False


def _only_if_message(other: str, values: list[Any]) -> str:
    said = [str(v).lower() if isinstance(v, bool) else str(v) for v in values]
    return f"only applies when {other} is {' or '.join(said)}"


def _one_of_message(others: list[str], fields: list[str]) -> str:
    return (
        f"cannot be true together with {', '.join(others)}: at most one of "
        f"{', '.join(fields)} can be true"
    )


class _PayloadBase(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, str_strip_whitespace=True)

    # by field: the pack's ``only_if``; by group: the fields of each ``one_of`` (both
    # set by ``build_model``)
    only_if_rules: ClassVar[dict[str, dict[str, list[Any]]]] = {}
    one_of_rules: ClassVar[dict[str, list[str]]] = {}

    @model_validator(mode="after")
    def _fields_agree(self) -> _PayloadBase:
        """Each field with ``only_if`` holds a value only when the field it names holds
        one of its values: an acquittal carries no sentence. In each ``one_of`` group at
        most one field is true: an arrest is not both in flagrante and on a warrant; each
        field true after the first is named. Every such field is named."""
        broken = self._one_of_broken()
        for name, rule in self.only_if_rules.items():
            value = getattr(self, name)
            if not _holds_a_value(value):
                continue
            for other, values in rule.items():
                if getattr(self, other) in values:
                    continue
                message = _only_if_message(other, values)
                context = {"other": other, "values": list(values)}
                broken.append(
                    InitErrorDetails(
                        type=PydanticCustomError(ONLY_IF, message, context),
                        loc=(name,),
                        input=value,
                    )
                )
                break
        if broken:
            raise ValidationError.from_exception_data(type(self).__name__, broken)
        return self

    def _one_of_broken(self) -> list[InitErrorDetails]:
        broken = []
        for group, names in self.one_of_rules.items():
            given = [name for name in names if getattr(self, name) is True]
            for name in given[1:]:
                others = given[: given.index(name)]
                context = {"group": group, "others": others}
                broken.append(
                    InitErrorDetails(
                        type=PydanticCustomError(ONE_OF, _one_of_message(others, names), context),
                        loc=(name,),
                        input=True,
                    )
                )
        return broken


def build_model(name: str, event_type: EventType) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for fname, spec in event_type.fields.items():
        typ = _python_type(spec)
        if spec.required:
            fields[fname] = (typ, ...)
        else:
            fields[fname] = (typ | None, None)
    model: type[_PayloadBase] = create_model(
        "Payload_" + name.replace(".", "_"), __base__=_PayloadBase, **fields
    )
    model.only_if_rules = {
        fname: dict(spec.only_if) for fname, spec in event_type.fields.items() if spec.only_if
    }
    model.one_of_rules = {group: list(spec.fields) for group, spec in event_type.one_of.items()}
    return model


_models: dict[tuple[int, str], tuple[Pack, type[BaseModel]]] = {}


def payload_model(pack: Pack, type_name: str) -> type[BaseModel]:
    """The payload model of an event type of this pack (built once per pack object)."""
    key = (id(pack), type_name)
    cached = _models.get(key)
    if cached is None or cached[0] is not pack:
        cached = (pack, build_model(type_name, pack.event_types[type_name]))
        _models[key] = cached
    return cached[1]


def payload_json_schema(pack: Pack, type_name: str) -> dict[str, Any]:
    """The payload's JSON Schema as the API publishes it: the model's, plus the pack's
    rules between fields, which a client can then check before sending: each
    ``only_if`` (the field only where another holds one of the values: ``if``/``else``)
    and each ``one_of`` group (no two of its yes-or-no fields true: ``not``)."""
    schema = payload_model(pack, type_name).model_json_schema()
    event_type = pack.event_types[type_name]
    rules: list[dict[str, Any]] = []
    for name, spec in event_type.fields.items():
        for other, values in (spec.only_if or {}).items():
            rules.append(
                {
                    "if": {"properties": {other: {"enum": list(values)}}, "required": [other]},
                    "else": {"not": {"required": [name]}},
                    "description": f"{name} only where {other} is one of {list(values)}",
                }
            )
    for group, one_of in event_type.one_of.items():
        names = list(one_of.fields)
        for i, first in enumerate(names):
            for second in names[i + 1 :]:
                rules.append(
                    {
                        "not": {
                            "properties": {first: {"const": True}, second: {"const": True}},
                            "required": [first, second],
                        },
                        "description": f"{group}: at most one of {', '.join(names)} is true",
                    }
                )
    if rules:
        schema["allOf"] = rules
    return schema


def clear_payload_models() -> None:
    _models.clear()


class PayloadError(Exception):
    """A payload that does not match its event type's schema. ``broken``: by field, the
    pack rules (``only_if``, ``one_of``) it breaks with what they say, for words in a
    court form."""

    def __init__(
        self,
        errors: list[dict[str, str]],
        broken: dict[str, tuple[str, dict[str, Any]]] | None = None,
    ) -> None:
        self.errors = errors
        self.broken = broken or {}
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))


def _loc(prefix: str, loc: tuple[int | str, ...]) -> str:
    parts = [prefix] if prefix else []
    for p in loc:
        if isinstance(p, int) and parts:
            parts[-1] += f"[{p}]"
        else:
            parts.append(str(p))
    return ".".join(parts)


def errors_from(exc: ValidationError, prefix: str = "") -> list[dict[str, str]]:
    out = []
    for err in exc.errors(include_url=False):
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "is not a field of this event type"
        out.append({"field": _loc(prefix, err["loc"]), "message": message})
    return out


def validate_payload(pack: Pack, type_name: str, payload: Any) -> dict[str, Any]:
    """The payload, normalised to JSON-ready values, or a PayloadError naming each field."""
    if not isinstance(payload, dict):
        raise PayloadError([{"field": "payload", "message": "must be a JSON object"}])
    model = payload_model(pack, type_name)
    try:
        instance = model.model_validate(payload)
    except ValidationError as exc:
        broken = {
            _loc("payload", err["loc"]): (err["type"], dict(err.get("ctx") or {}))
            for err in exc.errors(include_url=False)
            if err["type"] in (ONLY_IF, ONE_OF)
        }
        errors = errors_from(exc, "payload")
        for err, raw in zip(errors, exc.errors(include_url=False), strict=True):
            if raw["type"] == "missing" and len(raw["loc"]) == 1:
                spec = pack.event_types[type_name].fields.get(str(raw["loc"][0]))
                err["message"] = missing_message(spec) or err["message"]
        raise PayloadError(errors, broken) from exc
    return instance.model_dump(mode="json", exclude_none=True)


def missing_message(spec: FieldSpec | None) -> str | None:
    """What a missing required field is told when the pack says more than "Field
    required": a yes-or-no answer asked for (``yes_no``), and the rule that makes the
    answer matter (``law``). The requirement is the court's rules' own (a product rule):
    the law is cited as why it matters, not as what asks for the answer (Chile's CPP
    art. 145 asks for a review held in a hearing, not for the field)."""
    if spec is None or not (spec.yes_no or spec.law):
        return None
    message = "is required"
    if spec.yes_no:
        label = (spec.label or {}).get("en")
        message += f": answer true or false to “{label}”" if label else ": answer true or false"
    if spec.law is not None:
        message += f"; the court's rules ask it because of {cite_law(spec.law, 'en')}"
    return message
