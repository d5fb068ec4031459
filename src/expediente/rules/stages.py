"""The stage machine: which event types a case may record in its current stage."""

from __future__ import annotations

from expediente.rules.schema import Pack


class StageError(Exception):
    """An event that the pack does not allow in the case's current stage or procedure."""


def check_allowed(
    pack: Pack, type_name: str, *, stage: str, procedure: str, correction: bool = False
) -> None:
    """Refuse a type the pack does not know, a procedure it is not part of, anything but
    a reopening in a final stage, and a new entry of a type the current stage does not
    allow. A ``correction`` restates an entry that was allowed when it was recorded, so
    the case having moved on since is no reason to refuse it (a clerk still fixes an
    indictment's date once the trial has begun)."""
    event_type = pack.event_types.get(type_name)
    if event_type is None:
        known = ", ".join(sorted(t for t, et in pack.event_types.items() if not et.core))
        raise StageError(
            f"unknown event type {type_name!r} in rule pack {pack.pack!r}; known types: {known}"
        )
    if event_type.procedures and procedure not in event_type.procedures:
        raise StageError(
            f"{type_name!r} is not part of the {procedure} procedure "
            f"(allowed in: {', '.join(event_type.procedures)})"
        )
    current = pack.stage(stage)
    if correction and type_name == "case.opened" and current.terminal:
        # the other core entries (parties, charges) are not held to this (yet)
        raise StageError(
            f"{type_name!r} cannot be corrected: the case is in the final stage "
            f"{stage!r}; reopen it first"
        )
    if event_type.stages == "any":
        if current.terminal and type_name != "case.reopened" and not event_type.core:
            raise StageError(
                f"{type_name!r} cannot be recorded: the case is in the final stage "
                f"{stage!r}; reopen it first"
            )
        return
    if correction:
        if current.terminal and not event_type.core:
            raise StageError(
                f"{type_name!r} cannot be corrected: the case is in the final stage "
                f"{stage!r}; reopen it first"
            )
        return
    if stage not in event_type.stages:
        raise StageError(
            f"{type_name!r} is not allowed in stage {stage!r} "
            f"(allowed in: {', '.join(event_type.stages)})"
        )


def next_stage(pack: Pack, type_name: str, *, stage: str) -> str:
    target = pack.event_types[type_name].to_stage
    return target or stage


def allowed_types(pack: Pack, *, stage: str, procedure: str) -> list[str]:
    out = []
    for name in sorted(pack.event_types):
        if pack.event_types[name].core:
            continue
        try:
            check_allowed(pack, name, stage=stage, procedure=procedure)
        except StageError:
            continue
        out.append(name)
    return out
