"""The roles of the professionals a case names, one set per meaning.

Several parts of the portal and of the notifications ask "is this participation a
lawyer's?", and they do not all mean the same lawyers. Each meaning has one set here,
named for what it means; a module that needs one imports it (no copies):

- ``DEFENCE_ROLES``: counsel acting for an accused, private or public (the docket's own
  ``docket.counsel.COUNSEL_ROLES``, the roles a ``participant.acts_for`` entry names);
- ``LAWYER_ROLES``: counsel acting for clients, the defence and a victim's lawyer (whom
  the portal addresses as acting for a client: ``portal/addressing.py``);
- ``PROSECUTION_ROLES``: the prosecution, a party to the case that acts for no client
  (it brings the public action): it follows its cases from /my/ as the lawyers do, reads
  the whole record as the rules say (``disclosure`` rule ``prosecution_party``) and files
  no petition through the portal (``petitions/offer.py``);
- ``PROFESSIONAL_ROLES``: the lawyers and the prosecution together: the readers "Who
  viewed my case" names as professionals (``portal/who_viewed.py``);
- ``OFFICE_ROLES``: everyone the case names because of their office (the professionals,
  the judge, an interpreter, an expert): the prosecution's table of the people in the
  record lists the others only, the people of the facts (``portal/case_view._record``).
"""

from __future__ import annotations

from expediente.docket.counsel import COUNSEL_ROLES

VICTIMS_LAWYER = "victim_lawyer"
PROSECUTOR = "prosecutor"

DEFENCE_ROLES: frozenset[str] = COUNSEL_ROLES
LAWYER_ROLES: frozenset[str] = DEFENCE_ROLES | {VICTIMS_LAWYER}
PROSECUTION_ROLES: frozenset[str] = frozenset({PROSECUTOR})
PROFESSIONAL_ROLES: frozenset[str] = LAWYER_ROLES | PROSECUTION_ROLES
OFFICE_ROLES: frozenset[str] = PROFESSIONAL_ROLES | {"judge", "interpreter", "expert"}
