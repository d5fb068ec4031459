"""Every indicator Expediente publishes: its definition, its source, and the two
functions that compute it (pure over rows, and in the database). The reference for each
source section is ``shared/reference/indicators.md``; ``docs/statistics.md`` explains
each indicator for a statistician."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from expediente.stats.indicators import arrest as p_arrest
from expediente.stats.indicators import caseflow as p_caseflow
from expediente.stats.indicators import custody as p_custody
from expediente.stats.indicators import deadlines as p_deadlines
from expediente.stats.indicators import firearms as p_firearms
from expediente.stats.indicators import hearings as p_hearings
from expediente.stats.indicators import measures as p_measures
from expediente.stats.indicators import persons as p_persons
from expediente.stats.indicators import representation as p_representation
from expediente.stats.indicators import vaw as p_vaw
from expediente.stats.indicators.base import Indicator, Source
from expediente.stats.sql import arrest as s_arrest
from expediente.stats.sql import caseflow as s_caseflow
from expediente.stats.sql import custody as s_custody
from expediente.stats.sql import deadlines as s_deadlines
from expediente.stats.sql import hearings as s_hearings
from expediente.stats.sql import measures as s_measures
from expediente.stats.sql import persons as s_persons


class UnknownIndicator(LookupError):
    def __init__(self, ident: str) -> None:
        super().__init__(f"indicator: there is no indicator “{ident}”")
        self.ident = ident


CEPEJ = Source(
    _("CEPEJ court efficiency indicators (Council of Europe); Bühler 2009, Hodžić 2008"),
    "indicators.md §3",
    "V",
    "https://www.coe.int/t/dghl/cooperation/cepej/newsletter/2009/Buhler_en.asp",
)
CEPEJ_DT = Source(
    _("CEPEJ(2008)11 GOJUST guidelines, Appendix I §5 (formula from a secondary source)"),
    "indicators.md §3",
    "P",
    "http://rm.coe.int/european-commission-for-the-efficiency-of-justice-cepej-cepej-guidelin/1680747678",
)
COURTOOLS_3 = Source(
    _("NCSC CourTools, trial court measure 3 (Time to Disposition)"),
    "indicators.md §4",
    "V",
    "https://www.ncsc.org/courtools/trial-court-performance-measures/measure-three-time-to-disposition",
)
COURTOOLS_5 = Source(
    _("NCSC CourTools, trial court measure 5 (Trial Date Certainty)"),
    "indicators.md §4",
    "V",
    "https://www.ncsc.org/courtools/trial-court-performance-measures/measure-five-trial-date-certainty",
)
COURTOOLS_4 = Source(
    _("NCSC CourTools, trial court measure 4 (Age of Active Pending Caseload)"),
    "indicators.md §4",
    "V",
    "https://www.ncsc.org/courtools/trial-court-performance-measures/measure-four-age-of-active-pending-caseload",
)
SDG_1632 = Source(
    _(
        "SDG indicator 16.3.2 metadata (worldbank/sdg-metadata, 16-3-2.yml); UN-CTS persons "
        "held unsentenced"
    ),
    "indicators.md §1, §2",
    "V",
    "https://dataunodc.un.org/crime/unsentenced-detainees",
)
UNCTS_HELD = Source(
    _("UN-CTS persons held, standard breakdowns (sex; adult / juvenile)"),
    "indicators.md §2",
    "V",
    "http://www.oas.org/dsp/Observatorio/database/glossary.aspx?lang=en",
)
UNCTS_CONTACT = Source(
    _("UN-CTS, persons brought into formal contact (9th questionnaire)"),
    "indicators.md §2",
    "V",
    "https://docest.com/doc/31726/division-of-policy-analysis-and-public-affairs",
)
UNCTS_CONVICTED = Source(
    _("UN-CTS / UNECE, persons convicted"),
    "indicators.md §2",
    "V",
    "https://knoema.de/atlas/sources/UNECE?topic=Crime-Statistics&regionId=AT",
)
UNCTS_REPRESENTATION = Source(
    _(
        "UN-CTS, persons brought before the criminal courts, by legal representation (OAS "
        "glossary, item 4.4); the categories and the moment are this project's"
    ),
    "indicators.md §2",
    "V",
    "https://www.oas.org/ios/glossary.aspx?lang=en",
)
# every source in the reader's language (the documents' own titles, such as CourTools'
# "Time to Disposition" or "CEPEJ(2008)11", are kept as they are published)
PROJECT = Source(
    _(
        "Expediente's own definition, for the UN regional recommendations it serves "
        "(A/CONF.222/RPM.3/1 ¶14, ¶30, ¶36, ¶72(c)); there is no international definition"
    ),
    "docs/statistics.md",
    "project",
)
PROJECT_PROMPT = Source(
    _(
        "Expediente's own definition, for the UN regional recommendations it serves "
        "(A/CONF.222/RPM.3/1 ¶30, ¶34: prompt trials, detention as a last resort and for "
        "the shortest time); there is no international definition"
    ),
    "docs/statistics.md",
    "project",
)
PACK_LIMIT = Source(
    _(
        "The deadline that starts at the arrest in each court's rule pack, with its article "
        "and flag (the indicator's definition lists them, court by court)"
    ),
    "legal-limits.md; rules/packs/*.yaml",
    "V",
)
SDG_1611 = Source(
    _(
        "SDG indicator 16.1.1 metadata (ICCS 0101; means of perpetration: firearm); firearm "
        "flag of the court's offence catalogue and of each charge"
    ),
    "indicators.md §1",
    "V",
    "https://worldbank.github.io/sdg-metadata/metadata/en/16-1-1",
)
# No UN definition in indicators.md: the project's count, flagged U. Mandela Rule 71 says
# why it matters (every death in custody reported to an independent authority for an
# inquiry; cited, as the intl pack's custody.died cites it, to confirm), not how to count.
DEATHS_U = Source(
    _(
        "Expediente's own count: no UN definition in the project's reference; check the "
        "national definition before publishing. Why it matters: the Nelson Mandela Rules, "
        "rule 71, require every death in custody to be reported to an independent "
        "authority for investigation"
    ),
    "docs/statistics.md",
    "U",
)
SDG_1642 = Source(_("SDG indicator 16.4.2 metadata (16-4-2.yml)"), "indicators.md §1", "V", "")

CASE_DIMS = ("court", "procedure")
PERSON_TABLES = (("section", "sex"), ("age_status",), ("citizenship",))
RESOLVED_NOTE = _(
    "A case is resolved at its first-instance disposition: its first verdict or dismissal, "
    "even when it has several accused and the others are still to be tried. A reopened "
    "case is pending again from its reopening: it comes in again then and is resolved "
    "again at its next disposition."
)

TRIAL_NOTE = _(
    "Disposed by trial: the case's first verdict fell in the period and a date had been "
    "set for a trial hearing before it was recorded. Every date set counts as a setting, "
    "the first and each new one, even when the trial was moved before the date it "
    "replaced (CourTools counts settings). A case decided without a trial hearing "
    "recorded is not counted."
)

DEADLINES_NOTE = _(
    "Only the custody deadlines the rule packs alert the judge of, the court's own to "
    "meet; not the answers to petitions. In time: met, or no longer owed (the person "
    "released, say), before the time ran out. Late: met or ended after it, or extended "
    "only once it had run out. Each deadline counts once, when it ended; one suspended "
    "or still running has not ended. The deadlines are those the detention clock "
    "computes now from the records, corrections applied."
)


def _counts(
    ident: str,
    family: str,
    name: Any,
    formula: Any,
    unit: Any,
    source: Source,
    dims: tuple[str, ...],
    tables: tuple[tuple[str, ...], ...],
    inputs: str,
    pure: Callable[..., Any],
    sql: Callable[..., Any],
    caveats: Any = "",
    **more: Any,
) -> Indicator:
    return Indicator(
        ident,
        family,
        name,
        formula,
        unit,
        "counts",
        source,
        tuple(dims),
        tuple(tables),
        caveats,
        pure,
        sql,
        inputs,
        **more,
    )


def _derived(
    ident: str,
    family: str,
    name: Any,
    formula: Any,
    unit: Any,
    source: Source,
    inputs: str,
    pure: Callable[..., Any],
    sql: Callable[..., Any],
    caveats: Any = "",
    **more: Any,
) -> Indicator:
    return Indicator(
        ident,
        family,
        name,
        formula,
        unit,
        "derived",
        source,
        (),
        (),
        caveats,
        pure,
        sql,
        inputs,
        **more,
    )


CASES = _("cases")
PERSONS = _("persons")
INDICATORS: list[Indicator] = [
    # -- court efficiency
    _counts(
        "incoming",
        "caseflow",
        _("Incoming cases"),
        _("cases opened or reopened in the period"),
        CASES,
        CEPEJ,
        CASE_DIMS,
        (("court",), ("procedure",)),
        "cases",
        p_caseflow.incoming,
        s_caseflow.incoming,
        RESOLVED_NOTE,
    ),
    _counts(
        "resolved",
        "caseflow",
        _("Resolved cases"),
        _(
            "cases whose first verdict or dismissal since their opening or reopening falls "
            "in the period"
        ),
        CASES,
        CEPEJ,
        CASE_DIMS,
        (("court",), ("procedure",)),
        "cases",
        p_caseflow.resolved,
        s_caseflow.resolved,
        RESOLVED_NOTE,
    ),
    _counts(
        "pending_start",
        "caseflow",
        _("Pending cases at the start"),
        _("cases opened or reopened before the period and not resolved again before it"),
        CASES,
        CEPEJ,
        CASE_DIMS,
        (("court",), ("procedure",)),
        "cases",
        p_caseflow.pending_start,
        s_caseflow.pending_start,
        RESOLVED_NOTE,
        stock="start",
    ),
    _counts(
        "pending_end",
        "caseflow",
        _("Pending cases at the end"),
        _("cases opened or reopened before the end of the period and not resolved again by then"),
        CASES,
        CEPEJ,
        CASE_DIMS,
        (("court",), ("procedure",)),
        "cases",
        p_caseflow.pending_end,
        s_caseflow.pending_end,
        RESOLVED_NOTE,
        stock="end",
    ),
    _derived(
        "clearance_rate",
        "caseflow",
        _("Clearance rate"),
        _("resolved / incoming × 100"),
        _("%"),
        CEPEJ,
        "cases",
        p_caseflow.clearance_rate,
        s_caseflow.clearance_rate,
    ),
    _derived(
        "case_turnover",
        "caseflow",
        _("Case turnover ratio"),
        _("resolved / pending at the end"),
        _("resolved per pending case"),
        CEPEJ,
        "cases",
        p_caseflow.case_turnover,
        s_caseflow.case_turnover,
        decimals=2,
    ),
    _derived(
        "disposition_time",
        "caseflow",
        _("Disposition time (CEPEJ)"),
        _("pending at the end / resolved × days in the period (365 / CTR for a year)"),
        _("days"),
        CEPEJ_DT,
        "cases",
        p_caseflow.disposition_time,
        s_caseflow.disposition_time,
        _(
            "A forecast, not a measurement: how long the pending cases would take at the "
            "period's pace."
        ),
        # beside the figure itself, not only in the caveats: it sat next to the median
        # time to disposition (1003.8 and 289.2 days) with no word (QA)
        extra={
            "headline_note": _(
                "A projection at this year's pace, not a measurement of how long cases took."
            )
        },
    ),
    _derived(
        "time_to_disposition",
        "caseflow",
        _("Median time to disposition"),
        _("median of (first disposition − opening), cases resolved in the period"),
        _("days"),
        COURTOOLS_3,
        "cases",
        p_caseflow.time_to_disposition,
        s_caseflow.time_to_disposition,
        _(
            "CourTools measures the share disposed within time standards; no standard is "
            "in the rule packs yet, so the median is shown. Periods of inactivity outside "
            "the court's control are not taken out."
        ),
    ),
    _derived(
        "pending_age",
        "caseflow",
        _("Median age of the pending caseload"),
        _("median of (end of period − opening), cases pending at the end"),
        _("days"),
        COURTOOLS_4,
        "cases",
        p_caseflow.pending_age,
        s_caseflow.pending_age,
        _("Every pending case counts as active: stays and warrants are not recorded."),
        stock="end",
    ),
    # -- custody
    _counts(
        "held_on_day",
        "custody",
        _("Persons held on the reference day"),
        _(
            "distinct persons whose custody covers the end of the reference day, by "
            "sentenced / unsentenced"
        ),
        PERSONS,
        SDG_1632,
        ("status", "sex"),
        (("status", "sex"),),
        "custody",
        p_custody.held_on_day,
        s_custody.held_on_day,
        _(
            "The persons whose custody these courts' cases record, not a prison census. "
            "Police custody is not a prison and is not counted. A conviction under appeal "
            "counts as sentenced, and so does a person still held after an acquittal: a "
            "decision on conviction or acquittal was made. The reference day is the "
            "period's last day."
        ),
        stock="end",
    ),
    _derived(
        "unsentenced_share",
        "custody",
        _("Unsentenced among the persons held in these courts' cases"),
        _("unsentenced persons held on the day / all persons held on the day × 100"),
        _("%"),
        SDG_1632,
        "custody",
        p_custody.unsentenced_share,
        s_custody.unsentenced_share,
        _(
            "Not SDG 16.3.2: that divides by the whole prison population on the day. This "
            "divides by the persons whose custody these courts' cases record, where most "
            "sentenced prisoners are missing, so it runs higher than the prison figure."
        ),
        stock="end",
    ),
    _derived(
        "time_held_unsentenced",
        "custody",
        _("Median time held unsentenced"),
        _(
            "median of (reference day − start of pretrial detention), unsentenced persons "
            "held on the day"
        ),
        _("days"),
        SDG_1632,
        "custody",
        p_custody.time_held_unsentenced,
        s_custody.time_held_unsentenced,
        _("Counted from the start of the current pretrial detention, not from the arrest."),
        stock="end",
    ),
    _counts(
        "juveniles_deprived",
        "custody",
        _("Juveniles deprived of liberty"),
        _(
            "distinct persons in juvenile proceedings in custody of any kind at the end of "
            "the reference day"
        ),
        PERSONS,
        UNCTS_HELD,
        ("status", "sex"),
        (("status", "sex"),),
        "custody",
        p_custody.juveniles_deprived,
        s_custody.juveniles_deprived,
        _("Juvenile means tried under the juvenile procedure (national law decides the age)."),
        stock="end",
    ),
    _counts(
        "deaths_in_custody",
        "custody",
        _("Deaths in custody"),
        _(
            "distinct persons who died in custody in the period (the custody record ended "
            "by a death), by the kind of custody they were in, sex and age status"
        ),
        PERSONS,
        DEATHS_U,
        p_custody.DEATH_DIMS,
        (("status", "sex"), ("age_status",)),
        "custody",
        p_custody.deaths_in_custody,
        s_custody.deaths_in_custody,
        _(
            "The deaths the courts record in their cases, not a count by the prison or "
            "police authorities, nor a cause of death. Police custody counts, as do "
            "pretrial detention and a sentence. A death the court corrected as recorded "
            "by mistake is not counted. Deaths are few: small counts are hidden."
        ),
    ),
    # -- arrest to judge
    _counts(
        "arrests_by_limit",
        "arrest",
        _("Arrests, by appearance within the legal limit"),
        _(
            "arrests in the period brought before a judge within / beyond the rule pack's "
            "limit (or not brought and past it)"
        ),
        _("arrests"),
        PACK_LIMIT,
        ("limit",),
        (("limit",),),
        "arrests",
        p_arrest.arrests_by_limit,
        s_arrest.arrests_by_limit,
        _(
            "Held past the limit without seeing a judge counts beyond it, even when the "
            "person was released, or died in custody, afterwards. Only a release or a death "
            "within the limit, before any appearance, leaves the arrest out."
        ),
    ),
    _derived(
        "share_within_limit",
        "arrest",
        _("Brought before a judge within the legal limit"),
        _("within / (within + beyond) × 100"),
        _("%"),
        PACK_LIMIT,
        "arrests",
        p_arrest.share_within_limit,
        s_arrest.share_within_limit,
    ),
    _derived(
        "hours_to_judge",
        "arrest",
        _("Median time from arrest to a judge"),
        _("median of (appearance − arrest), arrests in the period"),
        _("hours"),
        PACK_LIMIT,
        "arrests",
        p_arrest.hours_to_judge,
        s_arrest.hours_to_judge,
    ),
    # -- custody deadlines
    _counts(
        "custody_deadlines_on_time",
        "deadlines",
        _("Custody deadlines, met in time and late"),
        _(
            "custody deadlines the rules alert the judge of that ended in the period, by "
            "whether they ended in time or after their time ran out"
        ),
        _("deadlines"),
        PROJECT_PROMPT,
        p_deadlines.ON_TIME_DIMS,
        (("timeliness",), ("court", "timeliness"), ("rule", "timeliness")),
        "deadlines",
        p_deadlines.custody_deadlines_on_time,
        s_deadlines.custody_deadlines_on_time,
        DEADLINES_NOTE,
        zero_dims=frozenset({"rule"}),
    ),
    _derived(
        "on_time_share",
        "deadlines",
        _("Custody deadlines met in time"),
        _("deadlines ended in time / deadlines ended in the period × 100"),
        _("%"),
        PROJECT_PROMPT,
        "deadlines",
        p_deadlines.on_time_share,
        s_deadlines.on_time_share,
        DEADLINES_NOTE,
    ),
    _counts(
        "custody_deadlines_overdue",
        "deadlines",
        _("Custody deadlines open past their time at the end"),
        _(
            "custody deadlines the rules alert the judge of still open at the end of the "
            "reference day, their time already run out"
        ),
        _("deadlines"),
        PROJECT_PROMPT,
        p_deadlines.OVERDUE_DIMS,
        (("court",), ("rule",)),
        "deadlines",
        p_deadlines.custody_deadlines_overdue,
        s_deadlines.custody_deadlines_overdue,
        DEADLINES_NOTE,
        stock="end",
        zero_dims=frozenset({"rule"}),
    ),
    # -- measures
    _counts(
        "hearing_outcomes",
        "measures",
        _("Custody hearings, by outcome"),
        _("custody hearings held in the period, by what they decided"),
        _("hearings"),
        PROJECT,
        ("outcome",),
        (("outcome",),),
        "decisions",
        p_measures.hearing_outcomes,
        s_measures.hearing_outcomes,
    ),
    _derived(
        "pretrial_detention_share",
        "measures",
        _("Custody hearings ordering pretrial detention"),
        _("hearings ordering pretrial detention / all custody hearings × 100"),
        _("%"),
        PROJECT,
        "decisions",
        p_measures.pretrial_detention_share,
        s_measures.pretrial_detention_share,
    ),
    _counts(
        "sentence_kinds",
        "measures",
        _("Convictions, custodial and non-custodial"),
        _("conviction verdicts in the period, by whether the sentence is custodial"),
        _("verdicts"),
        PROJECT,
        ("kind",),
        (("kind",),),
        "decisions",
        p_measures.sentence_kinds,
        s_measures.sentence_kinds,
        _(
            "A non-custodial sentence is counted here; the measures it imposes (probation, "
            "community service…) are counted in “Measures ordered”."
        ),
    ),
    _counts(
        "measures_ordered",
        "measures",
        _("Measures ordered, custodial and non-custodial"),
        _(
            "pretrial detention orders and custodial sentences; precautionary measures and "
            "alternative penalties imposed, by kind, in the period"
        ),
        _("measures"),
        PROJECT,
        p_measures.ORDER_DIMS,
        (p_measures.ORDER_DIMS,),
        "decisions",
        p_measures.measures_ordered,
        s_measures.measures_ordered,
        _(
            "Each order counts once: a person with two measures counts twice. House arrest "
            "is non-custodial, as in the Tokyo Rules (rule 8.2); to confirm where national "
            "law counts it as detention. Non-custodial measures are counted only where the "
            "measures module recorded them: in a period with none recorded, only the "
            "custodial orders are shown, and the non-custodial ones are not known (not 0)."
        ),
    ),
    _derived(
        "non_custodial_share",
        "measures",
        _("Non-custodial measures among all measures ordered"),
        _("non-custodial measures ordered / all measures ordered × 100"),
        _("%"),
        PROJECT,
        "decisions",
        p_measures.non_custodial_share,
        s_measures.non_custodial_share,
        _(
            "Shown only for a period in which non-custodial measures are recorded: "
            "otherwise the records are silent, not at 0 %."
        ),
    ),
    # -- hearings and trial dates
    _counts(
        "hearings_not_held",
        "hearings",
        _("Hearings, held and not held"),
        _(
            "hearings whose date fell in the period, by what was recorded: held, not held "
            "(by the reason recorded) or no outcome recorded"
        ),
        _("hearings"),
        PROJECT_PROMPT,
        p_hearings.HEARING_DIMS,
        (("hearing_outcome",), ("court", "hearing_result"), ("hearing_kind", "hearing_result")),
        "hearings",
        p_hearings.hearings_not_held,
        s_hearings.hearings_not_held,
        _(
            "Each date set for a hearing counts once, at that date: a hearing not held and "
            "set again counts again at its new date. A date moved before it came is counted "
            "at the new date only. A hearing whose date passed with no outcome recorded is "
            "counted apart, not as held: the court may simply not have entered it. “The "
            "detained person was not brought” is a reason of its own."
        ),
    ),
    _derived(
        "not_held_share",
        "hearings",
        _("Hearings not held"),
        _("hearings not held / hearings held or not held × 100, dates in the period"),
        _("%"),
        PROJECT_PROMPT,
        "hearings",
        p_hearings.not_held_share,
        s_hearings.not_held_share,
        _(
            "Hearings with no outcome recorded are left out of this share (neither held nor "
            "not held)."
        ),
    ),
    _counts(
        "trial_date_certainty",
        "hearings",
        _("Trial date certainty: times the trial was set"),
        _(
            "cases disposed by trial in the period, by the number of times a date was set "
            "for their trial (1, 2, 3, 4 or more)"
        ),
        CASES,
        COURTOOLS_5,
        p_hearings.TRIAL_DIMS,
        (("trial_settings",), ("court", "trial_settings"), ("procedure", "trial_settings")),
        "trials",
        p_hearings.trial_date_certainty,
        s_hearings.trial_date_certainty,
        TRIAL_NOTE,
        zero_dims=frozenset({"procedure"}),
    ),
    _derived(
        "first_setting_share",
        "hearings",
        _("Cases tried on the first trial date set"),
        _("cases whose trial was set once / cases disposed by trial × 100"),
        _("%"),
        COURTOOLS_5,
        "trials",
        p_hearings.first_setting_share,
        s_hearings.first_setting_share,
        TRIAL_NOTE,
    ),
    # -- UN-CTS persons
    _counts(
        "formal_contact",
        "persons",
        _("Persons brought into formal contact"),
        _("persons accused in a case in the period, each once"),
        PERSONS,
        UNCTS_CONTACT,
        p_persons.DIMS,
        PERSON_TABLES,
        "accused",
        p_persons.formal_contact,
        s_persons.formal_contact,
        _(
            "Each person counts once in the period, however many cases they are accused in; "
            "the ICCS section is that of their first charge in the first such case, as "
            "filed by the end of the period."
        ),
    ),
    _counts(
        "indicted",
        "persons",
        _("Persons indicted"),
        _("persons against whom an indictment was filed in the period, each once"),
        PERSONS,
        PROJECT,
        p_persons.DIMS,
        PERSON_TABLES,
        "accused",
        p_persons.indicted,
        s_persons.indicted,
        _(
            "Not the UN-CTS “persons prosecuted”: that definition is not confirmed, so it "
            "is not published under that name."
        ),
    ),
    _counts(
        "convicted",
        "persons",
        _("Persons convicted"),
        _(
            "persons convicted in the period, at first instance or on appeal (whether or "
            "not later upheld), each once"
        ),
        PERSONS,
        UNCTS_CONVICTED,
        p_persons.DIMS,
        PERSON_TABLES,
        "accused",
        p_persons.convicted,
        s_persons.convicted,
    ),
    _counts(
        "represented",
        "persons",
        _("Persons brought before the criminal courts, by legal representation"),
        _(
            "persons against whom an indictment was filed in the period, each once, by the "
            "lawyers recorded as acting for them at the end of the period"
        ),
        PERSONS,
        UNCTS_REPRESENTATION,
        p_representation.DIMS,
        (
            ("representation", "sex"),
            ("representation", "age_status"),
            ("representation", "citizenship"),
        ),
        "accused",
        p_representation.represented,
        s_persons.represented,
        _(
            "“None recorded” does not mean that the person had no lawyer: the docket may "
            "simply not record who acts for them. A lawyer who stopped acting before the "
            "end of the period, with nobody recorded after her, leaves the person under "
            "“none recorded” even if she stood by them in court."
        ),
        extra={
            "choices": _(
                "The UN-CTS gives no categories and no moment for this table; these are "
                "the project's choices, not a UN rule. Brought before the criminal courts: "
                "an indictment filed against the person in the period, as for “Persons "
                "indicted” (each person once, in the case of their earliest indictment in "
                "the period). Representation is read at the end of the period, from the "
                "court's records of which lawyer acts for whom dated before it, each as "
                "last corrected: private counsel, public defender, both (lawyers of both "
                "kinds acting at once), or none recorded."
            )
        },
    ),
    # -- violence against women
    _counts(
        "vaw_charged",
        "vaw",
        _("Persons charged with violence against women"),
        _(
            "accused persons whose first charge flagged violence against women by the rule "
            "pack was filed in the period"
        ),
        PERSONS,
        PROJECT,
        ("age_status",),
        (("age_status",),),
        "accused",
        p_vaw.vaw_charged,
        s_persons.vaw_charged,
    ),
    _counts(
        "vaw_outcomes",
        "vaw",
        _("Violence against women: outcomes"),
        _(
            "persons charged with violence against women convicted, else acquitted, else "
            "dismissed in the period"
        ),
        PERSONS,
        PROJECT,
        ("outcome",),
        (("outcome",),),
        "accused",
        p_vaw.vaw_outcomes,
        s_persons.vaw_outcomes,
    ),
    # -- firearms observatory
    _counts(
        "firearm_homicide_victims",
        "firearms",
        _("Victims in firearm homicide cases"),
        _(
            "victims recorded in cases charged with completed intentional homicide (ICCS "
            "0101) involving a firearm, each victim once per case, counted when the first "
            "such charge is filed"
        ),
        _("victims"),
        SDG_1611,
        ("sex",),
        (("sex",),),
        "victims",
        p_firearms.firearm_homicide_victims,
        s_persons.firearm_homicide_victims,
        _(
            "Not SDG 16.1.1's count of deaths: the docket does not record who died. Every "
            "victim recorded in such a case counts (a relative or an injured survivor "
            "too), and a charge with no victim recorded counts nobody. A rate needs the "
            "resident population, which is not in these records."
        ),
    ),
    # -- not computable from these records
    Indicator(
        "homicide_rate",
        "firearms",
        _("Intentional homicide rate (SDG 16.1.1)"),
        _("victims of intentional homicide / resident population × 100,000"),
        _("per 100,000"),
        "derived",
        SDG_1611,
        not_computable=_("the resident population is not in these records"),
    ),
    Indicator(
        "arms_traced",
        "firearms",
        _("Arms traced (SDG 16.4.2)"),
        _("arms whose illicit origin was established / seized, found or surrendered × 100"),
        _("%"),
        "derived",
        SDG_1642,
        not_computable=_(
            "seized, found or surrendered arms and their tracing are not recorded in court cases"
        ),
    ),
]

BY_ID = {i.id: i for i in INDICATORS}
FAMILIES = {
    "caseflow": _("Court efficiency"),
    "custody": _("Persons held"),
    "arrest": _("From arrest to a judge"),
    "deadlines": _("Custody deadlines"),
    "measures": _("Custodial and non-custodial measures"),
    "hearings": _("Hearings and trial dates"),
    "persons": _("Persons in the criminal justice system (UN-CTS)"),
    "vaw": _("Violence against women"),
    "firearms": _("Firearms observatory"),
}


def indicator_get(ident: str) -> Indicator:
    try:
        return BY_ID[ident]
    except KeyError:
        raise UnknownIndicator(ident) from None
