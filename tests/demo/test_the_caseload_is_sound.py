"""Every demo case has an unbroken hash chain and projections that equal a rebuild; its
entries go into the Merkle log under a signed checkpoint that verifies."""

import io

from django.core.management import call_command

from expediente.integrity.verify import verify_cases


def test_every_chain_verifies(demo):
    assert verify_cases() == []


def test_verify_says_ok(demo):
    out = io.StringIO()
    call_command("verify", stdout=out, stderr=io.StringIO())
    assert out.getvalue().splitlines()[0] == "ok: every case's hash chain holds"


def test_the_caseload_is_signed_and_its_log_verifies(demo):
    from expediente.docket.models import Event
    from expediente.integrity.models import Checkpoint

    call_command("checkpoint", stdout=io.StringIO(), stderr=io.StringIO())
    assert Checkpoint.objects.get().size == Event.objects.count()
    out = io.StringIO()
    call_command("verify", stdout=out, stderr=io.StringIO())
    assert (
        out.getvalue()
        .splitlines()[1]
        .startswith(
            f"ok: the log holds {Event.objects.count()} entries and its 1 checkpoint(s) verify"
        )
    )


def test_rebuild_check_finds_no_difference(demo):
    out = io.StringIO()
    call_command("rebuild", "--check", stdout=out, stderr=io.StringIO())
    assert out.getvalue().startswith(f"ok: {demo.cases} cases, ")
    assert "the live projections equal a rebuild" in out.getvalue()
