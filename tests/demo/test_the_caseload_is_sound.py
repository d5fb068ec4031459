"""Every demo case has an unbroken hash chain and projections that equal a rebuild."""

import io

from django.core.management import call_command

from expediente.integrity.verify import verify_cases


def test_every_chain_verifies(demo):
    assert verify_cases() == []


def test_verify_says_ok(demo):
    out = io.StringIO()
    call_command("verify", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == "ok: every case's hash chain holds"


def test_rebuild_check_finds_no_difference(demo):
    out = io.StringIO()
    call_command("rebuild", "--check", stdout=out, stderr=io.StringIO())
    assert out.getvalue().startswith(f"ok: {demo.cases} cases, ")
    assert "the live projections equal a rebuild" in out.getvalue()
