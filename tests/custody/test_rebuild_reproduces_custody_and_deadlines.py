"""Rebuilding from the events gives exactly the custody periods and deadlines that
recording them did, whatever the (possible) history, and leaves raised alerts alone."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.custody.confirmations import ORDER_PAST_MAXIMUM, confirmed
from expediente.custody.models import Alert, CustodyPeriod, Deadline
from expediente.custody.sweep import deadline_sweep
from expediente.docket.rebuild import rebuild, snapshot
from expediente.docket.services import case_open, event_record
from expediente.rules.loader import load_pack
from expediente.rules.stages import StageError, check_allowed
from tests.conftest import NOW, PERSON

CR = load_pack("cr")

START = NOW - dt.timedelta(days=900)
STEPS = [
    dt.timedelta(hours=1),
    dt.timedelta(hours=6),
    dt.timedelta(hours=20),
    dt.timedelta(hours=30),
    dt.timedelta(days=2),
    dt.timedelta(days=20),
    dt.timedelta(days=40),
    dt.timedelta(days=80),
]
# What may happen next to a person, by where their custody stands.
IN_CUSTODY = ["transferred", "escaped", "died"]
MOVES = {
    "free": ["arrested", "pretrial_ordered"],
    "police": [
        "placed_before_judge",
        "hearing_requested",
        "pretrial_ordered",
        "released",
        *IN_CUSTODY,
    ],
    "order": [
        "pretrial_reviewed",
        "pretrial_review_lifts",
        "pretrial_extended",
        "pretrial_lifted",
        "pretrial_replaced",
        "released",
        *IN_CUSTODY,
    ],
    "held": ["released", "pretrial_ordered", *IN_CUSTODY],
    # a review lifted the order: the lift itself may still be recorded
    "reviewed_out": [
        "pretrial_lifted",
        "pretrial_replaced",
        "released",
        "pretrial_ordered",
        "died",
    ],
    # died in custody: no custody entry can follow
    "dead": [],
    "at_large": ["recaptured"],
    # ordered detained while not in custody: not held until an arrest carries it out
    "ordered_free": [
        "arrested",
        "pretrial_reviewed",
        "pretrial_review_lifts",
        "pretrial_extended",
        "pretrial_lifted",
        "pretrial_replaced",
    ],
    "reviewed_free": ["pretrial_lifted", "pretrial_replaced", "arrested", "pretrial_ordered"],
    # an acquittal ended the order awaiting the arrest: its lift may still be recorded, an
    # arrest carries out nothing, a new order is a new ground
    "fallen_free": ["pretrial_lifted", "pretrial_replaced", "arrested", "pretrial_ordered"],
}
# Where a move leads from a state not in custody, when that differs from NEXT.
NEXT_WHEN_FREE = {
    ("free", "pretrial_ordered"): "ordered_free",
    ("reviewed_free", "pretrial_ordered"): "ordered_free",
    ("ordered_free", "arrested"): "order",
    ("ordered_free", "pretrial_lifted"): "free",
    ("ordered_free", "pretrial_replaced"): "free",
    ("ordered_free", "pretrial_review_lifts"): "reviewed_free",
    ("reviewed_free", "pretrial_lifted"): "free",
    ("reviewed_free", "pretrial_replaced"): "free",
    ("fallen_free", "pretrial_ordered"): "ordered_free",
    ("fallen_free", "pretrial_lifted"): "free",
    ("fallen_free", "pretrial_replaced"): "free",
}
NEXT = {
    "arrested": "police",
    "pretrial_ordered": "order",
    "placed_before_judge": None,
    "hearing_requested": None,
    "pretrial_reviewed": None,
    "pretrial_review_lifts": "reviewed_out",
    "pretrial_extended": None,
    "pretrial_lifted": "held",
    "pretrial_replaced": "held",
    "released": "free",
    "transferred": None,
    "escaped": "at_large",
    "recaptured": "back",  # to where they were before the escape
    "sentence_started": "held",
    "sentence_ended": "free",
    "sentence_computed": None,  # the court's computation of the end changes no custody
    "died": "dead",
}


def payload(move, person, when):
    until = (when + dt.timedelta(days=400)).date().isoformat()
    return {
        "arrested": {},
        "pretrial_ordered": {"until": until, "grounds": "Peligro de fuga", "facility": "CAI"},
        "placed_before_judge": {},
        "hearing_requested": {},
        "pretrial_reviewed": {"outcome": "maintained"},
        "pretrial_review_lifts": {"outcome": "lifted"},
        "pretrial_extended": {"until": until, "granted_by": "Tribunal de Apelación"},
        "pretrial_lifted": {},
        "pretrial_replaced": {"measures": "Firmar"},
        "released": {"reason": "order_of_court"},
        "transferred": {"facility": "CAI Liberia"},
        "escaped": {},
        "recaptured": {},
        "sentence_started": {"facility": "CAI"},
        "sentence_ended": {"reason": "served"},
        # a day after the move (never before the start of a sentence already served)
        "sentence_computed": {"ends_on": (when + dt.timedelta(days=90)).date().isoformat()},
        "died": {"place": "CAI La Reforma"},
    }[move] | {"person": person}


def type_of(move):
    return "sentence.computed" if move == "sentence_computed" else f"custody.{move}"


class History:
    """Records a possible custody history, move by move, through event_record."""

    def __init__(self, court, clerk, data):
        self.clerk, self.data = clerk, data
        self.case = case_open(
            court=court, actor=clerk, procedure="adult", occurred_at=START
        ).event.case
        self.state = {"P1": "free", "P2": "free"}
        self.clock = {"P1": START, "P2": START}  # each person's own time: the log interleaves
        self.stage = "investigation"
        self.convicted: set[str] = set()  # has a verdict
        self.guilty: set[str] = set()  # convicted, may serve a sentence
        self.serving: set[str] = set()
        self.before_escape: dict[str, str] = {}
        for _ in self.state:
            self.record("participant.added", {"role": "accused", "person": PERSON}, START)

    def record(self, type_name, body, when):
        # orders as the judge gave them: a term past the maximum read and confirmed
        with confirmed([ORDER_PAST_MAXIMUM]):
            event_record(
                case=self.case, type=type_name, payload=body, actor=self.clerk, occurred_at=when
            )

    def later(self, person):
        self.clock[person] += self.data.draw(st.sampled_from(STEPS))
        return self.clock[person]

    def everyone_later(self):
        latest = max(self.clock.values()) + self.data.draw(st.sampled_from(STEPS))
        self.clock = dict.fromkeys(self.clock, latest)
        return latest

    def step(self):
        choices = ["custody", "custody", "custody"]
        if self.stage == "investigation":
            choices.append("to_trial")
        if self.stage in ("trial", "judgment") and len(self.convicted) < 2:
            choices.append("verdict")
        if self.stage == "judgment":
            choices.append("final")
        what = self.data.draw(st.sampled_from(choices))
        getattr(self, what)()

    def custody(self):
        person = self.data.draw(st.sampled_from(sorted(self.state)))
        if self.stage == "enforcement" and self.state[person] == "free":
            return
        if self.state[person] == "dead":
            return
        state = self.state[person]
        moves = list(MOVES[state])
        free = ("at_large", "ordered_free", "reviewed_free", "fallen_free")
        if person in self.guilty and state not in free:
            moves.append("sentence_ended" if person in self.serving else "sentence_started")
        if person in self.guilty:
            moves.append("sentence_computed")  # a first computation, or a recomputation
        moves = [m for m in moves if self.allowed(m) and self.possible(m, person)]
        if not moves:
            return
        move = self.data.draw(st.sampled_from(moves))
        when = self.later(person)
        kind = "pretrial_reviewed" if move == "pretrial_review_lifts" else move
        self.record(type_of(kind), payload(move, person, when), when)
        if move == "escaped":
            self.before_escape[person] = state
        if move == "sentence_started":
            self.serving.add(person)
        if move in ("sentence_ended", "released"):
            self.serving.discard(person)
        following = NEXT_WHEN_FREE.get((state, move), NEXT[move])
        if following == "back":
            following = self.before_escape.pop(person)
        if move == "sentence_started" and state != "free":
            following = None  # already in custody: carries on
        self.state[person] = following or state

    def possible(self, move, person):
        if move == "sentence_ended":
            return self.state[person] != "free"
        return True

    def allowed(self, move):
        kind = "pretrial_reviewed" if move == "pretrial_review_lifts" else move
        try:
            check_allowed(CR, type_of(kind), stage=self.stage, procedure="adult")
        except StageError:
            return False
        return True

    def to_trial(self):
        when = self.everyone_later()
        self.record("indictment.filed", {"accused": "P1"}, when)
        self.record("trial.committed", {}, when + dt.timedelta(minutes=1))
        self.clock = dict.fromkeys(self.clock, when + dt.timedelta(minutes=1))
        self.stage = "trial"

    def verdict(self):
        person = self.data.draw(st.sampled_from(sorted(set(self.state) - self.convicted)))
        outcome = self.data.draw(st.sampled_from(["convicted", "acquitted"]))
        when = self.everyone_later()
        body = {"accused": person, "outcome": outcome}
        self.record("verdict.delivered", body, when)
        self.convicted.add(person)  # has a verdict
        if outcome == "convicted":
            self.guilty.add(person)
        elif self.state[person] == "ordered_free":
            self.state[person] = "fallen_free"  # the acquittal ended the order
        self.stage = "judgment"

    def final(self):
        self.record("judgment.final", {}, self.everyone_later())
        self.stage = "enforcement"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_possible_history_rebuilds_to_the_same_rows(court, clerk, data):
    history = History(court, clerk, data)
    for _ in range(data.draw(st.integers(2, 12))):
        history.step()
    assert rebuild(check=True).differences == []


def test_a_real_rebuild_writes_the_same_rows_and_keeps_the_alerts(
    accused_case, custody, record, to_trial, at
):
    custody(accused_case, "arrested", at(60))
    custody(accused_case, "placed_before_judge", at(60, 20))
    custody(accused_case, "pretrial_ordered", at(58))
    custody(accused_case, "pretrial_reviewed", at(20))
    to_trial(accused_case, at(10))
    # a second accused, never brought before a judge: the sweep raises alerts
    record(
        accused_case, "participant.added", {"role": "accused", "person": PERSON}, occurred_at=at(9)
    )
    custody(accused_case, "arrested", at(5), person="P3")
    deadline_sweep(now=NOW)
    alerts = list(Alert.objects.values())
    assert alerts
    before = snapshot()
    periods, deadlines = CustodyPeriod.objects.count(), Deadline.objects.count()
    rebuild()
    assert snapshot() == before
    assert (CustodyPeriod.objects.count(), Deadline.objects.count()) == (periods, deadlines)
    assert list(Alert.objects.values()) == alerts


def test_check_finds_a_deadline_changed_behind_the_projections_back(accused_case, custody, at):
    custody(accused_case, "arrested", at(10))
    Deadline.objects.update(due_at=at(1))
    differences = rebuild(check=True).differences
    assert [d.table for d in differences] == ["custody"]
    assert Deadline.objects.get().due_at == at(1)  # check changed nothing
