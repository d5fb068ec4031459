"""The stylesheet every page loads is cached by a phone for a year once `make run` has
collected the static files: its address carries a hash of its content (a new version is
a new address), and it is sent from a pre-compressed copy. QA found it served from the
app's folder with max-age=60 (`make run` never collected), so a slow link fetched it
again every minute. Without a collection (`expediente serve` alone, the benchmarks) the
pages still work, with the plain address."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

COLLECTED = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "expediente.settings.CollectedStaticFiles"},
}
YEAR = "max-age=315360000"


def stylesheet(client: Client) -> str:
    response = client.get("/follow/")
    assert response.status_code == 200
    (href,) = re.findall(r'<link rel="stylesheet" href="([^"]+)"', response.content.decode())
    return str(href)


@pytest.fixture
def static_root(tmp_path: Path) -> Path:
    root = tmp_path / "static"
    root.mkdir()
    return root


def test_collected_files_have_hashed_names_and_are_cached_for_a_year(db, static_root):
    with override_settings(STATIC_ROOT=static_root, STORAGES=COLLECTED):
        call_command("collectstatic", interactive=False, verbosity=0)
        assert (static_root / "staticfiles.json").exists()
        client = Client()  # a new client: WhiteNoise reads the collected files afresh
        href = stylesheet(client)
        assert re.fullmatch(r"/static/expediente/site\.[0-9a-f]{12}\.css", href), href
        assert (static_root / href.removeprefix("/static/")).with_suffix(".css.gz").exists()
        response = client.get(href, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert YEAR in response["Cache-Control"]
        assert "immutable" in response["Cache-Control"]
        body = gzip.decompress(b"".join(response.streaming_content))
        source = Path(__file__).resolve().parents[2] / "src/expediente/portal/static"
        assert body == (source / "expediente/site.css").read_bytes()


def test_without_a_collection_the_pages_keep_the_plain_address(db, static_root):
    with override_settings(STATIC_ROOT=static_root, STORAGES=COLLECTED):
        client = Client()
        href = stylesheet(client)  # not the manifest storage's error on every page
        assert href == "/static/expediente/site.css"
        response = client.get(href)
        assert response.status_code == 200  # found by WhiteNoise's finders
        assert YEAR not in response["Cache-Control"]
