"""Reading the portal's pages the way a person sees them: headings and table rows."""

from __future__ import annotations

import html
import re

from django.test import Client


def page(client: Client, path: str = "/", language: str | None = None) -> str:
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response.content.decode()


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def headings(body: str) -> list[str]:
    return [text_of(h) for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", body, re.S)]


def table_rows(body: str) -> list[list[str]]:
    """Each row of the page's table, header row first, as the text of its cells."""
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [
        [text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)] for row in rows
    ]
