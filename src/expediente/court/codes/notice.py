"""What the printed notice shows: the case, the code, the portal address and its QR code
(inline SVG, made with segno), in the participant's language."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import segno


@dataclass(frozen=True)
class Notice:
    nuid: str
    court: str
    name: str
    role: str
    code: str  # as printed, in groups
    address: str  # the portal's sign-in page, with the case number filled in
    qr_svg: str
    language: str


def notice_make(
    *, nuid: str, court: str, name: str, role: str, code: str, portal: str, language: str
) -> Notice:
    """The QR code holds the portal address with the case number, never the code."""
    address = f"{portal}?{urlencode({'case_number': nuid})}"
    qr = segno.make(address, error="m").svg_inline(scale=4, title=address, omitsize=False)
    return Notice(nuid, court, name, role, code, address, qr, language)
