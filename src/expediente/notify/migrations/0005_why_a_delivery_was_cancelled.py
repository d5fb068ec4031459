"""A cancelled delivery keeps why (``Delivery.cancelled_because``): the person stopped
the messages, or the court withdrew the access code they were asked for with; it read
"Cancelled (unsubscribed)" either way. Deliveries cancelled before are told apart here
as the code does it (``notify.subscriptions.why_stopped``): a subscription that ended at
the moment its code was revoked was stopped by the revocation."""

from django.db import migrations, models
from django.db.models import F


def why_earlier_deliveries_were_cancelled(apps, schema_editor):  # type: ignore[no-untyped-def]
    Delivery = apps.get_model("notify", "Delivery")
    cancelled = Delivery.objects.filter(status="cancelled", cancelled_because="")
    cancelled.filter(
        subscription__code__revoked_at__isnull=False,
        subscription__ended_at=F("subscription__code__revoked_at"),
    ).update(cancelled_because="code_withdrawn")
    cancelled.filter(cancelled_because="").update(cancelled_because="stopped")


class Migration(migrations.Migration):
    dependencies = [
        ("notify", "0004_subscription_sms_stop_token"),
    ]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="cancelled_because",
            field=models.CharField(
                blank=True,
                choices=[
                    ("stopped", "Cancelled: the messages were stopped"),
                    ("code_withdrawn", "Cancelled: the access code was withdrawn"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="delivery",
            name="status",
            field=models.CharField(
                choices=[
                    ("queued", "Queued"),
                    ("claimed", "Being sent"),
                    ("sent", "Sent"),
                    ("failed", "Failed"),
                    ("cancelled", "Cancelled"),
                ],
                default="queued",
                max_length=10,
            ),
        ),
        migrations.RunPython(why_earlier_deliveries_were_cancelled, migrations.RunPython.noop),
    ]
