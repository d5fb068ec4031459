"""A national pack overrides what its law says and inherits the rest from its parent."""

import pytest

from expediente.rules.loader import load_pack_file
from tests.rules.conftest import MINI

CHILD = """\
pack: child
version: "2"
extends: mini
name: {en: Child court}
roles:
  guardian: {en: Guardian}
stages:
  - id: open
    label: {en: Preliminary investigation, es: Etapa preparatoria}
  - id: trial
  - id: done
event_types:
  hearing.held:
    label: {en: Hearing held}
    stages: [trial]
    fields:
      guardian: {type: participant, role: [guardian]}
deadlines:
  - id: mini.presentation
    starts: custody.arrested
    duration: {hours: 12}
    counting: continuous
    satisfied_by: [case.finished]
    effect: alert
    alert: {who: [prosecutor]}
    law: {text: Child constitution, article: "37", flag: V}
offences:
  - {code: X-3, label: {en: Fraud}, iccs: "0701", law: {text: Child code, article: "3", flag: U}}
"""


@pytest.fixture
def child(write_pack):
    write_pack(MINI, "mini")
    return load_pack_file(write_pack(CHILD, "child"))


def test_the_child_keeps_its_own_identity(child):
    assert (child.pack, child.version, child.extends) == ("child", "2", "mini")
    assert child.name == {"en": "Child court"}


def test_a_stage_label_is_overridden_and_the_rest_of_the_stage_inherited(child):
    opened = child.stage("open")
    assert opened.label == {"en": "Preliminary investigation", "es": "Etapa preparatoria"}
    assert opened.explain == {"en": "The case is being investigated."}


def test_a_stage_given_by_id_alone_is_the_parents(child):
    assert child.stage("trial").label == {"en": "Trial"}
    assert child.stage("done").terminal


def test_event_types_and_roles_are_merged(child):
    assert {"custody.arrested", "trial.committed", "hearing.held"} <= set(child.event_types)
    assert set(child.roles) == {"accused", "prosecutor", "guardian"}
    assert child.initial_stage == "open"


def test_a_deadline_with_the_parents_id_replaces_it(child):
    assert [(d.id, d.duration.hours) for d in child.deadlines] == [("mini.presentation", 12)]
    assert child.deadlines[0].law.article == "37"


def test_offences_are_added_to_the_parents_catalogue(child):
    assert [o.code for o in child.offences] == ["X-1", "X-2", "X-3"]


def test_the_merged_pack_is_validated_as_a_whole(write_pack, refused):
    write_pack(MINI, "mini")
    broken = CHILD.replace("role: [guardian]", "role: [tutor]")
    path, stderr = refused(broken, "child")
    assert stderr.startswith(f"{path}: ")
    assert "event_types.hearing.held.fields.guardian.role: unknown role 'tutor'" in stderr
