"""Deadline.owed_by: whose act the deadline awaited (the rule's ``owed_by`` in the pack:
the court, the prosecution or the person), so that "What the court missed" lists only
the court's own and the prosecution's late ones apart (``custody.missed``).

Only the column here, with its default: on PostgreSQL a column with a constant default
is added without rewriting the table, so the lock it takes is brief. The rows are
filled by ``0008_fill_deadline_owed_by``, outside this migration's transaction."""

from django.db import migrations, models


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
    ]
