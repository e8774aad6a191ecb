"""The ACLED sub-event type of an event the rules found: the rules' type, refined by the
trained model (``sitroom.models.subevent``) where the codebook splits one kind of violence
by its weapon, and by the codebook's definition for chemical weapons.

The rules decide what they decide well from syntax and actor kinds: who fought whom
(Armed clash against Attack), protests and how they were met. The model decides what words
decide: the weapon of remote violence (shelling, air strike, grenade, suicide bomb, IED),
which the trigger word alone often does not tell ("an attack on the market" may be any of
them). Its probability becomes the event's confidence.
"""

from __future__ import annotations

import re

# The violence whose weapon the model may name (ACLED: Battles, Explosions/Remote
# violence, Violence against civilians).
VIOLENT = frozenset(
    {"Attack", "Armed clash", "Remote explosive/landmine/IED", "Air/drone strike",
     "Shelling/artillery/missile attack", "Suicide bomb", "Grenade"}
)  # fmt: skip
# ACLED's Explosions/Remote violence types the model may choose among.
REMOTE = frozenset(
    {"Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb",
     "Remote explosive/landmine/IED", "Grenade"}
)  # fmt: skip
# The model must be at least this sure to change the rules' type.
REFINE_MIN = 0.5
# Codebook: chemical weapons are "the use of chemical weapons in warfare"; news names them
# by the agent or as a chemical attack or weapon.
CHEMICAL = re.compile(
    r"\b(chemical (attack|weapon|weapons|agent|agents|munitions?)|chlorine|sarin|mustard gas"
    r"|nerve agent|toxic gas|poison gas|gas attacks?)\b",
    re.IGNORECASE,
)


# Codebook: barrel bombs are dropped from helicopters and aircraft, whatever else the
# sentence says of bombs ("a barrel bomb attack" is an air strike, not an IED).
AIR_DROPPED = re.compile(r"\bbarrel[- ]bomb(s|ing|ings)?\b", re.IGNORECASE)


def sub_event(rule_type: str, text: str) -> tuple[str, float | None]:
    """The sub-event type of violence ``rule_type`` told in ``text``, and the model's
    probability for it (None when the model was not asked)."""
    if rule_type not in VIOLENT:
        return rule_type, None
    if CHEMICAL.search(text):
        return "Chemical weapon", None
    if AIR_DROPPED.search(text):
        return "Air/drone strike", None
    from sitroom.models.subevent import load_model

    model = load_model()
    probabilities = model.probabilities(text)
    best = int(probabilities.argmax())
    label, p = model.labels[best], float(probabilities[best])
    if label in REMOTE and label != rule_type and p >= REFINE_MIN:
        return label, p
    if rule_type in model.labels:
        return rule_type, float(probabilities[model.labels.index(rule_type)])
    return rule_type, None
