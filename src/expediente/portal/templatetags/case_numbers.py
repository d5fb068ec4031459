"""A case number inside a sentence, kept whole on a line (site.css ``.case-no``): "Caso
26-000123-0042-PE" on a phone breaks before the number, not at one of its hyphens. For
the numbers a translated sentence carries ({% blocktranslate with number=…|case_no %}),
whose markup the translation cannot hold."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def case_no(number: object) -> SafeString:
    return format_html('<span class="case-no">{}</span>', number)
