"""A participant's own notification address, masked (``portal.privacy.masked_address``):
``{{ subscription|masked_address }}``."""

from __future__ import annotations

from django import template

from expediente.notify.models import Subscription
from expediente.portal.privacy import masked_address as _masked

register = template.Library()


@register.filter
def masked_address(subscription: Subscription) -> str:
    return _masked(subscription.channel, subscription.address)
