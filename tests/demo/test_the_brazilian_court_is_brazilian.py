"""The demo's Brazilian court gives its cases valid CNJ numbers (Resolução CNJ 65/2008),
its people Brazilian names, and keeps Brasília time."""

import re
from zoneinfo import ZoneInfo

from expediente.demo import names_br
from expediente.docket.models import Case, Participation
from expediente.rules.numbering import mod97_valid

CNJ = re.compile(r"^(\d{7})-(\d{2})\.(\d{4})\.8\.26\.0247$")


def test_every_case_has_a_valid_cnj_number(demo):
    cases = Case.objects.filter(court__code="ilhabela-vara")
    assert cases.count() >= 10
    for case in cases:
        found = CNJ.match(case.number)
        assert found, case.number
        assert found[3] == str(case.opened_at.astimezone(ZoneInfo(case.court.timezone)).year)
        digits = re.sub(r"\D", "", case.number)
        assert mod97_valid(digits[:7] + digits[9:], found[2]), case.number
        assert case.nuid == case.number


def test_its_people_have_brazilian_names(demo):
    people = Participation.objects.filter(
        case__court__code="ilhabela-vara", person__kind="natural"
    ).select_related("person")
    assert people.exists()
    for p in people:
        if p.person.uid == "demo.judge.juiza":  # the demo judge account's own name
            assert p.role == "judge"
            continue
        assert p.person.given_names in names_br.FEMALE + names_br.MALE
        assert p.person.family_names.split(" ")[0] in names_br.SURNAMES


def test_it_keeps_brasilia_time(demo):
    case = Case.objects.filter(court__code="ilhabela-vara").select_related("court").first()
    assert case.court.timezone == "America/Sao_Paulo"
