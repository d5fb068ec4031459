"""A computed deadline explained, in Spanish, English, Portuguese or French, in two
renderings of the same facts. Pure Python.

``sentence`` is the full working, one sentence, for court staff and the API:

"Review of pretrial detention due 14 March 2027: Código Procesal Penal (Ley 7594)
art. 253, every 3 months from the last “Pretrial detention reviewed” on 14 December
2026."

``plain`` is for the person held and their family (the participant portal): a few short
sentences, the date first, in the pack's own words for what it means (``plain`` on the
rule: "Pretrial detention may not go beyond 15 July 2027."), then what it is counted
from and what moved it, and, where a limit could not be worked out (a penalty not yet
on record), what that means for them. It leaves out the legal source, which the portal
cites once for all the deadlines it shows (``citation.cite_laws``). Both renderings read
the deadline through the same ``Text`` methods: only the words differ (``WORDS`` and
``PLAIN``).

Month names are written out here and never come from the system locale, so the
same deadline always reads the same. A language not written here is explained in
English, the whole sentence (``language``): the rule's label and the event names are
taken in the sentence's language, so no sentence mixes two.

Each language's sentence is built from its own templates (``WORDS``): word order,
quotation marks, prepositions and punctuation differ (French puts a space before ":"
and ";"; Portuguese joins "de" and "por" with the article of our own phrases: "da pena",
"pela idade"), and so do plurals (French "1 jour", "2 jours"; "0" is singular too) and
the first of the month ("1er février", "1º de fevereiro").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Literal, cast

from expediente.rules.citation import cite_law, law_name
from expediente.rules.schema import Deadline, Duration

if TYPE_CHECKING:
    from expediente.rules.deadlines import ComputedDeadline

Lang = Literal["es", "en", "pt", "fr"]
LANGUAGES: tuple[Lang, ...] = ("es", "en", "pt", "fr")  # every language explained here
FALLBACK: Lang = "en"
Labels = Mapping[str, Mapping[str, str]]


def language(lang: str | None) -> Lang:
    """The language a sentence is written in for ``lang``: its own when this module
    writes it (``pt-br`` is ``pt``), English otherwise."""
    code = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    return cast(Lang, code) if code in LANGUAGES else FALLBACK


MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "pt": (
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}
FIRST_OF_THE_MONTH = {"pt": "1º", "fr": "1er"}  # "1º de fevereiro", "1er février"
# what a term admits (``extensions_allowed``): "1 extension", "2 extensions"
EXTENSIONS = {
    "en": ("extension", "extensions"),
    "es": ("prórroga", "prórrogas"),
    "pt": ("prorrogação", "prorrogações"),
    "fr": ("prolongation", "prolongations"),
}
UNITS = {  # singular, plural
    "en": {
        "hours": ("hour", "hours"),
        "days": ("day", "days"),
        "working_days": ("working day", "working days"),
        "months": ("month", "months"),
        "years": ("year", "years"),
    },
    "es": {
        "hours": ("hora", "horas"),
        "days": ("día", "días"),
        "working_days": ("día hábil", "días hábiles"),
        "months": ("mes", "meses"),
        "years": ("año", "años"),
    },
    "pt": {
        "hours": ("hora", "horas"),
        "days": ("dia", "dias"),
        "working_days": ("dia útil", "dias úteis"),
        "months": ("mês", "meses"),
        "years": ("ano", "anos"),
    },
    "fr": {
        "hours": ("heure", "heures"),
        "days": ("jour", "jours"),
        # the French code of criminal procedure's word for the days a term may end on
        # (art. 801: "premier jour ouvrable suivant")
        "working_days": ("jour ouvrable", "jours ouvrables"),
        "months": ("mois", "mois"),
        "years": ("an", "ans"),
    },
}
PENALTIES = {  # the phrase, and what to say about it in parentheses
    "en": {
        "possible": ("the possible penalty", "its lower bound"),
        "possible_min": ("the minimum possible penalty", ""),
        "possible_max": ("the maximum possible penalty", ""),
        "imposed": ("the penalty imposed", ""),
    },
    "es": {
        "possible": ("la pena posible", "su mínimo"),
        "possible_min": ("la pena mínima posible", ""),
        "possible_max": ("la pena máxima posible", ""),
        "imposed": ("la pena impuesta", ""),
    },
    "pt": {
        "possible": ("a pena cominada", "seu mínimo"),
        "possible_min": ("a pena mínima cominada", ""),
        "possible_max": ("a pena máxima cominada", ""),
        "imposed": ("a pena imposta", ""),
    },
    "fr": {
        "possible": ("la peine encourue", "son minimum"),
        "possible_min": ("la peine minimale encourue", ""),
        "possible_max": ("la peine maximale encourue", ""),
        "imposed": ("la peine prononcée", ""),
    },
}
# Portuguese joins a preposition with the article that opens the phrase after it ("de" +
# "a pena" is "da pena", "por" + "a idade" is "pela idade"). Only this module's own
# phrases (penalties, ages, counts) follow these prepositions, never a label.
CONTRACTIONS: dict[str, dict[tuple[str, str], str]] = {
    "pt": {
        ("de", "a"): "da",
        ("de", "o"): "do",
        ("por", "a"): "pela",
        ("por", "o"): "pelo",
    },
}
# ``by_dur`` and ``of_dur`` / ``of_penalty`` are ``dur`` / ``penalty`` after "por" and
# "de", contracted; the languages without contractions write the preposition themselves.
WORDS = {
    "en": {
        "sentence": "{head}: {law}, {counted}",
        "then": "; ",
        "due": "{label} due {when}",
        "from": "{dur} from “{event}” on {when}",
        "fixed": "the day fixed by “{event}” on {when}",
        "every": "every {dur} from the last “{event}” on {when}",
        "to_confirm": " (source to be confirmed)",
        "policy": "the court's service target, not a legal time limit ({law})",
        "says": "the court's service target, not a legal time limit; the law says “{says}” ({law})",
        "until": "extended to {day} by “{event}” on {when}",
        "not_counted_extension": (
            "“{event}” on {when} (entry {id}) not counted: the term admits {allowed} "
            "({law}, as this court's rules read it)"
        ),
        "extension_beyond": (
            "extended to {day} by “{event}” on {when} (entry {id}), but the term admits at "
            "most {dur} more ({law}, as this court's rules read it): counted to {limit}"
        ),
        "recomputed": "moved to {day} by a new “{event}” on {when}",
        "adds": "extended by {dur} by “{event}” on {when}",
        "capped": "capped by {dur}",
        "cap_unknown": "the limit of {dur} is not computed: no penalty is known",
        "not_counted": "time not counted from {a} to {b}",
        "suspended": "suspended since {when}",
        "rolled": "moved from {day}, not a working day",
        "satisfied": "met by “{event}” on {when}",
        "stopped": "the clock stopped at “{event}” on {when}",
        "restarted": "the count started again at “{event}” on {when}",
        "at": "{day} at {time}",
        "day": "{d} {month} {y}",
        "share": "{share} of {penalty}",
        "age": "the age of {n} (born {born})",
        "age_unknown": "the age of {n} (date of birth not known)",
        "age_from": "on reaching {dur}, while “{event}” of {when} runs",
        "waited": "the person was not in custody at “{event}” on {when}: counted from when "
        "they were taken into custody",
        "waited_fixed": "the person was not in custody then: it runs from “{event}” on {when}",
    },
    "es": {
        "sentence": "{head}: {law}, {counted}",
        "then": "; ",
        "due": "{label} vence el {when}",
        "from": "{dur} desde «{event}» del {when}",
        "fixed": "el día que fijó «{event}» del {when}",
        "every": "cada {dur} desde el último hecho «{event}», del {when}",
        "to_confirm": " (fuente por confirmar)",
        "policy": "meta de servicio del tribunal, no un plazo legal ({law})",
        "says": "meta de servicio del tribunal, no un plazo legal; la ley dice «{says}» ({law})",
        "until": "prorrogado hasta el {day} por «{event}» del {when}",
        "not_counted_extension": (
            "«{event}» del {when} (anotación {id}) no se cuenta: el plazo admite {allowed} "
            "({law}, según la lectura de las reglas de este despacho)"
        ),
        "extension_beyond": (
            "prorrogado hasta el {day} por «{event}» del {when} (anotación {id}), pero el "
            "plazo admite como máximo {dur} más ({law}, según la lectura de las reglas de "
            "este despacho): se cuenta hasta el {limit}"
        ),
        "recomputed": "trasladado al {day} por un nuevo «{event}» del {when}",
        "adds": "prorrogado {dur} por «{event}» del {when}",
        "capped": "limitado por {dur}",
        "cap_unknown": "el límite de {dur} no se calculó: no se conoce la pena",
        "not_counted": "no cuenta el tiempo del {a} al {b}",
        "suspended": "suspendido desde el {when}",
        "rolled": "trasladado desde el {day}, día inhábil",
        "satisfied": "cumplido con «{event}» el {when}",
        "stopped": "el plazo dejó de correr con «{event}» el {when}",
        "restarted": "el plazo volvió a empezar con «{event}» el {when}",
        "at": "{day} a las {time}",
        "day": "{d} de {month} de {y}",
        "share": "{share} de {penalty}",
        "age": "los {n} años de edad (nació el {born})",
        "age_unknown": "los {n} años de edad (fecha de nacimiento desconocida)",
        "age_from": "al cumplir {dur}, mientras dure «{event}» del {when}",
        "waited": "la persona no estaba detenida en «{event}» del {when}: se cuenta desde que "
        "fue detenida",
        "waited_fixed": "la persona no estaba detenida entonces: corre desde «{event}» del {when}",
    },
    "pt": {
        "sentence": "{head}: {law}, {counted}",
        "then": "; ",
        "due": "{label} vence em {when}",
        "from": "{dur} a partir de “{event}”, em {when}",
        "fixed": "o dia fixado por “{event}”, em {when}",
        "every": "a cada {dur} a partir da última ocorrência de “{event}”, em {when}",
        "to_confirm": " (fonte a confirmar)",
        "policy": "meta de atendimento do tribunal, não um prazo legal ({law})",
        "says": ("meta de atendimento do tribunal, não um prazo legal; a lei diz “{says}” ({law})"),
        "until": "prorrogado até {day} por “{event}”, em {when}",
        "not_counted_extension": (
            "“{event}”, em {when} (registro {id}), não conta: o prazo admite {allowed} "
            "({law}, segundo a leitura das regras deste tribunal)"
        ),
        "extension_beyond": (
            "prorrogado até {day} por “{event}”, em {when} (registro {id}), mas o prazo "
            "admite no máximo {dur} a mais ({law}, segundo a leitura das regras deste "
            "tribunal): conta-se até {limit}"
        ),
        "recomputed": "passou para {day} por um novo “{event}”, em {when}",
        "adds": "acrescido de {dur} por “{event}”, em {when}",
        "capped": "limitado {by_dur}",
        "cap_unknown": "o limite {of_dur} não foi calculado: a pena não é conhecida",
        "not_counted": "tempo não contado de {a} a {b}",
        "suspended": "suspenso desde {when}",
        "rolled": "transferido de {day}, que não é dia útil",
        "satisfied": "cumprido com “{event}” em {when}",
        "stopped": "o prazo deixou de correr com “{event}” em {when}",
        "restarted": "o prazo recomeçou a correr com “{event}” em {when}",
        "at": "{day} às {time}",
        "at_one": "{day} à {time}",  # à 0h30, à 1h15: one o'clock and before is singular
        "day": "{d} de {month} de {y}",
        "share": "{share} {of_penalty}",
        "age": "a idade de {n} anos (data de nascimento: {born})",
        "age_unknown": "a idade de {n} anos (data de nascimento desconhecida)",
        "age_from": "ao atingir {dur}, enquanto durar “{event}”, de {when}",
        "waited": "a pessoa não estava presa em “{event}”, em {when}: conta-se a partir de "
        "quando foi presa",
        "waited_fixed": "a pessoa não estava presa então: corre a partir de “{event}”, em {when}",
    },
    "fr": {
        "sentence": "{head} : {law}, {counted}",
        "then": " ; ",
        "due": "{label} arrive à échéance le {when}",
        "from": "{dur} à compter de « {event} » du {when}",
        "fixed": "le jour fixé par « {event} » du {when}",
        "every": "par périodes de {dur} à compter du dernier fait « {event} », le {when}",
        "to_confirm": " (source à confirmer)",
        "policy": "objectif de service de la juridiction, pas un délai légal ({law})",
        "says": (
            "objectif de service de la juridiction, pas un délai légal ; "
            "la loi dit « {says} » ({law})"
        ),
        "until": "prolongé jusqu'au {day} par « {event} » du {when}",
        "not_counted_extension": (
            "« {event} » du {when} (inscription {id}) ne compte pas : le délai admet "
            "{allowed} ({law}, selon la lecture qu'en font les règles de ce tribunal)"
        ),
        "extension_beyond": (
            "prolongé jusqu'au {day} par « {event} » du {when} (inscription {id}), mais le "
            "délai admet au plus {dur} de plus ({law}, selon la lecture qu'en font les "
            "règles de ce tribunal) : compté jusqu'au {limit}"
        ),
        "recomputed": "fixé au {day} par un nouveau « {event} » du {when}",
        "adds": "prolongé de {dur} par « {event} » du {when}",
        "capped": "limité par {dur}",
        "cap_unknown": "la limite de {dur} n'est pas calculée : aucune peine n'est connue",
        "not_counted": "temps non décompté du {a} au {b}",
        "suspended": "suspendu depuis le {when}",
        "rolled": "reporté du {day}, jour non ouvrable",
        "satisfied": "respecté par « {event} » le {when}",
        "stopped": "le délai a cessé de courir avec « {event} » le {when}",
        "restarted": "le délai a recommencé à courir avec « {event} » le {when}",
        "at": "{day} à {time}",
        "day": "{d} {month} {y}",
        "share": "{share} de {penalty}",
        "age": "l'âge de {n} ans (date de naissance : {born})",
        "age_unknown": "l'âge de {n} ans (date de naissance inconnue)",
        "age_from": "en atteignant {dur}, tant que dure « {event} » du {when}",
        "waited": "la personne n'était pas détenue lors de « {event} » du {when} : le délai "
        "court depuis son placement en détention",
        "waited_fixed": "la personne n'était pas détenue alors : le délai court depuis "
        "« {event} » du {when}",
    },
}


# The plain rendering's words (``plain``): each clause a sentence of its own. A key not
# here is the full sentence's (``WORDS``). French keeps its guillemets and the space
# before ":" and ";" on the line they belong to (no-break spaces), on a narrow phone.
# ``head`` opens a deadline whose rule gives no ``plain`` words of its own.
PLAIN: dict[str, dict[str, str]] = {
    "en": {
        "head": "{label}: {when}.",
        "from": "Term: {dur} from “{event}” on {when}.",
        "fixed": "It is the day fixed by “{event}” on {when}.",
        "every": "Term: {dur} from the last “{event}” on {when}.",
        "age_from": "Until reaching {dur}, while “{event}” of {when} runs.",
        "policy": "This is the court's service target, not a time limit set by law.",
        "says": "This is the court's service target, not a time limit set by law; "
        "the law says “{says}”.",
        "until": "Extended to {day} by “{event}” on {when}.",
        "not_counted_extension": (
            "“{event}” on {when} does not count: the law allows {allowed} of this term, as "
            "this court's rules read it."
        ),
        "extension_beyond": (
            "“{event}” on {when} extended it to {day}, but the law allows at most {dur} "
            "more, as this court's rules read it: it counts until {limit}."
        ),
        "recomputed": "The date is now {day}, by a new “{event}” on {when}.",
        "adds": "Extended by {dur} by “{event}” on {when}.",
        "capped": "Earlier because of the limit of {dur}.",
        "cap_unknown": (
            "The date may be earlier: the law also limits this term by the penalty for "
            "the offence, which is not yet on record. Ask the court office."
        ),
        "not_counted": "The time from {a} to {b} does not count.",
        "suspended": "The count has been suspended since {when}.",
        "rolled": "Moved from {day}, not a working day.",
        "satisfied": "Met by “{event}” on {when}.",
        "stopped": "The clock stopped at “{event}” on {when}.",
        "restarted": "The count started again at “{event}” on {when}.",
        "waited": "The person was not in custody at “{event}” on {when}: the count runs "
        "from when they were taken into custody.",
        "waited_fixed": "The person was not in custody then: it runs from “{event}” on {when}.",
    },
    "es": {
        "head": "{label}: {when}.",
        "from": "Plazo: {dur} desde «{event}», del {when}.",
        "fixed": "Es el día que fijó «{event}», del {when}.",
        "every": "Plazo: {dur} desde el último hecho «{event}», del {when}.",
        "age_from": "Hasta cumplir {dur}, mientras dure «{event}», del {when}.",
        "policy": "Es una meta de servicio del tribunal, no un plazo fijado por la ley.",
        "says": "Es una meta de servicio del tribunal, no un plazo fijado por la ley; "
        "la ley dice «{says}».",
        "until": "El plazo se prorrogó hasta el {day} con «{event}», del {when}.",
        "not_counted_extension": (
            "«{event}» del {when} no cuenta: la ley permite {allowed} de este plazo, según "
            "la lectura de las reglas de este despacho."
        ),
        "extension_beyond": (
            "«{event}» del {when} lo prorrogó hasta el {day}, pero la ley permite como "
            "máximo {dur} más, según la lectura de las reglas de este despacho: cuenta "
            "hasta el {limit}."
        ),
        "recomputed": "La fecha es ahora el {day}, por un nuevo «{event}», del {when}.",
        "adds": "El plazo se prorrogó {dur} con «{event}», del {when}.",
        "capped": "Es antes por el límite de {dur}.",
        "cap_unknown": (
            "La fecha puede ser anterior: la ley también limita este plazo según la pena "
            "del delito, que aún no consta en el expediente. Pregunte a la oficina del "
            "tribunal."
        ),
        "not_counted": "No cuenta el tiempo del {a} al {b}.",
        "suspended": "El plazo está suspendido desde el {when}.",
        "rolled": "Se trasladó desde el {day}, que no es día hábil.",
        "satisfied": "Se cumplió con «{event}», el {when}.",
        "stopped": "El plazo dejó de correr con «{event}», el {when}.",
        "restarted": "El plazo volvió a empezar con «{event}», el {when}.",
        "waited": "La persona no estaba detenida en «{event}», del {when}: el plazo corre "
        "desde que fue detenida.",
        "waited_fixed": "La persona no estaba detenida entonces: corre desde «{event}», del "
        "{when}.",
    },
    "pt": {
        "head": "{label}: {when}.",
        "from": "Prazo: {dur} a partir de “{event}”, em {when}.",
        "fixed": "É o dia fixado por “{event}”, em {when}.",
        "every": "Prazo: {dur} a partir da última ocorrência de “{event}”, em {when}.",
        "age_from": "Até atingir {dur}, enquanto durar “{event}”, de {when}.",
        "policy": "É uma meta de atendimento do tribunal, não um prazo fixado em lei.",
        "says": "É uma meta de atendimento do tribunal, não um prazo fixado em lei; "
        "a lei diz “{says}”.",
        "until": "O prazo foi prorrogado até {day} por “{event}”, em {when}.",
        "not_counted_extension": (
            "“{event}”, em {when}, não conta: a lei permite {allowed} deste prazo, segundo "
            "a leitura das regras deste tribunal."
        ),
        "extension_beyond": (
            "“{event}”, em {when}, prorrogou-o até {day}, mas a lei permite no máximo {dur} "
            "a mais, segundo a leitura das regras deste tribunal: conta até {limit}."
        ),
        "recomputed": "A data agora é {day}, por um novo “{event}”, em {when}.",
        "adds": "O prazo foi acrescido de {dur} por “{event}”, em {when}.",
        "capped": "É antes pelo limite {of_dur}.",
        "cap_unknown": (
            "A data pode ser anterior: a lei também limita este prazo pela pena do crime, "
            "que ainda não consta do processo. Pergunte à secretaria do tribunal."
        ),
        "not_counted": "O tempo de {a} a {b} não conta.",
        "suspended": "O prazo está suspenso desde {when}.",
        "rolled": "Transferido de {day}, que não é dia útil.",
        "satisfied": "Cumprido com “{event}”, em {when}.",
        "stopped": "O prazo deixou de correr com “{event}”, em {when}.",
        "restarted": "O prazo recomeçou a correr com “{event}”, em {when}.",
        "waited": "A pessoa não estava presa em “{event}”, em {when}: o prazo conta a partir "
        "de quando foi presa.",
        "waited_fixed": "A pessoa não estava presa então: corre a partir de “{event}”, em {when}.",
    },
    "fr": {
        "head": "{label}\u00a0: {when}.",
        "from": "Délai\u00a0: {dur} à compter de «\u00a0{event}\u00a0» du {when}.",
        "fixed": "C'est le jour fixé par «\u00a0{event}\u00a0» du {when}.",
        "every": "Délai\u00a0: {dur} à compter du dernier fait «\u00a0{event}\u00a0», le {when}.",
        "age_from": "Jusqu'à atteindre {dur}, tant que dure «\u00a0{event}\u00a0» du {when}.",
        "policy": "C'est un objectif de service de la juridiction, pas un délai fixé par la loi.",
        "says": "C'est un objectif de service de la juridiction, pas un délai fixé par la "
        "loi\u00a0; la loi dit «\u00a0{says}\u00a0».",
        "until": "Le délai a été prolongé jusqu'au {day} par «\u00a0{event}\u00a0» du {when}.",
        "not_counted_extension": (
            "«\u00a0{event}\u00a0» du {when} ne compte pas\u00a0: la loi admet {allowed} de "
            "ce délai, selon la lecture qu'en font les règles de ce tribunal."
        ),
        "extension_beyond": (
            "«\u00a0{event}\u00a0» du {when} l'a prolongé jusqu'au {day}, mais la loi "
            "admet au plus {dur} de plus, selon la lecture qu'en font les règles de ce "
            "tribunal\u00a0: il compte jusqu'au {limit}."
        ),
        "recomputed": "La date est désormais le {day}, par un nouveau «\u00a0{event}\u00a0» du "
        "{when}.",
        "adds": "Le délai a été prolongé de {dur} par «\u00a0{event}\u00a0» du {when}.",
        "capped": "Plus tôt en raison de la limite de {dur}.",
        "cap_unknown": (
            "La date peut être plus proche\u00a0: la loi limite aussi ce délai selon la peine "
            "encourue, qui ne figure pas encore au dossier. Renseignez-vous auprès du greffe."
        ),
        "not_counted": "Le temps du {a} au {b} n'est pas décompté.",
        "suspended": "Le délai est suspendu depuis le {when}.",
        "rolled": "Reporté du {day}, jour non ouvrable.",
        "satisfied": "Respecté par «\u00a0{event}\u00a0» le {when}.",
        "stopped": "Le délai a cessé de courir avec «\u00a0{event}\u00a0» le {when}.",
        "restarted": "Le délai a recommencé à courir avec «\u00a0{event}\u00a0» le {when}.",
        "waited": "La personne n'était pas détenue lors de «\u00a0{event}\u00a0» du {when}\u00a0: "
        "le délai court depuis son placement en détention.",
        "waited_fixed": "La personne n'était pas détenue alors\u00a0: le délai court depuis "
        "«\u00a0{event}\u00a0» du {when}.",
    },
}
# The penalties in plain words: the bound the engine takes, said as what it is.
PLAIN_PENALTIES = {
    "en": {**PENALTIES["en"], "possible": ("the lowest penalty for the offence", "")},
    "es": {**PENALTIES["es"], "possible": ("la pena más baja prevista para el delito", "")},
    "pt": {**PENALTIES["pt"], "possible": ("a pena mínima prevista para o crime", "")},
    "fr": {**PENALTIES["fr"], "possible": ("la peine la plus basse encourue", "")},
}


def singular(lang: Lang, n: int) -> bool:
    """Whether a count takes the singular: one in English, Spanish and Portuguese; zero
    and one in French ("0 jour", "1 jour", "2 jours")."""
    return n < 2 if lang == "fr" else n == 1


def joined(lang: Lang, preposition: str, phrase: str) -> str:
    """``preposition`` before ``phrase``, contracted with its article where the language
    does so ("de" + "a pena cominada" is "da pena cominada" in Portuguese)."""
    article, _, rest = phrase.partition(" ")
    contracted = CONTRACTIONS.get(lang, {}).get((preposition, article))
    return f"{contracted} {rest}" if contracted and rest else f"{preposition} {phrase}"


def sentence(d: ComputedDeadline, lang: str, labels: Labels) -> str:
    """The whole explanation: what is due when, under which law, counted from what, in
    ``lang`` when this module writes it and in English otherwise (``language``)."""
    assert d.rule is not None, "a deadline explains itself with the rule it came from"
    rule, written = d.rule, language(lang)
    w = WORDS[written]
    text = Text(written, labels, moments=rule.counting == "continuous", tz=d.due_at.tzinfo)
    head = w["due"].format(label=rule_label(rule, written), when=text.due(d))
    first = w["sentence"].format(
        head=head, law=rule_law(rule, written), counted=text.counted_from(d)
    )
    return w["then"].join([first, *text.clauses(d)]) + "."


def plain(d: ComputedDeadline, lang: str, labels: Labels) -> tuple[str, ...]:
    """The deadline for the person held and their family: short sentences, the date
    first (in the rule's ``plain`` words, else "label: date"), then what it is counted
    from, what moved, capped, suspended, met or stopped it, and whether it is a legal
    limit at all; the legal source is left to the reader's page, cited once."""
    assert d.rule is not None, "a deadline explains itself with the rule it came from"
    rule, written = d.rule, language(lang)
    text = Text(written, labels, moments=rule.counting == "continuous", tz=d.due_at.tzinfo)
    text.w, text.penalties = {**WORDS[written], **PLAIN[written]}, PLAIN_PENALTIES[written]
    when = text.due(d)
    own = (rule.plain or {}).get(written)
    head = (
        own.format(when=when)
        if own
        else text.w["head"].format(label=rule_label(rule, written), when=when)
    )
    return (head, text.counted_from(d), *text.clauses(d), *_plain_policy(rule, written))


def _plain_policy(rule: Deadline, lang: Lang) -> list[str]:
    """That a policy rule is the court's own target, not law, said plainly."""
    if rule.law.flag != "policy":
        return []
    says = (rule.law.says or {}).get(lang)
    return [PLAIN[lang]["says"].format(says=says) if says else PLAIN[lang]["policy"]]


def _open(d: ComputedDeadline) -> bool:
    """Still running: a limit that was not worked out matters to the reader only then
    (the plain words leave it out of a deadline already met or stopped)."""
    return d.satisfied_at is None and d.stopped_at is None


def rule_label(rule: Deadline, lang: Lang) -> str:
    label = rule.label or {}
    return label.get(lang) or label.get("en") or rule.id


def rule_law(rule: Deadline, lang: Lang) -> str:
    law = rule.law
    cited = cite_law(law, lang)
    if law.flag == "policy":
        says = (law.says or {}).get(lang)
        if says:
            return WORDS[lang]["says"].format(says=says, law=law_name(law, lang))
        return WORDS[lang]["policy"].format(law=cited)
    flag = WORDS[lang]["to_confirm"] if law.flag == "P" else ""
    return f"{cited}{flag}"


class Text:
    """The pieces of a sentence in one language, with dates in the court's time zone."""

    def __init__(self, lang: Lang, labels: Labels, *, moments: bool, tz: dt.tzinfo | None) -> None:
        self.lang, self.labels, self.moments, self.tz = lang, labels, moments, tz
        self.w: Mapping[str, str] = WORDS[lang]
        self.penalties: Mapping[str, tuple[str, str]] = PENALTIES[lang]

    def day(self, day: dt.date) -> str:
        month = MONTHS[self.lang][day.month - 1]
        d = FIRST_OF_THE_MONTH.get(self.lang, "1") if day.day == 1 else str(day.day)
        return self.w["day"].format(d=d, month=month, y=day.year)

    def moment(self, moment: dt.datetime, *, with_time: bool = True) -> str:
        local = moment.astimezone(self.tz)
        if not with_time:
            return self.day(local.date())
        at = self.w.get("at_one", self.w["at"]) if local.hour < 2 else self.w["at"]
        return at.format(day=self.day(local.date()), time=f"{local:%H:%M}")

    def event(self, event_type: str) -> str:
        label = self.labels.get(event_type, {})
        return label.get(self.lang) or label.get("en") or event_type

    def duration(
        self, duration: Duration, months: int | None = None, born: dt.date | None = None
    ) -> str:
        if duration.age is not None:
            if born is None:
                return self.w["age_unknown"].format(n=duration.age)
            return self.w["age"].format(n=duration.age, born=self.day(born))
        if duration.penalty is None:
            return self._count(duration.amount, duration.unit)
        phrase, about = self.penalties[duration.penalty]
        details = [x for x in (about, months and self._count(months, "months")) if x]
        text = f"{phrase} ({', '.join(details)})" if details else phrase
        share = Fraction(duration.fraction or 1).limit_denominator(100)
        if share == 1:
            return text
        of_penalty = joined(self.lang, "de", text)
        return self.w["share"].format(share=share, penalty=text, of_penalty=of_penalty)

    def _count(self, n: int, unit: str) -> str:
        one, many = UNITS[self.lang][unit]
        return f"{n} {one if singular(self.lang, n) else many}"

    def due(self, d: ComputedDeadline) -> str:
        return self.moment(d.due_at) if self.moments else self.day(d.due_on)

    def counted_from(self, d: ComputedDeadline) -> str:
        assert d.rule is not None
        months = d.penalty_months if not d.capped else None
        when = self.moment(d.start, with_time=self.moments)
        restarted = d.start_type in d.rule.restarted_by  # counted again from a request
        which = "every" if d.cycle > 0 and not restarted else "from"
        if d.rule.duration.age is not None:
            which = "age_from"
        event = d.start_type
        if d.ordered_until is not None:  # the order's own date, not a duration from it
            which = "fixed"
            if d.waited is not None:  # the order, not the arrest that carried it out
                event = d.waited.type
                when = self.moment(d.waited.occurred_at, with_time=self.moments)
        return self.w[which].format(
            dur=self.duration(d.rule.duration, months, d.born),
            event=self.event(event),
            when=when,
        )

    def clauses(self, d: ComputedDeadline) -> list[str]:
        """What delayed, moved, capped, suspended, met or stopped this deadline, in that
        order."""
        return [
            *self._waited(d),
            *self._extension(d),
            *self._not_counted_extensions(d),
            *self._cap(d),
            *self._time_not_counted(d),
            *self._rolled(d),
            *self._closed(d),
        ]

    def _waited(self, d: ComputedDeadline) -> list[str]:
        """That the start found the person not in custody, so the clock runs from the
        fact that took them into custody (``waits_for_custody``)."""
        if d.waited is None:
            return []
        if d.ordered_until is not None:  # the order's day is stated: say where it runs from
            when = self.moment(d.start, with_time=self.moments)
            return [self.w["waited_fixed"].format(event=self.event(d.start_type), when=when)]
        when = self.moment(d.waited.occurred_at, with_time=self.moments)
        return [self.w["waited"].format(event=self.event(d.waited.type), when=when)]

    def _extension(self, d: ComputedDeadline) -> list[str]:
        ext = d.extension
        if ext is None:
            return []
        when = self.moment(ext.occurred_at, with_time=False)
        if ext is d.extension_beyond and d.rule is not None and d.extension_limit is not None:
            # the judge's day is past what the law admits: said, and counted to the limit
            most = d.rule.extended_at_most
            assert most is not None
            if ext.until is not None:
                gave = self.day(ext.until)
            else:
                assert ext.adds is not None
                gave = self.duration(ext.adds)
            return [
                self.w["extension_beyond"].format(
                    day=gave,
                    event=self.event(ext.type),
                    when=when,
                    id=ext.id[-1] if isinstance(ext.id, tuple) else ext.id,
                    dur=self.duration(most),
                    law=rule_law(d.rule, self.lang),
                    limit=self.day(d.extension_limit),
                )
            ]
        if ext.until is not None:
            # a new computation of the day (the rule's own start, as a sentence's
            # recomputation) moves it, earlier or later: not an extension
            word = (
                "recomputed" if d.rule is not None and ext.type in d.rule.start_types else "until"
            )
            return [
                self.w[word].format(day=self.day(ext.until), event=self.event(ext.type), when=when)
            ]
        assert ext.adds is not None
        return [
            self.w["adds"].format(
                dur=self.duration(ext.adds), event=self.event(ext.type), when=when
            )
        ]

    def _not_counted_extensions(self, d: ComputedDeadline) -> list[str]:
        """Each extension past the number the term admits (``extensions_allowed``): on
        the record, as the judge ordered it, but not counted, and why (the rule's law,
        flagged as the pack flags it)."""
        rule = d.rule
        if rule is None or rule.extensions_allowed is None or not d.not_counted_extensions:
            return []
        one, many = EXTENSIONS[self.lang]
        n = rule.extensions_allowed
        allowed = f"{n} {one if singular(self.lang, n) else many}"
        law = rule_law(rule, self.lang)
        return [
            self.w["not_counted_extension"].format(
                event=self.event(fact.type),
                when=self.moment(fact.occurred_at, with_time=False),
                id=fact.id[-1] if isinstance(fact.id, tuple) else fact.id,
                allowed=allowed,
                law=law,
            )
            for fact in d.not_counted_extensions
        ]

    def _cap(self, d: ComputedDeadline) -> list[str]:
        cap = d.rule.also_ends_at if d.rule is not None else None
        if cap is None:
            return []
        if d.capped:
            dur = self.duration(cap, d.penalty_months, d.born)
            by_dur, of_dur = joined(self.lang, "por", dur), joined(self.lang, "de", dur)
            return [self.w["capped"].format(dur=dur, by_dur=by_dur, of_dur=of_dur)]
        if d.cap_unknown and cap.age is None and (self.w is WORDS[self.lang] or _open(d)):
            dur = self.duration(cap)
            return [self.w["cap_unknown"].format(dur=dur, of_dur=joined(self.lang, "de", dur))]
        return []

    def _time_not_counted(self, d: ComputedDeadline) -> list[str]:
        out = [
            self.w["not_counted"].format(
                a=self.moment(a, with_time=self.moments), b=self.moment(b, with_time=self.moments)
            )
            for a, b in d.not_counted
        ]
        if d.suspended_since is not None:
            out.append(
                self.w["suspended"].format(
                    when=self.moment(d.suspended_since, with_time=self.moments)
                )
            )
        return out

    def _rolled(self, d: ComputedDeadline) -> list[str]:
        return (
            [] if d.rolled_from is None else [self.w["rolled"].format(day=self.day(d.rolled_from))]
        )

    def _closed(self, d: ComputedDeadline) -> list[str]:
        if d.satisfied_at is not None and d.satisfied_type is not None:
            when = self.moment(d.satisfied_at, with_time=self.moments)
            return [self.w["satisfied"].format(event=self.event(d.satisfied_type), when=when)]
        if d.stopped_at is not None and d.stopped_type is not None:
            when = self.moment(d.stopped_at, with_time=self.moments)
            restarted = d.rule is not None and d.stopped_type in d.rule.restarted_by
            word = "restarted" if restarted else "stopped"
            return [self.w[word].format(event=self.event(d.stopped_type), when=when)]
        return []
