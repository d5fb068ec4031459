"""/healthz tells a load balancer whether this instance can reach its database."""

from django.db import connection

from expediente.portal import views


def test_it_answers_200_with_status_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": connection.vendor}


def test_it_is_never_cached(client, db):
    response = client.get("/healthz")
    assert "no-store" in response["Cache-Control"]


def test_it_answers_503_when_the_database_is_unreachable(client, db, monkeypatch):
    class Unreachable:
        vendor = connection.vendor

        def cursor(self):
            raise OSError("connection refused")

    monkeypatch.setattr(views, "connection", Unreachable())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}


def test_it_only_answers_get(client, db):
    assert client.post("/healthz").status_code == 405


def test_it_only_reads(client, db):
    for method in (client.post, client.put, client.delete):
        assert method("/healthz").status_code == 405
