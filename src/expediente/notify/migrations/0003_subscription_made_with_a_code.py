"""Each subscription keeps the participant code of the portal session that asked for it,
so revoking the code stops it (notify/subscriptions.py, ``stop_made_with``).

Subscriptions made before this migration were all asked for through the portal (the
only way in that existed), but did not keep their code: each is given the code of its
participation that was working when its consent was given (one code works at a time per
participation), so a leaked code's earlier subscriptions stop with it too."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Q


def codes_of_earlier_subscriptions(apps, schema_editor):  # type: ignore[no-untyped-def]
    Subscription = apps.get_model("notify", "Subscription")
    ParticipantCode = apps.get_model("access", "ParticipantCode")
    for sub in Subscription.objects.filter(code__isnull=True).iterator():
        code = (
            ParticipantCode.objects.filter(
                case_id=sub.case_id, participant=sub.participant, issued_at__lte=sub.consent_at
            )
            .filter(Q(revoked_at__isnull=True) | Q(revoked_at__gt=sub.consent_at))
            .order_by("-issued_at")
            .first()
        )
        if code is not None:
            Subscription.objects.filter(pk=sub.pk).update(code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0007_access_log_newest_first"),
        ("notify", "0002_keys_long_enough_for_any_alert_and_address"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscription",
            name="code",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="access.participantcode",
            ),
        ),
        migrations.RunPython(codes_of_earlier_subscriptions, migrations.RunPython.noop),
    ]
