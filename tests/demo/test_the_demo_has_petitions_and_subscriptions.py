"""The demo has petitions in every state at the anchor (decided, overdue for an answer,
just filed) and participants subscribed to notifications by email, SMS and the portal
inbox, all made through the real services; its messages stay on this machine."""

import datetime as dt
import random
from collections import Counter
from zoneinfo import ZoneInfo

from django.test import override_settings

from expediente.access.policy import Actor
from expediente.custody.models import Deadline
from expediente.demo.generator import COURTS, court_index, demo_user
from expediente.demo.petitions import petition_case, petitioned
from expediente.demo.sim import Sim
from expediente.docket.models import Court, Event
from expediente.docket.services import case_open
from expediente.notify.models import Delivery, Subscription
from expediente.petitions.answer_rules import answer_rule_ids
from expediente.petitions.models import Petition
from tests.demo.conftest import ANCHOR


def answer_status(petition: Petition) -> str:
    deadline = Deadline.objects.get(
        case=petition.case,
        rule_id__in=answer_rule_ids(petition.case.court.rule_pack),
        start_seq=petition.filed_seq,
    )
    return deadline.status(ANCHOR)


def test_petitions_stand_in_every_state(demo):
    states = Counter()
    for petition in Petition.objects.select_related("case"):
        if petition.status == Petition.Status.DECIDED:
            states["decided"] += 1
        else:
            states[answer_status(petition)] += 1
    assert states["decided"] >= 1
    assert states["overdue"] >= 1  # past the court's 48-hour target, unanswered
    assert states["pending"] + states["due_soon"] >= 1  # just filed


def test_petitions_are_events_with_receipts_filed_from_the_portal_or_by_a_clerk(demo):
    petitions = Petition.objects.all()
    assert {p.filed_via for p in petitions} == {"portal", "clerk"}
    assert all(p.receipt for p in petitions)
    filed = Event.objects.filter(type="petition.filed").count()
    decided = Event.objects.filter(type="petition.decided").count()
    assert (filed, decided) == (petitions.count(), petitions.filter(status="decided").count())


def test_petitions_come_from_costa_rican_and_brazilian_courts(demo):
    courts = set(Petition.objects.values_list("court__code", flat=True))
    assert {"ilhabela-vara"} < courts
    cases = [i for i in range(60) if petition_case(i)]
    assert {COURTS[court_index(i)][0] for i in cases} >= {"sj-penal", "ilhabela-vara"}


def test_participants_subscribe_by_email_sms_and_inbox_in_their_language(demo):
    subs = Subscription.objects.filter(active=True).select_related("case__court")
    assert {s.channel for s in subs} == {"email", "sms", "inbox"}
    for sub in subs:
        assert sub.consent_at <= ANCHOR
        assert sub.from_seq < sub.case.last_seq  # things happened after they subscribed
        lang = "pt" if sub.case.court.rule_pack == "br" else "es"
        assert sub.language == lang
        if sub.channel == "email":
            assert sub.address.endswith("@example.org")  # reserved: never delivered
        if sub.channel == "sms":
            assert sub.address.startswith("+55" if lang == "pt" else "+506")


def test_what_happened_after_a_subscription_is_queued_for_it(demo):
    queued = Delivery.objects.filter(subscription__isnull=False)
    assert queued.exists()
    assert {d.channel for d in queued} >= {"email", "sms", "inbox"}


def test_with_an_sms_gateway_configured_the_demo_subscribes_no_phone(demo):
    court = Court.objects.get(code="sj-penal")
    actor = Actor.system(demo_user())
    opened = ANCHOR - dt.timedelta(days=40)
    case = case_open(court=court, actor=actor, procedure="adult", occurred_at=opened).event.case
    sim = Sim(random.Random(1), case, actor, ANCHOR, "t", ZoneInfo(court.timezone), opened)
    with override_settings(NOTIFY_SMS_GATEWAY_URL="https://sms.example.org/send"):
        petitioned(sim)
    channels = set(Subscription.objects.filter(case=case).values_list("channel", flat=True))
    assert channels == {"email", "inbox"}
    assert Petition.objects.filter(case=case).count() == 3


def test_a_decided_review_petition_is_the_review_of_the_detention(demo):
    decided = Petition.objects.filter(status="decided", kind="detention_review")
    assert decided.exists()
    for petition in decided.select_related("case"):
        assert petition.detention == "maintained"
        review = Event.objects.get(case=petition.case, seq=petition.decided_seq + 1)
        assert (review.type, review.payload["outcome"]) == (
            "custody.pretrial_reviewed",
            "maintained",
        )
    # in Costa Rica the family's petition is the accused's request (CPP art. 253)
    costa_rican = Petition.objects.filter(kind="detention_review", court__rule_pack="cr")
    assert costa_rican.exists()
    assert all(p.review_request_seq for p in costa_rican)
    brazilian = Petition.objects.filter(kind="detention_review", court__rule_pack="br")
    assert brazilian.exists()
    assert not any(p.review_request_seq for p in brazilian)


RELATIVES = {
    ("female", False): {"hermana", "irmã"},
    ("male", False): {"hermano", "irmão"},
    ("female", True): {"hija", "filha"},
    ("male", True): {"hijo", "filho"},
}


def test_a_familys_request_names_the_detained_person_as_who_they_are(demo):
    """The request a clerk files for the family speaks of a brother or a sister, a son
    or a daughter, as the person held is: never of a brother who is a woman."""
    actor = Actor.system(demo_user())
    opened = ANCHOR - dt.timedelta(days=40)
    for code, procedure, seeds in [
        ("sj-penal", "adult", range(6)),
        ("sj-juvenil", "juvenile", range(100, 106)),
    ]:
        court = Court.objects.get(code=code)
        for seed in seeds:
            case = case_open(court=court, actor=actor, procedure=procedure, occurred_at=opened)
            tz = ZoneInfo(court.timezone)
            sim = Sim(
                random.Random(seed), case.event.case, actor, ANCHOR, f"r{code}{seed}", tz, opened
            )
            sim.juvenile = procedure == "juvenile"
            petitioned(sim)
    seen = set()
    for petition in Petition.objects.filter(kind="detention_review", filed_via="clerk"):
        held = petition.petitioner.person
        text = Event.objects.get(case=petition.case, seq=petition.filed_seq).payload["text"]
        juvenile = petition.case.procedure == "juvenile"
        assert text.split()[1].lower() in RELATIVES[held.sex, juvenile], (held.sex, text)
        seen.add((held.sex, juvenile))
    assert seen == set(RELATIVES)
