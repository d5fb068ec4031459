"""Fill ``Deadline.owed_by`` (added by 0007) for the rows computed before it.

Existing rows are filled from the packs, by each row's rule and its court's pack (read
with the project's loader, as the projector reads them). A row whose pack or rule cannot
be found stays ``court`` (the default, as before this column) and the migration says
how many; ``expediente rebuild`` computes them afresh from the events.

Not atomic: each batch of at most ``BATCH`` rows (by primary key) is its own statement
and commits on its own, so the due lists, case pages and appends that write deadlines
wait for one batch at a time, never for the whole fill (on a court's table of 330,000
rows the fill in one transaction held the table for about 15 seconds). Safe to run
again: a row already filled is written with the same value."""

from typing import Any

from django.db import migrations

BATCH = 5_000


def fill(apps: Any, schema_editor: Any) -> int:
    """Fill ``owed_by`` from the packs; returns how many rows were left ``court`` because
    their pack or rule was not found (and says so)."""
    from expediente.rules.loader import RulePackError, load_pack

    Deadline = apps.get_model("custody", "Deadline")
    db = schema_editor.connection.alias
    rows = Deadline.objects.using(db)
    pairs = rows.values_list("court__rule_pack", "rule_id").order_by().distinct()
    unknown: list[tuple[str, str]] = []
    rules: dict[str, dict[str, str] | None] = {}
    for pack_id, rule_id in pairs:
        if pack_id not in rules:
            try:
                rules[pack_id] = {r.id: r.owed_by for r in load_pack(pack_id).deadlines}
            except (RulePackError, OSError):
                rules[pack_id] = None
        owed = (rules[pack_id] or {}).get(rule_id)
        if owed is None:
            unknown.append((pack_id, rule_id))
        elif owed != "court":
            matching = rows.filter(court__rule_pack=pack_id, rule_id=rule_id)
            last = 0
            while True:
                ids = list(
                    matching.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH]
                )
                if not ids:
                    break
                rows.filter(pk__in=ids).update(owed_by=owed)
                last = ids[-1]
    left = 0
    for pack_id, rule_id in unknown:
        left += rows.filter(court__rule_pack=pack_id, rule_id=rule_id).count()
    if left:
        found = ", ".join(f"{rule} ({pack})" for pack, rule in unknown)
        print(
            f"\n  custody.0008: {left} deadline row(s) left owed by the court: their pack or "
            f"rule was not found: {found}. Run `expediente rebuild` to compute them afresh."
        )
    return left


def run_fill(apps: Any, schema_editor: Any) -> None:
    fill(apps, schema_editor)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("custody", "0007_deadline_owed_by"),
    ]

    operations = [
        migrations.RunPython(run_fill, migrations.RunPython.noop),
    ]
