"""Month and weekday names as the site's languages write them in running text: in
lower case in Spanish, Portuguese and French ("terça-feira, 15 de dezembro de 2026").

Django formats a date's month (``F`` in ``DATE_FORMAT``) and weekday (``l``) through
gettext with these very msgids, and the project's catalogue (``LOCALE_PATHS``) comes
before Django's own. Django's Portuguese catalogue capitalises them ("Terça-feira, 15 de
Dezembro de 2026"), so the project gives them here; nothing imports this module, it only
keeps the msgids in the catalogue (``make messages``).
"""

from django.utils.translation import gettext_noop

MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)

WEEKDAYS = (
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
)
