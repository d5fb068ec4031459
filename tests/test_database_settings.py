"""EXPEDIENTE_DB_PREPARE_THRESHOLD: when psycopg prepares a repeated statement on
PostgreSQL (docs/performance.md), or never, for a PgBouncer that cannot keep them."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from expediente.settings import prepare_threshold


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
