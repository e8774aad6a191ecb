"""The kinds of actor and of ACLED event that the event extractor's parts share."""

from __future__ import annotations

ARMED_KINDS = {"rebel", "militia", "paramilitary", "military"}
NON_STATE_ARMED = {"rebel", "militia", "paramilitary"}
# A state and its arms: whose bombs fall from aircraft, who may break up a protest.
STATE_KINDS = {"military", "government", "state"}
FORCES = {"police", "military", "government"}
# Who can be a main event's perpetrator: an armed group, a state's forces or government,
# or a state (ACLED's actor kinds; no civilians, protesters or unknown gunmen).
PERPETRATORS = ARMED_KINDS | STATE_KINDS | {"police"}
# ACLED's sides by sub-event type: a protest's first side is always the protesters (whoever
# they are: workers, students, a lawyers' union), a riot's the rioters, an intervention's
# other side the force that intervened, and violence against civilians is done to
# civilians
PROTESTS = {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
INTERVENTIONS = {"Protest with intervention", "Excessive force against protesters"}
RIOTS = {"Violent demonstration", "Mob violence"}
ON_CIVILIANS = {"Attack", "Abduction/forced disappearance", "Sexual violence"}
UNARMED = {None, "media", "ngo"}  # kinds of victim ACLED counts as civilians
VAGUE = {None, "civilians", "unidentified"}  # sides a bracket after them may name better
# violence whose toll a later sentence may tell without saying who did it
VIOLENCE = {
    "Armed clash", "Attack", "Air/drone strike", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Mob violence",
    "Violent demonstration", "Excessive force against protesters",
}  # fmt: skip
