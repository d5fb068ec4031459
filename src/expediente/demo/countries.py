"""What the demo needs to know about each country's courts: names, offences of its rule
pack, the words its clerks write, and the events its pack has beyond the baseline.

The law itself is in the rule packs; this is only what makes a synthetic caseload look
like that country's (names, places, facilities, police report numbers)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from expediente.demo import names, names_br


@dataclass(frozen=True)
class Country:
    jurisdiction: str  # the code of the Jurisdiction row; also its rule pack
    name: str
    language: str  # the language participants subscribe in
    names: ModuleType  # FEMALE, MALE, SURNAMES, COMPANIES, PLACES, COURTROOMS
    offence_weights: list[tuple[str, int]]  # offence codes of the pack, common ones first
    custody_likely: frozenset[str]
    police_report: Callable[[random.Random, int], str]
    id_number: Callable[[random.Random], str]
    nationalities: list[tuple[str, int]]
    facilities: list[str]
    juvenile_facilities: list[str]
    grounds: str  # of a detention order
    measures: str  # that replace a detention
    review_lift: str  # why a review lifted a detention
    end_lift: str  # why the end of the case lifted one
    not_held: str  # why a hearing not held is rescheduled
    extends: str  # who extends a detention order's stated term at a review
    legal_victims: frozenset[str] = frozenset()  # offences whose victim may be a company
    no_victim: frozenset[str] = frozenset()  # offences without a personal victim
    vaw: frozenset[str] = frozenset()  # violence against women: a woman victim, protected
    female_victim: frozenset[str] = frozenset()
    child_victim: frozenset[str] = frozenset()
    protected_victim: frozenset[str] = frozenset()
    no_settlement: frozenset[str] = frozenset()
    firearm: frozenset[str] = frozenset()
    # events of the pack beyond the baseline
    hearing_request: bool = False  # Costa Rica: the prosecutor asks for the hearing
    conciliation: bool = False  # Costa Rica: conciliation ends the case
    flagrant_notice: bool = False  # Brazil: the notice of a flagrant arrest


COSTA_RICA = Country(
    jurisdiction="cr",
    name="Costa Rica",
    language="es",
    names=names,
    offence_weights=[
        ("CP-208", 14),
        ("CP-209", 8),
        ("CP-212", 7),
        ("CP-213", 9),
        ("CP-125", 6),
        ("CP-124", 4),
        ("L8589-22", 9),
        ("L8204-58", 10),
        ("L7530-88", 6),
        ("CP-216", 5),
        ("CP-217bis", 2),
        ("CP-195", 3),
        ("CP-228", 3),
        ("CP-111", 2),
        ("CP-112", 1),
        ("L8589-21", 1),
        ("CP-156", 2),
        ("CP-161", 2),
        ("CP-214", 1),
        ("CP-172", 1),
        ("CP-354", 1),
        ("CP-261", 2),
        ("CP-117", 1),
        ("CP-229bis", 1),
        ("CP-215", 1),
    ],
    custody_likely=frozenset(
        {
            "CP-111",
            "CP-112",
            "L8589-21",
            "CP-156",
            "CP-213",
            "L8204-58",
            "CP-215",
            "CP-172",
            "CP-161",
            "CP-214",
        }
    ),
    police_report=lambda rng, year: f"OIJ-{year}-{rng.randint(1000, 99999)}",
    id_number=lambda rng: (
        f"{rng.randint(1, 7)}-{rng.randint(100, 999):04d}-{rng.randint(100, 999):04d}"
    ),
    nationalities=[("CR", 85), ("NI", 9), ("CO", 2), ("VE", 2), ("PA", 2)],
    facilities=["CAI La Reforma", "CAI San Sebastián", "CAI Vilma Curling"],
    juvenile_facilities=["CAI La Reforma", "CAI San Sebastián", "CAI Vilma Curling"],
    grounds="Peligro de fuga y de obstaculización (riesgo procesal acreditado)",
    measures="Presentación periódica e impedimento de salida del país",
    review_lift="Revisión",
    end_lift="Fin del proceso",
    not_held="Audiencia no realizada; se reprograma",
    extends="Juzgado Penal, en la revisión de la prisión preventiva",
    legal_victims=frozenset({"CP-216", "CP-209", "CP-228", "CP-354"}),
    no_victim=frozenset({"L8204-58", "L7530-88", "CP-261"}),
    vaw=frozenset({"L8589-21", "L8589-22"}),
    female_victim=frozenset({"CP-156"}),
    child_victim=frozenset({"CP-161"}),
    protected_victim=frozenset({"CP-156", "CP-161", "CP-172"}),
    no_settlement=frozenset({"L8589-22", "L8589-21", "CP-156"}),
    firearm=frozenset({"CP-213", "CP-111"}),
    hearing_request=True,
    conciliation=True,
)

BRAZIL = Country(
    jurisdiction="br",
    name="Brasil",
    language="pt",
    names=names_br,
    offence_weights=[
        ("CP-155", 20),
        ("CP-157", 14),
        ("CP-155-4", 10),
        ("CP-147", 8),
        ("CP-171-3", 4),
        ("CP-158", 3),
    ],
    custody_likely=frozenset({"CP-157", "CP-158", "CP-155-4"}),
    police_report=lambda rng, year: f"BO {rng.randint(100, 9999)}/{year} - DP Ilhabela",
    id_number=lambda rng: (
        f"{rng.randint(10, 59)}.{rng.randint(0, 999):03d}.{rng.randint(0, 999):03d}-"
        f"{rng.choice('0123456789X')}"
    ),
    nationalities=[("BR", 96), ("PY", 2), ("BO", 1), ("VE", 1)],
    facilities=names_br.FACILITIES,
    juvenile_facilities=names_br.JUVENILE_FACILITIES,
    grounds="Garantia da ordem pública e conveniência da instrução criminal",
    measures="Comparecimento periódico em juízo e proibição de ausentar-se da comarca",
    review_lift="Revisão da prisão preventiva",
    end_lift="Encerramento do processo",
    not_held="Audiência não realizada; redesignada",
    extends="Juízo da vara, na revisão da prisão preventiva",
    legal_victims=frozenset({"CP-171-3", "CP-155-4"}),
    firearm=frozenset({"CP-157"}),
    flagrant_notice=True,
)

COUNTRIES = {c.jurisdiction: c for c in (COSTA_RICA, BRAZIL)}
