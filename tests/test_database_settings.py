"""EXPEDIENTE_DB_PREPARE_THRESHOLD: when psycopg prepares a repeated statement on
PostgreSQL (docs/performance.md), or never, for a PgBouncer that cannot keep them."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from expediente.settings import _flag, count, prepare_threshold, switch


@pytest.mark.parametrize(
    ("value", "expected"),
    [("5", 5), ("0", 0), (" 12 ", 12), ("off", None), ("OFF", None), ("never", None)],
)
def test_a_threshold_or_off_is_read(value, expected):
    assert prepare_threshold(value) == expected


@pytest.mark.parametrize("value", ["", "five", "-1", "2.5", "5 runs"])
def test_anything_else_stops_start_up_naming_the_variable(value):
    with pytest.raises(ImproperlyConfigured) as caught:
        prepare_threshold(value)
    message = str(caught.value)
    assert "EXPEDIENTE_DB_PREPARE_THRESHOLD" in message
    assert repr(value) in message
    assert "'off'" in message


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_the_server_prepares_a_statement_after_five_runs():
    connection.ensure_connection()
    raw = connection.connection
    assert raw.prepare_threshold == 5
    with connection.cursor() as cursor:
        for _ in range(7):
            cursor.execute("SELECT %s::int + 1", [41])
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        (prepared,) = cursor.fetchone()
    assert prepared >= 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, True), ("on", True), ("TRUE", True), ("1", True), ("off", False), (" no ", False)],
)
def test_an_on_off_setting_is_read(value, expected):
    assert switch("EXPEDIENTE_CONFIRM_KEPT_READS", value, True) is expected


@pytest.mark.parametrize("value", ["", "maybe", "2", "enabled"])
def test_an_on_off_setting_that_is_neither_stops_start_up_naming_it(value):
    with pytest.raises(ImproperlyConfigured) as caught:
        switch("EXPEDIENTE_CONFIRM_KEPT_READS", value, True)
    assert "EXPEDIENTE_CONFIRM_KEPT_READS" in str(caught.value)
    assert repr(value) in str(caught.value)


@pytest.mark.parametrize(("value", "expected"), [(None, 5000), ("1", 1), (" 20000 ", 20000)])
def test_a_count_is_read(value, expected):
    assert count("EXPEDIENTE_KEPT_CASE_BODIES", value, 5000, least=1) == expected


@pytest.mark.parametrize("value", ["", "0", "-5", "1e4", "lots"])
def test_a_count_below_its_least_or_not_a_number_stops_start_up_naming_it(value):
    with pytest.raises(ImproperlyConfigured) as caught:
        count("EXPEDIENTE_KEPT_CASE_BODIES", value, 5000, least=1)
    assert "EXPEDIENTE_KEPT_CASE_BODIES" in str(caught.value)
    assert "at least 1" in str(caught.value)


def test_every_on_off_variable_is_read_the_same_strict_way(monkeypatch):
    monkeypatch.setenv("SECURE_COOKIES", "yes")
    assert _flag("SECURE_COOKIES") is True
    monkeypatch.setenv("SECURE_COOKIES", "ture")
    with pytest.raises(ImproperlyConfigured, match="SECURE_COOKIES"):
        _flag("SECURE_COOKIES")
    monkeypatch.delenv("SECURE_COOKIES")
    assert _flag("SECURE_COOKIES") is False


@pytest.mark.django_db
def test_migrating_the_default_database_prints_no_warning():
    """`make run` starts with `migrate`: on either database its system checks (models
    against this database included) find nothing to warn the court's IT person about."""
    out, err = io.StringIO(), io.StringIO()
    call_command("check", "--database", "default", stdout=out, stderr=err)
    assert "System check identified no issues" in out.getvalue()
    assert "WARNING" not in err.getvalue() + out.getvalue()
