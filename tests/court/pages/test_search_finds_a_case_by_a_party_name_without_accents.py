import pytest

from tests.court.pages.conftest import case_url


def test_a_name_typed_without_accents_finds_the_accented_name(
    clerk_client, page, accused_case, open_case
):
    other = open_case()
    html = page(clerk_client, "/court/cases/", q="Jose Perez")
    assert case_url(accused_case) in html
    assert case_url(other) not in html
    assert "José Pérez Mora" in html  # the accused is listed beside the case


def test_case_does_not_matter(clerk_client, page, accused_case):
    html = page(clerk_client, "/court/cases/", q="JOSÉ pérez")
    assert case_url(accused_case) in html


def test_family_names_alone_find_the_case(clerk_client, page, accused_case):
    html = page(clerk_client, "/court/cases/", q="Perez Mora")
    assert case_url(accused_case) in html


def test_a_victim_is_found_too(clerk_client, page, accused_case):
    html = page(clerk_client, "/court/cases/", q="ana rojas")
    assert case_url(accused_case) in html


def test_a_name_matches_from_the_start_of_a_word_only(clerk_client, page, accused_case):
    html = page(clerk_client, "/court/cases/", q="erez")
    assert case_url(accused_case) not in html


@pytest.mark.postgres_only
def test_on_postgresql_a_word_inside_a_name_is_found_through_the_trigram_index(
    clerk_client, page, accused_case
):
    """A family name alone is a match inside the name (`LIKE '% mora%'`), which a B-tree
    cannot serve: migration docket/0007 adds a pg_trgm index so that it does not read every
    person (94 ms at 34,000 demo cases; 0.4 ms through the index)."""
    from django.db import connection

    from expediente.docket.models import Person

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s", ["person_search_name_trgm"]
        )
        assert "gin_trgm_ops" in cursor.fetchone()[0]
        # the part of the search no B-tree serves, as name_q asks it; with plain scans off
        # (as on a table of 400,000 people) only the trigram index can answer it
        query = Person.objects.filter(search_name__contains=" mora").values("pk")
        sql, params = query.query.sql_with_params()
        for scan in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "person_search_name_trgm" in plan
    assert case_url(accused_case) in page(clerk_client, "/court/cases/", q="Mora")
