"""`expediente demo` ends by printing an administrator login and an API token that work."""

import io
import re

from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client

from expediente.access.models import ApiToken
from expediente.demo.models import DemoRun
from expediente.docket.models import Case


def _accounts(*args: str) -> tuple[str, str, str]:
    out = io.StringIO()
    call_command("demo", *args, stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    assert "Demo accounts (for this laptop only):" in text
    password = re.search(r"user admin\s+password (\S+)", text).group(1)
    token = re.search(r"Authorization: Bearer (\S+)", text).group(1)
    return text, password, token


def test_the_printed_password_and_code_log_the_administrator_in(db):
    _, password, _ = _accounts("--accounts")
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "admin", "password": password}
    )
    assert response.status_code == 302
    to_code = client.get("/admin/")
    assert to_code.status_code == 302  # the second factor first
    code = io.StringIO()
    call_command("demo", "--code", "admin", stdout=code)
    assert client.post(to_code["Location"], {"code": code.getvalue().strip()}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_printed_token_reads_the_api(db):
    call_command("demo", "--cases", "0", stdout=io.StringIO(), stderr=io.StringIO())
    _, _, token = _accounts("--accounts")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/courts")
    assert response.status_code == 200
    assert "sj-juvenil" in response.content.decode()


def test_accounts_only_builds_no_caseload(db):
    cases = Case.objects.count()
    _accounts("--accounts")
    assert not DemoRun.objects.exists()
    assert Case.objects.count() == cases


def test_running_it_again_prints_the_same_accounts_and_keeps_one_token(db):
    first = _accounts("--accounts")
    second = _accounts("--accounts")
    assert first == second
    assert ApiToken.objects.filter(name="demo API token").count() == 1
    assert Client().login(request=HttpRequest(), username="admin", password=second[1])


def test_the_printed_addresses_follow_the_port_the_server_uses(db, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    text, _, _ = _accounts("--accounts")
    assert "http://127.0.0.1:8123/court/" in text
    assert "http://127.0.0.1:8123/api/v1/courts" in text
    assert ":8000/" not in text


def test_the_demo_tokens_serve_a_prosecution_and_a_public_defence_office(db):
    text, _, _ = _accounts("--accounts")
    tokens = dict(ApiToken.objects.values_list("name", "agency"))
    assert tokens == {
        "demo API token": "prosecution",
        "demo public defence token": "public_defence",
    }
    defence = re.search(r"defence token\s+Authorization: Bearer (\S+)", text).group(1)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {defence}").get("/api/v1/courts").status_code == 200
