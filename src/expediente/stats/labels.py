"""Words for the codes that appear in published tables, in the user's language."""

from __future__ import annotations

from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from expediente.measures.labels import KIND_LABELS
from expediente.stats import iccs
from expediente.stats.deadline_rules import deadline_rule_label

DIMENSIONS = {
    "court": _("Court"),
    "procedure": _("Procedure"),
    "status": _("Status"),
    "sex": _("Sex"),
    "limit": _("Legal limit"),
    "outcome": _("Outcome"),
    "kind": _("Kind of sentence"),
    "section": _("ICCS section"),
    "measure_class": _("Custodial or not"),
    "measure": _("Measure"),
    "age_status": _("Age status"),
    "citizenship": _("Citizenship"),
    "representation": _("Legal representation"),
    "hearing_kind": _("Kind of hearing"),
    "hearing_result": _("Held or not"),
    "hearing_outcome": _("What was recorded"),
    "trial_settings": _("Times the trial was set"),
    "rule": _("Deadline"),
    "timeliness": _("In time or late"),
}
VALUES: dict[str, dict[str, object]] = {
    "procedure": {"adult": _("Adult"), "juvenile": _("Juvenile")},
    "age_status": {"adult": _("Adult"), "juvenile": _("Juvenile")},
    "status": {
        "unsentenced": _("Unsentenced"),
        "sentenced": _("Sentenced"),
        "police": _("Police custody"),
    },
    "sex": {
        "female": _("Female"),
        "male": _("Male"),
        "other": _("Other"),
        "unknown": _("Not recorded"),
    },
    "limit": {"within": _("Within the limit"), "beyond": _("Beyond the limit")},
    "outcome": {
        "pretrial_detention": _("Pretrial detention"),
        "alternative_measures": _("Alternative measures"),
        "released": _("Released"),
        "other": _("Other"),
        "convicted": _("Convicted"),
        "acquitted": _("Acquitted"),
        "dismissed": pgettext_lazy("case outcome", "Dismissed"),
    },
    "kind": {
        "custodial": _("Custodial"),
        "non_custodial": _("Non-custodial"),
        "not_recorded": _("Not recorded"),
    },
    "measure_class": {"custodial": _("Custodial"), "non_custodial": _("Non-custodial")},
    "measure": {
        "pretrial_detention": _("Pretrial detention"),
        "custodial_sentence": _("Custodial sentence"),
        **KIND_LABELS,
    },
    "citizenship": {
        "national": _("National"),
        "foreign": _("Foreign"),
        "stateless": _("Stateless"),
        "unknown": _("Not recorded"),
    },
    "section": {"none": _("No charge recorded"), "unmapped": _("Not mapped to ICCS")},
    "hearing_kind": {
        "custody": _("Custody hearing"),
        "preliminary": _("Preliminary hearing"),
        "trial": _("Trial"),
        "sentencing": _("Sentencing hearing"),
        "appeal": _("Appeal hearing"),
        "review": _("Review hearing"),
        "enforcement": _("Enforcement hearing"),
        "other": _("Other hearing"),
        "not_recorded": _("Kind not recorded"),
    },
    "hearing_result": {
        "held": _("Held"),
        "not_held": _("Not held"),
        "no_outcome": _("No outcome recorded"),
    },
    "hearing_outcome": {
        "held": _("Held"),
        "no_outcome": _("No outcome recorded"),
        "accused_absent": _("Not held: the accused person did not appear"),
        "defence_absent": _("Not held: the defence did not appear"),
        "prosecutor_absent": _("Not held: the prosecution did not appear"),
        "witness_absent": _("Not held: a witness did not appear"),
        "victim_absent": _("Not held: the victim did not appear"),
        "judge_unavailable": _("Not held: no judge available"),
        "transport_failed": _("Not held: the detained person was not brought"),
        "interpreter_absent": _("Not held: no interpreter"),
        "court_closed": _("Not held: the court was closed"),
        "other": _("Not held: another reason"),
    },
    "timeliness": {"on_time": _("In time"), "late": _("Late")},
    "trial_settings": {
        "1": _("Once"),
        "2": _("Twice"),
        "3": _("Three times"),
        "4_or_more": _("Four times or more"),
    },
    # not "no lawyer": the docket may not record who acts for a person
    "representation": {
        "private_counsel": _("Private counsel"),
        "public_defender": _("Public defender"),
        "both": _("Both private counsel and a public defender"),
        "none_recorded": _("None recorded in the docket"),
    },
}


def value_label(dim: str, value: str, courts: dict[str, str] | None = None) -> str:
    if dim == "court" and courts:
        return courts.get(value, value)
    if dim == "rule":  # the deadline's label in its rule pack
        return deadline_rule_label(value)
    if dim == "section" and value not in VALUES["section"]:
        category = iccs.get(value)
        if category is None:
            return value
        name = category.name_es if (get_language() or "")[:2] == "es" else category.name_en
        return f"{value} {name}"
    return str(VALUES.get(dim, {}).get(value, value))


def dim_label(dim: str) -> str:
    return str(DIMENSIONS.get(dim, dim))
