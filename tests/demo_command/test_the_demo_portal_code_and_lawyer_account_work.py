"""`make run` prints a portal code for a family and a lawyer's account: the code opens the
family's case at /follow/, and the lawyer's password and authenticator code open /my/
with her clients' cases on it."""

import io
import re

from django.core.management import call_command
from django.test import Client

from expediente.docket.models import Case


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _signed_in_to_my(label: str, username: str, printed: str) -> Client:
    """A browser signed in to /my/ with the printed password and the current code."""
    password = re.search(rf"{label} .* user {username}\s+password (\S+)", printed).group(1)
    code = _run("--code", username).strip()
    client = Client()
    client.post("/my/sign-in/", {"username": username, "password": password})
    to_code = client.get("/my/")
    if to_code.status_code == 302:  # the second factor
        client.post(to_code["Location"], {"code": code})
    return client


def test_the_printed_portal_code_opens_the_family_s_case(db):
    printed = _run("--cases", "60")
    found = re.search(r"portal .*/follow/\s+case (\S+)\s+code (\S+)", printed)
    assert found, printed
    number, code = found.groups()
    client = Client()
    signed = client.post("/follow/", {"case_number": number, "code": code})
    assert signed.status_code == 302, signed.content.decode()[:500]
    page = client.get(signed["Location"], HTTP_ACCEPT_LANGUAGE="es")
    assert page.status_code == 200
    assert number in page.content.decode()
    # the same code again on the next run: nothing new is issued, the code still works
    again = re.search(r"code (\S+)", _run("--accounts").split("portal", 1)[1]).group(1)
    assert again == code


def test_the_printed_lawyer_account_sees_her_clients_cases(db):
    client = _signed_in_to_my("lawyer", "defensora", _run("--cases", "60"))
    page = client.get("/my/", HTTP_ACCEPT_LANGUAGE="es")
    assert page.status_code == 200
    html = page.content.decode()
    numbers = [c.number for c in Case.objects.all() if c.number in html]
    assert numbers, "her clients' cases are listed"
    # she is the public defender of each case she follows, by her own name
    from expediente.access.models import ParticipantLink
    from expediente.docket.models import Participation

    links = ParticipantLink.objects.filter(user__username="defensora")
    defended = {link.case_id for link in links}
    assert defended
    for case_id in defended:
        mine = Participation.objects.filter(
            case_id=case_id, role="public_defender", uid__in=[ln.participant for ln in links]
        ).select_related("person")
        assert [(p.person.given_names, p.person.family_names) for p in mine] == [
            ("Rosa", "Jiménez Alfaro")
        ]
    assert "Rosa Jiménez Alfaro" in html


def test_the_printed_prosecutor_account_sees_her_cases_and_their_deadlines(db):
    client = _signed_in_to_my("prosecutor", "fiscala", _run("--cases", "60"))
    page = client.get("/my/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    from expediente.access.models import ParticipantLink
    from expediente.docket.models import Participation

    links = ParticipantLink.objects.filter(user__username="fiscala")
    assert links.exists(), "linked to the prosecutor of the petition cases"
    for link in links:
        assert link.case.number in html
        me = Participation.objects.select_related("person").get(
            case_id=link.case_id, uid=link.participant
        )
        assert me.role == "prosecutor"
        assert (me.person.given_names, me.person.family_names) == ("Andrea", "Solís Mora")
    assert client.get("/my/deadlines/").status_code == 200


def test_the_demo_judges_have_an_address_for_their_deadline_alerts(db):
    _run("--accounts")
    from expediente.court.models import StaffPerson

    judges = StaffPerson.objects.select_related("user")
    assert judges.exists()
    assert all(sp.user.email.endswith("@example.org") for sp in judges)


def test_the_demo_lawyers_emails_are_her_accounts_and_off_stops_them(db):
    """The demo's cases subscribe the defender's address; her /my/notifications/ says
    they are on, lists each of them, and "off" stops every one (the page said "off"
    while the clerk's next hearing still reached her)."""
    from expediente.access.models import ParticipantLink
    from expediente.notify.models import Subscription

    client = _signed_in_to_my("lawyer", "defensora", _run("--cases", "60"))
    links = ParticipantLink.objects.filter(user__username="defensora")
    hers = Subscription.objects.filter(
        address="rosa.jimenez.alfaro@example.org", channel="email", active=True
    )
    assert hers.exists()
    assert {(s.case_id, s.participant) for s in hers} <= {
        (ln.case_id, ln.participant) for ln in links
    }
    assert all(s.account is not None and s.account.username == "defensora" for s in hers)
    page = client.get("/my/notifications/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "On: we email rosa.jimenez.alfaro@example.org." in page
    assert "not linked" not in page
    for sub in hers:
        assert f"Case {sub.case.number}, to rosa.jimenez.alfaro@example.org" in page
    assert client.post("/my/notifications/", {"action": "off"}).status_code == 302
    assert not hers.all().exists()  # read again (``hers`` holds what it read)
