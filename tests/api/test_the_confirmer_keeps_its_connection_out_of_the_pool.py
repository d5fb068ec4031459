"""A server answering with greenlets lends requests PostgreSQL connections from a pool
(settings.py); the confirmer of kept reads sets ``plan_cache_mode`` on its connection,
so that connection must be its own, never one the pool later lends to a request."""

from __future__ import annotations

import pytest
from django.db import connections

from expediente.api.kept_bodies import own_connection


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_the_confirmers_connection_is_not_drawn_from_the_pool(monkeypatch):
    options = connections.settings["default"].setdefault("OPTIONS", {})
    monkeypatch.setitem(options, "pool", {"min_size": 1, "max_size": 2, "timeout": 5})
    db = own_connection("default")
    try:
        assert "pool" not in db.settings_dict["OPTIONS"]
        assert db.pool is None  # type: ignore[attr-defined]
        assert db.settings_dict["NAME"] == connections["default"].settings_dict["NAME"]
        assert options["pool"]["max_size"] == 2  # the requests' settings are untouched
        db.ensure_connection()
        with db.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            assert cursor.fetchone()[0] == connections["default"].settings_dict["NAME"]
    finally:
        db.close()
