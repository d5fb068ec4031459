"""The API docs work on a court's laptop with no internet: no CDN assets."""

import re


def test_the_api_docs_load_their_assets_from_this_server(client, db):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:href|src)="([^"]+)"', page.content.decode())
    assert assets, "the docs page references its stylesheet and script"
    for url in assets:
        assert url.startswith("/static/"), url
        assert client.get(url).status_code == 200, url
