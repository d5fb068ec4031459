"""GET /api/v1/courts/{code}/offences: a client that sends `{"offence": "robo"}` is
refused ("not in the offence catalogue"); here it finds the codes the court's charges
take, named in its language, with their ICCS class and flags."""

import pytest

from expediente.docket.models import Court
from tests.api.helpers import API, PAST, post_json, problem
from tests.api.routes import rows

OFFENCES = f"{API}/courts/sj-penal/offences"


def listed(client, url=OFFENCES, **headers):
    r = client.get(url, headers=headers)
    assert r.status_code == 200, r.content[:500]
    assert r["Content-Type"].startswith("application/json")
    return {o["code"]: o for o in r.json()}


def test_it_lists_the_courts_catalogue_with_names_iccs_and_flags(api_clerk, court):
    offences = listed(api_clerk)
    assert len(offences) == 26  # the Costa Rican pack's catalogue
    assert offences["CP-208"] == {
        "code": "CP-208",
        "label": "Hurto simple",
        "iccs": "0502",
        "flags": [],
    }
    assert offences["L8589-21"]["flags"] == ["vaw"]  # femicide (Ley 8589)
    assert "firearm" in offences["L7530-88"]["flags"]


def test_a_code_it_lists_is_one_a_charge_takes(api_clerk, accused_case):
    robbery = next(o for o in listed(api_clerk).values() if o["label"] == "Robo simple")
    body = {"accused": "P1", "offence": robbery["code"], "occurred_at": PAST}
    r = post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/charges", body)
    assert r.status_code == 201, r.content[:500]
    assert r.json()["payload"]["iccs"] == robbery["iccs"]


def test_the_names_are_in_the_language_the_client_asks_for(api_clerk, court):
    assert listed(api_clerk, **{"Accept-Language": "en"})["CP-111"]["label"] == "Homicide"
    assert listed(api_clerk, **{"Accept-Language": "pt"})["CP-111"]["label"] == (
        "Homicídio simples"
    )
    assert listed(api_clerk)["CP-111"]["label"] == "Homicidio simple"  # the site's default


def test_each_court_answers_its_own_rule_packs_catalogue(api_clerk, court, jurisdiction):
    Court.objects.create(
        jurisdiction=jurisdiction,
        code="sp-criminal",
        name="Vara Criminal de São Paulo",
        office_code="0001",
        timezone="America/Sao_Paulo",
        rule_pack="br",
    )
    brazil = listed(api_clerk, f"{API}/courts/sp-criminal/offences", **{"Accept-Language": "pt"})
    assert brazil["CP-155"]["label"] == "Furto"  # the Brazilian Código Penal's theft
    assert "CP-208" not in brazil  # Costa Rica's
    assert len(brazil) == 6


def test_an_unknown_court_is_not_found(api_clerk, court):
    p = problem(api_clerk.get(f"{API}/courts/atlantis/offences"), 404, "not-found")
    assert p["detail"] == "no court 'atlantis'"


def test_a_court_outside_the_token_is_as_unknown_as_one_that_does_not_exist(api_outsider):
    hidden = problem(api_outsider.get(OFFENCES), 404, "not-found")
    missing = problem(api_outsider.get(f"{API}/courts/atlantis/offences"), 404, "not-found")
    assert hidden["detail"].replace("sj-penal", "atlantis") == missing["detail"]
    assert listed(api_outsider, f"{API}/courts/cartago-penal/offences")  # its own court


def test_the_catalogue_needs_the_read_scope(api_writer, court):
    before = rows()
    p = problem(api_writer.get(OFFENCES), 403, "forbidden")
    assert "cases:read" in p["detail"]
    assert rows() == before


def test_the_catalogue_needs_a_token(anonymous, court):
    r = anonymous.get(OFFENCES)
    problem(r, 401, "unauthenticated")
    assert r["WWW-Authenticate"] == 'Bearer realm="expediente"'


def test_a_query_parameter_is_refused_by_name(api_clerk, court):
    p = problem(api_clerk.get(f"{OFFENCES}?lang=en"), 422, "invalid")
    assert p["errors"] == [{"field": "lang", "message": "is not a known field"}]


@pytest.fixture
def document(anonymous):
    return anonymous.get(f"{API}/openapi.json").json()


def test_the_route_is_in_the_openapi_document(document):
    operation = document["paths"]["/api/v1/courts/{code}/offences"]["get"]
    assert "cases:read" in operation["description"]
    item = operation["responses"]["200"]["content"]["application/json"]["schema"]["items"]
    offence = document["components"]["schemas"][item["$ref"].rsplit("/", 1)[-1]]
    assert set(offence["required"]) == {"code", "label", "iccs", "flags"}
    flags = offence["properties"]["flags"]["items"]["enum"]
    assert set(flags) == {"firearm", "vaw", "cyber", "sexual", "trafficking", "drugs"}
    charge = document["components"]["schemas"]["ChargeIn"]["properties"]["offence"]
    assert "GET /courts/{code}/offences" in charge["description"]
