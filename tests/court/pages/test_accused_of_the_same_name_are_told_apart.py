"""Two accused of the same name (a father and son both called José Pérez Mora): the case
page tells them apart wherever it names them (the parties, the charges, the timeline,
the detention clock) by their participant id, as the forms' choices do; a party with a
name of their own is named as before."""

from __future__ import annotations

import re

from tests.conftest import PERSON
from tests.court.pages.conftest import case_url


def test_same_named_accused_carry_their_ids(clerk_client, page, accused_case, record, at):
    son = {**PERSON, "id_number": "1-1111-1111", "date_of_birth": "2005-04-01"}
    record(accused_case, "participant.added", {"role": "accused", "person": son})  # P3
    record(accused_case, "charge.filed", {"accused": "P3", "offence": "CP-208"})
    record(accused_case, "custody.arrested", {"person": "P3"}, occurred_at=at(2))
    html = page(clerk_client, case_url(accused_case))
    name = f"{PERSON['given_names']} {PERSON['family_names']}"
    # the charges and the timeline: "José Pérez Mora, Accused (P1)" / "(P3)"
    assert f"{name}, Accused (P1)" in html
    assert f"{name}, Accused (P3)" in html
    assert f"{name}, Accused<" not in html
    assert f"{name}, Accused\n" not in html
    # the parties' table and the detention clock
    assert re.search(rf"{name} <span class=\"tag\">P3</span>", html)
    # the victim has a name of her own: no id beside it
    assert "Ana Rojas Vargas" in html
    assert '<span class="tag">P2</span>' not in html
    assert "(P2)" not in html
