"""Demo cases where a detained person's family follows the case and asks the court for
things: subscriptions to notifications (SMS, email, the portal inbox) and petitions in
every state at the anchor (decided, overdue for an answer, just filed), all made through
the real services (``notify.subscriptions.subscribe``, ``petitions.services``). The
detention review the family's clerk files brings the accused's request for a review
(cr: CPP art. 253), and its decision the review that keeps the detention.

Messages go where the settings send them: with the defaults (``make run``) email to
files under var/mail and SMS to files under var/sms. Addresses are under example.org
(reserved, RFC 2606); SMS subscriptions are made only while no SMS gateway is configured
(``NOTIFY_SMS_GATEWAY_URL`` empty), so a demo never texts a number through a real one.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from django.conf import settings

from expediente.demo.accounts import LAWYER, LAWYER_COURT, PROSECUTOR
from expediente.demo.sim import Sim, _person, at, stands_for
from expediente.docket.models import Participation
from expediente.notify.subscriptions import subscribe
from expediente.petitions.services import petition_decide, petition_file, portal_actor

FIRST, EVERY = 6, 16  # even case numbers: never a limit, state or supervision case
CONSENT = "demo-2025-1"
TEXTS: dict[str, dict[str, Any]] = {
    "es": {
        # by the detained person's sex, then whether a juvenile (a parent writes)
        "detention_review": {
            ("male", False): "Mi hermano lleva semanas detenido. Tiene trabajo fijo y vive "
            "con nosotros; pedimos que el juez revise la prisión preventiva.",
            ("female", False): "Mi hermana lleva semanas detenida. Tiene trabajo fijo y "
            "vive con nosotros; pedimos que el juez revise la prisión preventiva.",
            ("male", True): "Mi hijo lleva semanas detenido. Estudia y vive con nosotros; "
            "pedimos que el juez revise su detención.",
            ("female", True): "Mi hija lleva semanas detenida. Estudia y vive con nosotros; "
            "pedimos que el juez revise su detención.",
        },
        "delay_complaint": "La audiencia se ha atrasado y nadie nos explica cuándo será.",
        "information_request": "¿Cuándo es la próxima audiencia y qué va a pasar en ella?",
        "reasons": "Se mantiene la medida por las razones de la resolución que la ordenó.",
    },
    "pt": {
        "detention_review": {
            ("male", False): "Meu irmão está preso há semanas. Tem trabalho fixo e mora "
            "conosco; pedimos que o juiz reveja a prisão preventiva.",
            ("female", False): "Minha irmã está presa há semanas. Tem trabalho fixo e mora "
            "conosco; pedimos que o juiz reveja a prisão preventiva.",
            ("male", True): "Meu filho está internado há semanas. Estuda e mora conosco; "
            "pedimos que o juiz reveja a internação provisória.",
            ("female", True): "Minha filha está internada há semanas. Estuda e mora conosco; "
            "pedimos que o juiz reveja a internação provisória.",
        },
        "delay_complaint": "A audiência está atrasada e ninguém nos diz quando será.",
        "information_request": "Quando é a próxima audiência e o que vai acontecer nela?",
        "reasons": "Mantida a medida pelos fundamentos da decisão que a decretou.",
    },
}


def petition_case(i: int) -> bool:
    """Whether demo case ``i`` is one of these (a Brazilian limit case comes first)."""
    return i >= FIRST and (i - FIRST) % EVERY == 0


def petitioned(sim: Sim) -> None:
    """Someone held for three to four weeks, whose family subscribes and petitions."""
    rng, country = sim.rng, sim.country
    today = sim.now.date()
    age = (14, 17) if sim.juvenile else (19, 45)
    ids = {}
    roles = ["accused", "prosecutor", "public_defender", "victim"]
    roles += ["guardian"] if sim.juvenile else []
    for role in roles:
        person = _person(rng, age=age if role == "accused" else (25, 60), on=today, country=country)
        if role == "public_defender" and sim.case.court.code == LAWYER_COURT:
            # the demo's lawyer account (demo/accounts.py) is this defender: /my/ shows
            # her own name on her cases
            given, family = LAWYER[1].split(" ", 1)
            person |= {"sex": "female", "given_names": given, "family_names": family}
        if role == "prosecutor" and sim.case.court.code == LAWYER_COURT:
            # and the demo's prosecutor account is this prosecutor
            given, family = PROSECUTOR[1].split(" ", 1)
            person |= {"sex": "female", "given_names": given, "family_names": family}
        if role == "accused":
            held_sex = person["sex"]
        added = sim.record("participant.added", {"role": role, "person": person})
        ids[role] = added.get("participant", "")
        if role == "accused":
            sim.accused.append(ids[role])
        if role == "guardian" and added:
            stands_for(sim, ids[role])
    offence = rng.choice(sorted(country.custody_likely))
    sim.record("charge.filed", {"accused": ids["accused"], "offence": offence})
    _held(sim, ids["accused"])

    at(sim, sim.anchor - dt.timedelta(days=16, hours=rng.randint(0, 8)))
    _subscribe(sim, ids)

    asks = ids["guardian"] if sim.juvenile else ids["accused"]  # the family uses that code
    texts = TEXTS[country.language]
    # decided: asked by the clerk on the detainee's behalf, answered the next day
    at(sim, sim.anchor - dt.timedelta(days=12, hours=rng.randint(0, 6)))
    filed = petition_file(
        case=sim.case,
        petitioner=ids["accused"],
        kind="detention_review",
        text=texts["detention_review"][held_sex, sim.juvenile],
        filed_via="clerk",
        received_from=sim.case.court.name,
        actor=sim.actor,
        occurred_at=sim.now,
        idempotency_key=sim.key(),
    )
    sim.advance(hours=rng.randint(20, 40))
    # the judge reviews the detention in answering, and keeps it (the review is done:
    # custody.pretrial_reviewed is recorded with the decision, petitions/detention.py)
    petition_decide(
        case=sim.case,
        petition=filed.event.seq,
        outcome=rng.choice(["denied", "partly_granted"]),
        reasons=texts["reasons"],
        detention="maintained",
        person=ids["accused"],
        actor=sim.actor,
        occurred_at=sim.now,
        idempotency_key=sim.key(),
    )
    # overdue: filed from the portal days ago, not answered (48-hour target)
    at(sim, sim.anchor - dt.timedelta(days=rng.randint(3, 6), hours=rng.randint(0, 12)))
    _ask(sim, asks, "delay_complaint", texts["delay_complaint"])
    # just filed: the answer is not due yet
    at(sim, sim.anchor - dt.timedelta(hours=rng.randint(2, 20)))
    _ask(sim, asks, "information_request", texts["information_request"])


def _ask(sim: Sim, petitioner: str, kind: str, text: str) -> None:
    petition_file(
        case=sim.case,
        petitioner=petitioner,
        kind=kind,
        text=text,
        filed_via="portal",
        actor=portal_actor(sim.case),
        occurred_at=sim.now,
        idempotency_key=sim.key(),
    )


def _held(sim: Sim, person: str) -> None:
    """Arrested 20 to 30 days before the anchor and held pending trial."""
    rng, country = sim.rng, sim.country
    at(sim, sim.anchor - dt.timedelta(days=rng.randint(20, 30), hours=rng.randint(0, 12)))
    place = rng.choice(country.names.PLACES)
    sim.record("custody.arrested", {"person": person, "place": place, "flagrante": True})
    if country.flagrant_notice and not sim.juvenile:
        sim.advance(hours=2)
        sim.record("custody.flagrant_notified", {"person": person})
    if not country.flagrant_notice:
        sim.advance(hours=8)
        sim.record("custody.placed_before_judge", {"person": person})
    if country.hearing_request and not sim.juvenile:
        sim.advance(hours=4)
        sim.record("custody.hearing_requested", {"person": person})
    sim.advance(hours=6)
    sim.record("custody.hearing_held", {"person": person, "outcome": "pretrial_detention"})
    days = 45 if sim.juvenile and country.flagrant_notice else 90
    facilities = country.juvenile_facilities if sim.juvenile else country.facilities
    sim.record(
        "custody.pretrial_ordered",
        {
            "person": person,
            "until": (sim.now.astimezone(sim.tz).date() + dt.timedelta(days=days)).isoformat(),
            "grounds": country.grounds,
            "facility": rng.choice(facilities),
        },
    )


def _subscribe(sim: Sim, ids: dict[str, str]) -> None:
    """The family (through the accused's or guardian's code) by SMS and email, the victim
    in the portal inbox, the defender by email (her account, when the demo makes it,
    takes that subscription as its own: ``demo/accounts._her_emails``)."""
    rng, lang = sim.rng, sim.country.language
    family = ids["guardian"] if sim.juvenile else ids["accused"]
    people = {
        p.uid: p for p in Participation.objects.filter(case=sim.case).select_related("person")
    }
    phone = (
        f"+506 8{rng.randint(0, 999):03d} {rng.randint(0, 9999):04d}"
        if lang == "es"
        else f"+55 12 9{rng.randint(1000, 9999)} {rng.randint(0, 9999):04d}"
    )
    accused = people[ids["accused"]].person
    family_email = _address(f"familia {accused.family_names.split(' ')[0]}")
    wanted = [(family, "email", family_email)]
    if not settings.NOTIFY_SMS_GATEWAY_URL:
        wanted.append((family, "sms", phone))
    defender = people[ids["public_defender"]].person
    wanted += [
        (ids["victim"], "inbox", ""),
        (
            ids["public_defender"],
            "email",
            _address(f"{defender.given_names} {defender.family_names}"),
        ),
    ]
    for who, channel, address in wanted:
        subscribe(
            participation=people[who],
            channel=channel,
            address=address,
            language=lang,
            consent=True,
            consent_text_version=CONSENT,
            now=sim.now,
        )


def _address(words: str) -> str:
    """An address under example.org (reserved: never delivered) made of ``words``."""
    plain = unicodedata.normalize("NFKD", words.lower()).encode("ascii", "ignore").decode()
    return ".".join(plain.split()) + "@example.org"
