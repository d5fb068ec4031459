"""Each subscription has a short token for its SMS's link to stop the messages
(``/s/<token>``, notify/subscriptions.py ``stop_token``): the long unsubscribe link was a
third of every SMS. Active SMS subscriptions made before are given one here, a thousand
rows per statement, so their next SMS carries the short link; the others need none (an
email carries the long link, and a message without a short token falls back to it)."""

import secrets
import string

from django.db import migrations, models


def stop_tokens_for_earlier_subscriptions(apps, schema_editor):  # type: ignore[no-untyped-def]
    Subscription = apps.get_model("notify", "Subscription")
    alphabet = string.ascii_letters + string.digits
    waiting = Subscription.objects.filter(stop_token__isnull=True, channel="sms", active=True)
    batch = []
    for sub in waiting.only("pk").iterator(chunk_size=1000):
        sub.stop_token = "".join(secrets.choice(alphabet) for _ in range(12))
        batch.append(sub)
        if len(batch) == 1000:
            Subscription.objects.bulk_update(batch, ["stop_token"])
            batch = []
    if batch:
        Subscription.objects.bulk_update(batch, ["stop_token"])


class Migration(migrations.Migration):
    dependencies = [
        ("notify", "0003_subscription_made_with_a_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscription",
            name="stop_token",
            field=models.CharField(blank=True, max_length=16, null=True, unique=True),
        ),
        migrations.RunPython(stop_tokens_for_earlier_subscriptions, migrations.RunPython.noop),
    ]
