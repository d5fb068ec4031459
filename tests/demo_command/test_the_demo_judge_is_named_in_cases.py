"""QA: the demo judge was named in no case, so "cases that name me" and the judge's own
calendar were empty. The demo judges' accounts are tied to the docket person they are
(``court.StaffPerson``), who is the judge of most cases of their courts."""

import io
import re

from django.core.management import call_command
from django.test import Client

from expediente.court.models import StaffPerson
from expediente.docket.models import Case, Participation


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_demo_judge_has_cases_that_name_them_and_a_colleague_has_the_others(db):
    printed = _run("--cases", "30", "--seed", "7")
    password = re.search(r"court staff .* password (\S+) for:", printed).group(1)
    tied = StaffPerson.objects.get(user__username="judge")
    judges = Participation.objects.filter(
        role="judge", case__court__code__in=["sj-penal", "cartago-penal"]
    )
    theirs = {p.case_id for p in judges if p.person.uid == tied.person_uid}
    others = {p.case_id for p in judges if p.person.uid != tied.person_uid}
    assert theirs
    assert others
    assert not theirs & others

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/court/sign-in/", {"username": "judge", "password": password})
    client.post("/court/sign-in/code/", {"code": _run("--code", "judge").strip()})
    html = client.get("/court/my-cases/", {"named": "on"}).content.decode()
    shown = set(re.findall(r'href="/court/cases/([^/]+)/"', html))
    numbers = dict(Case.objects.values_list("pk", "nuid"))
    assert shown
    assert shown <= {numbers[pk] for pk in theirs}
    assert "is not tied to a person in the docket" not in html
