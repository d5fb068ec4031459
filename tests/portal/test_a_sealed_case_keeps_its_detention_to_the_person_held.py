"""Audit: a sealing order made the case vanish from every view outside the court, so a
person held in it (and their family and defence) lost the detention clock, the custody
entries and the way to file a habeas corpus or a review (ICCPR art. 9(4), American
Convention art. 7(6)). Now, while someone is held, that person, the defence acting for
them and the guardian standing for them keep the detention part of the case (rule
``sealed_detention_own``, ``access/detention_part.py``) and nothing else of it; for
everyone else it still does not exist. Release or unsealing ends it by itself.

The detained case (``make_detained_case``): P1 José, accused and held; P2 the victim; P3
a protected witness; P4 the public defender (nothing recorded: she acts for every
accused). Added here: P5 Luis, a second accused at liberty; P6 a lawyer recorded acting
for Luis only; P7 a guardian recorded standing for José."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from expediente.access.models import Membership, User
from expediente.access.policy import Actor
from expediente.docket.models import Event
from expediente.petitions.models import Petition
from tests.portal.conftest import text_of

HELD = "José Pérez Mora"
ASKS = "Estoy detenido desde hace semanas y nadie revisa mi detención. Pido que un juez decida."
DETENTION = {"detention_review", "habeas_corpus"}


def judge_of(case: Any) -> Actor:
    user = User.objects.create_user("jueza.sello", password="una-clave-larga-2026")
    Membership.objects.create(user=user, court=case.court, role="judge")
    return Actor.staff(user)


def the_judge() -> Actor:
    return Actor.staff(User.objects.get(username="jueza.sello"))


@pytest.fixture
def sealed(detained_case, record, issue):  # type: ignore[no-untyped-def]
    """The detained case, sealed, with a code for every participant: (case, codes)."""
    case = detained_case
    luis = {"given_names": "Luis", "family_names": "Libre Acusado", "sex": "male"}
    marta = {"given_names": "Marta", "family_names": "Abogada Ruiz", "sex": "female"}
    elena = {"given_names": "Elena", "family_names": "Madre Pérez", "sex": "female"}
    record(case, "participant.added", {"role": "accused", "person": luis})  # P5
    record(case, "charge.filed", {"accused": "P5", "offence": "CP-208"})
    record(case, "participant.added", {"role": "defence", "person": marta})  # P6
    record(case, "participant.acts_for", {"counsel": "P6", "accused": "P5"})
    record(case, "participant.added", {"role": "guardian", "person": elena})  # P7
    record(case, "participant.stands_for", {"guardian": "P7", "stands_for": "P1"})
    codes = {f"P{n}": issue(case, f"P{n}") for n in range(1, 8)}
    record(
        case,
        "case.sealed",
        {"grounds": "Orden 7-2026: protección de la víctima"},
        actor=judge_of(case),
        occurred_at=timezone.now(),
    )
    case.refresh_from_db()
    return case, codes


def following(case: Any, code: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/follow/", {"case_number": case.nuid, "code": code})
    return client


def case_page(case: Any, code: str) -> tuple[int, str]:
    response = following(case, code).get("/follow/case/")
    return response.status_code, response.content.decode()


def offered(body: str) -> set[str]:
    return set(re.findall(r'href="/follow/ask/([a-z_]+)/"', body))


def test_the_held_accused_sees_their_detention_and_nothing_else(sealed):  # type: ignore[no-untyped-def]
    case, codes = sealed
    status, body = case_page(case, codes["P1"])
    assert status == 200
    text = text_of(body)
    assert "This case is sealed: you see only the detention" in text
    assert f"Detention of {HELD}" in text
    assert "days in custody so far" in text
    assert "Pretrial detention ordered" in text  # a custody entry
    # no other participant, hearing, charge or stage
    for hidden in ("Ana", "Rojas Vargas", "Luis", "Marta", "Rosa", "Testigo A", "Sala 3"):
        assert hidden not in text, hidden
    assert "Where the case stands" not in text
    assert "Hearing scheduled" not in text
    assert "Charge filed" not in text
    assert offered(body) == DETENTION


def test_the_held_accused_files_a_habeas_corpus(sealed):  # type: ignore[no-untyped-def]
    case, codes = sealed
    client = following(case, codes["P1"])
    form = client.get("/follow/ask/habeas_corpus/")
    assert form.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', form.content.decode())
    assert token
    posted = client.post("/follow/ask/habeas_corpus/", {"text": ASKS, "token": token.group(1)})
    assert posted.status_code == 302
    petition = Petition.objects.get(case=case)
    assert (petition.kind, petition.petitioner.uid) == ("habeas_corpus", "P1")
    receipt = client.get(posted["Location"])
    assert receipt.status_code == 200
    # the page now lists the petition among the entries of the detention part
    assert "Petition filed" in text_of(client.get("/follow/case/").content.decode())


def test_only_the_detention_petitions_are_offered(sealed):  # type: ignore[no-untyped-def]
    case, codes = sealed
    client = following(case, codes["P1"])
    before = Event.objects.filter(case=case).count()
    for kind in ("delay_complaint", "information_request"):
        assert client.get(f"/follow/ask/{kind}/").status_code == 404, kind
        posted = client.post(f"/follow/ask/{kind}/", {"text": ASKS, "token": "t"})
        assert posted.status_code == 404, kind
    assert Event.objects.filter(case=case).count() == before


@pytest.mark.parametrize("who", ["P4", "P7"])
def test_the_defence_and_the_guardian_see_the_detention_and_file_for_him(sealed, who):  # type: ignore[no-untyped-def]
    case, codes = sealed
    status, body = case_page(case, codes[who])
    assert status == 200
    text = text_of(body)
    assert f"Detention of {HELD}" in text
    for hidden in ("Rojas Vargas", "Luis", "Testigo A", "Sala 3"):
        assert hidden not in text, hidden
    assert offered(body) == DETENTION
    client = following(case, codes[who])
    token = re.search(
        r'name="token" value="([^"]+)"',
        client.get("/follow/ask/detention_review/").content.decode(),
    )
    assert token
    posted = client.post("/follow/ask/detention_review/", {"text": ASKS, "token": token.group(1)})
    assert posted.status_code == 302, text_of(posted.content.decode())
    assert Petition.objects.get(case=case).petitioner.uid == who


@pytest.mark.parametrize("who", ["P2", "P3", "P5", "P6"])
def test_everyone_else_in_the_case_gets_a_404(sealed, who):  # type: ignore[no-untyped-def]
    """The victim, the witness, the accused at liberty and the lawyer acting only for him."""
    case, codes = sealed
    client = following(case, codes[who])
    assert client.get("/follow/case/").status_code in (302, 404)
    assert client.get("/follow/ask/habeas_corpus/").status_code in (302, 404)
    assert not Petition.objects.exists()


def test_the_public_gets_a_404(sealed):  # type: ignore[no-untyped-def]
    case, _codes = sealed
    page = Client().get("/public/", {"court": case.court.code, "number": case.number})
    assert page.status_code == 404


def test_on_release_it_is_gone_for_everyone_outside_the_court(sealed, record):  # type: ignore[no-untyped-def]
    case, codes = sealed
    record(
        case,
        "custody.released",
        {"person": "P1", "reason": "order_of_court"},
        actor=the_judge(),
        occurred_at=timezone.now(),
    )
    for who in ("P1", "P4", "P7"):
        assert case_page(case, codes[who])[0] == 404, who


def test_unsealing_gives_everyone_back_the_whole_case(sealed, record):  # type: ignore[no-untyped-def]
    case, codes = sealed
    record(
        case,
        "case.unsealed",
        {"confidentiality": "public", "grounds": "Cesó la causa del sello"},
        actor=the_judge(),
        occurred_at=timezone.now(),
    )
    status, body = case_page(case, codes["P1"])
    assert status == 200
    text = text_of(body)
    assert "Where the case stands" in text
    assert "Sala 3" in text
    assert "you see only the detention" not in text
    assert {"delay_complaint", "information_request"} <= offered(body)
    for who in ("P2", "P5", "P6"):
        assert case_page(case, codes[who])[0] == 200, who


def test_on_my_pages_the_defence_sees_the_detention_and_files_for_him(sealed):  # type: ignore[no-untyped-def]
    from expediente.access.participant_codes import link_by_clerk
    from tests.portal.conftest import lawyer_client

    case, _codes = sealed
    rosa, user = lawyer_client()
    for uid in ("P4", "P1"):
        link_by_clerk(case=case, participant=uid, username=user.username, actor=the_judge())
    base = f"/my/cases/{case.nuid}/P4"
    page = rosa.get(f"{base}/")
    assert page.status_code == 200
    text = text_of(page.content.decode())
    assert f"Detention of {HELD}" in text
    assert "Rojas Vargas" not in text
    assert "Sala 3" not in text
    url = f"{base}/ask/P1/habeas_corpus/"
    token = re.search(r'name="token" value="([^"]+)"', rosa.get(url).content.decode())
    assert token
    assert rosa.post(url, {"text": ASKS, "token": token.group(1)}).status_code == 302
    assert Petition.objects.get(case=case).petitioner.uid == "P1"
    assert rosa.get(f"{base}/ask/P1/delay_complaint/").status_code == 404


def test_on_my_pages_the_lawyer_of_the_accused_at_liberty_finds_nothing(sealed):  # type: ignore[no-untyped-def]
    from expediente.access.participant_codes import link_by_clerk
    from tests.portal.conftest import lawyer_client

    case, _codes = sealed
    marta, user = lawyer_client("marta.abogada")
    for uid in ("P6", "P5"):
        link_by_clerk(case=case, participant=uid, username=user.username, actor=the_judge())
    assert marta.get(f"/my/cases/{case.nuid}/P6/").status_code == 404
    assert marta.get(f"/my/cases/{case.nuid}/P6/ask/P5/habeas_corpus/").status_code == 404
    assert case.nuid not in marta.get("/my/").content.decode()


def test_my_new_count_counts_only_what_the_detention_part_shows(sealed, record):  # type: ignore[no-untyped-def]
    from expediente.access.participant_codes import link_by_clerk
    from tests.portal.conftest import hearing_day, lawyer_client

    case, _codes = sealed
    rosa, user = lawyer_client()
    link_by_clerk(case=case, participant="P4", username=user.username, actor=the_judge())
    assert rosa.get(f"/my/cases/{case.nuid}/P4/").status_code == 200  # her visit
    judge = the_judge()
    record(
        case,
        "custody.pretrial_reviewed",
        {"person": "P1", "outcome": "maintained"},
        actor=judge,
        occurred_at=timezone.now(),
    )
    for hearing in ("H8", "H9"):  # not in the detention part: not counted
        payload = {"hearing": hearing, "kind": "trial", "starts_at": hearing_day().isoformat()}
        record(case, "hearing.scheduled", payload, actor=judge, occurred_at=timezone.now())
    listing = text_of(rosa.get("/my/").content.decode())
    assert "1 new since your last visit" in listing
    page = rosa.get(f"/my/cases/{case.nuid}/P4/").content.decode()
    assert page.count("new since your last visit") == 1


def test_the_defences_read_of_his_name_is_logged_and_his_own_is_not(sealed):  # type: ignore[no-untyped-def]
    from expediente.access.access_log import AccessRecord

    case, codes = sealed
    before = AccessRecord.objects.filter(case=case).count()
    assert case_page(case, codes["P1"])[0] == 200  # his own name: nothing protected
    assert AccessRecord.objects.filter(case=case).count() == before
    assert case_page(case, codes["P4"])[0] == 200  # the defence reads José's name
    assert AccessRecord.objects.filter(case=case).count() == before + 1
