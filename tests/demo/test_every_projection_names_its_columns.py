"""Every projection's snapshot names its values (``columns``, docket/projection.py), so
``rebuild --check`` can say which column of a row differs: on the demo caseload, every
row each projection gives has as many names as values."""

from expediente.docket.rebuild import columns, snapshot


def test_every_row_of_every_projection_has_a_name_for_each_value(demo):
    unnamed = []
    kept = set()
    for table, rows in snapshot().items():
        for key, values in rows.items():
            kept.add(table)
            names = columns(table, key)
            if names is None or len(names) != len(values):
                unnamed.append((table, key, names, len(values)))
    assert unnamed == []
    # the caseload has rows in these (no expunged case: no sealing rows)
    assert kept >= {
        "case",
        "person",
        "participation",
        "charge",
        "custody",
        "measures",
        "petitions",
        "stats",
        "notify",
        "court.sittings",
    }
