"""The decision form shows what the petitioner wrote above the form (it listed only
"Entry 10: Protection — Karla …"), read through the disclosure rules and logged in the
access log as a read of free text; opened from the due list it shows the petition
chosen, and a corrected filing shows its corrected words."""

from __future__ import annotations

from expediente.access.access_log import AccessRecord
from tests.court.forms.helpers import drawn

SHE_WRITES = "Me sigue esperando fuera de mi trabajo. Tengo miedo de que me haga daño."


def logged_so_far() -> int:
    """The access log is append-only: a test reads the lines after this mark."""
    return max(AccessRecord.objects.values_list("pk", flat=True), default=0)


def form_url(case, number=None):  # type: ignore[no-untyped-def]
    url = f"/court/cases/{case.nuid}/record/petition.decided/"
    return f"{url}?petition={number}" if number else url


def test_the_form_shows_her_words_and_logs_the_read(detained, file, judge_client):  # type: ignore[no-untyped-def]
    filed = file(detained, 3, kind="protective_measure", petitioner="P2", text=SHE_WRITES)
    mark = logged_so_far()
    html = judge_client.get(form_url(detained, filed.petition.filed_seq)).content.decode()
    assert "What the petitioner wrote" in html
    assert SHE_WRITES in html
    assert html.index(SHE_WRITES) < html.index('<form method="post"')
    assert f"Entry {filed.petition.filed_seq}: Protection — Ana Rojas Vargas" in html
    lines = list(AccessRecord.objects.filter(case_id=detained.pk, pk__gt=mark))
    assert len(lines) == 1
    assert "free_text" in lines[0].classes
    assert lines[0].channel == "web"


def test_chosen_from_the_due_list_it_shows_only_that_petition(detained, file, judge_client):  # type: ignore[no-untyped-def]
    other = file(detained, 5, kind="information_request", text="¿Cuándo es la próxima audiencia?")
    filed = file(detained, 3, kind="protective_measure", petitioner="P2", text=SHE_WRITES)
    html = judge_client.get(form_url(detained, filed.petition.filed_seq)).content.decode()
    assert SHE_WRITES in html
    assert "¿Cuándo es la próxima audiencia?" not in html
    every = judge_client.get(form_url(detained)).content.decode()
    assert SHE_WRITES in every
    assert "¿Cuándo es la próxima audiencia?" in every
    assert other.petition.filed_seq != filed.petition.filed_seq


def test_a_corrected_filing_shows_its_corrected_words(detained, file, record, judge_client):  # type: ignore[no-untyped-def]
    filed = file(detained, 3, kind="protective_measure", petitioner="P2", text=SHE_WRITES)
    corrected = "Me espera cada día fuera de mi trabajo y me ha amenazado por teléfono."
    record(
        detained,
        "petition.filed",
        {
            "kind": "protective_measure",
            "text": corrected,
            "petitioner": "P2",
            "filed_via": "clerk",
        },
        corrects_seq=filed.petition.filed_seq,
    )
    html = judge_client.get(form_url(detained, filed.petition.filed_seq)).content.decode()
    assert corrected in html
    assert SHE_WRITES not in html


def test_a_posted_decision_logs_no_read_of_the_text(detained, file, judge_client):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    filed = file(detained, 3, kind="protective_measure", petitioner="P2", text=SHE_WRITES)
    page = judge_client.get(form_url(detained))  # drawn: a read of her words, logged
    mark = logged_so_far()
    now = timezone.now().astimezone(timezone.get_fixed_timezone(-360))
    response = judge_client.post(
        form_url(detained),
        drawn(page)
        | {
            "petition": str(filed.petition.filed_seq),
            "outcome": "granted",
            "reasons": "Se ordena al imputado no acercarse a la víctima.",
            "occurred_at": now.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    after = AccessRecord.objects.filter(case_id=detained.pk, pk__gt=mark)
    assert not [r for r in after if "free_text" in r.classes]
