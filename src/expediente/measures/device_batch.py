"""Batches of monitoring-device events from a provider, recorded one item at a time.

``device_batch_record`` finds each item's measure by its device (in the court), and
records a ``measure.device_event`` through ``event_record``, with the idempotency key
``device/<court>/<batch>:item:<item>`` (``item_key``), so that:

- a batch id is the provider's in each court: the route is the court's, and one account
  (a national monitoring centre) reports to many; the keys of batches recorded before
  the court was in them (``legacy_item_key``) are still found in their court, so such a
  batch sent again is still a no-op;

- a batch sent again is a no-op: each item is answered ``duplicate`` with the entry it
  recorded the first time; the same batch id with different content is refused item by
  item (the key's request differs), naming the item, not the key (``_resent``);
- items are recorded in ``occurred_at`` order; an item older than entries already on the
  record (a late batch) is accepted and placed on the timeline at its own time;
- an item for an unknown device, or for a measure that had ended when it happened, is
  refused with a message naming the field; the other items are recorded all the same
  (each item is its own transaction: nothing accepted is lost).

A provider's token has only the ``measures:device`` scope: it records under
``Capability.MEASURE_DEVICE_REPORT`` (``event_record``'s ``capability``), which records
device events and nothing else, and reads nothing. That capability passes a sealed case
(a juvenile's measure is still supervised: ``access.policy.can``), but the answer never
names a sealed case: its item comes back with an empty ``case``, and no message names
its number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.docket.errors import (
    DocketError,
    IdempotencyConflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from expediente.docket.models import Case, Court, Event
from expediente.docket.services import event_record
from expediente.docket.services.common import MAX_KEY_LENGTH as MAX_KEY
from expediente.measures.models import Measure


@dataclass(frozen=True)
class DeviceItem:
    device: str
    kind: str
    occurred_at: dt.datetime
    item: str = ""  # the provider's own id for the item


@dataclass
class ItemResult:
    index: int
    status: str  # recorded, duplicate, refused
    case: str = ""
    measure: str = ""
    seq: int | None = None
    errors: list[dict[str, str]] = field(default_factory=list)


def device_batch_record(
    *, court: Court, batch: str, items: list[DeviceItem], actor: Actor
) -> list[ItemResult]:
    if not can(actor, Capability.MEASURE_DEVICE_REPORT, court_code=court.code):
        raise NotFound(f"no court {court.code!r}")
    order = sorted(range(len(items)), key=lambda i: (items[i].occurred_at, i))
    keys = _keys(court, batch, items, actor)
    results: dict[int, ItemResult] = {}
    for index in order:
        results[index] = _one(court, batch, index, items[index], actor, keys[index])
    return [results[i] for i in range(len(items))]


def _keys(court: Court, batch: str, items: list[DeviceItem], actor: Actor) -> list[str]:
    """Each item's idempotency key: the court's (``item_key``), or the key without the
    court where this account recorded the item under it in this court, before batch ids
    were per court (one query per batch)."""
    legacy = [legacy_item_key(batch, item.item, i) for i, item in enumerate(items)]
    found = set(
        Event.objects.filter(
            actor_id=actor.user.pk, idempotency_key__in=set(legacy), case__court_id=court.pk
        ).values_list("idempotency_key", flat=True)
    )
    return [
        old if old in found else item_key(court.code, batch, item.item, i)
        for i, (item, old) in enumerate(zip(items, legacy, strict=True))
    ]


def _one(
    court: Court, batch: str, index: int, item: DeviceItem, writer: Actor, key: str
) -> ItemResult:
    measure = _measure(court, item.device)
    if measure is None:
        return ItemResult(
            index,
            "refused",
            errors=[
                {"field": f"events[{index}].device", "message": f"unknown device {item.device!r}"}
            ],
        )
    payload = {"measure": measure.uid, "device": item.device, "kind": item.kind, "batch": batch}
    if item.item:
        payload["item"] = item.item
    if not can(writer, Capability.MEASURE_DEVICE_REPORT, case=measure.case):
        return ItemResult(
            index,
            "refused",
            errors=[
                {"field": f"events[{index}].device", "message": f"unknown device {item.device!r}"}
            ],
        )
    shown = _case_number(measure.case)
    try:
        recorded = event_record(
            case=measure.case,
            type="measure.device_event",
            payload=payload,
            actor=writer,
            occurred_at=item.occurred_at,
            idempotency_key=key,
            capability=Capability.MEASURE_DEVICE_REPORT,
        )
    except IdempotencyConflict:
        return ItemResult(
            index, "refused", shown, measure.uid, errors=[_resent(batch, index, item)]
        )
    except (InvalidInput, PermissionDenied, DocketError) as exc:
        errors = [
            {
                # an item's fields are at its top level, as the client sent them
                "field": f"events[{index}].{str(e.get('field', '')).removeprefix('payload.')}",
                "message": _unnamed(str(e.get("message", "")), measure.case, shown),
            }
            for e in exc.errors
        ] or [{"field": f"events[{index}]", "message": _unnamed(exc.message, measure.case, shown)}]
        return ItemResult(index, "refused", shown, measure.uid, errors=errors)
    status = "recorded" if recorded.created else "duplicate"
    return ItemResult(index, status, shown, measure.uid, recorded.event.seq)


def _resent(batch: str, index: int, item: DeviceItem) -> dict[str, str]:
    """An item whose batch (and id) recorded another event before: the item is at fault,
    not the Idempotency-Key the service names (a provider need not send one)."""
    if item.item:
        return {
            "field": f"events[{index}].item",
            "message": f"batch {batch!r} already has an item {item.item!r} with other "
            "content; give a new event a new item id or batch id",
        }
    return {
        "field": f"events[{index}]",
        "message": f"batch {batch!r} already had another event at place {index} with "
        "other content; give a new event a new batch id, or an item id",
    }


def _case_number(case: Case) -> str:
    """The case's number as the provider may see it: none for a sealed case."""
    return "" if case.confidentiality == "sealed" else case.nuid


def _unnamed(message: str, case: Case, shown: str) -> str:
    """A refusal's message without the number of a case the provider may not see."""
    if shown:
        return message
    for number in (case.nuid, case.number):
        if number:
            message = message.replace(number, str(_("the case")))
    return message


def _measure(court: Court, device: str) -> Measure | None:
    """The measure a device belongs to: the one in force, else the latest that had it."""
    found = (
        Measure.objects.filter(court=court, device=device)
        .select_related("case__court")
        .order_by("status", "-imposed_at")  # "active" sorts before the closed statuses
    )
    return found.first()


def item_key(court: str, batch: str, item: str | None, index: int) -> str:
    """The idempotency key of one item of a batch sent to ``court`` (its code): its own id
    where it has one, else its place. Keys are per account (``event_record``), batch ids
    per account and court: two courts' batches of one name are two batches. Cut to the
    key's 200 characters, two long ids that differed only at the end shared a key (the
    second item was refused as "already used"), item "0" met the first item without an
    id, and an id with a tab was not a valid key: such keys are a digest of the court,
    the batch and the item."""
    at = f"{batch}:item:{item}" if item else f"{batch}:index:{index}"
    key = f"device/{court}/{at}"  # a batch id has no "/": no legacy key looks like it
    if len(key) <= MAX_KEY and key.isprintable():
        return key
    named = f"{court}\x00{batch}\x00{item}" if item else f"{court}\x00{batch}\x00#{index}"
    return (
        "device:court:sha256:" + hashlib.sha256(named.encode("utf-8", "surrogatepass")).hexdigest()
    )


def legacy_item_key(batch: str, item: str | None, index: int) -> str:
    """The key an item had before batch ids were per court (the account's alone): still
    looked for in the court, so that a batch recorded then and sent again records
    nothing twice."""
    key = f"device:{batch}:item:{item}" if item else f"device:{batch}:index:{index}"
    if len(key) <= MAX_KEY and key.isprintable():
        return key
    named = f"{batch}\x00{item}" if item else f"{batch}\x00#{index}"
    return "device:sha256:" + hashlib.sha256(named.encode("utf-8", "surrogatepass")).hexdigest()
