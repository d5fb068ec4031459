"""What the accused's side sees of a victim or a witness, told to her on her own page, as
the rule pack's disclosure rules decide it for this case (``access/disclosure.py``), not
as a fixed sentence: whether the accused sees her name, her initials, a pseudonym or
nothing, and what they see of a petition she files.

What they see of a petition is what the portal shows every participant of an entry of
the record: the timeline's ``petition.filed`` lines (``portal/petition_lines.py``: the
kind of petition and how it was filed, not its text, which is a protected field of the
pack and hidden from participants by the rule ``participants``), and the outcome of the
decision, never its reasons (``petition_reasons``: the petitioner and her counsel only).
The tests read the accused's own page of the same case to check it
(``tests/portal/test_a_victim_is_told_what_the_other_side_sees.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from expediente.access.disclosure import participant_audience, view_unlogged
from expediente.docket.models import Case, Participation

# Those told: the people the accused's side may fear (MISSION ¶36(c), ¶67).
TOLD = frozenset({"victim", "complainant", "witness"})


@dataclass(frozen=True)
class OtherSide:
    name: str  # whether the accused sees her name, and as what
    petitions: str  # what the other side sees of a petition she files


def other_side_for(*, case: Case, me: Participation) -> OtherSide | None:
    """For a victim or a witness: what the accused sees of her, in the reader's
    language; None for anyone else. Reads the rules without a line in the access log:
    it shows the reader only what others see of herself."""
    if me.role not in TOLD:
        return None
    accused = view_unlogged(participant_audience(participant="", role="accused", actor=None), case)
    level = accused.name_level(me) if accused.visible else "hidden"
    if level == "full":
        name = _(
            "The accused can see your name on their pages of this case. If that puts you "
            "at risk, tell the court: you can ask for protection here."
        )
    elif level == "initials":
        name = _("The accused sees only your initials (%(initials)s), not your name.") % {
            "initials": accused.name(me)
        }
    elif level == "pseudonym":
        name = _("The accused does not see your name: you appear as “%(pseudonym)s”.") % {
            "pseudonym": accused.name(me)
        }
    else:
        name = _("The accused does not see your name.")
    petitions = _(
        "If you ask the court for something, the accused and the accused's lawyer see on "
        "their pages that a petition was filed and of what kind (for example, protection), "
        "and later whether the court granted it, but not what you wrote nor the court's "
        "reasons. The court reads what you write."
    )
    return OtherSide(name=name, petitions=petitions)
