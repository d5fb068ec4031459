"""A petition's answer deadline is the court's own service target (flag ``policy``):
the alert the sweep raises for it never calls it a legal deadline, in any language."""

import datetime as dt

from django.utils import timezone

from expediente.custody.models import Alert
from expediente.custody.sweep import deadline_sweep
from expediente.notify.rendering import render_alert


def test_the_alert_for_an_answer_target_says_it_is_the_courts(detained, file):  # type: ignore[no-untyped-def]
    file(detained, ago=50)  # 48 hours to answer: passed two hours ago
    deadline_sweep(now=timezone.now() + dt.timedelta(minutes=1))
    alert = Alert.objects.get(rule_id__contains="petition", threshold="due")
    english = render_alert(alert, "en")["body"]
    assert "court's target" in english
    assert "not a legal time limit" in english
    assert "legal deadline" not in english


def test_the_alert_for_a_legal_limit_still_says_legal_deadline(detained, file):  # type: ignore[no-untyped-def]
    deadline_sweep(now=timezone.now() + dt.timedelta(days=400))  # past the maximum
    legal = Alert.objects.exclude(rule_id__contains="petition").filter(threshold="due").first()
    assert legal is not None
    assert "legal deadline" in render_alert(legal, "en")["body"]
