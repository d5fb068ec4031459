"""Deadline.owed_by: whose act the deadline awaited (the rule's ``owed_by`` in the pack:
the court, the prosecution or the person), so that "What the court missed" lists only
the court's own and the prosecution's late ones apart (``custody.missed``).

Existing rows are filled from the packs, by each row's rule and its court's pack (read
with the project's loader, as the projector reads them): one UPDATE per rule that is not
the court's. A row whose pack or rule cannot be found stays ``court`` (the default, as
before this column) and the migration says how many; ``expediente rebuild`` computes
them afresh from the events."""

from typing import Any

from django.db import migrations, models


def fill(apps: Any, schema_editor: Any) -> int:
    """Fill ``owed_by`` from the packs; returns how many rows were left ``court`` because
    their pack or rule was not found (and says so)."""
    from expediente.rules.loader import RulePackError, load_pack

    Deadline = apps.get_model("custody", "Deadline")
    db = schema_editor.connection.alias
    pairs = (
        Deadline.objects.using(db).values_list("court__rule_pack", "rule_id").order_by().distinct()
    )
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
            Deadline.objects.using(db).filter(court__rule_pack=pack_id, rule_id=rule_id).update(
                owed_by=owed
            )
    left = 0
    for pack_id, rule_id in unknown:
        left += Deadline.objects.using(db).filter(court__rule_pack=pack_id, rule_id=rule_id).count()
    if left:
        found = ", ".join(f"{rule} ({pack})" for pack, rule in unknown)
        print(
            f"\n  custody.0007: {left} deadline row(s) left owed by the court: their pack or "
            f"rule was not found: {found}. Run `expediente rebuild` to compute them afresh."
        )
    return left


def run_fill(apps: Any, schema_editor: Any) -> None:
    fill(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("custody", "0006_deadline_missed_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="deadline",
            name="owed_by",
            field=models.CharField(
                choices=[
                    ("court", "the court"),
                    ("prosecution", "the prosecution"),
                    ("person", "the person"),
                ],
                default="court",
                max_length=12,
            ),
        ),
        migrations.RunPython(run_fill, migrations.RunPython.noop),
    ]
