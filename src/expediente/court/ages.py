"""An accused's age at the time of the acts against the case's procedure, in the staff
pages' words: the case page's alert, the due list's line and the entry forms' warning
say it the same way (``rules/ages.py`` judges, ``docket/ages.py`` reads the record)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from expediente.rules.ages import AgeCheck
from expediente.rules.citation import cite_law


@dataclass(frozen=True)
class AgeAlert:
    """What the staff are told of one accused whose age does not fit the procedure."""

    name: str
    finding: str  # rules.ages.FINDINGS
    text: str  # the whole sentence: the person, their age then, the rule, what to do
    law: str  # the rule's source, cited in the reader's language
    to_confirm: bool  # the source is flagged P


def years_old(age: int) -> str:
    return ngettext("%(n)s year old", "%(n)s years old", age) % {"n": age}


def _day(check: AgeCheck) -> str:
    return formats.date_format(check.on, "DATE_FORMAT")


def basis(check: AgeCheck) -> str:
    """Which day of the record stands for the acts, in words."""
    if check.basis == "arrest":
        return _("the day of their first arrest in this case")
    return _("the day the case was opened")


def age_line(check: AgeCheck | None) -> str:
    """The parties table's line for an accused: born when, how old on the day that
    stands for the acts; or that the date of birth is not recorded."""
    if check is None:
        return _("Date of birth not recorded.")
    return _("Born %(born)s: %(age)s on %(day)s (%(basis)s).") % {
        "born": formats.date_format(check.born, "DATE_FORMAT"),
        "age": years_old(check.age),
        "day": _day(check),
        "basis": basis(check),
    }


def age_alert(name: str, check: AgeCheck) -> AgeAlert | None:
    """The alert for an accused whose age does not fit the procedure (None if it fits)."""
    if check.finding is None or check.law is None:
        return None
    language = (get_language() or "es")[:2]
    law = cite_law(check.law, language)
    values = {
        "name": name,
        "age": years_old(check.age),
        "day": _day(check),
        "basis": basis(check),
        "law": law,
        "under": check.under,
        "minimum": check.minimum,
        "birthday": formats.date_format(check.comes_of_age, "DATE_FORMAT"),
    }
    if check.finding == "juvenile_in_adult":
        text = _(
            "%(name)s was %(age)s on %(day)s (%(basis)s): under %(under)s, the age until "
            "which the juvenile procedure applies (%(law)s), but this case is under the "
            "adult procedure. Check the date of birth; if it is right, correct the case's "
            "opening entry to the juvenile procedure."
        )
    elif check.finding == "adult_in_juvenile":
        text = _(
            "%(name)s was %(age)s on %(day)s (%(basis)s), in a case under the juvenile "
            "procedure, which applies to acts committed before the age of %(under)s "
            "(%(law)s). The record holds no date of the acts: if they were committed before "
            "%(birthday)s, the juvenile procedure is right. If not, check the date of "
            "birth, or correct the case's opening entry to the adult procedure."
        )
    else:
        text = _(
            "%(name)s was %(age)s on %(day)s (%(basis)s): under %(minimum)s, the minimum "
            "age of criminal responsibility (%(law)s). No criminal procedure applies to "
            "acts at that age. Check the date of birth."
        )
    return AgeAlert(
        name=name,
        finding=check.finding,
        text=text % values,
        law=law,
        to_confirm=check.law.flag == "P",
    )
