"""A clerk issues a participant's code and prints the notice (case number, code, portal
address, QR code, in the participant's language); rotates, revokes, links a lawyer."""

import re

import pytest

from expediente.access.models import ParticipantCode, ParticipantLink
from expediente.access.participant_codes import code_verify
from tests.custody.conftest import staff
from tests.portal.conftest import text_of


@pytest.fixture
def clerk_web(court):
    return staff("maria.clerk", court, "clerk")


def printed_code(body: str) -> str:
    return re.search(r'class="secret access-code">([A-Z0-9-]+)<', body).group(1)


def test_the_codes_page_lists_the_participants(clerk_web, detained_case):
    body = clerk_web.get(f"/court/cases/{detained_case.nuid}/codes/").content.decode()
    text = text_of(body)
    assert "Portal access codes" in text
    assert "Testigo A (Lucía Secreta Mora)" in text  # staff see both names
    assert text.count("No code") == 4


def test_issuing_prints_a_notice_with_the_code_and_a_qr_code(clerk_web, detained_case):
    response = clerk_web.post(
        f"/court/cases/{detained_case.nuid}/codes/P1/issue/",
        {"language": "es"},
        HTTP_ACCEPT_ENCODING="gzip",
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not response.has_header("Content-Encoding")  # a secret: never compressed
    body = response.content.decode()
    code = printed_code(body)
    assert code_verify(case_number=detained_case.nuid, code=code, client_ip="10.0.0.1")
    assert "<svg" in body
    assert f"/follow/?case_number={detained_case.nuid}" in body
    text = text_of(body)
    assert detained_case.nuid in text
    assert 'lang="es"' in body


def test_the_notice_is_in_the_language_chosen_for_it(clerk_web, detained_case):
    response = clerk_web.post(
        f"/court/cases/{detained_case.nuid}/codes/P1/issue/", {"language": "en"}
    )
    assert "Follow your criminal case" in text_of(response.content.decode())
    assert ParticipantCode.objects.get(revoked_at__isnull=True).language == "en"


def test_the_notice_of_a_protected_person_does_not_print_their_name(clerk_web, detained_case):
    body = clerk_web.post(
        f"/court/cases/{detained_case.nuid}/codes/P3/issue/", {"language": "es"}
    ).content.decode()
    assert "Lucía" not in body


def test_the_code_is_shown_once_and_the_page_says_a_code_works(clerk_web, detained_case):
    body = clerk_web.post(
        f"/court/cases/{detained_case.nuid}/codes/P1/issue/", {"language": "en"}
    ).content.decode()
    code = printed_code(body)
    page = clerk_web.get(f"/court/cases/{detained_case.nuid}/codes/").content.decode()
    assert code not in page
    assert "Has a working code" in text_of(page)


def test_revoking_stops_the_code(clerk_web, detained_case):
    body = clerk_web.post(
        f"/court/cases/{detained_case.nuid}/codes/P1/issue/", {"language": "en"}
    ).content.decode()
    code = printed_code(body)
    response = clerk_web.post(f"/court/cases/{detained_case.nuid}/codes/P1/revoke/")
    assert response.status_code == 302
    from expediente.access.participant_codes import CodeRefused

    with pytest.raises(CodeRefused):
        code_verify(case_number=detained_case.nuid, code=code, client_ip="10.0.0.1")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"language": "de"}, "language", "Choose one of the languages"),
        ({"language": "es", "expires_on": "31/12/2027"}, "expires_on", "year-month-day"),
        ({"language": "es", "expires_on": "2020-01-01"}, "expires_on", "must be after today"),
        # Python's last day had no day after it: a 500
        ({"language": "es", "expires_on": "9999-12-31"}, "expires_on", "between 1950-01-01"),
        ({"language": "es", "expires_on": "0001-01-01"}, "expires_on", "between 1950-01-01"),
    ],
)
def test_bad_issue_input_is_explained_and_issues_nothing(
    clerk_web, detained_case, data, field, message
):
    response = clerk_web.post(f"/court/cases/{detained_case.nuid}/codes/P1/issue/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert f'href="#{field}-P1"' in body
    assert not ParticipantCode.objects.exists()


def test_a_clerk_links_a_lawyers_account(clerk_web, detained_case):
    from expediente.access.models import User

    User.objects.create_user("rosa.defensora")
    response = clerk_web.post(
        f"/court/cases/{detained_case.nuid}/codes/P4/link/", {"username": "rosa.defensora"}
    )
    assert response.status_code == 302
    assert ParticipantLink.objects.get().participant == "P4"


def test_linking_an_unknown_account_is_explained_and_links_nothing(clerk_web, detained_case):
    response = clerk_web.post(
        f"/court/cases/{detained_case.nuid}/codes/P4/link/", {"username": "nadie"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is no account with that user name" in body
    assert not ParticipantLink.objects.exists()
    # what she typed comes back, marked, to correct rather than type again
    assert 'id="username-P4" maxlength="150" autocomplete="off" value="nadie" aria-invalid' in body
    assert 'id="username-P1" maxlength="150" autocomplete="off" value=""' in body


def test_a_clerk_of_another_court_gets_404_everywhere(other_court, detained_case):
    outsider = staff("otro.clerk", other_court, "clerk")
    base = f"/court/cases/{detained_case.nuid}/codes/"
    assert outsider.get(base).status_code == 404
    assert outsider.post(f"{base}P1/issue/", {"language": "es"}).status_code == 404
    assert outsider.post(f"{base}P1/revoke/").status_code == 404
    assert not ParticipantCode.objects.exists()


def test_an_unknown_participant_is_a_404(clerk_web, detained_case):
    url = f"/court/cases/{detained_case.nuid}/codes/P99/issue/"
    assert clerk_web.post(url, {"language": "es"}).status_code == 404


def test_the_notice_language_defaults_to_the_one_the_participant_chose(clerk_web, detained_case):
    # the form offered the clerk's language (English here) for every participant's notice
    from django.utils import timezone

    from expediente.portal.models import ParticipantLanguage

    ParticipantLanguage.objects.create(
        case=detained_case, participant="P1", language="pt", chosen_at=timezone.now()
    )
    body = clerk_web.get(f"/court/cases/{detained_case.nuid}/codes/").content.decode()
    form_p1 = body[body.index('id="language-P1"') :]
    form_p1 = form_p1[: form_p1.index("</select>")]
    assert '<option value="pt" selected>' in form_p1
    form_p2 = body[body.index('id="language-P2"') :]
    form_p2 = form_p2[: form_p2.index("</select>")]
    assert '<option value="en" selected>' in form_p2  # nothing known: the clerk's


def test_a_refused_expiry_comes_back_as_typed_with_the_language_chosen(clerk_web, detained_case):
    response = clerk_web.post(
        f"/court/cases/{detained_case.nuid}/codes/P1/issue/",
        {"language": "fr", "expires_on": "31/03/2027"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="expires_on-P1" value="31/03/2027" aria-invalid="true"' in body
    form_p1 = body[body.index('id="language-P1"') :]
    assert '<option value="fr" selected>' in form_p1[: form_p1.index("</select>")]
    assert 'id="expires_on-P2" value=""' in body  # the other rows are untouched


def test_a_reload_of_the_notice_issues_nothing_more(clerk_web, detained_case):
    """On a phone a reload (pull to refresh, a restored tab) sent the form again: a second
    code was issued, and the one just printed for the victim stopped working."""
    url = f"/court/cases/{detained_case.nuid}/codes/"
    token = re.search(r'name="token" value="([^"]+)"', clerk_web.get(url).content.decode())[1]
    first = clerk_web.post(f"{url}P2/issue/", {"language": "es", "token": token})
    code = printed_code(first.content.decode())
    again = clerk_web.post(f"{url}P2/issue/", {"language": "es", "token": token}, follow=True)
    assert "access-code" not in again.content.decode()  # no code shown a second time
    assert "was already issued from this page at" in text_of(again.content.decode())
    assert ParticipantCode.objects.filter(participant="P2").count() == 1
    assert code_verify(case_number=detained_case.nuid, code=code, client_ip="10.0.0.1")
    # the page drawn again brings a new token: a new code is a deliberate act
    fresh = re.search(r'name="token" value="([^"]+)"', again.content.decode())[1]
    assert fresh != token
    clerk_web.post(f"{url}P2/issue/", {"language": "es", "token": fresh})
    assert ParticipantCode.objects.filter(participant="P2").count() == 2
