"""A court's IT person sets up a jurisdiction and its courts at /admin/ by choosing the
rule pack among those there are (shipped, or in EXPEDIENTE_RULE_PACK_DIRS), named in
their language; a pack that does not exist or does not load is refused, naming the
field, and nothing is saved."""

from __future__ import annotations

import pytest

from expediente.docket.models import Court, Jurisdiction
from expediente.rules.loader import load_pack


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _court(jurisdiction: Jurisdiction, pack: str) -> dict[str, str]:
    return {
        "jurisdiction": str(jurisdiction.pk),
        "code": "stgo-garantia",
        "name": "Juzgado de Garantía de Santiago",
        "office_code": "0007",
        "timezone": "America/Santiago",
        "rule_pack": pack,
        "procedures": "[]",
    }


def test_the_court_form_offers_every_shipped_pack_by_name(system_admin):
    page = system_admin.get("/admin/docket/court/add/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    for pack_id, name in (("intl", "International standards"), ("cr", "Costa Rica")):
        assert f'<option value="{pack_id}">{pack_id} — {name}</option>' in html
    assert '<option value="br">br — Brazil</option>' in html
    assert '<option value="cl">cl — Chile</option>' in html
    assert '<option value="co">co — Colombia</option>' in html


def test_a_chilean_jurisdiction_and_court_are_set_up_with_the_cl_pack(system_admin):
    made = system_admin.post(
        "/admin/docket/jurisdiction/add/", {"code": "cl", "name": "Chile", "rule_pack": "cl"}
    )
    assert made.status_code == 302, made.content.decode()[:2000]
    chile = Jurisdiction.objects.get(code="cl")
    made = system_admin.post("/admin/docket/court/add/", _court(chile, "cl"))
    assert made.status_code == 302, made.content.decode()[:2000]
    court = Court.objects.get(code="stgo-garantia")
    assert court.rule_pack == "cl"
    assert load_pack(court.rule_pack).timezone == court.timezone


def test_a_pack_that_is_not_there_is_refused_and_nothing_is_saved(system_admin):
    chile = Jurisdiction.objects.create(code="cl", name="Chile", rule_pack="cl")
    refused = system_admin.post(
        "/admin/docket/court/add/", _court(chile, "chile"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.errors
    assert list(errors) == ["rule_pack"]
    assert "chile is not one of the available choices" in errors["rule_pack"][0]
    assert not Court.objects.filter(code="stgo-garantia").exists()


def test_a_pack_in_a_configured_folder_is_offered_and_one_that_does_not_load_refused(
    system_admin, settings, tmp_path
):
    (tmp_path / "zz.yaml").write_text("pack: zz\nversion: '1'\nextends: intl\nname: {en: Zed}\n")
    (tmp_path / "broken.yaml").write_text("pack: broken\nversion: '1'\n")
    settings.EXPEDIENTE_RULE_PACK_DIRS = [tmp_path]
    html = system_admin.get("/admin/docket/court/add/", HTTP_ACCEPT_LANGUAGE="en").content
    assert '<option value="zz">zz — Zed</option>' in html.decode()
    assert '<option value="broken">broken (does not load)</option>' in html.decode()
    refused = system_admin.post(
        "/admin/docket/jurisdiction/add/",
        {"code": "bk", "name": "Broken", "rule_pack": "broken"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    errors = refused.context["adminform"].form.errors
    assert list(errors) == ["rule_pack"]
    assert errors["rule_pack"][0].startswith("The rule pack broken does not load: ")
    assert not Jurisdiction.objects.filter(code="bk").exists()


def _edit(court: Court, **changes: str) -> dict[str, str]:
    return {
        "jurisdiction": str(court.jurisdiction_id),
        "code": court.code,
        "name": court.name,
        "office_code": court.office_code,
        "timezone": court.timezone,
        "rule_pack": court.rule_pack,
        "procedures": "[]",
        **changes,
    }


def test_a_court_with_cases_keeps_its_pack(system_admin, accused_case):
    court = accused_case.court
    before = court.rule_pack
    other = "intl" if before != "intl" else "br"
    refused = system_admin.post(
        f"/admin/docket/court/{court.pk}/change/",
        _edit(court, rule_pack=other),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.errors
    assert list(errors) == ["rule_pack"]
    assert f"recorded under {before}" in errors["rule_pack"][0]
    court.refresh_from_db()
    assert court.rule_pack == before
    # its other fields can still be changed
    renamed = system_admin.post(
        f"/admin/docket/court/{court.pk}/change/", _edit(court, name="Juzgado renombrado")
    )
    assert renamed.status_code == 302, renamed.content.decode()[:2000]
    court.refresh_from_db()
    assert (court.name, court.rule_pack) == ("Juzgado renombrado", before)


def test_a_court_without_cases_may_change_its_pack(system_admin):
    chile = Jurisdiction.objects.create(code="cl", name="Chile", rule_pack="cl")
    court = Court.objects.create(
        jurisdiction=chile, code="stgo", name="Santiago", timezone="America/Santiago",
        rule_pack="intl", office_code="0001",
    )  # fmt: skip
    changed = system_admin.post(
        f"/admin/docket/court/{court.pk}/change/", _edit(court, rule_pack="cl")
    )
    assert changed.status_code == 302, changed.context["adminform"].form.errors
    court.refresh_from_db()
    assert court.rule_pack == "cl"


def test_a_pack_no_longer_there_stays_selected_not_replaced_by_the_first(system_admin):
    chile = Jurisdiction.objects.create(code="cl", name="Chile", rule_pack="cl")
    court = Court.objects.create(
        jurisdiction=chile, code="stgo", name="Santiago", timezone="America/Santiago",
        rule_pack="gone", office_code="0001",
    )  # fmt: skip
    html = system_admin.get(
        f"/admin/docket/court/{court.pk}/change/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert '<option value="gone" selected>gone (not found)</option>' in html


@pytest.mark.parametrize("zone", ["Mars/Olympus", "america/santiago", "localtime", ""])
def test_a_time_zone_that_is_not_one_is_refused_and_nothing_is_saved(system_admin, zone):
    """Every page of the court reads its clock: a court saved with a zone that does not
    exist broke them all."""
    chile = Jurisdiction.objects.create(code="cl", name="Chile", rule_pack="cl")
    refused = system_admin.post(
        "/admin/docket/court/add/",
        {**_court(chile, "cl"), "timezone": zone},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.errors
    assert list(errors) == ["timezone"]
    if zone:
        assert errors["timezone"] == [
            f"“{zone}” is not a time zone: give an IANA time zone such as America/Costa_Rica."
        ]
    assert not Court.objects.filter(code="stgo-garantia").exists()
