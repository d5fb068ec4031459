"""The staff accounts `make run` prints open the court workspace with the printed code."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_printed_clerk_account_and_code_open_the_workspace(db):
    printed = _run("--cases", "0")
    password = re.search(r"court staff .* password (\S+) for:", printed).group(1)
    assert "clerk" in printed
    assert "authenticator key" in printed
    code = _run("--code", "clerk").strip()
    assert re.fullmatch(r"\d{6}", code)
    client = Client()
    client.post("/court/sign-in/", {"username": "clerk", "password": password})
    client.post("/court/sign-in/code/", {"code": code})
    page = client.get("/court/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Juzgado Penal de Cartago" in page.content.decode()


def test_codes_are_only_printed_for_demo_accounts(db):
    _run("--cases", "0")
    assert _run("--code", "admin").strip().isdigit()
    with pytest.raises(CommandError, match="not a demo account"):
        _run("--code", "someone")
