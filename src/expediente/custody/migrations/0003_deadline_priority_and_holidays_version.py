"""Deadlines say whether the law puts the case first, and which holidays calendar counted them."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("custody", "0002_period_court_and_person")]

    operations = [
        migrations.AddField(
            model_name="deadline",
            name="priority",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="deadline",
            name="holidays_version",
            field=models.CharField(blank=True, max_length=20),
        ),
    ]
