"""What a notification says, in the subscriber's language.

Everything a notification shows is chosen here and nowhere else: the case's court
number, what happened in plain words (the rule pack's label for the event type or the
deadline), and when, in the court's time zone. From the event's payload only what
every participant sees on the portal anyway is shown: a scheduled or moved hearing's
date and time (``starts_at``), its kind and its courtroom (the email's; the SMS keeps
to the date and time), and a decided petition's kind and outcome, with its receipt
number to the petitioner only (``text_for``); nothing else from it (names, addresses,
grounds, reasons) is included, so a message shows no more than any participant of the
case may see; a subscription an account made is sent to the account's page of the case
(``for_account``); and a case the rule pack hides from participants (a sealed case:
``access/disclosure.py``) is not named at all, only "a case you follow".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import override

from expediente.access.disclosure import ANY_PARTICIPANT, case_exists_for
from expediente.access.sealing import is_expunged
from expediente.court.pages.hearings import hearing_sittings
from expediente.court.pages.labels import OPTIONS as HEARING_OPTIONS
from expediente.custody.consular import speaks_for
from expediente.custody.models import Alert, Deadline
from expediente.docket.models import Case, Event, Participation
from expediente.docket.professional_roles import DEFENCE_ROLES, PROSECUTION_ROLES
from expediente.docket.standing import standings
from expediente.measures.labels import kind_label
from expediente.measures.models import Measure, MeasureDeadline
from expediente.measures.state import BREACHES
from expediente.petitions.handed_in import account_participant
from expediente.petitions.models import Kind, Outcome, Petition
from expediente.rules.citation import cite_law
from expediente.rules.loader import load_pack
from expediente.rules.moments import parse_when
from expediente.rules.schema import Deadline as Rule
from expediente.rules.schema import Pack

Rendered = dict[str, str]  # {"subject": …, "body": …}


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _label(labels: dict[str, str] | None, language: str, fallback: str) -> str:
    labels = labels or {}
    return labels.get(language) or labels.get("en") or fallback


def _when(moment: dt.datetime, case: Case) -> str:
    return moment_text(moment.astimezone(ZoneInfo(case.court.timezone)))


def moment_text(local: dt.datetime) -> str:
    """A day and a time of day in a message, in the active language: the day as the
    language writes dates, the time on the 24-hour clock as the portal shows it
    ("10:00"), joined as the language joins them. Django's English DATETIME_FORMAT ends
    in "a.m." or "p.m.", and the sentence's own period after it read "10 a.m.."; no
    pattern here ends in a period, in any language."""
    day = formats.date_format(local, "DATE_FORMAT")
    time = formats.time_format(local, "H:i")
    # Translators: a day (as the language writes dates) and a time (24-hour clock,
    # "14:30") in a notification; the sentence goes on after it, so do not end it with
    # a period. Spanish: "%(day)s a las %(time)s".
    return _("%(day)s, %(time)s") % {"day": day, "time": time}


def portal_url() -> str:
    """Where a participant sees the case: the participants' portal (``/follow/``), which
    asks for the case number and the code on the court's notice. The home page has no
    case on it."""
    return str(settings.NOTIFY_BASE_URL).rstrip("/") + reverse("portal:follow")


def _hidden(case: Case, pack: Pack | None = None) -> bool:
    """Does the rule pack hide this case from its participants (e.g. sealed)?"""
    return not case_exists_for(ANY_PARTICIPANT, case, pack=pack)


def render_hidden(language: str) -> Rendered:
    """The message about a case its participants may no longer see: nothing about it."""
    with override(language):
        return {
            "subject": _("News in a case you follow"),
            "body": _("There is news in a case you follow. Ask the court for details."),
            # the SMS says as much and no more: no case number, no portal link to it
            "sms": _("There is news in a case you follow. Ask the court for details."),
        }


def render_stopped(case: Case, when: dt.datetime, language: str) -> Rendered:
    """The one last message to an address whose messages were stopped from the portal
    (``outbox.queue_stopped``): that they were stopped, from where and when, and how to
    have them again. Whoever holds the case's code may stop them, the accused who found a
    printed notice too: this tells the address's owner it happened. A case its
    participants may not see (sealed) is not named."""
    with override(language):
        named = "" if _hidden(case) else case.number
        moment = _when(when, case)
        where = portal_url()
        if named:
            said = _(
                "The messages about case %(number)s that came to this address were stopped "
                "on %(when)s, from the court's portal, by someone signed in with the case's "
                "access code. No more will be sent here."
            ) % {"number": named, "when": moment}
        else:
            said = _(
                "The messages about a case you follow that came to this address were "
                "stopped on %(when)s, from the court's portal, by someone signed in with "
                "the case's access code. No more will be sent here."
            ) % {"when": moment}
        again = _(
            "To have them again, sign in at %(url)s with the case number and access code "
            "of your notice and ask to be told. If it was not you, ask the court office for "
            "a new code: the old one stops working."
        ) % {"url": where}
        return {
            "subject": _("Your messages about a case were stopped"),
            "body": said + "\n\n" + again,
            "sms": _(
                "Expediente: your messages about a case were stopped from the portal on "
                "%(when)s. To have them again, sign in at %(url)s or ask the court office."
            )
            % {"when": moment, "url": where},
        }


def stopped_footer(language: str) -> str:
    """The line at the end of that last message (it has no stop link: nothing more is
    sent to the address)."""
    with override(language):
        return _("This is the last message sent to this address about it.")


def _sealed(case: Case) -> bool:
    """Sealed by order and not expunged: such a case is told only to those who read its
    detention part (``notify/outbox``). An expunged one (confidentiality "sealed" too) is
    told, in words that name nothing, to those the rules still give the whole of it."""
    return case.confidentiality == "sealed" and not is_expunged(case.pk)


def render_detention_news(language: str) -> Rendered:
    """The message about an entry of a sealed case: it reaches only those who read the
    detention part of it (``notify/outbox._who_may_read``), of an entry in that part. It
    names no case and no person (a phone is often shared), and sends them to the portal,
    where they see it."""
    with override(language):
        text = _(
            "There is news about a detention in a case you follow. You can see it in the "
            "portal: %(url)s"
        ) % {"url": portal_url()}
        return {"subject": _("News about a detention"), "body": text, "sms": text}


# the entries that end someone's custody (custody/periods.py closes the period): once
# told of one, the reader may no longer see the case in the portal (the detention part is
# theirs while someone they speak for is held)
DETENTION_ENDS = frozenset(
    {"custody.released", "custody.sentence_ended", "custody.escaped", "custody.died"}
)


def render_detention_end(language: str) -> Rendered:
    """The message about an entry that ends someone's custody in a sealed case (a
    release, a sentence served, an escape): like ``render_detention_news`` it names no
    case, no person and not what happened, but it does not promise the portal shows it,
    since the case leaves the portal of those whose only held person it was."""
    with override(language):
        text = _(
            "There is news about a detention in a case you follow. If the portal (%(url)s) "
            "no longer shows the case, ask the court for details."
        ) % {"url": portal_url()}
        return {"subject": _("News about a detention"), "body": text, "sms": text}


def render_detention_alert(language: str) -> Rendered:
    """A deadline alert in a sealed case: it reaches only those who read the detention
    part, of a deadline about someone held whom they speak for (``notify/outbox``). Like
    ``render_detention_news``, it names no case, person or deadline, and sends them to
    the portal, where the detention clock shows it."""
    with override(language):
        text = _(
            "A deadline about a detention in a case you follow needs attention. You can "
            "see it in the portal: %(url)s"
        ) % {"url": portal_url()}
        return {"subject": _("A deadline about a detention"), "body": text, "sms": text}


HEARING_DATED = frozenset({"hearing.scheduled", "hearing.rescheduled"})


def _hearing_starts(event: Event) -> dt.datetime | None:
    """When a scheduled or moved hearing now starts (every participant sees the next
    hearing on the portal)."""
    if event.type not in HEARING_DATED:
        return None
    return parse_when((event.payload or {}).get("starts_at"))


def _hearing_facts(case: Case, event: Event, pack: Pack, language: str) -> tuple[str, str]:
    """A scheduled or moved hearing's kind in words ("preliminary") and its courtroom,
    each "" when not recorded: the pack's class ``hearings`` ("dates, times and
    courtrooms of hearings"), the same as its date and time, and no free text (the
    reason a hearing was moved is not shown). A move records neither unless it changes
    them: they are the hearing's latest sitting's, as the hearings page reads them."""
    payload = event.payload or {}
    kind, courtroom = str(payload.get("kind") or ""), str(payload.get("courtroom") or "")
    if event.type == "hearing.rescheduled" and not (kind and courtroom):
        hid = str(payload.get("hearing") or "")
        earlier = Event.objects.filter(
            case_id=case.pk, seq__lte=event.seq, type__startswith="hearing."
        ).order_by("seq")
        sitting = next(
            (
                s
                for s in hearing_sittings(earlier)
                if s.set_by_seq == event.seq and s.hearing == hid
            ),
            None,
        )
        if sitting is not None:
            kind, courtroom = kind or sitting.kind, courtroom or sitting.courtroom
    if not kind:
        return "", courtroom
    scheduled = pack.event_types.get("hearing.scheduled")
    field = scheduled.fields.get("kind") if scheduled is not None else None
    option = (field.option_labels or {}).get(kind) if field is not None else None
    with override(language):
        ours = str(HEARING_OPTIONS.get(kind, kind.replace("_", " ")))
    return _label(option, language, ours), courtroom


BREACH_REPORTED = "measure.violation_reported"
DEVICE_EVENT = "measure.device_event"


def _what(event: Event, pack: Pack, language: str) -> str:
    """The entry in plain words: the pack's label for its type; for a device's report,
    the kind of report (a zone breach, tampering), which says more than "device event"."""
    event_type = pack.event_types.get(event.type)
    what = _label(event_type.label if event_type else None, language, event.type)
    if event.type == DEVICE_EVENT and event_type is not None:
        field = event_type.fields.get("kind")
        kind = str((event.payload or {}).get("kind") or "")
        option = (field.option_labels or {}).get(kind) if field is not None else None
        if option:
            what = _label(option, language, what)
    return what


def _is_breach(event: Event) -> bool:
    """A breach of a measure: reported, or a device's breach (a zone entered, tampering)."""
    if event.type == DEVICE_EVENT:
        return (event.payload or {}).get("kind") in BREACHES
    return event.type == BREACH_REPORTED


def _breach_awaits_judge(case: Case, event: Event) -> bool:
    """Is this entry a breach that now heads the judge's list of breaches awaiting a
    response (``measures.selectors.breaches_awaiting_response``: the measure is in force
    and its breach is unanswered)? The measures projection has already applied the
    entry (it runs before the outbox's). Only then does a message say so."""
    if not _is_breach(event):
        return False
    return Measure.objects.filter(
        case_id=case.pk,
        uid=str((event.payload or {}).get("measure") or ""),
        status=Measure.Status.ACTIVE,
        breach_open=True,
    ).exists()


def render_event(case: Case, event: Event, pack: Pack, language: str) -> Rendered:
    """The message for a docket entry, e.g. "Case 26-000123-0042-PE: Hearing
    rescheduled: 14 April 2026, 14:30" (a hearing's new date and time, on the court's
    clock), "Recorded in the case on 3 March 2026 at 10:00".

    ``sms`` is the short form an SMS carries (``channels/sms.py`` adds the line to stop
    the messages): what happened and when, on the court's clock, what the court does
    next where the system does it (a breach goes on the judge's list), and the
    portal's address. Who reported a breach and the report's details are protected and
    never shown."""
    if _hidden(case, pack):
        if not _sealed(case):
            return render_hidden(language)
        if event.type in DETENTION_ENDS:
            return render_detention_end(language)
        return render_detention_news(language)
    if event.type == DIED_IN_CUSTODY:
        return render_death(case, event, language)
    what = _what(event, pack, language)
    starts = _hearing_starts(event)
    awaits_judge = _breach_awaits_judge(case, event)
    facts = _hearing_facts(case, event, pack, language) if starts is not None else ("", "")
    decided = _decision(case, event, pack, language)
    with override(language):
        # the SMS keeps its short form (the label, a hearing's date and time): the kind,
        # the courtroom and a decision's outcome are in the email and the inbox
        what_short = what
        if starts is not None:
            when_hearing = _when(starts, case)
            what_short = f"{what}: {when_hearing}"
            kind, courtroom = facts
            if kind:
                # Translators: an entry's label and the kind of hearing, e.g. "Hearing
                # scheduled (preliminary)"
                what = _("%(what)s (%(kind)s)") % {"what": what, "kind": kind}
            if courtroom:
                # Translators: when a hearing starts and its courtroom as the court
                # recorded it, e.g. "4 December 2026, 09:00, in Sala 2"
                when_hearing = _("%(when)s, in %(courtroom)s") % {
                    "when": when_hearing,
                    "courtroom": courtroom,
                }
            what = f"{what}: {when_hearing}"
        elif decided is not None:
            what = (
                _("%(what)s (%(kind)s)") % {"what": what, "kind": decided.kind}
                if decided.kind
                else what
            )
            if decided.outcome:
                what = f"{what}: {decided.outcome}"
        when = _when(event.occurred_at, case)
        subject = _("Case %(number)s: %(what)s") % {"number": case.number, "what": what}
        next_step = (
            _("The court has it on record; it is on the judge's list to decide.")
            if awaits_judge
            else ""
        )
        # a breach may mean he is near her: the number to call, where the pack gives it
        # (not to the person the measure binds: see ``text_for``)
        danger = (
            _("If you are in danger, call %(phone)s.") % {"phone": pack.emergency.phone}
            if pack.emergency is not None and _is_breach(event)
            else ""
        )
        opening = _("Something new happened in case %(number)s at %(court)s: %(what)s.") % {
            "number": case.number,
            "court": case.court.name,
            "what": what,
        }
        took_place = _("It took place on %(when)s.") % {"when": when}
        portal = _("You can see the case in the portal: %(url)s") % {"url": portal_url()}
        short = _("Case %(number)s: %(what)s, %(when)s.") % {
            "number": case.number,
            "what": what_short,
            "when": when,
        }
        details = _details()

        def texts(danger: str) -> tuple[str, str]:
            body = "\n\n".join(x for x in [opening, took_place, next_step, danger, portal] if x)
            sms = " ".join(x for x in [short, next_step, danger, details] if x)
            return body, sms

        body, sms = texts(danger)
        rendered = {"subject": subject, "body": body, "sms": sms}
        bound = _bound_by(case, event) if danger else ""
        if bound:
            rendered["bound"] = bound
            rendered["bound_side"] = " ".join(_told_without_danger_line(case))
            rendered["body_bound"], rendered["sms_bound"] = texts("")
        filer = decided.filer if decided is not None else ""
        number = (
            _("Receipt number of the petition: %(receipt)s") % {"receipt": decided.receipt}
            if decided is not None and decided.receipt
            else ""
        )
        if decided is not None and decided.petitioner and number:
            # the receipt number is the petitioner's to quote (the portal shows it to
            # the petitioner only: ``portal/case_view._receipts``), so it is told to them
            rendered["petitioner"] = decided.petitioner
            rendered["body_petitioner"] = "\n\n".join([body, number])
        if filer:
            # the lawyer who handed the petition in is sent to its receipt, where the
            # pack's rule shows her the reasons; the message itself never carries them
            rendered["filer"] = filer
            receipt = _("The decision and the receipt of the petition: %(url)s") % {
                "url": _receipt_url(case, filer, int((event.payload or {}).get("petition") or 0))
            }
            rendered["body_filer"] = "\n\n".join(x for x in [body, number, receipt] if x)
    return rendered


DIED_IN_CUSTODY = "custody.died"


def render_death(case: Case, event: Event, language: str) -> Rendered:
    """The message about a death in custody (``custody.died``), never its stark label
    by SMS. To the person's own subscription and those who speak for them (the guardian
    standing for them, the defence acting for them: ``custody.consular.speaks_for``):
    that the court has recorded important news about the person's custody, and to
    contact the court or open the portal, where the page says it plainly. To everyone
    else (a victim, a witness…): only that the person is no longer held in this case and
    that the court can tell them more. A correction saying the death was recorded by
    mistake (``in_error``) tells everyone that the entry was corrected and the person is
    held as before. ``close`` lists the participants sent the first text (``text_for``)."""
    payload = event.payload or {}
    person = str(payload.get("person") or "")
    found = (
        Participation.objects.filter(case_id=case.pk, uid=person).select_related("person").first()
    )
    name = found.person.display_name if found is not None else person
    close = sorted(
        uid
        for uid, st in standings(case).items()
        if speaks_for(
            person, participant=uid, role=st.role, stands_for=st.ward, acts_for=st.acts_for
        )
    )
    facts = {"name": name, "number": case.number, "court": case.court.name}
    with override(language):
        portal = _("You can see the case in the portal: %(url)s") % {"url": portal_url()}
        if payload.get("in_error") is True:
            said = (
                _(
                    "The court corrected an earlier entry about the custody of %(name)s in case "
                    "%(number)s: %(name)s is held in custody as before. The court can tell you "
                    "more."
                )
                % facts
            )
            return {
                "subject": _("Case %(number)s: an entry corrected") % facts,
                "body": "\n\n".join([said, portal]),
                "sms": " ".join([said, _details()]),
            }
        plain = (
            _(
                "%(name)s is no longer held in custody in case %(number)s at %(court)s. The "
                "court can tell you more."
            )
            % facts
        )
        news = (
            _(
                "The court (%(court)s) has recorded important news about the custody of "
                "%(name)s, in case %(number)s. Please contact the court, or open the portal, "
                "where it is explained."
            )
            % facts
        )
        return {
            "subject": _("Case %(number)s: news about the custody of the accused") % facts,
            "body": "\n\n".join([plain, portal]),
            "sms": " ".join([plain, _details()]),
            "close": " ".join(close),
            "subject_close": _("Case %(number)s: news about %(name)s") % facts,
            "body_close": "\n\n".join([news, portal]),
            "sms_close": " ".join([news, _details()]),
        }


PETITION_DECIDED = "petition.decided"


@dataclass(frozen=True)
class _Decided:
    """What a message about the decision on a petition says of it, in the subscriber's
    language: the kind of petition and the outcome (every participant who reads the
    petition sees both: the pack's ``petition_texts`` hides only its text and the
    court's reasons), and, for the petitioner and the lawyer who handed it in only,
    its receipt number. Never the petitioner's name, the petition's text or the reasons."""

    kind: str
    outcome: str
    receipt: str
    petitioner: str  # the petitioner's participant uid
    filer: str  # the participant an account handed it in through, from /my/ ("" if none)


def _decision(case: Case, event: Event, pack: Pack, language: str) -> _Decided | None:
    """The decision on a petition, for ``render_event`` (None for any other entry)."""
    if event.type != PETITION_DECIDED:
        return None
    payload = event.payload or {}
    seq = int(payload.get("petition") or 0)
    filing = Event.objects.filter(case_id=case.pk, seq=seq).only("payload").first()
    asked = (filing.payload or {}) if filing is not None else {}
    kind = str(asked.get("kind") or "")
    outcome = str(payload.get("outcome") or "")
    petition = (
        Petition.objects.filter(case_id=case.pk, filed_seq=seq)
        .values_list("receipt", "petitioner__uid")
        .first()
    )
    receipt, petitioner = petition if petition is not None else ("", "")
    return _Decided(
        kind=_option(pack, "petition.filed", "kind", kind, language, Kind),
        outcome=_option(pack, PETITION_DECIDED, "outcome", outcome, language, Outcome),
        receipt=receipt,
        petitioner=str(asked.get("petitioner") or petitioner or ""),
        filer=account_participant(str(asked.get("received_from") or "")) or "",
    )


def _option(pack: Pack, event_type: str, name: str, value: str, language: str, choices: Any) -> str:
    """A choice's value in words: the pack's label for it in ``language``, else the
    model's (``choices``), else the value; "" for none."""
    if not value:
        return ""
    spec = pack.event_types.get(event_type)
    field = spec.fields.get(name) if spec is not None else None
    option = (field.option_labels or {}).get(value) if field is not None else None
    with override(language):
        try:
            ours = str(choices(value).label)
        except ValueError:
            ours = value.replace("_", " ")
    return _label(option, language, ours)


def _receipt_url(case: Case, participant: str, seq: int) -> str:
    path = reverse("portal:my_petition_receipt", args=[case.nuid, participant, seq])
    return str(settings.NOTIFY_BASE_URL).rstrip("/") + path


def _bound_by(case: Case, event: Event) -> str:
    """The participant the breached measure binds (the accused), by uid; "" if unknown."""
    uid = str((event.payload or {}).get("measure") or "")
    found = Measure.objects.filter(case_id=case.pk, uid=uid).values_list(
        "participation__uid", flat=True
    )
    return str(found.first() or "")


def _told_without_danger_line(case: Case) -> list[str]:
    """Who is sent a breach's message without "if you are in danger, call…", by uid: the
    accused's side, the case's defence lawyers (private and public) and the guardians the
    docket records as standing for an accused (``docket/standing.py``), and the
    prosecution, told of the breach to act on it, not as someone at risk. A guardian
    recorded for a victim, complainant or witness is not among them (she is told whom to
    call in danger), nor one for whom nobody is recorded: a victim's guardian must be
    told whom to call, and that one may be."""
    side = [
        uid
        for uid, standing in standings(case).items()
        if standing.role in DEFENCE_ROLES | PROSECUTION_ROLES or standing.for_accused
    ]
    return sorted(side)


def text_for(rendered: dict[str, Rendered], language: str, participant: str) -> Rendered:
    """A notification's text in ``language`` as ``participant`` is to read it: a breach's
    message tells the people around the measure whom to call in danger, but the person
    the measure binds, the case's defence lawyers and its prosecution are sent it without
    that line (he was told to call for help against himself). The decision on a petition a lawyer
    filed from /my/ is sent to her (her participant) with the link to its receipt. A
    death in custody is sent to those who speak for the person in its own words
    (``render_death``: ``close``)."""
    text = rendered.get(language) or next(iter(rendered.values()))
    if participant and participant in text.get("close", "").split():
        return {
            **text,
            "subject": text["subject_close"],
            "body": text["body_close"],
            "sms": text["sms_close"],
        }
    if participant and (
        text.get("bound") == participant or participant in text.get("bound_side", "").split()
    ):
        return {**text, "body": text["body_bound"], "sms": text["sms_bound"]}
    if participant and text.get("filer") == participant:
        return {**text, "body": text["body_filer"]}
    if participant and text.get("petitioner") == participant:
        return {**text, "body": text["body_petitioner"]}
    return text


def my_case_url(case: Case, participant: str) -> str:
    """An account's own page of the case (``portal:my_case``): where a lawyer reads it."""
    path = reverse("portal:my_case", args=[case.nuid, participant])
    return str(settings.NOTIFY_BASE_URL).rstrip("/") + path


def my_cases_url() -> str:
    """An account's list of its cases (/my/): it names no case."""
    return str(settings.NOTIFY_BASE_URL).rstrip("/") + reverse("portal:my_cases")


def for_account(text: Rendered, case: Case, participant: str) -> Rendered:
    """A message as a subscription made by an account is sent (``Subscription.account``:
    a lawyer's, from /my/notifications/): where it names the participants' portal
    (/follow/, which asks for the code on the court's notice), the account's own page
    of the case instead; for a case its participants may no longer see (sealed), the
    list of her cases, since a link to the case's page would name it."""
    portal = portal_url()
    mine = my_cases_url() if _hidden(case) else my_case_url(case, participant)
    return {
        key: value.replace(portal, mine) if key in ("body", "sms") else value
        for key, value in text.items()
    }


def render_alert(alert: Alert, language: str) -> Rendered:
    """The message for a deadline alert: which deadline (a legal one, or the court's own
    service target), and when it falls due. ``sms`` is its short form: the case, the
    deadline, when (on the court's clock) and the portal's address."""
    if _hidden(alert.case):
        return render_detention_alert(language) if _sealed(alert.case) else render_hidden(language)
    return _alert_message(alert, language, staff=False)


def _confidential_mail(case: Case) -> tuple[str, str]:
    """A staff alert email's subject and body for a case its participants may not see
    (in the active language): the court, and where to read it; not the case."""
    subject = _("A deadline in a confidential case")
    body = _(
        "A deadline in a confidential case of %(court)s needs your attention. "
        "Read it on your alerts page in the court's workspace: %(url)s"
    ) % {"court": case.court.name, "url": staff_alerts_url()}
    return subject, body


def staff_mail_now(case: Case, text: Rendered, language: str) -> Rendered:
    """A staff alert email's text (``staff_text(..., mail=True)``) as it may be sent now:
    if the case has been sealed since it was queued, the confidential words instead, so
    the email does not name it."""
    if not _hidden(case):
        return text
    with override(language):
        subject, body = _confidential_mail(case)
    return {"subject": subject, "body": body}


def render_staff_alert(alert: Alert, language: str) -> Rendered:
    """The message for a staff account the rule names by its office (a judge of the case:
    ``notify.staff``), kept beside the participants' in the notification: the case's
    number, the deadline, when it falls due on the court's clock (the time zone named)
    and the rule's legal source, on the account's alerts page (``staff_subject``,
    ``staff_body``, which links the case itself) and by email with the case's page in
    the workspace (``staff_mail_subject``, ``staff_mail_body``). No person is named.

    A case the rule pack hides from its participants (sealed) is named on the account's
    alerts page, which only staff who may see the case read; its email, which leaves the
    court's systems, only says that a deadline in a confidential case awaits them there."""
    case = alert.case
    text = _alert_message(alert, language, staff=True)
    with override(language):
        if _hidden(case):
            subject, body = _confidential_mail(case)
        else:
            subject = text["subject"]
            link = _("Open the case in the court's workspace: %(url)s") % {
                "url": staff_case_url(case)
            }
            body = f"{text['body']}\n\n{link}"
    return {
        "staff_subject": text["subject"],
        "staff_body": text["body"],
        "staff_mail_subject": subject,
        "staff_mail_body": body,
    }


def staff_alerts_url() -> str:
    """A staff account's alerts page in the workspace (``court:alerts``)."""
    return str(settings.NOTIFY_BASE_URL).rstrip("/") + reverse("court:alerts")


def staff_case_url(case: Case) -> str:
    """The case's page in the court's workspace (for staff; participants have the portal)."""
    path = reverse("court:case", kwargs={"nuid": case.nuid})
    return str(settings.NOTIFY_BASE_URL).rstrip("/") + path


def _staff_lines(case: Case, source: str = "") -> list[str]:
    """The end of a staff alert (active language): the rule's source and the court's
    clock (the email adds the case's page: ``render_staff_alert``)."""
    clock = _("Times are on the court's clock (%(zone)s).") % {"zone": case.court.timezone}
    return [x for x in [source, clock] if x]


def _source(law: dict[str, Any] | None, language: str) -> str:
    """The sentence citing a deadline's legal source (active language), "" without one;
    a source the pack's authors marked as still to be confirmed says so."""
    if not law or not law.get("text"):
        return ""
    cited = cite_law(law, language)
    if law.get("flag") == "P":
        cited = f"{cited} ({_('source to be confirmed')})"
    return _("Source in law: %(law)s.") % {"law": cited}


def _alert_message(alert: Alert, language: str, *, staff: bool) -> Rendered:
    """A deadline alert's text, for the participants (``render_alert``, with its SMS) or
    for the staff the rule names (``staff``: its source and the workspace's link)."""
    case = alert.case
    rule = _rule(case, alert.rule_id)
    # a measure's deadline is looked for only when the rule is a per-measure one (or the
    # pack no longer has the rule): a custody alert costs no extra query
    if rule is None or rule.per == "measure":
        measure_deadline = (
            MeasureDeadline.objects.filter(key=alert.deadline_key)
            .select_related("measure")
            .only("label", "due_on", "measure__uid", "measure__kind")
            .first()
        )
        if measure_deadline is not None:
            return render_measure_alert(alert, measure_deadline, language, staff=staff)
    deadline = (
        Deadline.objects.filter(key=alert.deadline_key)
        .only("label", "law", "counting", "due_on")
        .first()
    )
    labels: dict[str, Any] | None = deadline.label if deadline else None
    # a number the court set where the law gives none is never called a legal deadline
    target = bool(deadline and (deadline.law or {}).get("flag") == "policy")
    if labels is None:
        labels = rule.label if rule is not None else None
    what = _label(labels, language, alert.rule_id)
    with override(language):
        if alert.threshold == "due":
            subject = _("Case %(number)s: deadline passed: %(what)s")
            first = (
                _(
                    "The court's target “%(what)s” in case %(number)s (not a legal time "
                    "limit) passed on %(when)s."
                )
                if target
                else _("The legal deadline “%(what)s” in case %(number)s passed on %(when)s.")
            )
        else:
            subject = _("Case %(number)s: deadline approaching: %(what)s")
            first = (
                _(
                    "The court's target “%(what)s” in case %(number)s (not a legal time "
                    "limit) falls due on %(when)s."
                )
                if target
                else _("The legal deadline “%(what)s” in case %(number)s falls due on %(when)s.")
            )
        # a deadline counted in days falls due at the midnight after its last day, which
        # read as the wrong day ("3 February, 00:00" for a last day of 2 February): such
        # a deadline is given by its last day, as the portal and the court's pages give it
        when = (
            str(formats.date_format(deadline.due_on, "DATE_FORMAT"))
            if deadline is not None and deadline.counting != "continuous"
            else _when(alert.due_at, case)
        )
        values = {"number": case.number, "what": what, "when": when}
        if staff:
            source = _source(deadline.law if deadline is not None else None, language)
            body = "\n\n".join([first % values, *_staff_lines(case, source)])
            return {"subject": subject % values, "body": body}
        body = "\n\n".join(
            [
                first % values,
                _("You can see the case in the portal: %(url)s") % {"url": portal_url()},
            ]
        )
        sms = " ".join([_alert_sms(alert.threshold == "due", target) % values, _details()])
    return {"subject": subject % values, "body": body, "sms": sms}


def _alert_sms(passed: bool, target: bool) -> str:
    """The SMS's sentence for a deadline alert (``render_alert``): the case, which
    deadline, and when it falls (or fell) due; a court's target is never called a legal
    time limit. Active language; ``%(number)s``, ``%(what)s`` and ``%(when)s`` to fill."""
    if target:
        if passed:
            return _(
                "Case %(number)s: the court's target “%(what)s” (not a legal time limit) "
                "passed on %(when)s."
            )
        return _(
            "Case %(number)s: the court's target “%(what)s” (not a legal time limit) falls "
            "due on %(when)s."
        )
    if passed:
        return _("Case %(number)s: the legal deadline “%(what)s” passed on %(when)s.")
    return _("Case %(number)s: the legal deadline “%(what)s” falls due on %(when)s.")


def _details() -> str:
    """The SMS's last sentence before the line to stop them: where to read more."""
    return _("Details: %(url)s") % {"url": portal_url()}


def _rule(case: Case, rule_id: str) -> Rule | None:
    """The deadline rule of the case's pack with this id (None when the pack dropped it)."""
    return next((r for r in load_pack(case.court.rule_pack).deadlines if r.id == rule_id), None)


def render_measure_alert(
    alert: Alert, deadline: MeasureDeadline, language: str, *, staff: bool = False
) -> Rendered:
    """The message for a supervised measure's deadline: an obligation the court's order
    set (never called a legal time limit), the measure it belongs to, and its last day.
    Nothing about the person: the message names the case and the measure only. ``sms``
    is its short form, with the portal's address; for ``staff``, the workspace's link
    instead (and no SMS)."""
    case = alert.case
    what = _label(deadline.label, language, alert.rule_id)
    with override(language):
        values = {
            "number": case.number,
            "what": what,
            "measure": deadline.measure.uid,
            "kind": kind_label(deadline.measure.kind),
            "day": formats.date_format(deadline.due_on, "DATE_FORMAT"),
        }
        if alert.threshold == "due":
            subject = _("Case %(number)s: not complied with: %(what)s") % values
            first = (
                _(
                    "“%(what)s”, which the court ordered in case %(number)s (measure "
                    "%(measure)s, %(kind)s), was due by the end of the day on %(day)s and is "
                    "not on record."
                )
                % values
            )
            short = (
                _(
                    "Case %(number)s: “%(what)s”, ordered by the court (measure "
                    "%(measure)s), was due by the end of the day on %(day)s and is not on "
                    "record."
                )
                % values
            )
        else:
            subject = _("Case %(number)s: coming due: %(what)s") % values
            first = (
                _(
                    "“%(what)s”, which the court ordered in case %(number)s (measure "
                    "%(measure)s, %(kind)s), is due by the end of the day on %(day)s."
                )
                % values
            )
            short = (
                _(
                    "Case %(number)s: “%(what)s”, ordered by the court (measure "
                    "%(measure)s), is due by the end of the day on %(day)s."
                )
                % values
            )
        ordered = _("The court set this in its order; it is not a time limit set by law.")
        if staff:
            return {"subject": subject, "body": "\n\n".join([first, ordered, *_staff_lines(case)])}
        body = "\n\n".join(
            [
                first,
                ordered,
                _("You can see the case in the portal: %(url)s") % {"url": portal_url()},
            ]
        )
        sms = f"{short} {_details()}"
    return {"subject": subject, "body": body, "sms": sms}


def unsubscribe_url(token: str) -> str:
    path = reverse("notify:unsubscribe", kwargs={"token": token})
    return str(settings.NOTIFY_BASE_URL).rstrip("/") + path


def stop_url(stop_token: str) -> str:
    """An SMS's short link to stop the messages: ``/s/<token>`` on the portal's host,
    the same confirm page and button as the email's link."""
    path = reverse("notify-stop", kwargs={"token": stop_token})
    return str(settings.NOTIFY_BASE_URL).rstrip("/") + path


def footer(url: str, language: str) -> str:
    """The line at the end of every email and SMS: how to stop these messages (``url``:
    ``unsubscribe_url`` for an email, ``stop_url`` for an SMS)."""
    with override(language):
        return _("To stop these messages: %(url)s") % {"url": url}


def staff_text(rendered: dict[str, Rendered], language: str, *, mail: bool = False) -> Rendered:
    """A deadline alert's text for a staff account (``render_staff_alert``) in
    ``language``: its alerts page's, or (``mail``) its email's."""
    text = rendered.get(language) or next(iter(rendered.values()))
    kind = "staff_mail" if mail else "staff"
    return {"subject": text[f"{kind}_subject"], "body": text[f"{kind}_body"]}


def staff_footer(language: str) -> str:
    """The line at the end of a staff account's alert email: why it came, and where to
    switch these emails off (the account page; a staff email has no stop link of its own,
    since staff did not subscribe)."""
    path = reverse("court:account_alerts")
    url = str(settings.NOTIFY_BASE_URL).rstrip("/") + path
    with override(language):
        return _(
            "You receive this because the court's rules name you in this case. To stop "
            "these emails (the alerts stay on your alerts page), change the setting on "
            "your account: %(url)s"
        ) % {"url": url}
