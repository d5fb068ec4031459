"""Each subscription has a short token for its SMS's link to stop the messages
(``/s/<token>``, notify/subscriptions.py ``stop_token``): the long unsubscribe link was a
third of every SMS. Subscriptions made before are each given one here, so their next SMS
carries the short link."""

import secrets
import string

from django.db import migrations, models


def stop_tokens_for_earlier_subscriptions(apps, schema_editor):  # type: ignore[no-untyped-def]
    Subscription = apps.get_model("notify", "Subscription")
    alphabet = string.ascii_letters + string.digits
    for sub in Subscription.objects.filter(stop_token__isnull=True).iterator():
        sub.stop_token = "".join(secrets.choice(alphabet) for _ in range(12))
        sub.save(update_fields=["stop_token"])


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
