"""QA: an accused who was never detained was offered "Report ill-treatment in custody",
and an accused at liberty was offered a review of the detention (and habeas corpus)
because a co-accused was held. The detention petitions are now offered by the custody
record of the person they would concern: a review and habeas corpus while that person
is held, a complaint of ill-treatment in custody to someone who is or was held. The
accused's own custody for the accused; for the defence and a guardian, the custody of
the accused they act for (a lawyer on /my/: her client's). A request made for such a
petition anyway is refused with the field named, and nothing is filed."""

from __future__ import annotations

import re

from django.test import Client
from django.utils import timezone

from expediente.docket.models import Event
from expediente.petitions.models import Petition
from tests.conftest import PERSON
from tests.portal.conftest import days_ago, lawyer_client, text_of

ILL = "ill_treatment_complaint"
DETENTION = ("detention_review", "habeas_corpus")
SHE_WRITES = "Lo golpearon en la delegación la noche del arresto. Pido que se investigue."


def signed_in(case, code: str, language: str = "en") -> Client:  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert client.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    return client


def offered(client: Client) -> set[str]:
    body = client.get("/follow/case/").content.decode()
    return set(re.findall(r'href="/follow/ask/([a-z_]+)/"', body))


def refused(response, field: str = "kind") -> str:  # type: ignore[no-untyped-def]
    """The refusal's text, checked to name the field and to offer no form to send."""
    assert response.status_code == 400
    body = response.content.decode()
    assert f'href="#id_{field}"' in body
    assert f'id="id_{field}"' in body
    assert "<textarea" not in body
    return text_of(body)


def test_an_accused_never_held_is_not_offered_the_detention_petitions(accused_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(accused_case, issue(accused_case, "P1"))
    kinds = offered(client)
    assert ILL not in kinds
    assert not kinds & set(DETENTION)
    assert {"delay_complaint", "information_request"} <= kinds


def test_a_request_made_for_it_anyway_is_refused_by_name_and_files_nothing(accused_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(accused_case, issue(accused_case, "P1"))
    before = Event.objects.filter(case=accused_case).count()
    shown = refused(client.get(f"/follow/ask/{ILL}/"))
    assert "held in custody" in shown
    posted = client.post(f"/follow/ask/{ILL}/", {"text": SHE_WRITES, "token": "crafted-1"})
    assert "Nothing was sent" in refused(posted)
    for kind in DETENTION:
        posted = client.post(f"/follow/ask/{kind}/", {"text": SHE_WRITES, "token": "crafted-2"})
        assert "held in custody now" in refused(posted)
    assert Event.objects.filter(case=accused_case).count() == before
    assert not Petition.objects.exists()


def test_the_refusal_speaks_the_readers_language(accused_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(accused_case, issue(accused_case, "P1"), language="es")
    shown = refused(client.post(f"/follow/ask/{ILL}/", {"text": SHE_WRITES, "token": "t"}))
    assert "No se envió nada" in shown


def test_someone_held_is_offered_them_and_files_a_complaint(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P1"))
    assert {ILL, *DETENTION} <= offered(client)
    form = client.get(f"/follow/ask/{ILL}/").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', form)
    assert token
    posted = client.post(f"/follow/ask/{ILL}/", {"text": SHE_WRITES, "token": token.group(1)})
    assert posted.status_code == 302
    assert Petition.objects.get(case=detained_case).kind == ILL


def test_once_released_ill_treatment_stays_and_the_review_goes(detained_case, issue, record):  # type: ignore[no-untyped-def]
    record(
        detained_case,
        "custody.released",
        {"person": "P1", "reason": "order_of_court"},
        occurred_at=timezone.now(),
    )
    client = signed_in(detained_case, issue(detained_case, "P1"))
    kinds = offered(client)
    assert ILL in kinds
    assert not kinds & set(DETENTION)
    posted = client.post("/follow/ask/habeas_corpus/", {"text": SHE_WRITES, "token": "t"})
    assert "held in custody now" in refused(posted)
    assert not Petition.objects.exists()


def test_a_co_accused_in_custody_does_not_open_them_to_an_accused_at_liberty(  # type: ignore[no-untyped-def]
    detained_case, issue, record
):
    record(
        detained_case,
        "participant.added",
        {
            "role": "accused",
            "person": {**PERSON, "given_names": "Mario", "id_number": "1-0999-0001"},
        },
    )
    record(detained_case, "charge.filed", {"accused": "P5", "offence": "CP-208"})
    at_liberty = signed_in(detained_case, issue(detained_case, "P5"))
    kinds = offered(at_liberty)
    assert ILL not in kinds
    assert not kinds & set(DETENTION)
    # the defence acts for every accused, one of whom is held
    defender = signed_in(detained_case, issue(detained_case, "P4"))
    assert {ILL, *DETENTION} <= offered(defender)


def test_a_guardian_is_offered_them_by_the_young_persons_custody(open_case, record, issue):  # type: ignore[no-untyped-def]
    case = open_case("juvenile")
    record(case, "participant.added", {"role": "accused", "person": PERSON})
    record(
        case,
        "participant.added",
        {
            "role": "guardian",
            "person": {"given_names": "María", "family_names": "Mora", "sex": "female"},
        },
    )
    mother = signed_in(case, issue(case, "P2"))
    assert not offered(mother) & {ILL, *DETENTION}
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=days_ago(2, 8))
    assert {ILL, *DETENTION} <= offered(mother)


def test_a_lawyer_is_not_offered_them_for_a_client_never_held(accused_case, record, court_clerk):  # type: ignore[no-untyped-def]
    from expediente.access.participant_codes import link_by_clerk

    record(
        accused_case,
        "participant.added",
        {
            "role": "public_defender",
            "person": {"given_names": "Rosa", "family_names": "Solís", "sex": "female"},
        },
    )
    browser, user = lawyer_client()
    for uid in ("P3", "P1"):
        link_by_clerk(case=accused_case, participant=uid, username=user.username, actor=court_clerk)
    page = browser.get(f"/my/cases/{accused_case.nuid}/P3/").content.decode()
    assert "/ask/P1/delay_complaint/" in page
    assert f"/ask/P1/{ILL}/" not in page
    url = f"/my/cases/{accused_case.nuid}/P3/ask/P1/{ILL}/"
    assert "Nothing was sent" in refused(browser.post(url, {"text": SHE_WRITES, "token": "t"}))
    assert not Petition.objects.exists()


def test_a_victim_asking_for_habeas_corpus_still_finds_no_such_page(detained_case, issue):  # type: ignore[no-untyped-def]
    victim = signed_in(detained_case, issue(detained_case, "P2"))
    assert victim.post("/follow/ask/habeas_corpus/", {"text": SHE_WRITES}).status_code == 404
    assert not Petition.objects.exists()
